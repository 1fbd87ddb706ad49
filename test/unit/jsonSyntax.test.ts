// Locating JSON syntax errors for config file messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonErrorOffset } from '../../server/src/core/jsonSyntax';
import { assertLinear } from '../support/linearTime';

test('valid JSON has no error offset, whatever JSON.parse accepts', () => {
  for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}]} ', '"s"', '0', '{"a":{"b":[[]]}}']) {
    JSON.parse(t);
    assert.equal(jsonErrorOffset(t), -1, t);
  }
});

test('the offset of the first error', () => {
  const cases: Array<[string, number]> = [
    ['{\n  "strict": tru\n}', 14],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['{"a": 01}', 7],
    // An unclosed string ends the file; a bad escape is its backslash.
    ['{"a": "x', 8],
    ['{"a": "\\q"}', 7],
    ['{"a": 1', 7],
    ['', 0],
    ['{} {}', 3],
    ["{'a': 1}", 1],
  ];
  for (const [t, at] of cases) {
    assert.throws(() => JSON.parse(t));
    assert.equal(jsonErrorOffset(t), at, t);
  }
});

test('deep nesting and long input stay linear, without recursion', () => {
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  assert.equal(jsonErrorOffset(deep), -1);
  assert.equal(jsonErrorOffset('['.repeat(200_000)), 200_000);
  assert.equal(jsonErrorOffset(`"${'a'.repeat(500_000)}`), 500_001);
  assertLinear('nesting', (n) => '['.repeat(n) + ']'.repeat(n), jsonErrorOffset, 10_000);
  assertLinear('open string', (n) => `"${'a'.repeat(n)}`, jsonErrorOffset, 20_000);
});
