import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { documentLanguage, findParagraphs, findSentences, maskDocument, maskMarkup, sentencesContaining } from '../../server/src/core/prose';
import { timeRatio } from '../support/linearTime';

/** The masked text with the given fragment's own offsets: what survives of `fragment` in `text`. */
function kept(text: string, format: 'markdown' | 'plaintext' = 'markdown'): string {
  return maskMarkup(text, format).replace(/\s+/g, ' ').trim();
}

test('masking keeps length and line breaks, astral characters included', () => {
  const text = '---\ntitle: 𝔘 x\n---\n# Title 😀\n\n```\ncode 😀\n```\nText `😀` [a](http://x.y/😀) <!-- 😀 -->\r\nend';
  for (const format of ['markdown', 'plaintext'] as const) {
    const masked = maskMarkup(text, format);
    assert.equal(masked.length, text.length);
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n' || text[i] === '\r') assert.equal(masked[i], text[i]);
      else assert.ok(masked[i] === text[i] || masked[i] === ' ');
    }
  }
});

test('for any input, masking keeps length and line breaks and only ever writes spaces', () => {
  // Inputs drawn from Markdown's special characters, so that every construct and its
  // broken forms (unterminated fences, comments, links) come up.
  const piece = fc.constantFrom('`', '```', '~~~', '<!--', '-->', '<a>', '</a>', '<', '>', '[', ']', '(', ')', '![', '[^1]', ':', '|', '|---|', '---', '+++', '#', '- ', '* ', '1. ', '> ', '    ', '\t', '\n', '\r\n', '\n\n', '\\', 'http://x.y', 'www.', '@', 'a.b', 'text', '2020', 'ä', '😀', ' ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom('markdown' as const, 'plaintext' as const), (pieces, format) => {
      const text = pieces.join('');
      const doc = maskDocument(text, format);
      assert.equal(doc.text.length, text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n' || c === '\r') assert.equal(doc.text[i], c);
        else if (doc.text[i] !== c) assert.equal(doc.text[i], ' ');
      }
      for (let k = 1; k < doc.breaks.length; k++) assert.ok(doc.breaks[k - 1] <= doc.breaks[k]);
      // Paragraphs and sentences stay inside the text and in order.
      const paragraphs = findParagraphs(doc.text, 'auto', doc.breaks);
      let last = 0;
      for (const p of findSentences(doc.text, paragraphs)) {
        assert.ok(p.start >= last && p.start < p.end && p.end <= text.length);
        last = p.end;
      }
    }),
    { numRuns: 300 },
  );
});

test('front matter, fenced and indented code are masked', () => {
  assert.equal(kept('---\ntitle: 2020\n---\nProse.'), 'Prose.');
  assert.equal(kept('+++\ntitle = 2020\n+++\nProse.'), 'Prose.');
  assert.equal(kept('Prose.\n\n```js title="x"\nconst a = 2020;\n```\nMore.'), 'Prose. More.');
  assert.equal(kept('Prose.\n\n~~~~\n~~~\nstill code\n~~~~\nMore.'), 'Prose. More.');
  assert.equal(kept('Prose.\n\n```\nunterminated 2020\n\nstill code'), 'Prose.');
  assert.equal(kept('Prose.\n\n    indented 2020\n    code\n\nMore.'), 'Prose. More.');
  // Front matter only at the very start.
  assert.equal(kept('Prose.\n---\nkept: 1\n---\n'), 'Prose. kept: 1');
});

test('indented lines inside a list are prose, not code', () => {
  assert.equal(kept('- item one\n\n    continued 2020\n'), 'item one continued 2020');
});

test('inline code spans match runs of equal length; an unmatched run is literal', () => {
  assert.equal(kept('a `x 2020` b'), 'a b');
  assert.equal(kept('a ``x ` y`` b'), 'a b');
  assert.equal(kept('a ``x` b'), 'a ``x` b');
  assert.equal(kept('a `x\n\ny` b'), 'a `x y` b'); // spans do not cross paragraphs
});

test('HTML comments and tags are masked, tag content kept', () => {
  assert.equal(kept('a <!-- 2020\n\nnote --> b'), 'a b');
  assert.equal(kept('a <!-- unterminated 2020\n\nb'), 'a');
  assert.equal(kept('<div class="x">Text 2020</div> and <span>more</span>'), 'Text 2020 and more');
  assert.equal(kept('3 < 4 and 5 > 2'), '3 < 4 and 5 > 2');
});

