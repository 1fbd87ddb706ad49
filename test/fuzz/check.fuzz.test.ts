// Fuzz: the whole check (masking, paragraphs, sentences, figures, claims, verdicts) over random
// and mutated drafts with the shipped fact base never throws, reports only ranges inside the
// text, and an editor's incremental checker always agrees with a fresh check.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { check, DocumentChecker } from '../../server/src/core/check';
import { loadFactBase } from '../../server/src/core/factBase';
import type { CheckResult } from '../../server/src/core/types';
import { anyText, mutatedDraft, params } from './arbitraries';

const base = loadFactBase([join(__dirname, '..', '..', '..', 'facts')]).base;
const TODAY = '2026-01-01';
const format = fc.constantFrom<'markdown' | 'plaintext'>('markdown', 'plaintext');
const lang = fc.constantFrom<'auto' | 'en' | 'de'>('auto', 'en', 'de');

function inside(text: string, span: { start: number; end: number }, what: string): void {
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what} ${span.start}-${span.end} inside a text of ${text.length}`);
}

function assertWellFormed(text: string, r: CheckResult): void {
  for (const p of r.paragraphs) inside(text, p, 'paragraph');
  for (const f of r.figures) {
    inside(text, f, 'figure');
    assert.equal(text.slice(f.start, f.end), f.text, 'figure text round-trips');
  }
  for (const { claim, verdict } of r.claims) {
    inside(text, claim.figure, 'claimed figure');
    assert.equal(text.slice(claim.figure.start, claim.figure.end), claim.figure.text, 'claimed figure text round-trips');
    inside(text, claim.cue, 'cue');
    inside(text, claim.sentence, 'sentence');
    assert.ok(claim.sentence.start <= claim.figure.start && claim.figure.end <= claim.sentence.end, 'the figure lies in its sentence');
    if (claim.time) inside(text, claim.time, 'time mention');
    assert.ok(verdict.message.length > 0, 'every verdict says something');
  }
}

/** What a reader sees of a result: where each claim is, what it claims, and the verdict. */
function brief(r: CheckResult): string[] {
  return r.claims.map(({ claim, verdict, suppressed }) => `${claim.figure.start}-${claim.figure.end} ${claim.metric.id} ${verdict.kind} ${suppressed ? 's' : ''} ${verdict.message}`);
}

test('check: never throws and every reported range lies inside the text', () => {
  fc.assert(
    fc.property(anyText, format, lang, (text, fmt, l) => assertWellFormed(text, check(text, base, { format: fmt, lang: l, today: TODAY }))),
    params(400),
  );
});

test('check: an incremental checker fed successive edits agrees with a fresh check of each version', () => {
  fc.assert(
    fc.property(fc.array(mutatedDraft, { minLength: 2, maxLength: 6 }), format, (versions, fmt) => {
      const checker = new DocumentChecker(base);
      for (const text of versions) {
        const incremental = checker.check(text, { format: fmt, today: TODAY });
        assertWellFormed(text, incremental);
        assert.deepEqual(brief(incremental), brief(check(text, base, { format: fmt, today: TODAY })));
      }
    }),
    params(150),
  );
});

// Keystroke-sized edits, as an editor sends them: the checker reuses the paragraphs the edit
// did not touch, so every kind of small change (inside a word, a space, a line break, markup,
// a subject's name, a language's function words) must leave it agreeing with a fresh check.
const SNIPPETS = ['x', '7', ' ', '\n', '\n\n', '.', ',', '`', '#', '- ', '[', '](', ')', '<!--', '-->', 'Chongqing ', 'Chengdu ', 'the ', 'der ', 'und ', '322', '8,753 ', 'foreign-invested enterprises ', 'in 2020 ', 'factlint-disable-line',
  // Whole paragraphs of one language, and cuts of whole blocks (below): enough to change the
  // document's language, which short paragraphs whose text stayed the same then take.
  '\n\nDie Zahl der Firmen ist in der Stadt und in der Region seit dem Jahr gestiegen, wie die Behörde mitteilte, und sie wird weiter steigen, da die Stadt es so will.\n\n',
  '\n\nThe number of the firms in the city and in the region has risen since the year, as the office said, and it will rise further, as the city wants it to.\n\n'];
const edit = fc.record({ at: fc.nat(), remove: fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: 3000 })), insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')) });

test('check: an incremental checker fed keystroke-sized edits agrees with a fresh check after each one', () => {
  fc.assert(
    fc.property(mutatedDraft, fc.array(edit, { minLength: 1, maxLength: 25 }), format, lang, (start, edits, fmt, l) => {
      const checker = new DocumentChecker(base);
      let text = start;
      checker.check(text, { format: fmt, lang: l, today: TODAY });
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        // Everything, field by field: results reused from the last version are moved, not recomputed.
        assert.deepEqual(checker.check(text, { format: fmt, lang: l, today: TODAY }), check(text, base, { format: fmt, lang: l, today: TODAY }));
      }
    }),
    params(150),
  );
});

test('check in steps: the same result as the check in one go', () => {
  fc.assert(
    fc.property(mutatedDraft, format, (text, fmt) => {
      const steps = new DocumentChecker(base).checkSteps(text, { format: fmt, today: TODAY });
      let step = steps.next();
      while (!step.done) step = steps.next();
      assert.deepEqual(brief(step.value), brief(check(text, base, { format: fmt, today: TODAY })));
    }),
    params(100),
  );
});
