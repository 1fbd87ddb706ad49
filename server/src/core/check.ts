// The checking pipeline: text → prose (markup masked) → paragraphs and sentences →
// figures → claims → verdicts. Paragraphs are checked independently (what a sentence is
// about carries over only from earlier text, summarised as the subjects last named), so an
// editor re-checks only the paragraphs an edit touched.
import { linkSentence, namedSubjects } from './claims';
import { factIndex, type FactIndex } from './factIndex';
import { findFigures } from './figures';
import { WordRun } from './phrases';
import { EvidenceCache, findParagraphs, findSentences, maskDocument, sentencesContaining, type EvidenceByStart } from './prose';
import { runToEnd, type Steps } from './steps';
import { TextEdit } from './textEdit';
import { findSuppressions } from './suppressions';
import { findTimeMentions } from './timeMentions';
import type { CheckedClaim, CheckOptions, CheckResult, Claim, FactBase, Figure, Paragraph, Sentence, TimeMention } from './types';
import { judge } from './verdicts';

/** What one paragraph yields, at the offsets where it was checked. */
interface ParagraphResult {
  start: number;
  claims: CheckedClaim[];
  figures: Figure[];
  /** The subjects the paragraph's last sentence is about, carried into the next paragraph. */
  subjectsOut: string[];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Checks a whole document once. Editors that check the same document again should keep a DocumentChecker. */
export function check(text: string, base: FactBase, options: CheckOptions = {}): CheckResult {
  return new DocumentChecker(base, false).check(text, options);
}

/** What the last completed check saw and found, paragraph by paragraph. */
interface LastCheck {
  masked: string;
  date: string;
  paragraphs: Paragraph[];
  results: ParagraphResult[];
  /** The subjects carried into each paragraph. */
  carried: string[][];
  /** The paragraphs' language evidence, for the next version to reuse. */
  evidence: EvidenceByStart;
}

/** What a paragraph says, whatever subjects earlier paragraphs carry into it. */
interface ParagraphReading {
  /** The sentences whose reading can change the paragraph's result (sentencesToRead). */
  sentences: Sentence[];
  /** Per sentence, the figures in it. */
  figures: Figure[][];
  /** Per sentence, the dates and periods it names: for each sentence with a figure. */
  times: Array<TimeMention[] | undefined>;
}

/**
 * Checks successive versions of a document, reusing the results of unchanged paragraphs. A
 * paragraph is unchanged where it lies wholly before or after the edit (the masked texts'
 * common start and end), stands where it stood (moved by the edit's length change) and gets
 * the same language and carried subjects: its text, and so its result, is the same. No
 * paragraph text is hashed or compared, so a keystroke costs the edited paragraph plus a
 * pass over the paragraph list.
 */
export class DocumentChecker {
  private last: LastCheck | undefined;
  private readonly index: FactIndex;

  /** The words of the sentence being checked, in buffers reused from sentence to sentence. */
  private readonly words = new WordRun();

  /** `remember` false: a one-off check, which keeps nothing for a next version. */
  constructor(readonly base: FactBase, private readonly remember = true) {
    this.index = factIndex(base);
  }

  check(text: string, options: CheckOptions = {}): CheckResult {
    return runToEnd(this.checkSteps(text, options));
  }

  /**
   * The same check, one paragraph (or one stage of reading one) per step: a server drives it
   * between other requests and stops driving it when a newer version replaces the text. What
   * the checker remembers changes only when the last step completes, so an abandoned check
   * leaves it as it was.
   */
  *checkSteps(text: string, options: CheckOptions = {}): Steps<CheckResult> {
    const format = options.format ?? 'markdown';
    const date = options.today ?? today();
    const { text: masked, breaks } = maskDocument(text, format);
    const last = this.last && this.last.date === date ? this.last : undefined;
    // The one comparison of this version with the last: paragraph results and language evidence are both reused by it.
    const edit = last && TextEdit.between(last.masked, masked);
    const evidence = new EvidenceCache(last && edit && { byStart: last.evidence, edit });
    const paragraphs = findParagraphs(masked, options.lang ?? 'auto', breaks, this.remember ? evidence : undefined);
    const results: ParagraphResult[] = [];
    const carried: string[][] = [];
    const claims: CheckedClaim[] = [];
    const figures: Figure[] = [];
    let carry: string[] = [];
    // Where nothing can be reused, every paragraph is read first, stage by stage.
    const readings = last && edit ? undefined : yield* this.read(masked, paragraphs, date);
    for (let i = 0; i < paragraphs.length; i++) {
      yield;
      const p = paragraphs[i];
      let result: ParagraphResult | undefined;
      if (last && edit) {
        // Where the paragraph stood in the last version, if the edit cannot have touched it.
        const before = edit.before(p.start, p.end);
        const k = before < 0 ? -1 : paragraphAt(last.paragraphs, before);
        if (k >= 0) {
          const q = last.paragraphs[k];
          if (q.end - q.start === p.end - p.start && q.lang === p.lang && sameList(last.carried[k], carry)) {
            result = last.results[k].start === p.start ? last.results[k] : shift(last.results[k], p.start);
          }
        }
      }
      result ??= this.checkParagraph(masked, p, i, carry, readings?.[i] ?? runToEnd(this.read(masked, [p], date))[0]);
      results.push(result);
      carried.push(carry);
      claims.push(...result.claims);
      figures.push(...result.figures);
      if (result.subjectsOut.length > 0) carry = result.subjectsOut;
    }
    if (this.remember) this.last = { masked, date, paragraphs, results, carried, evidence: evidence.byStart };
    // A figure read across masked markup ("1000</b> €" reads as "1000     €") is not what the
    // document says at its range: it is left out, so that no finding or fix lands on markup.
    if (figures.some((f) => !exact(text, f))) {
      return { claims: markSuppressed(text, format, claims.filter((c) => exact(text, c.claim.figure))), figures: figures.filter((f) => exact(text, f)), paragraphs };
    }
    return { claims: markSuppressed(text, format, claims), figures, paragraphs };
  }

