// factlint in the real VS Code workbench, used as a writer would: open a draft, read the
// Problems panel and the squiggles, hover a figure, apply a quick fix, edit a fact file.
// Runs against the .vsix named by FACTLINT_VSIX (default: the one `npm run package` makes).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot, startWorkbench } from './harness.mjs';
import * as wb from './workbench.mjs';

const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
const vsix = process.env.FACTLINT_VSIX ?? join(repoRoot, `factlint-${version}.vsix`);

const cli = join(repoRoot, 'dist', 'cli.js');
const severityLabel = { error: 'Error', warning: 'Warning', information: 'Info' };
const squiggleClass = { error: 'error', warning: 'warning', information: 'info' };

/**
 * What the editor should show for a workspace file, from factlint's own CLI (same build as
 * the .vsix) run on the file and the fact base as saved: the problems' Problems-panel label
 * prefixes ("Warning: 293 is outdated: …") and squiggle classes.
 */
function expectedProblems(workspace, path) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'check', '--facts', join(workspace, 'facts'), '--format', 'json', join(workspace, path)],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        // Exit code 1 means "problems found".
        if (error && error.code !== 1) return reject(new Error(`factlint check failed: ${stderr || error.message}`));
        const claims = JSON.parse(stdout).files.flatMap((file) => file.claims).filter((claim) => claim.severity);
        resolve(claims.map((claim) => ({ label: `${severityLabel[claim.severity]}: ${claim.message}`, squiggle: squiggleClass[claim.severity] })));
      },
    );
  });
}

/** Asserts that the panel's labels are exactly the expected problems, in any order. */
function assertSameProblems(labels, expected) {
  const message = `Problems panel:\n${labels.join('\n')}\nexpected:\n${expected.map((p) => p.label).join('\n')}`;
  assert.equal(labels.length, expected.length, message);
  for (const { label } of expected) assert.ok(labels.some((shown) => shown.startsWith(`${label} at line`)), message);
}

/** The running factlint-ls started by the extension (Linux /proc): pid, parent and arguments. */
async function languageServerProcess() {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0');
      if (!argv.some((a) => a.endsWith(join('dist', 'server.js'))) || !argv.some((a) => a.startsWith('--cache-dir='))) continue;
      // Field 4 of stat, after the parenthesised command name.
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      return { pid: Number(name), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), argv };
    } catch {
      // A process that ended meanwhile.
    }
  }
  return undefined;
}

