// Approximation qualifiers that stand right before a figure ("more than 240", "rund 50 %"),
// looked up as whole phrases of one to three words.
import type { Approx, Lang } from './types';

const EN: Array<[string, Approx]> = [
  ['about', 'about'], ['approximately', 'about'], ['approx.', 'about'], ['around', 'about'], ['roughly', 'about'],
  ['some', 'about'], ['an estimated', 'about'], ['estimated', 'about'],
  ['nearly', 'nearly'], ['almost', 'nearly'], ['close to', 'nearly'], ['just under', 'nearly'],
  ['more than', 'more'], ['over', 'more'], ['above', 'more'], ['exceeding', 'more'], ['in excess of', 'more'], ['upwards of', 'more'],
  ['at least', 'atLeast'], ['no fewer than', 'atLeast'], ['no less than', 'atLeast'], ['not less than', 'atLeast'],
  ['less than', 'less'], ['under', 'less'], ['below', 'less'], ['fewer than', 'less'],
  ['at most', 'atMost'], ['no more than', 'atMost'], ['not more than', 'atMost'],
  ['up to', 'upTo'], ['as many as', 'upTo'], ['as much as', 'upTo'],
];
const DE: Array<[string, Approx]> = [
  ['etwa', 'about'], ['rund', 'about'], ['ungefähr', 'about'], ['circa', 'about'], ['ca.', 'about'], ['zirka', 'about'],
  ['schätzungsweise', 'about'],
  ['fast', 'nearly'], ['beinahe', 'nearly'], ['knapp', 'nearly'], ['nahezu', 'nearly'], ['annähernd', 'nearly'],
  ['mehr als', 'more'], ['über', 'more'],
  ['mindestens', 'atLeast'], ['wenigstens', 'atLeast'], ['nicht weniger als', 'atLeast'],
  ['weniger als', 'less'], ['unter', 'less'],
  ['höchstens', 'atMost'], ['maximal', 'atMost'], ['nicht mehr als', 'atMost'],
  ['bis zu', 'upTo'],
];
const TABLES: Record<Lang, Map<string, Approx>> = { en: new Map(EN), de: new Map(DE) };
/** Every ending of every phrase, so that a search growing a phrase leftwards stops where none can match. */
const ENDINGS: Record<Lang, Set<string>> = { en: endings(EN), de: endings(DE) };

function endings(table: Array<[string, Approx]>): Set<string> {
  const set = new Set<string>();
  for (const [phrase] of table) for (let n = 0; n < phrase.length; n++) set.add(phrase.slice(n));
  return set;
}

/** The longest qualifier phrase any table holds, in words. */
export const MAX_QUALIFIER_WORDS = 3;

/** The approximation a qualifier phrase (lower-cased words joined by single spaces) expresses, if any. */
export function qualifierApprox(phrase: string, lang: Lang): Approx | undefined {
  return TABLES[lang].get(phrase);
}

/** Whether some qualifier phrase ends with `text` (lower-cased, words joined as for qualifierApprox). */
export function endsQualifier(text: string, lang: Lang): boolean {
  return ENDINGS[lang].has(text);
}