test('links keep their text; images, destinations, references and footnote markers are masked', () => {
  assert.equal(kept('See [the 2020 report](http://x.org/a_(b) "Title 2019") now.'), 'See the 2020 report now.');
  assert.equal(kept('See [the report][ref] now.'), 'See the report now.');
  assert.equal(kept('An ![chart of 2020](img.png "t") here.'), 'An here.');
  assert.equal(kept('Text.\n\n[ref]: http://x.org/2020 "T"\n'), 'Text.');
  assert.equal(kept('It had 293 firms.[^1] Then.\n\n[^1]: Source text 2020.'), 'It had 293 firms. Then. Source text 2020.');
  assert.equal(kept('An autolink <https://x.org/2020> here.'), 'An autolink here.');
});

test('URLs and e-mail addresses are masked in both formats', () => {
  for (const format of ['markdown', 'plaintext'] as const) {
    assert.equal(kept('See https://x.org/2020/a?b=1. Then www.y.com/3, mail me@x.org.', format), 'See . Then , mail .');
    assert.equal(kept('(see http://x.org/a_(1)) ok', format), '(see ) ok');
  }
  assert.equal(kept('a `code` [t](u)', 'plaintext'), 'a `code` [t](u)');
});

test('block-quote markers, list markers and table pipes are masked', () => {
  assert.equal(kept('> Quoted 2020.\n> > Nested.'), 'Quoted 2020. Nested.');
  assert.equal(kept('- one\n* two\n+ three\n1. four\n2) five\n- [x] done'), 'one two three four five done');
  assert.equal(kept('| a | 2020 |\n|---|:---:|\n| b | 3 |'), 'a 2020 b 3');
  // A wrapped line that starts with a year is not an ordered-list item.
  assert.equal(kept('It grew in\n2020. Then it fell.'), 'It grew in 2020. Then it fell.');
});

test('headings keep their marker so that findParagraphs can see them', () => {
  assert.equal(kept('## Heading 2020\nText.'), '## Heading 2020 Text.');
});

test('paragraphs: blank lines, headings, list items and table rows are their own blocks', () => {
  const text = '# Title\nFirst para line one\nline two.\n\n- item a\n- item b\n  continued\n\n| x | y |\n|---|---|\n| b | c |\n| 1 | 2 |\n\n---\n\n```\ncode\n```\n\n> Quote.';
  const doc = maskDocument(text, 'markdown');
  const paras = findParagraphs(doc.text, 'en', doc.breaks).map((p) => doc.text.slice(p.start, p.end));
  assert.deepEqual(paras, ['# Title', 'First para line one\nline two.', 'item a', 'item b\n  continued', 'x   y', 'b   c', 'Quote.']);
  // Without the breaks, blank lines and headings still separate blocks.
  const plain = findParagraphs(doc.text, 'en').map((p) => doc.text.slice(p.start, p.end));
  assert.equal(plain[0], '# Title');
  assert.equal(plain[1], 'First para line one\nline two.');
});

test('paragraphs skip blocks without letters', () => {
  const paras = findParagraphs('2020 – 2021\n\n12 %\n\nText 5.', 'en');
  assert.equal(paras.length, 1);
  assert.equal(paras[0].start, '2020 – 2021\n\n12 %\n\n'.length);
});

test('auto language is decided per paragraph, short paragraphs follow the document', () => {
  const en = 'The city has attracted many of the world top companies, and the number is still growing.';
  const de = 'Die Stadt hat viele der weltweit führenden Unternehmen angezogen, und die Zahl wächst noch.';
  const text = `${en}\n\n${de}\n\n${en}\n\nChongqing 2021\n\nDer Bericht.`;
  const paras = findParagraphs(text, 'auto');
  assert.deepEqual(paras.map((p) => p.lang), ['en', 'de', 'en', 'en', 'en']);
  assert.equal(documentLanguage(text), 'en');
  const german = `${de}\n\n${de}\n\nChongqing 2021\n\nThe end.`;
  assert.deepEqual(findParagraphs(german, 'auto').map((p) => p.lang), ['de', 'de', 'de', 'de']);
  // A fixed language is never overridden.
  assert.deepEqual(findParagraphs(german, 'en').map((p) => p.lang), ['en', 'en', 'en', 'en']);
});

