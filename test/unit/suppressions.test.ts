// Inline disable comments: which offsets each form covers, and that check() honours them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../server/src/core/check';
import { loadFactBase, shippedFactsDir } from '../../server/src/core/factBase';
import { findSuppressions, isSuppressed } from '../../server/src/core/suppressions';

/** The covered text of each range, for readable assertions. */
function covered(text: string): string[] {
  return findSuppressions(text).map((r) => text.slice(r.start, r.end));
}

test('disable-line covers the line the comment stands on', () => {
  assert.deepEqual(covered('a 1\nb 2 <!-- factlint-disable-line -->\nc 3'), ['b 2 <!-- factlint-disable-line -->']);
});

test('disable-next-line covers the following line only', () => {
  assert.deepEqual(covered('<!-- factlint-disable-next-line -->\nb 2\nc 3'), ['b 2']);
  // At the end of the document there is no next line.
  assert.deepEqual(covered('x <!-- factlint-disable-next-line -->'), []);
});

test('disable … enable covers the stretch between; an unclosed disable runs to the end', () => {
  const text = 'a\n<!-- factlint-disable -->\nb\n<!-- factlint-enable -->\nc\n<!-- factlint-disable -->\nd';
  assert.deepEqual(covered(text), ['<!-- factlint-disable -->\nb\n<!-- factlint-enable -->', '<!-- factlint-disable -->\nd']);
});

test('spacing inside the comment does not matter; other comments are ignored', () => {
  assert.deepEqual(covered('x <!--factlint-disable-line-->'), ['x <!--factlint-disable-line-->']);
  assert.deepEqual(covered('x <!-- factlint-disable-lines -->\n<!-- note -->'), []);
  assert.deepEqual(covered('x <!-- factlint-enable -->'), []);
});

test('isSuppressed tests offsets against the ranges', () => {
  const text = 'a 1\nb 2 <!-- factlint-disable-line -->';
  const ranges = findSuppressions(text);
  assert.equal(isSuppressed(ranges, text.indexOf('1')), false);
  assert.equal(isSuppressed(ranges, text.indexOf('2')), true);
});

test('linear time on hostile input', () => {
  const t0 = performance.now();
  findSuppressions('<!--'.repeat(200_000));
  findSuppressions('<!-- factlint-disable -->'.repeat(50_000));
  assert.ok(performance.now() - t0 < 1000, `${performance.now() - t0} ms`);
});

test('check() marks claims under a disable comment as suppressed', () => {
  const { base } = loadFactBase([shippedFactsDir()]);
  const text = 'Chongqing has 293 Fortune 500 companies. <!-- factlint-disable-line -->\n\nChongqing has 293 Fortune 500 companies.\n';
  const claims = check(text, base, { format: 'markdown' }).claims;
  assert.deepEqual(claims.map((c) => [c.verdict.kind, c.suppressed ?? false]), [['outdated', true], ['outdated', false]]);
});
