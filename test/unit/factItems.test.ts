// Fact files parsed item by item (factItems.ts, parseFactFileByItems) give what the whole
// file's parse gives; files of any other layout, and items with a problem, go to the whole parse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { factFileLayout } from '../../server/src/core/factItems';
import { loadFactBase, loadFactFiles, parseFactFileByItems, parseFactFileWhole, shippedFactsDir } from '../../server/src/core/factBase';
import { normalizeCue } from '../../server/src/core/factValidation';

const SOURCE = `sources:
  - id: s1
    title: A title
    publisher: P
    published: "2021"
    language: en
`;

const METRIC = (id: string) => `  - id: chongqing.widgets-${id}
    subject: chongqing
    measure: { en: "m of ${id}", de: "M von ${id}" }
    unit: count
    cues:
      en: [widgets ${id}]
      de: [Widgets ${id}]
    observations:
      - value: 12
        period: "2021"
        source: s1
        quote: "12 widgets"
`;

/** The spans of a layout as the texts they cut. */
function itemTexts(text: string): string[] | undefined {
  return factFileLayout(text)?.items.map((i) => `${i.section}|${text.slice(i.start, i.end)}`);
}

test('a plain fact file is cut into its items, comments and blank lines going with the item before them', () => {
  const text = `# a comment\n${SOURCE}\n# between sections\nmetrics: # the metrics\n${METRIC('a')}\n  # indented comment\n${METRIC('b')}`;
  const items = itemTexts(text)!;
  assert.equal(items.length, 3);
  assert.ok(items[0].startsWith('sources|  - id: s1') && items[0].endsWith('# between sections\n'));
  assert.ok(items[1].startsWith('metrics|  - id: chongqing.widgets-a') && items[1].endsWith('  # indented comment\n'));
  assert.ok(items[2].startsWith('metrics|  - id: chongqing.widgets-b') && items[2].endsWith('"12 widgets"\n'));
  // Line starts as the yaml package's LineCounter records them: 0, then after every "\n".
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  assert.deepEqual(factFileLayout(text)!.lineStarts, starts);
});

test('items at the key\'s own indentation, CRLF line ends and a "-" alone on its line are plain too', () => {
  assert.equal(itemTexts('metrics:\n- id: a\n- id: b\n')!.length, 2);
  assert.equal(itemTexts('metrics:\r\n  - id: a\r\n  -\r\n    id: b\r\n')!.length, 2);
  assert.equal(itemTexts('sources:\n  - id: a\nmetrics:\n    - id: b\n    - id: c')!.length, 3);
});

test('any other layout is left to the whole parse', () => {
  const notPlain: Record<string, string> = {
    'a document marker': '---\nmetrics:\n  - id: a\n',
    'a directive': '%YAML 1.2\n---\nmetrics:\n  - id: a\n',
    'a document end': 'metrics:\n  - id: a\n...\n',
    'a flow sequence for a section': 'metrics: [a, b]\n',
    'a section without items': 'sources:\nmetrics:\n  - id: a\n',
    'a section twice': 'metrics:\n  - id: a\nmetrics:\n  - id: b\n',
    'sections out of order': 'metrics:\n  - id: a\nsources:\n  - id: b\n',
    'an unknown key': 'facts:\n  - id: a\n',
    'a tab in indentation': 'metrics:\n  - id: a\n\tunit: count\n',
    'a line less indented than the items': 'metrics:\n    - id: a\n  - id: b\n',
    'a mapping where items belong': 'metrics:\n  id: a\n',
    'a line at the items\' indentation that is not an item': 'metrics:\n  - id: a\n  unit: count\n',
    'a "-" glued to its item': 'metrics:\n  -id: a\n',
    'an indented line before any section': '  - id: a\nmetrics:\n  - id: b\n',
    'a carriage return alone': 'metrics:\r  - id: a\n',
    'a byte order mark': '\ufeffmetrics:\n  - id: a\n',
    'a quoted key': '"metrics":\n  - id: a\n',
    'a value after the key': 'metrics: x\n  - id: a\n',
    'nothing': '',
    'only comments': '# nothing here\n',
  };
  for (const [what, text] of Object.entries(notPlain)) assert.equal(factFileLayout(text), undefined, what);
});

test('the shipped fact files and a synthetic one parse item by item to exactly what the whole parse gives', async () => {
  const shipped = loadFactBase([shippedFactsDir()]).base;
  const files = shipped.files.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const benchDir = join(__dirname, '..', '..', '..', 'scripts', 'bench');
  const { syntheticYaml } = await import(pathToFileURL(join(benchDir, 'synthetic.mjs')).href);
  for (const [name, text] of syntheticYaml(300, shipped, normalizeCue) as Iterable<[string, string]>) files.push({ path: `synthetic/${name}`, text });
  for (const file of files) {
    const byItems = parseFactFileByItems(file);
    assert.ok(byItems, `${file.path} is parsed item by item`);
    assert.deepEqual(byItems, parseFactFileWhole(file), file.path);
  }
});

test('an item with a problem of its own sends the file to the whole parse, which places the problem', () => {
  const sound = { path: 'f.yaml', text: `${SOURCE}metrics:\n${METRIC('a')}${METRIC('b')}` };
  assert.deepEqual(parseFactFileWhole(sound).problems, []);
  assert.deepEqual(parseFactFileByItems(sound), parseFactFileWhole(sound));
  assert.equal(parseFactFileByItems(sound)!.metrics.length, 2);
  const cases: Record<string, [string, RegExp, number]> = {
    'a schema violation': [`${SOURCE}metrics:\n${METRIC('a')}${METRIC('b').replace('unit: count', 'unit: 7')}`, /unit/, 22],
    'invalid YAML': [`${SOURCE}metrics:\n${METRIC('a')}${METRIC('b').replace('"12 widgets"', '"12 widgets')}`, /invalid YAML/, 31],
    'an alias of an anchor in another item': [`${SOURCE}metrics:\n${METRIC('a').replace('unit: count', 'unit: &u count')}${METRIC('b').replace('unit: count', 'unit: *u')}`, /./, -1],
    'a duplicate key': [`${SOURCE}metrics:\n${METRIC('a')}${METRIC('b').replace('unit: count', 'unit: count\n    unit: count')}`, /unique/i, 23],
  };
  for (const [what, [text, message, line]] of Object.entries(cases)) {
    const file = { path: 'f.yaml', text };
    assert.equal(parseFactFileByItems(file), undefined, what);
    const whole = parseFactFileWhole(file);
    const loaded = loadFactFiles([file]);
    if (line < 0) {
      // Valid across items: both metrics load, as the whole parse reads them.
      assert.equal(whole.metrics.length, 2, what);
      assert.equal(loaded.base.metrics.get('chongqing.widgets-b')?.unit, 'count', what);
      continue;
    }
    const problem = loaded.problems.find((p) => message.test(p.message));
    assert.ok(problem, `${what}: ${loaded.problems.map((p) => p.message).join('; ')}`);
    assert.equal(problem.location.line, line, `${what}: ${problem.message}`);
  }
});
