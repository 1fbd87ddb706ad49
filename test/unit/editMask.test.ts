// Masking after a keystroke must give exactly what masking the whole new text gives,
// whatever markup surrounds the edit; it may only decline (undefined) and leave the work
// to maskDocument.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { maskAfterEdit } from '../../server/src/core/editMask';
import { maskDocument } from '../../server/src/core/prose';

test('a letter typed into a word of prose keeps the masked text in step, offsets and breaks included', () => {
  const prev = '# Title\n\n- item one\n- item two\n\nChongqing had 8,753 firms in [the report](http://x.y). Done.\n';
  const at = prev.indexOf('firms') + 2;
  const next = prev.slice(0, at) + 'x' + prev.slice(at);
  const masked = maskAfterEdit(prev, maskDocument(prev, 'markdown'), next);
  assert.deepEqual(masked, maskDocument(next, 'markdown'));
  assert.deepEqual(maskAfterEdit(next, masked!, prev), maskDocument(prev, 'markdown'));
});

test('edits that could change markup are declined', () => {
  const prev = 'See www example and `code here` and word.\n';
  const m = maskDocument(prev, 'markdown');
  const edit = (at: number, del: number, ins: string) => maskAfterEdit(prev, m, prev.slice(0, at) + ins + prev.slice(at + del));
  assert.equal(edit(prev.indexOf(' example'), 1, '.'), undefined, 'punctuation typed');
  assert.equal(edit(prev.indexOf('code') + 1, 0, 'x'), undefined, 'inside a code span');
  assert.equal(edit(prev.indexOf('\n'), 0, '\n'), undefined, 'a line break');
  assert.equal(edit(0, 3, ''), undefined, 'a word deleted whole');
  assert.notEqual(edit(prev.indexOf('word') + 4, 0, 's'), undefined, 'before a full stop at the end');
});

test('a digit edit that makes or unmakes a list marker ("2. b" to "1. b" after a line) is declined', () => {
  for (const [prev, next] of [['a\n2. b', 'a\n1. b'], ['a\n12. b', 'a\n1. b'], ['> 2. b\nc', '> 1. b\nc']]) {
    const masked = maskAfterEdit(prev, maskDocument(prev, 'markdown'), next);
    assert.ok(masked === undefined || JSON.stringify(masked) === JSON.stringify(maskDocument(next, 'markdown')), JSON.stringify(next));
    assert.equal(masked, undefined);
  }
  // A number inside a sentence stays an edit of prose.
  assert.notEqual(maskAfterEdit('It was 32. Then', maskDocument('It was 32. Then', 'markdown'), 'It was 322. Then'), undefined);
});

test('an edit that makes a bare URL of "www." (a letter deleted before it, a non-ASCII letter typed into it) is declined', () => {
  for (const [prev, next] of [['xwww. b', 'www. b'], ['wwwwww.\n\n', 'wwwäwww.\n\n']]) {
    assert.equal(maskAfterEdit(prev, maskDocument(prev, 'markdown'), next), undefined, JSON.stringify(next));
  }
});

test('property: whenever an edit is taken, the result equals masking the whole new text', () => {
  const piece = fc.constantFrom('`', '```', '~~~', '<!--', '-->', '<a>', '<', '>', '[', ']', '(', ')', '![', '[^1]', ':', '|', '---', '#', '- ', '* ', '_', '1. ', '> ', '    ', '\n', '\n\n', '\\', 'http://x.y', 'www', '.', '@', 'a.b', 'text', 'word', '2020', 'ä', ' ', ', ');
  const letters = fc.stringMatching(/^[a-zä0-9]{0,3}$/);
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(3), letters, fc.constantFrom('markdown' as const, 'plaintext' as const), (pieces, pos, del, ins, format) => {
      const prev = pieces.join('');
      const at = prev.length === 0 ? 0 : pos % prev.length;
      const next = prev.slice(0, at) + ins + prev.slice(Math.min(prev.length, at + del));
      const masked = maskAfterEdit(prev, maskDocument(prev, format), next);
      if (masked) assert.deepEqual(masked, maskDocument(next, format), JSON.stringify({ prev, next }));
    }),
    { numRuns: 3000 },
  );
});
