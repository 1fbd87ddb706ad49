// Assertions shared by the English and German figure-recognition tests.
import assert from 'node:assert/strict';
import { findFigures } from '../../server/src/core/figures';
import type { Figure, Lang } from '../../server/src/core/types';

export function figureAssertions(lang: Lang) {
  /** Every figure in `text`, each checked to round-trip to its offsets. */
  const all = (text: string): Figure[] => {
    const figures = findFigures(text, lang);
    for (const f of figures) assert.equal(text.slice(f.start, f.end), f.text, 'offsets round-trip');
    return figures;
  };
  /** The one figure in `text`, checked for text, value, unit and kind. */
  const one = (text: string, figText: string, value: number, unit: string | null, kind: Figure['kind']): Figure => {
    const figures = all(text);
    assert.equal(figures.length, 1, `${text}: ${JSON.stringify(figures.map((f) => f.text))}`);
    const [f] = figures;
    assert.equal(f.text, figText);
    assert.ok(Math.abs(f.value - value) <= 1e-9 * Math.max(1, Math.abs(value)), `${text}: ${f.value} ≠ ${value}`);
    assert.equal(f.unit, unit);
    assert.equal(f.kind, kind);
    assert.equal(f.lang, lang);
    return f;
  };
  /** `text` holds no figure. */
  const none = (text: string) => assert.deepEqual(all(text).map((f) => f.text), [], text);
  return { all, one, none };
}