test('sentences: offsets into the document, hard-wrapped lines joined, abbreviations and German ordinals kept whole', () => {
  const text = 'Intro.\n\nIt had 293 firms at the end\nof 2020. Mr. Li said the U.S. share\nrose. Next.';
  const paras = findParagraphs(text, 'en');
  const sentences = findSentences(text, paras).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(sentences, ['Intro.', 'It had 293 firms at the end\nof 2020.', 'Mr. Li said the U.S. share\nrose.', 'Next.']);
  const de = 'Während des 13. Fünfjahresplans stieg sie am 30. Dezember 2021 auf 3 Mrd. Euro, z. B. in Chongqing. Danach fiel sie auf Platz 5. Das ist alles.';
  const deSentences = findSentences(de, findParagraphs(de, 'de')).map((s) => de.slice(s.start, s.end));
  assert.deepEqual(deSentences, [
    'Während des 13. Fünfjahresplans stieg sie am 30. Dezember 2021 auf 3 Mrd. Euro, z. B. in Chongqing.',
    'Danach fiel sie auf Platz 5.',
    'Das ist alles.',
  ]);
});

test('a very long paragraph is segmented in windows, quickly and without losing sentences', () => {
  const sentence = 'The city had 293 companies at the end of 2020, and the number kept growing. ';
  const text = sentence.repeat(2000).trim(); // 150k characters, no line break
  const t = process.hrtime.bigint();
  const sentences = findSentences(text, findParagraphs(text, 'en'));
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  assert.equal(sentences.length, 2000);
  for (const s of sentences) assert.equal(text.slice(s.start, s.end), sentence.trim());
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});

test('the sentences containing given offsets, or all of them, are the ones findSentences cuts, false breaks joined on both sides', () => {
  // Pieces chosen for ICU's breaks and the breaks undone after them (abbreviations, initials,
  // German ordinals), on hard-wrapped lines and with runs of spaces.
  const pieces = ['Mr.', 'Dr.', 'U.S.', 'z. B.', 'des 13.', 'am 30.', 'Platz 5.', 'Jan.', 'It rose.', 'Why?', 'Yes!', '"Done."', 'e.g.', 'ca.', 'Nr.', 'the end', '\n', '  ', '3.5%', '(see p.', '2.)', 'Chongqing', 'firms'];
  const paragraph = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 30 }).map((words) => words.join(' '));
  fc.assert(
    fc.property(paragraph, fc.constantFrom('en' as const, 'de' as const), fc.array(fc.nat(), { maxLength: 6 }), (text, lang, picks) => {
      const [p] = findParagraphs(text, lang);
      if (!p) return;
      const all = findSentences(text, [p]);
      const offsets = [...new Set(picks.map((k) => p.start + (k % (p.end - p.start))))]
        .filter((o) => all.some((s) => s.start <= o && o < s.end))
        .sort((a, b) => a - b);
      const expected = all.filter((s) => offsets.some((o) => s.start <= o && o < s.end));
      assert.deepEqual(sentencesContaining(text, p, offsets), expected);
      assert.deepEqual(sentencesContaining(text, p, 'all'), all);
    }),
    { numRuns: 2000, seed: 29 },
  );
  // Longer than one segmentation window: left to findSentences.
  const long = 'The city grew. '.repeat(400);
  assert.equal(sentencesContaining(long, findParagraphs(long, 'en')[0], [0]), undefined);
});

test('sentences carry their paragraph index and language', () => {
  const text = 'One is the number of the day. Two is not.\n\nDrei ist die Zahl, die nicht mit der anderen zu verwechseln ist. Vier.';
  const sentences = findSentences(text, findParagraphs(text, 'auto'));
  assert.deepEqual(sentences.map((s) => [s.paragraph, s.lang]), [[0, 'en'], [0, 'en'], [1, 'de'], [1, 'de']]);
});

test('masking hostile input is linear', () => {
  const hostile: Record<string, (n: number) => string> = {
    backticks: (n) => '`'.repeat(n),
    'backtick runs': (n) => Array.from({ length: n / 10 }, (_, i) => '`'.repeat((i % 7) + 1) + ' a ').join('').slice(0, n),
    comments: (n) => '<!--'.repeat(n / 4),
    brackets: (n) => '['.repeat(n),
    'links without end': (n) => '[a]('.repeat(n / 4),
    tags: (n) => '<a'.repeat(n / 2),
    'at signs': (n) => 'a@'.repeat(n / 2),
    'bracket lines': (n) => '[x\n'.repeat(n / 3),
    'pipe lines': (n) => 'a|b\n'.repeat(n / 4),
    urls: (n) => 'http://'.repeat(n / 7),
    prose: (n) => 'The figure in 2020 was 5. '.repeat(n / 26),
  };
  for (const [name, make] of Object.entries(hostile)) {
    const small = make(10_000);
    const large = make(100_000);
    assert.equal(maskMarkup(large, 'markdown').length, large.length);
    const ratio = timeRatio(() => maskMarkup(small, 'markdown'), () => maskMarkup(large, 'markdown'));
    assert.ok(ratio < 30, `${name}: 10x input took ${ratio.toFixed(1)}x time`);
  }
});
