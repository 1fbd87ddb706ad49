// Currencies as data from the platform: the ISO 4217 codes Intl knows, their English and German
// names (singular and plural, from Intl.NumberFormat's currency names) and their unambiguous
// symbols, so figure recognition needs no hand-written currency table beyond its domain defaults.
// Built once, on first use (a few tens of milliseconds), then plain Map/Set lookups.
import type { Lang } from './types';

/**
 * Pre-euro currencies (ISO 4217 list A.3, withdrawn codes) that prose about the past still names
 * ("528 million francs", "250 million Dutch guilders"); Intl has their names but does not list them.
 */
const HISTORIC_CODES = ['FRF', 'DEM', 'ITL', 'ESP', 'NLG', 'FIM', 'BEF', 'ATS', 'PTE', 'IEP', 'GRD', 'LUF'];
/**
 * Codes that are also everyday words or names when written in capitals ("ALL 5 solutions",
 * "TOP 10", "PHP 8", "AMD shares"): not read as currencies from their code alone.
 */
const WORD_CODES = new Set(['ALL', 'AMD', 'BAM', 'BOB', 'CUP', 'DOP', 'ERN', 'GEL', 'HUF', 'MAD', 'MOP', 'MUR', 'NAD', 'PEN', 'PHP',
  'RON', 'SAR', 'SOS', 'TOP', 'TRY']);
/** Currency nouns that are common words after a number ("3 real problems", "5 Mark"). */
const WORD_NOUNS = new Set(['real', 'sol', 'soles', 'som', 'mark', 'marks', 'gold']);

interface Tables {
  codes: Set<string>;
  names: Record<Lang, Map<string, string>>;
  symbols: Map<string, string>;
}
let tables: Tables | undefined;

function currencyPart(locale: string, code: string, display: 'name' | 'symbol' | 'narrowSymbol', n: number): string {
  // No fraction digits: "1.00" would take the plural name.
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: display, minimumFractionDigits: 0, maximumFractionDigits: 0 })
    .formatToParts(n);
  return parts.find((p) => p.type === 'currency')?.value ?? code;
}

function build(): Tables {
  const current = Intl.supportedValuesOf('currency');
  const codes = new Set([...current, ...HISTORIC_CODES]);
  const names: Record<Lang, Map<string, string>> = { en: new Map(), de: new Map() };
  // A bare currency noun ("pesetas", "kip") names a currency only where one code has it
  // ("francs", "lira" and "pesos" stay ambiguous and need their full name).
  const nounCodes: Record<Lang, Map<string, Set<string>>> = { en: new Map(), de: new Map() };
  const symbolCodes = new Map<string, Set<string>>();
  for (const code of codes) {
    const historic = !current.includes(code);
    for (const lang of ['en', 'de'] as const) {
      for (const n of [1, 2]) {
        const name = currencyPart(lang, code, 'name', n).toLowerCase();
        if (name === code.toLowerCase()) continue;
        names[lang].set(name, code);
        const noun = name.slice(name.lastIndexOf(' ') + 1);
        // Units of account ("special drawing rights", "gold") are no nouns for money in prose.
        if (noun !== name && !WORD_NOUNS.has(noun) && code[0] !== 'X' && isLetters(noun)) {
          let set = nounCodes[lang].get(noun);
          if (!set) nounCodes[lang].set(noun, (set = new Set()));
          set.add(code);
        }
      }
      if (historic) continue;
      for (const display of ['symbol', 'narrowSymbol'] as const) {
        const s = currencyPart(lang, code, display, 1);
        // Letters-only symbols ("R", "kr", "Ft") are words too; a symbol must carry a currency sign.
        if (s === code || !hasSign(s)) continue;
        let set = symbolCodes.get(s.toLowerCase());
        if (!set) symbolCodes.set(s.toLowerCase(), (set = new Set()));
        set.add(code);
      }
    }
  }
  for (const lang of ['en', 'de'] as const) {
    // Singular and plural share their ambiguity: "rupee" is as ambiguous as "rupees".
    const stems = new Map<string, Set<string>>();
    for (const [noun, set] of nounCodes[lang]) {
      const stem = noun.endsWith('s') ? noun.slice(0, -1) : noun;
      stems.set(stem, new Set([...(stems.get(stem) ?? []), ...set]));
    }
    for (const noun of nounCodes[lang].keys()) {
      const set = stems.get(noun.endsWith('s') ? noun.slice(0, -1) : noun)!;
      if (set.size === 1 && !names[lang].has(noun)) names[lang].set(noun, [...set][0]);
    }
  }
  const symbols = new Map<string, string>();
  for (const [s, set] of symbolCodes) if (set.size === 1) symbols.set(s, [...set][0]);
  return { codes, names, symbols };
}