  /**
   * The readings of paragraphs, stage by stage: the figures of all, then the sentences of all,
   * then those sentences' dates and periods. Each stage's tables then stay in the processor's
   * caches: a first check of the bench draft takes ~17% less than going paragraph by paragraph.
   */
  private *read(masked: string, paragraphs: readonly Paragraph[], date: string): Steps<ParagraphReading[]> {
    const figures: Figure[][] = [];
    for (const p of paragraphs) {
      yield;
      figures.push(findFigures(masked, p.lang, p.start, p.end));
    }
    const sentences: Sentence[][] = [];
    for (let i = 0; i < paragraphs.length; i++) {
      yield;
      sentences.push(this.sentencesToRead(masked, paragraphs[i], figures[i]));
    }
    const readings: ParagraphReading[] = [];
    for (let i = 0; i < paragraphs.length; i++) {
      yield;
      const found = figures[i];
      let f = 0;
      const inSentences = sentences[i].map((s) => {
        // Figures and sentences are both in order: one walk over each.
        const inSentence: Figure[] = [];
        for (; f < found.length && found[f].start < s.end; f++) if (found[f].start >= s.start) inSentence.push(found[f]);
        return inSentence;
      });
      const times = sentences[i].map((s, k) => (inSentences[k].length > 0 ? findTimeMentions(masked, s.start, s.end, paragraphs[i].lang, date) : undefined));
      readings.push({ sentences: sentences[i], figures: inSentences, times });
    }
    return readings;
  }

  private checkParagraph(masked: string, p: Paragraph, index: number, carry: string[], reading: ParagraphReading): ParagraphResult {
    const figures: Figure[] = [];
    const claims: CheckedClaim[] = [];
    let active: readonly string[] = carry;
    let subjectsOut: string[] = [];
    for (let k = 0; k < reading.sentences.length; k++) {
      const sentence = reading.sentences[k];
      sentence.paragraph = index; // findSentences numbers within the one paragraph it was given
      let inSentence = reading.figures[k];
      const words = this.words.scan(masked, sentence.start, sentence.end);
      const names = this.index.subjects[p.lang].matchAll(words);
      const named = namedSubjects(names, this.index);
      if (named.length > 0) {
        active = named;
        subjectsOut = named;
      }
      if (inSentence.length === 0) continue;
      let times = reading.times[k]!;
      if (times.length > 0) {
        // A number inside a longer date or period ("the first eight months of 2021") is part of
        // it; a mention that is nothing but a figure ("2000 companies") was a misreading.
        const within = (g: Figure, t: { start: number; end: number }) => g.start < t.end && t.start < g.end;
        const covers = (t: { start: number; end: number }, g: Figure) => t.start <= g.start && g.end <= t.end && t.end - t.start > g.end - g.start;
        inSentence = inSentence.filter((g) => !times.some((t) => covers(t, g)));
        times = times.filter((t) => !inSentence.some((g) => within(g, t)));
      }
      figures.push(...inSentence);
      // Only the metrics of the subjects the sentence is about can be linked (claims.ts): a cue
      // shared by thousands of subjects' metrics yields just theirs.
      let cues = this.index.cues[p.lang].matchAll(words, active);
      // A cue within a name is part of the name: "trade" in "Chongqing Pilot Free Trade Zone".
      if (names.length > 0) cues = cues.filter((c) => !names.some((n) => n.from <= c.from && c.to <= n.to));
      if (cues.length === 0) continue;
      for (const claim of linkSentence({ text: masked, sentence, words, figures: inSentence, subjects: active, cues, times })) {
        claims.push({ claim, verdict: judge(claim, this.base, masked) });
      }
    }
    return { start: p.start, claims, figures, subjectsOut };
  }