/** Names of a process's environment variables. */
async function environ(pid) {
  return (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').map((entry) => entry.slice(0, entry.indexOf('=')));
}

/** The source the latest Fortune Global 500 and foreign-invested-enterprise figures cite. */
const asiacityTitle = 'Chongqing has established 8,753 foreign-invested enterprises';

describe('factlint in the VS Code workbench (code-server)', { timeout: 15 * 60_000 }, () => {
  let workbench;
  let page;
  /** The English draft's problems before any fix. */
  let enProblems = [];

  before(async () => {
    workbench = await startWorkbench({ vsix, log: (line) => console.log(`# ${line}`) });
    page = workbench.page;
    await wb.waitForWorkbench(page);
  });

  after(async () => {
    await workbench?.stop();
  });

  /** A test body that leaves a screenshot behind when it fails, to see what the writer saw. */
  function step(name, body) {
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        await wb.screenshot(page, `failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
        throw error;
      }
    });
  }

  step('an English draft shows its problems in the Problems panel and squiggles in the editor', async () => {
    const expected = await expectedProblems(workbench.workspace, 'examples/draft-en.md');
    assert.ok(expected.some(({ label }) => /^Warning: 293 is outdated.*\b322\b/.test(label)), 'the CLI no longer calls 293 outdated');
    assert.ok(expected.some(({ label }) => /^Error: 5,510 .*\b5,105\b/.test(label)), 'the CLI no longer flags 5,510');
    await wb.openFile(page, 'examples/draft-en.md');
    const problems = await wb.waitForProblemCount(page, 'examples/draft-en.md', expected.length);
    assertSameProblems(problems, expected);
    assert.ok(problems.every((label) => label.endsWith('generated by factlint')), problems.join('\n'));
    await page.waitForFunction(
      (count) => document.querySelectorAll('.editor-group-container.active .view-overlays [class*="squiggly-"]').length >= count,
      expected.length,
    );
    assert.deepEqual((await wb.squiggles(page)).sort(), expected.map((p) => p.squiggle).sort());
    await wb.screenshot(page, 'en-diagnostics');
    enProblems = expected;
  });

  step('the language server runs without NODE_EXTRA_CA_CERTS and keeps its code cache in the extension storage', async () => {
    const server = await languageServerProcess();
    assert.ok(server, 'no factlint-ls process with --cache-dir');
    assert.ok((await environ(server.ppid)).includes('NODE_EXTRA_CA_CERTS'), 'the extension host has the certificate bundle to leave out');
    assert.ok(!(await environ(server.pid)).includes('NODE_EXTRA_CA_CERTS'), 'the server was started with NODE_EXTRA_CA_CERTS');
    const cacheDir = server.argv.find((a) => a.startsWith('--cache-dir=')).slice('--cache-dir='.length);
    assert.ok(cacheDir.startsWith(join(workbench.userDataDir, 'User', 'globalStorage')), cacheDir);
    // Kept once the server's start has settled, just after its first diagnostics.
    let kept = [];
    for (let waited = 0; kept.length === 0 && waited < 30_000; waited += 250) {
      kept = (await readdir(cacheDir).catch(() => [])).filter((name) => /^code-.*\.v8$/.test(name));
      if (kept.length === 0) await sleep(250);
    }
    assert.equal(kept.length, 1, `code cache in ${cacheDir}`);
  });

  step('hovering the outdated 293 shows the sourced figure, its date and its source', async () => {
    const hover = await wb.hoverText(page, 'Fortune 500 companies have', '293', asiacityTitle);
    assert.match(hover, /Sourced: 322\b/);
    assert.match(hover, /2025/);
    assert.match(hover, /asiacity\.news/);
    assert.ok(hover.includes(asiacityTitle), hover);
    await wb.screenshot(page, 'en-hover');
    await wb.dismiss(page);
  });

  step('the quick fix updates 293 to the sourced 322 and the problem goes away', async () => {
    const menu = await wb.openQuickFixes(page, 'Fortune 500 companies have', '293');
    const titles = await wb.actionTitles(menu);
    assert.ok(titles.includes('Update to the sourced figure: 322'), titles.join('\n'));
    await wb.screenshot(page, 'en-quick-fix-menu');
    await wb.chooseAction(page, menu, 'Update to the sourced figure: 322');
    await wb.waitForEditorLine(page, /and\s322\sFortune\s500\scompanies\shave/);
    const left = enProblems.filter(({ label }) => !label.startsWith('Warning: 293 is outdated'));
    assertSameProblems(await wb.waitForProblemCount(page, 'examples/draft-en.md', left.length), left);
    await wb.save(page, 'draft-en.md');
    await wb.screenshot(page, 'en-after-fix');
  });

  step('a German draft: 8.573 and 1,71 Milliarden are flagged, hovered and fixed', async () => {
    await wb.openFile(page, 'examples/draft-de.md');
    const expected = await expectedProblems(workbench.workspace, 'examples/draft-de.md');
    const problems = await wb.waitForProblemCount(page, 'examples/draft-de.md', expected.length);
    assertSameProblems(problems, expected);
    const has = (pattern) => problems.some((label) => pattern.test(label));
    assert.ok(has(/^Error: 8\.573 .*\b8\.753\b/), problems.join('\n'));
    // 1,710 billion is 1,71 Billionen (or 1.710 Milliarden), not 1,71 Milliarden.
    assert.ok(has(/^Error: 1,71 Milliarden Yuan .*(1,71 Billionen|1\.710 Milliarden) Yuan/), problems.join('\n'));
    await wb.screenshot(page, 'de-diagnostics');

    const hover = await wb.hoverText(page, 'Unternehmen mit ausländischen', '8.573', asiacityTitle);
    assert.match(hover, /8\.753/);
    assert.match(hover, /2025/);
    await wb.screenshot(page, 'de-hover');
    await wb.dismiss(page);

    let menu = await wb.openQuickFixes(page, 'Unternehmen mit ausländischen', '8.573');
    await wb.chooseAction(page, menu, 'Update to the sourced figure: 8.753');
    await wb.waitForEditorLine(page, /beherbergt\s8\.753\sUnternehmen/);
    await wb.waitForProblemCount(page, 'examples/draft-de.md', expected.length - 1);

    menu = await wb.openQuickFixes(page, 'Kapital von', '1,71');
    await wb.screenshot(page, 'de-quick-fix-menu');
    await wb.chooseAction(page, menu, 'Update to the sourced figure:');
    await wb.waitForEditorLine(page, /Kapital\svon\s(1,71\sBillionen|1\.710\sMilliarden)\sYuan\./);
    const left = expected.filter(({ label }) => !/^Error: (8\.573|1,71 Milliarden)/.test(label));
    assertSameProblems(await wb.waitForProblemCount(page, 'examples/draft-de.md', left.length), left);
    await wb.save(page, 'draft-de.md');
    await wb.screenshot(page, 'de-after-fix');
  });

  step('adding a newer observation to a fact file makes a verified figure outdated, without a reload', async () => {
    await wb.openFile(page, 'examples/draft-en.md');
    const before = await expectedProblems(workbench.workspace, 'examples/draft-en.md');
    assertSameProblems(await wb.waitForProblemCount(page, 'examples/draft-en.md', before.length), before);
    assert.ok(!before.some(({ label }) => label.includes('8,753')), 'the draft\'s 8,753 should be verified before the edit');

    // The writer adds a 2026 figure under the first metric of the fact file and saves.
    const factFile = join(workbench.workspace, 'facts', 'chongqing', 'foreign-investment.yaml');
    const original = await readFile(factFile, 'utf8');
    const anchor = '        locator: paragraph 1\n';
    const metricAt = original.indexOf('id: chongqing.foreign-invested-enterprises\n');
    const anchorAt = original.indexOf(anchor, metricAt);
    assert.ok(metricAt >= 0 && anchorAt > metricAt, 'the fact file no longer has the metric this test edits');
    const line = original.slice(0, anchorAt).split('\n').length;
    const added = [
      '      - value: 9120',
      '        asOf: "2026-06"',
      '        source: ichongqing-2020-12-25-opening-up-platforms',
      '        quote: a newer figure added by the end-to-end test',
    ];
    await wb.openFile(page, 'facts/chongqing/foreign-investment.yaml');
    await wb.goTo(page, line, 1);
    await page.keyboard.press('End');
    await wb.paste(page, `\n${added.join('\n')}`);
    await wb.save(page, 'foreign-investment.yaml');
    const saved = await readFile(factFile, 'utf8');
    const at = anchorAt + anchor.length;
    assert.equal(saved.slice(at, at + added.join('\n').length + 1), `${added.join('\n')}\n`, 'the editor did not save the observation as pasted');
    assert.equal(saved.length, original.length + added.join('\n').length + 1);

    await wb.openFile(page, 'examples/draft-en.md');
    const after = await expectedProblems(workbench.workspace, 'examples/draft-en.md');
    assert.ok(after.some(({ label }) => /^Warning: 8,753 is outdated.*9,120/.test(label)), 'the CLI does not see the new observation');
    await wb.waitForProblem(page, 'examples/draft-en.md', '8,753 is outdated');
    assertSameProblems(await wb.waitForProblemCount(page, 'examples/draft-en.md', after.length), after);
    await wb.screenshot(page, 'en-after-fact-edit');
  });

  step('the edited fact file has no problems', async () => {
    await wb.waitForProblemCount(page, 'facts/chongqing/foreign-investment.yaml', 0).catch(async (error) => {
      const shown = await page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('aria-label')));
      throw new Error(`${error.message}\nfirst problems listed:\n${shown.join('\n')}`);
    });
    await wb.screenshot(page, 'fact-file');
  });
});