function isLetters(s: string): boolean {
  for (const ch of s) if (ch.toLowerCase() === ch.toUpperCase() && ch !== 'ʻ') return false;
  return true;
}

function hasSign(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '$' || ch === '£' || ch === '¥' || (cp >= 0x20a0 && cp <= 0x20cf) || ch === '؋' || ch === '֏' || ch === '৳' || ch === '៛' || ch === '฿') return true;
  }
  return false;
}

function get(): Tables {
  return (tables ??= build());
}

/** The platform the tables come from: the same Node with the same ICU and CLDR data makes the same tables. */
function platform(): string {
  const v = process.versions;
  return `node ${v.node} icu ${v.icu} cldr ${v.cldr} unicode ${v.unicode}`;
}

/**
 * The tables as plain data, to keep between runs (a language server's start pays the tens
 * of milliseconds of building them on every launch otherwise); tagged with the platform.
 */
export function currencyTablesData(): { platform: string; codes: string[]; names: Record<Lang, Array<[string, string]>>; symbols: Array<[string, string]> } {
  const t = get();
  return { platform: platform(), codes: [...t.codes], names: { en: [...t.names.en], de: [...t.names.de] }, symbols: [...t.symbols] };
}

/**
 * Takes tables kept by currencyTablesData, where they were made on this platform and have
 * their shape; true when they are now the tables in use. Anything else is ignored and the
 * tables are built as usual.
 */
export function adoptCurrencyTables(data: unknown): boolean {
  if (tables) return false;
  const d = data as { platform?: unknown; codes?: unknown; names?: { en?: unknown; de?: unknown }; symbols?: unknown } | null;
  if (!d || typeof d !== 'object' || d.platform !== platform() || !isStrings(d.codes) || !d.names || !isPairs(d.names.en) || !isPairs(d.names.de) || !isPairs(d.symbols)) return false;
  tables = { codes: new Set(d.codes), names: { en: new Map(d.names.en), de: new Map(d.names.de) }, symbols: new Map(d.symbols) };
  return true;
}

function isStrings(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

function isPairs(x: unknown): x is Array<[string, string]> {
  return Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
}

/** English or German currency names and unambiguous currency nouns, lower-cased ("swiss francs", "lira") → ISO code. */
export function currencyNames(lang: Lang): Map<string, string> {
  return get().names[lang];
}

/** Currency symbols that name one currency only ("₭", "₾", "R$"), lower-cased → ISO code. */
export function currencySymbols(): Map<string, string> {
  return get().symbols;
}

/**
 * An ISO 4217 code written in capitals ("CHF"), or one with the finance prefix M for millions
 * ("MUSD", "MEUR" = millions of dollars, euros) → the code and the factor.
 */
export function currencyCode(text: string): { code: string; factor: number } | undefined {
  if (text.length !== 3 && text.length !== 4) return undefined;
  for (let k = 0; k < text.length; k++) if (text[k] < 'A' || text[k] > 'Z') return undefined;
  const { codes } = get();
  if (text.length === 3) return codes.has(text) && !WORD_CODES.has(text) ? { code: text, factor: 1 } : undefined;
  const code = text.slice(1);
  return text[0] === 'M' && codes.has(code) ? { code, factor: 1e6 } : undefined;
}

/** Digits of the currency's minor unit (2 for cents, 0 for yen), from Intl. */
export function minorUnitDigits(code: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}
