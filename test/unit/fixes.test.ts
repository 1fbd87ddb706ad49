// Fix edits and hover text for checked claims, against the shipped fact base.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../server/src/core/check';
import { whenText } from '../../server/src/core/cite';
import { explainClaim, escapeMarkdown, timeline } from '../../server/src/core/explain';
import { loadFactBase, shippedFactsDir } from '../../server/src/core/factBase';
import { applyEdits, fixAll, fixesFor, formatObservation, insertionEdits, periodPhrase, type DocFormat } from '../../server/src/core/fixes';
import type { Location, Metric, Observation } from '../../server/src/core/types';

const { base } = loadFactBase([shippedFactsDir()]);
const FORTUNE = 'chongqing.fortune-global-500-companies';

function fixed(text: string, format: DocFormat): Record<string, string> {
  const [claim] = check(text, base, { format }).claims;
  return Object.fromEntries(fixesFor(text, claim, base, format).map((f) => [f.kind, applyEdits(text, f.edits)]));
}

test('outdated figure in Markdown: update, update and cite (footnote), add period, ignore', () => {
  const text = 'Chongqing has 293 Fortune 500 companies.\n';
  const out = fixed(text, 'markdown');
  assert.deepEqual(Object.keys(out), ['update', 'updateAndCite', 'addPeriod', 'ignore']);
  assert.equal(out.update, 'Chongqing has 322 Fortune 500 companies.\n');
  assert.equal(
    out.updateAndCite.split('\n\n')[0],
    'Chongqing has 322[^factlint-asiacity-chongqing-8753-foreign-invested-enterprises] Fortune 500 companies.',
  );
  assert.match(out.updateAndCite.split('\n\n')[1], /^\[\^factlint-asiacity-chongqing-8753-foreign-invested-enterprises\]: asiacity\.news, "Chongqing has established 8,753 foreign-invested enterprises, becoming a major driver of local economic growth", c\. 2025\. <https:\/\/asiacity\.news\/.+>\n$/);
  assert.equal(out.addPeriod, 'Chongqing has 293 Fortune 500 companies (as of 2020).\n');
  assert.equal(out.ignore, 'Chongqing has 293 Fortune 500 companies. <!-- factlint-disable-line -->\n');
  // Each fix leaves no outdated finding behind.
  assert.equal(check(out.addPeriod, base).claims[0].verdict.kind, 'historical');
  for (const kind of ['update', 'updateAndCite', 'ignore']) {
    const after = check(out[kind], base, { format: 'markdown' }).claims.filter((c) => c.verdict.kind === 'outdated' && !c.suppressed);
    assert.deepEqual(after, [], kind);
  }
});

test('plain text cites in parentheses and has no disable comments', () => {
  const out = fixed('Chongqing has 293 Fortune 500 companies.', 'plaintext');
  assert.deepEqual(Object.keys(out), ['update', 'updateAndCite', 'addPeriod']);
  assert.equal(out.updateAndCite, 'Chongqing has 322 (asiacity.news, 2025) Fortune 500 companies.');
});

test('German drafts: German period words and the German edition cited', () => {
  const text = 'In Chongqing sind 293 Fortune-500-Unternehmen vertreten.\n';
  const out = fixed(text, 'markdown');
  assert.equal(out.addPeriod, 'In Chongqing sind 293 Fortune-500-Unternehmen vertreten (Stand 2020).\n');
  assert.match(out.updateAndCite, /^In Chongqing sind 322\[\^factlint-asiacity-chongqing-8753-foreign-invested-enterprises-de\] /);
});

test('fix-all updates outdated figures only, not suppressed ones', () => {
  const text = 'Chongqing has 293 Fortune 500 companies.\n\nChongqing has 293 Fortune 500 companies. <!-- factlint-disable-line -->\n\nIn 2020 there were 300 Fortune Global 500 companies.\n';
  const edits = fixAll(check(text, base, { format: 'markdown' }).claims);
  assert.equal(applyEdits(text, edits), text.replace('293', '322'));
});

