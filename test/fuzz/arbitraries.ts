// Generators of hostile text for the fuzz tests, and the run budget. `npm test` runs a small
// number of cases per target; FACTLINT_FUZZ_RUNS=100000 runs a long campaign, and
// FACTLINT_FUZZ_SEED replays a reported failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const ROOT = join(__dirname, '..', '..', '..');

/** Cases per target: the default keeps the suite fast; the environment variable scales it up. */
export function runs(defaultRuns: number): number {
  const n = Number(process.env.FACTLINT_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
}

/** fast-check parameters for a target: its run count, and a fixed seed when one is given to replay. */
export function params(defaultRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FACTLINT_FUZZ_SEED);
  return { numRuns: runs(defaultRuns), ...(Number.isInteger(seed) ? { seed } : {}) };
}

/** The drafts the project ships for its own tests: realistic text to mutate. */
export const DRAFTS: readonly string[] = ['draft-en.md', 'draft-de.md', 'draft.txt'].map((f) => readFileSync(join(ROOT, 'test', 'fixtures', 'lsp', f), 'utf8'));

/** Pieces that the scanners treat specially: digits and separators, qualifiers, scales, units, markup. */
const PIECES = [
  '0', '1', '9', '12', '1,000', '1.000', '1 000', '1\u00a0000', '1\u202f000', "1'000", '3.5', '3,5', ',', '.', '..', '...', '-', '–', '—', '/', ':', '%', '‰', '$', 'US$', '€', 'EUR', '¥',
  'million', 'billion', 'Mio.', 'Mrd.', 'tausend', 'thousand', 'k', 'M', 'bn', 'more than ', 'over ', 'about ', 'rund ', 'mehr als ', 'fast ', 'nearly ', 'up to ',
  'one', 'twenty-one', 'einundzwanzig', 'half', 'a third', 'zwei Drittel', 'fifth', 'ranked ', 'times', 'percent', 'Prozent', 'in 2020', 'im Jahr 2019', 'Q3 2021', 'end of 2020',
  'Chongqing', 'Fortune 500 companies', 'foreign-invested enterprises', 'GDP', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r',
  '# ', '## ', '> ', '>> ', '- ', '* ', '1. ', '```', '```js\n', '~~~', '`', '**', '_', '[', ']', '(', ')', '![', '](', '<!--', '-->', '<b>', '</b>', '|', '|---|', '---\n', '\\',
  '<!-- factlint-disable -->', '<!-- factlint-enable -->', 'http://x.example/1,000', '@', '#1', '№', '²', '½', '٣', '۳', '३', '๓', '一', '万', '億', 'ä', 'ß', 'é', 'ı', 'İ',
  '😀', '👩‍👩‍👧', '\u200b', '\u200d', '\ufeff', '\u0301', '\u202e', '\u0000', '\ud800', '\udc00', '\ufffd',
];

/** Random code points from every Unicode category, lone surrogates included. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

/** Digits with random separators: very long numbers, grouped oddly or not at all. */
const digitsWithSeparators = fc
  .array(fc.tuple(fc.stringMatching(/^[0-9]{1,6}$/), fc.constantFrom(',', '.', ' ', '\u00a0', "'", '', '_', ',,', '. ')), { minLength: 1, maxLength: 60 })
  .map((parts) => parts.map(([d, s]) => d + s).join(''));

/** A piece of hostile text: a special piece, random units, digit runs, or many repeats of a piece. */
const chunk = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: anyUnit, maxLength: 12 }) },
  { weight: 2, arbitrary: digitsWithSeparators },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 2, max: 300 })).map(([p, n]) => p.repeat(n)) },
);

export const hostileText: fc.Arbitrary<string> = fc.array(chunk, { maxLength: 80 }).map((parts) => parts.join(''));

/** A shipped draft with random insertions, deletions and replacements of hostile pieces. */
export const mutatedDraft: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...DRAFTS), fc.array(fc.tuple(fc.nat(), fc.nat(40), chunk), { minLength: 1, maxLength: 12 }))
  .map(([draft, edits]) => {
    let text = draft;
    for (const [at, del, insert] of edits) {
      const start = at % (text.length + 1);
      text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + del));
    }
    return text;
  });

export const anyText: fc.Arbitrary<string> = fc.oneof(hostileText, mutatedDraft, fc.string({ unit: anyUnit, maxLength: 200 }));
