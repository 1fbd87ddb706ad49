// The domain model shared by every part of factlint. The core (this folder) has no
// dependency on vscode or any LSP package: it takes text and a loaded fact base and
// returns plain data, which the CLI and the language server present in their own ways.

export type Lang = 'en' | 'de';
/** A language setting: a fixed language, or `auto` (decided per paragraph). */
export type LangSetting = Lang | 'auto';

/** A place in a file, zero-based lines and UTF-16 columns, end exclusive. */
export interface Location {
  file: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

// ---------------------------------------------------------------- fact base

/** A partial ISO date as written in fact files: "2020", "2020-12" or "2020-12-31". */
export type PartialDate = string;

/** A span of time in whole days, both ends inclusive, as ISO dates "YYYY-MM-DD". */
export interface DateRange {
  start: string;
  end: string;
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  /** Publication date as a partial ISO date. */
  published: PartialDate;
  /** True where the publication date is an estimate (the source does not print one). */
  publishedEstimated: boolean;
  url?: string;
  /** BCP 47 language of the source text, e.g. "en", "de". */
  language: string;
  /** The id of the source this one is an edition (e.g. a translation) of. */
  editionOf?: string;
  note?: string;
  location: Location;
}

/** What a metric is about: a place, an area, an organisation, a programme. */
export interface Subject {
  id: string;
  /** Names and aliases by which prose refers to it, per language. */
  names: Record<Lang, string[]>;
  /** The subject this one lies within (Liangjiang New Area lies within Chongqing). */
  parent?: string;
  location: Location;
}

/** The unit a metric is measured in. Money is an ISO 4217 code. */
export type MetricUnit = 'count' | 'percent' | 'fraction' | 'rank' | 'percentagePoints' | 'multiple' | string;

/** How a stated figure relates to the true value: "more than 240" is `more`. */
export type Approx = 'about' | 'more' | 'atLeast' | 'less' | 'atMost' | 'nearly' | 'upTo';

export interface Observation {
  /** The metric this is an observation of. */
  metricId: string;
  /** Zero-based index among the metric's observations, in file order. */
  index: number;
  /** The value in plain units (32080000000 for US$32.08 billion, 50 for 50 %). */
  value: number;
  /** For ranks: out of how many ("fifth among 296 cities"). */
  of?: number;
  /** The qualifier as the source states it, e.g. "more than", "approximately". */
  qualifier?: { text: string; approx: Approx };
  /** When the value holds: a point in time (start = end) or a period. */
  when: DateRange;
  /** Words for `when`, e.g. "end of 2020", "13th Five-Year Plan (2016–2020)". */
  whenLabel: string;
  /** True where the date is estimated rather than printed by the source. */
  whenEstimated: boolean;
  /** True where the value is an expectation stated before the period ended. */
  expectation: boolean;
  /** Source ids: the first is the main one; further ones are other editions citing it too. */
  sources: string[];
  /** The few words around the figure in the source (≤ ~25 words). */
  quote: string;
  /** Where in the source the figure stands, e.g. "paragraph 1". */
  locator?: string;
  /** A reviewer's doubt about this observation. */
  note?: string;
  location: Location;
}

export interface Metric {
  /** Stable id, e.g. "chongqing.fortune-global-500.companies". */
  id: string;
  subject: string;
  /** What is measured, in words, per language (en required). */
  measure: Partial<Record<Lang, string>> & { en: string };
  unit: MetricUnit;
  /** Phrases that name the metric in prose, per language. */
  cues: Record<Lang, string[]>;
  /**
   * True for a rate of change ("laptop exports grew 32.2% year on year"); such metrics are
   * stated by figures after words like "an increase of", level metrics by all others.
   */
  change?: boolean;
  /** Observations in file order. */
  observations: Observation[];
  note?: string;
  location: Location;
}

export interface FactBase {
  sources: Map<string, Source>;
  subjects: Map<string, Subject>;
  metrics: Map<string, Metric>;
  /** Files the base was loaded from, in load order. */
  files: string[];
}

/** A problem found while loading or validating a fact base. */
export interface FactProblem {
  severity: 'error' | 'warning';
  /** Short stable code, e.g. "schema", "yaml", "unknown-source", "duplicate-id". */
  code: string;
  message: string;
  location: Location;
}

// ---------------------------------------------------------------- prose

/** A paragraph of prose in a document, after markup has been masked. */
export interface Paragraph {
  start: number;
  end: number;
  lang: Lang;
}

export interface Sentence {
  start: number;
  end: number;
  lang: Lang;
  /** Index of the paragraph the sentence belongs to. */
  paragraph: number;
}

/** A date or period named in prose ("at the end of 2020", "im Jahr 2021"). */
export interface TimeMention {
  start: number;
  end: number;
  range: DateRange;
}

// ---------------------------------------------------------------- figures

export type FigureKind =
  | 'count'
  | 'money'
  | 'percent'
  | 'percentagePoints'
  | 'fraction'
  | 'rank'
  | 'multiple';

/** How the draft writes a number, so that a replacement can be written the same way. */
export interface NumberStyle {
  /** Digits or words ("nine", "one-tenth"). */
  words: boolean;
  decimalSeparator: '.' | ',';
  /** The thousands separator the draft used, '' where none. */
  groupSeparator: string;
  /** The scale word as written ("billion", "Mrd.", "Milliarden"), with its factor. */
  scaleWord?: string;
  scale: number;
  /** The currency as written ("US$", "yuan", "€") and whether it stands before the number. */
  currencyText?: string;
  currencyBefore?: boolean;
  /** The percent sign or word as written ("%", " %", " percent", " Prozent"). */
  percentText?: string;
}

/** A number stated in prose, with its unit, as found by figure recognition. */
export interface Figure {
  /** The figure's text exactly as in the document (`text === doc.slice(start, end)`). */
  text: string;
  /** UTF-16 offsets into the document; end exclusive. The qualifier is not included. */
  start: number;
  end: number;
  /** The value in plain units: 32080000000 for "US$32.08 billion", 50 for "50 %", 0.1 for "one-tenth". */
  value: number;
  /** ISO 4217 code for money, '%' for percent, 'pp' for percentage points, null otherwise. */
  unit: string | null;
  kind: FigureKind;
  /** The approximation qualifier before the figure, if any. */
  approx: Approx | null;
  /** Where the qualifier starts (start of "more than" in "more than 240"), if any. */
  qualifierStart?: number;
  /**
   * Place value of the last digit the draft states, in plain units: 1 for "8,753",
   * 10000000 for "US$32.08 billion", 1 for "nine". Used to allow for rounding.
   */
  precision: number;
  /** For ranks: out of how many ("fifth among 296 cities" → 296). */
  of?: number;
  /** The upper end where the figure is a range ("5 to 10 %"): `value` is the lower end. */
  rangeTo?: number;
  lang: Lang;
  style: NumberStyle;
}

// ---------------------------------------------------------------- claims and verdicts

/** A figure linked to the metric it states. */
export interface Claim {
  figure: Figure;
  metric: Metric;
  /** The cue phrase in the sentence that names the metric. */
  cue: { start: number; end: number };
  sentence: { start: number; end: number };
  /** The date or period the sentence names for the figure, if any. */
  time?: TimeMention;
}

export type VerdictKind = 'verified' | 'outdated' | 'historical' | 'conflicting' | 'unverifiable';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Verdict {
  kind: VerdictKind;
  /** Undefined for verdicts that are not findings (verified, historical). */
  severity?: Severity;
  /** One plain sentence saying what is wrong, or what was verified. */
  message: string;
  /** The observation the draft should state (the latest, or the one for the named period). */
  expected?: Observation;
  /** The observation the figure agrees with, if any. */
  matched?: Observation;
  /** For unverifiable: the observations just before and after the named date. */
  bracket?: { before?: Observation; after?: Observation };
}

export interface CheckedClaim {
  claim: Claim;
  verdict: Verdict;
  /** True where an inline disable comment covers the figure: listed, but not a finding. */
  suppressed?: boolean;
}

export interface CheckOptions {
  lang?: LangSetting;
  /** Document format: how markup is masked before reading prose. */
  format?: 'markdown' | 'plaintext';
  /** Today's date (ISO) for relative expressions like "this year"; defaults to the system date. */
  today?: string;
}

export interface CheckResult {
  /** Every linked figure with its verdict, in document order. */
  claims: CheckedClaim[];
  /** Every figure found, linked or not, in document order. */
  figures: Figure[];
  paragraphs: Paragraph[];
}