test('verified figures have no fixes', () => {
  const text = 'Chongqing has 322 Fortune 500 companies.';
  const [claim] = check(text, base).claims;
  assert.equal(claim.verdict.kind, 'verified');
  assert.deepEqual(fixesFor(text, claim, base, 'markdown'), []);
});

test('applyEdits refuses overlapping edits', () => {
  assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), /overlapping edits at offset 2/);
});

const loc: Location = { file: 'f.yaml', line: 0, character: 0, endLine: 0, endCharacter: 0 };
function obs(value: number, start: string, end: string, extra: Partial<Observation> = {}): Observation {
  return { metricId: 'm', index: 0, value, when: { start, end }, whenLabel: end, whenEstimated: false, expectation: false, sources: ['s'], quote: 'q', location: loc, ...extra };
}
function metric(unit: string): Metric {
  return { id: 'm', subject: 'x', measure: { en: 'm' }, unit, cues: { en: [], de: [] }, observations: [], location: loc };
}

test('figures written afresh (completion, insert figure) in English and German', () => {
  const money = obs(32_080_000_000, '2016-01-01', '2020-12-31');
  assert.equal(formatObservation(metric('USD'), money, 'en'), 'US$32.08 billion');
  assert.equal(formatObservation(metric('USD'), money, 'de'), '32,08 Milliarden US-Dollar');
  assert.equal(formatObservation(metric('CNY'), obs(917_480_000_000, '2020-01-01', '2020-08-31'), 'en'), '917.48 billion yuan');
  assert.equal(formatObservation(metric('count'), obs(8753, '2025-01-01', '2025-12-31'), 'en'), '8,753');
  assert.equal(formatObservation(metric('count'), obs(8753, '2025-01-01', '2025-12-31'), 'de'), '8.753');
  const about = obs(50, '2025-01-01', '2025-12-31', { qualifier: { text: 'approximately', approx: 'about' } });
  assert.equal(formatObservation(metric('percent'), about, 'en'), 'approximately 50%');
  assert.equal(formatObservation(metric('percent'), about, 'de'), 'rund 50 %');
  assert.equal(formatObservation(metric('rank'), obs(3, '2021-01-01', '2021-12-31'), 'en'), '3rd');
  assert.equal(periodPhrase(money, 'en'), '2016–2020');
  assert.equal(periodPhrase(obs(1, '2020-12-31', '2020-12-31'), 'de'), 'Stand 2020');
});

test('insertionEdits: figure and citation at the cursor, the footnote definition once', () => {
  const m = base.metrics.get(FORTUNE)!;
  const latest = timeline(m.observations).at(-1)!;
  const text = 'Fortune 500: \n';
  const edits = insertionEdits(text, 13, m, latest, base, 'markdown', 'en');
  assert.equal(applyEdits(text, edits).split('\n\n')[0], 'Fortune 500: 322[^factlint-asiacity-chongqing-8753-foreign-invested-enterprises]');
  const again = applyEdits(text, edits);
  assert.equal(insertionEdits(again, 0, m, latest, base, 'markdown', 'en').length, 1);
});

test('hover text: verdict, metric, sourced value, timeline, quote, source', () => {
  const [claim] = check('Chongqing has 293 Fortune 500 companies.', base).claims;
  const parts = explainClaim(claim, base).split('\n\n');
  assert.equal(parts[0], '**factlint: outdated figure**');
  const [o293, o322] = timeline(base.metrics.get(FORTUNE)!.observations);
  assert.equal(parts[4], `**Timeline:** 293 · ${whenText(o293)} → **322 · ${whenText(o322)}**`);
  assert.equal(escapeMarkdown('a*b_[c]<d>'), 'a\\*b\\_\\[c\\]\\<d\\>');
});
