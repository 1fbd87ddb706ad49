// Neovim as an LSP client of factlint-ls: a headless Neovim runs check.lua against the
// bundled server and reports the diagnostics and the hover text it received. Skipped when
// nvim is not installed, except in CI (CI=true), where a missing nvim is a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '..', '..', '..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.error || nvim.status !== 0;
const inCI = process.env.CI === 'true';
const skip = missing && !inCI ? 'nvim is not installed (apt-get install -y neovim); skipped outside CI' : false;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  message: string;
  code: string;
}
interface NvimResult {
  error?: string;
  drafts: Array<{ path: string; diagnostics: NvimDiagnostic[] }>;
  hover?: { kind: string; value: string };
}

test('Neovim receives factlint diagnostics and hover text', { skip, timeout: 90000 }, () => {
  assert.ok(!missing, 'nvim is required in CI (CI=true) but was not found');
  const ws = mkdtempSync(join(tmpdir(), 'factlint-nvim-'));
  try {
    cpSync(join(ROOT, 'test', 'fixtures', 'lsp'), ws, { recursive: true });
    const out = join(ws, 'result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test', 'neovim', 'check.lua')}`], {
      env: {
        ...process.env,
        FACTLINT_SERVER: join(ROOT, 'dist', 'server.js'),
        FACTLINT_ROOT: ws,
        FACTLINT_DRAFTS: [join(ws, 'draft-en.md'), join(ws, 'draft-de.md'), join(ws, 'draft.txt')].join('\n'),
        FACTLINT_HOVER: '2:18',
        FACTLINT_OUT: out,
      },
      encoding: 'utf8',
      timeout: 80000,
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
    assert.equal(result.error, undefined, result.error);

    // Neovim severities: 1 error, 2 warning, 3 info, 4 hint.
    const brief = (i: number) => result.drafts[i].diagnostics.map((d) => `${d.code} ${d.severity} ${d.source} ${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`);
    assert.deepEqual(brief(0), ['outdated-figure 2 factlint 2:17-2:20', 'conflicting-figure 1 factlint 4:21-4:24']);
    assert.deepEqual(brief(1), ['outdated-figure 2 factlint 2:18-2:21']);
    assert.deepEqual(brief(2), ['outdated-figure 2 factlint 0:26-0:29']);
    assert.match(result.drafts[0].diagnostics[0].message, /^293 is outdated: the latest sourced figure for Fortune Global 500 companies with operations in Chongqing is 322 /);
    assert.match(result.drafts[1].diagnostics[0].message, /^293 is outdated/);

    assert.equal(result.hover?.kind, 'markdown');
    const hover = result.hover!.value.split('\n\n');
    assert.equal(hover[0], '**factlint: outdated figure**');
    assert.match(hover[3], /^\*\*Sourced:\*\* 322 · .*2025/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