  /**
   * The sentences of a paragraph whose reading can change its result: those with figures,
   * when no other sentence names a subject (they could only end the subjects carried);
   * otherwise all of them. Finding a sentence costs a pass over it (sentenceBreaks.ts),
   * and most sentences of news copy have no figure.
   */
  private sentencesToRead(masked: string, p: Paragraph, found: readonly Figure[]): Sentence[] {
    const subjects = this.index.subjects[p.lang].matcher;
    // Leftmost-longest matching over a stretch of whole sentences finds a name if any of them
    // has one; how many there are is all that is asked, so no match objects are made.
    const names = (from: number, to: number) => from < to && subjects.find(this.words.scan(masked, from, to)) > 0;
    const withFigures = found.length === 0 ? [] : sentencesContaining(masked, p, found.map((g) => g.start));
    if (withFigures) {
      let at = p.start;
      let named = false;
      for (const s of withFigures) {
        if (names(at, s.start)) {
          named = true;
          break;
        }
        at = s.end;
      }
      if (!named && !names(at, p.end)) return withFigures;
    }
    return sentencesContaining(masked, p, 'all') ?? findSentences(masked, [p]);
  }
}

/** Index of the paragraph starting at `start` (paragraphs are in document order), or -1. */
function paragraphAt(paragraphs: readonly Paragraph[], start: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < paragraphs.length && paragraphs[lo].start === start ? lo : -1;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a figure's text is the document's text at its range. */
function exact(text: string, f: Figure): boolean {
  return f.end - f.start === f.text.length && text.startsWith(f.text, f.start);
}

/** The same paragraph result at another place in the document. */
function shift(r: ParagraphResult, start: number): ParagraphResult {
  const d = start - r.start;
  const figures = r.figures.map((f) => movedFigure(f, d));
  const claims = r.claims.map(({ claim, verdict }): CheckedClaim => {
    // A claim's figure is one of the paragraph's figures, moved above.
    const i = r.figures.indexOf(claim.figure);
    const moved: Claim = {
      figure: i >= 0 ? figures[i] : movedFigure(claim.figure, d),
      metric: claim.metric,
      cue: { start: claim.cue.start + d, end: claim.cue.end + d },
      sentence: { start: claim.sentence.start + d, end: claim.sentence.end + d },
      time: claim.time && { start: claim.time.start + d, end: claim.time.end + d, range: claim.time.range },
    };
    return { claim: moved, verdict };
  });
  return { start, claims, figures, subjectsOut: r.subjectsOut };
}

/**
 * A figure moved by d. Written out field by field, as every keystroke moves the figures after
 * it (a spread of objects of several shapes is many times slower); MOVED_FIELDS makes a field
 * added to Figure, Claim or TimeMention a compile error here until shift() moves it too.
 */
function movedFigure(f: Figure, d: number): Figure {
  const m: Figure = { text: f.text, start: f.start + d, end: f.end + d, value: f.value, unit: f.unit, kind: f.kind, approx: f.approx, precision: f.precision, lang: f.lang, style: f.style };
  if (f.qualifierStart !== undefined) m.qualifierStart = f.qualifierStart + d;
  if (f.of !== undefined) m.of = f.of;
  if (f.rangeTo !== undefined) m.rangeTo = f.rangeTo;
  return m;
}
const MOVED_FIELDS: { figure: Record<keyof Figure, true>; claim: Record<keyof Claim, true>; time: Record<keyof TimeMention, true> } = {
  figure: { text: true, start: true, end: true, value: true, unit: true, kind: true, approx: true, qualifierStart: true, precision: true, of: true, rangeTo: true, lang: true, style: true },
  claim: { figure: true, metric: true, cue: true, sentence: true, time: true },
  time: { start: true, end: true, range: true },
};
void MOVED_FIELDS;

/** Claims covered by inline disable comments stay listed but are marked, so they are no findings. */
function markSuppressed(text: string, format: CheckOptions['format'], claims: CheckedClaim[]): CheckedClaim[] {
  if (format === 'plaintext' || claims.length === 0 || !text.includes('factlint-disable')) return claims;
  const ranges = findSuppressions(text);
  if (ranges.length === 0) return claims;
  return claims.map((c) => {
    const { start, end } = c.claim.figure;
    const covered = ranges.some((r) => r.start <= start && end <= r.end);
    return covered ? { ...c, suppressed: true } : c;
  });
}
