// Time stays linear in the input: for known backtracking traps and for random hostile
// samples, a case ten times larger may take at most ~20 times longer (ratios, never absolute
// times; test/support/linearTime.ts alternates batches so that machine load cancels out).
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { check } from '../../server/src/core/check';
import { loadFactBase } from '../../server/src/core/factBase';
import { findFigures } from '../../server/src/core/figures';
import { assertLinear } from '../support/linearTime';
import { hostileText, runs } from './arbitraries';

const base = loadFactBase([join(__dirname, '..', '..', '..', 'facts')]).base;
const MAX_RATIO = 20;
/**
 * findFigures alone gets the shared helper's 30x: on text that is nothing but tokens ('.....')
 * it allocates a token object per character, and the collector makes 10x such input cost
 * 21-26x (measured); a backtracking scan shows ~100x.
 */
const MAX_RATIO_DENSE = 30;

/**
 * assertLinear, measured again once when it fails: on a loaded 2-core machine the collector or
 * a neighbour can push a linear ratio past 20x once, while a quadratic scan shows ~100x twice.
 */
function linear<T>(label: string, make: (n: number) => T, fn: (input: T) => unknown, n: number, maxRatio = MAX_RATIO): void {
  try {
    assertLinear(label, make, fn, n, maxRatio);
  } catch {
    assertLinear(label, make, fn, n, maxRatio);
  }
}

/** `unit` repeated to at least n characters. */
const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length));

/** Inputs that make naive number and markup scanners backtrack. */
const TRAPS: Record<string, string> = {
  'digits and commas': '1,1,1,,',
  'digits and dots': '1.',
  'dots': '.',
  'spaced and German groups': '1 000 1.000,',
  'repeated qualifiers': 'more than about nearly mehr als rund fast ',
  'qualifiers and figures': 'more than 1 ',
  'number words and scales': 'twenty-one hundred and 1 million billion ',
  'currency and percent signs': 'US$1 1% ',
  'unterminated fences and comments': '```\n1,000\n<!-- 1 `',
  'nested quotes, lists, emphasis and brackets': '> - > 1. **_1_([|1|[1](',
  'years and sentence ends': '2020 1. A. ',
};

for (const [label, unit] of Object.entries(TRAPS)) {
  test(`linear time on ${label}`, () => {
    linear(`findFigures on ${label}`, repeat(unit), (text) => [findFigures(text, 'en'), findFigures(text, 'de')], 5_000, MAX_RATIO_DENSE);
    linear(`check on ${label}`, repeat(unit), (text) => check(text, base, { format: 'markdown' }), 2_000);
  });
}

test('linear time on random hostile samples, as paragraphs and as one long paragraph', () => {
  const samples = fc.sample(hostileText.filter((t) => t.length >= 50), { numRuns: Math.max(2, Math.floor(runs(300) / 100)), seed: 42 });
  for (const sample of samples) {
    // Numbering the copies keeps repeated paragraphs from being checked once and reused.
    const copies = (n: number) => {
      const parts: string[] = [];
      for (let i = 0, len = 0; len < n; i++) {
        const part = `${sample} ${i}\n\n`;
        parts.push(part);
        len += part.length;
      }
      return parts.join('');
    };
    const flat = (n: number) => copies(n).replace(/\n/g, ' ');
    const name = JSON.stringify(sample.slice(0, 40));
    linear(`check on copies of ${name}`, copies, (text) => check(text, base, { format: 'markdown' }), 2_000);
    linear(`check on one paragraph of ${name}`, flat, (text) => check(text, base, { format: 'plaintext' }), 2_000);
  }
});
