// Synthetic fact bases of any size with the variety of a newsroom's: subjects in a
// hierarchy with English and German names, metrics whose cues share words ("exports",
// "foreign trade", "retail sales": the same words the shipped base and the draft use), units,
// change metrics, and several observations each, all within the fact base's rules. Metrics
// are produced one at a time (a million do not fit in memory as objects), as domain objects
// for a compile and as YAML text for the loader.
import { rng } from './random.mjs';

const SYLLABLES = ['ka', 'lin', 'zhou', 'bei', 'an', 'shan', 'he', 'nan', 'xi', 'dong', 'feng', 'yu', 'tai', 'qing', 'ma', 'lu', 'jin', 'hua', 'song', 'wu'];
const EN_ADJ = ['industrial', 'foreign', 'total', 'retail', 'annual', 'new', 'high-tech', 'private', 'rural', 'urban', 'digital', 'cross-border', 'foreign-invested', 'manufacturing', 'export-oriented'];
const EN_NOUN = ['output', 'exports', 'imports', 'investment', 'enterprises', 'sales', 'revenue', 'trade', 'jobs', 'households', 'patents', 'visitors', 'loans', 'deposits', 'capacity', 'companies', 'projects', 'trains', 'freight'];
const EN_TAIL = ['', '', ' value', ' volume', ' of goods', ' of services'];
const DE_ADJ = ['industrielle', 'ausländische', 'gesamte', 'jährliche', 'neue', 'private', 'ländliche', 'städtische', 'digitale', 'grenzüberschreitende'];
const DE_NOUN = ['Produktion', 'Exporte', 'Importe', 'Investitionen', 'Unternehmen', 'Umsätze', 'Einnahmen', 'Handel', 'Arbeitsplätze', 'Patente', 'Besucher', 'Kredite', 'Einlagen', 'Projekte', 'Züge'];
/** Kinds of metric: a unit, and for percentages whether it is a rate of change. */
const KINDS = [{ unit: 'count' }, { unit: 'CNY' }, { unit: 'USD' }, { unit: 'percent' }, { unit: 'percent', change: true }];
export const METRICS_PER_SUBJECT = 50;
const SOURCES = 200;

function capital(s) {
  return s[0].toUpperCase() + s.slice(1);
}

/**
 * What slot j of a subject's metrics measures: kind j % 5, and nouns that no other slot of
 * that kind takes within the subject (ten slots a kind; there are 19 English and 15 German
 * nouns), turned by `shift` from subject to subject. The fact base's rules want the cues of
 * one subject, unit and kind to differ (a figure beside a shared cue would name two metrics);
 * across subjects and kinds the nouns repeat and adjectives are shared, as in a newsroom's base.
 */
function slot(j, shift) {
  const step = Math.floor(j / KINDS.length);
  return { kind: KINDS[j % KINDS.length], noun: EN_NOUN[(step + shift) % EN_NOUN.length], deNoun: DE_NOUN[(step + shift) % DE_NOUN.length] };
}
/** Slots a subject can take without two of a kind sharing a German noun. */
const SLOTS = KINDS.length * DE_NOUN.length;

/**
 * Three syllables at least: one or two make words of the draft ("An", "Bei", "He") and real
 * places ("Shandong", "Henan"), which would turn the draft's sentences to synthetic subjects.
 */
function subjectName(i) {
  let n = i + SYLLABLES.length ** 2;
  let name = '';
  while (n > 0) {
    name += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return capital(name);
}

export function subjectCount(metrics) {
  return Math.max(20, Math.ceil(metrics / METRICS_PER_SUBJECT));
}

const location = (file) => ({ file, line: 0, character: 0, endLine: 0, endCharacter: 0 });

/** The synthetic subjects: every tenth is a province, the nine after it lie within it. */
export function subjects(metrics, file = 'synthetic/subjects.yaml') {
  return Array.from({ length: subjectCount(metrics) }, (_, i) => {
    const name = subjectName(i);
    return {
      id: `syn-${name.toLowerCase()}-${i}`,
      names: { en: [`${name} City`, name], de: [`Stadt ${name}`, name] },
      ...(i % 10 === 0 ? {} : { parent: `syn-${subjectName(i - (i % 10)).toLowerCase()}-${i - (i % 10)}` }),
      location: location(file),
    };
  });
}

export function sources(file = 'synthetic/sources.yaml') {
  return Array.from({ length: SOURCES }, (_, i) => ({
    id: `syn-source-${i}`,
    title: `Statistical bulletin ${i}`,
    publisher: `Bureau ${i % 37}`,
    published: `${2019 + (i % 5)}`,
    publishedEstimated: false,
    language: i % 3 === 0 ? 'de' : 'en',
    location: location(file),
  }));
}

/**
 * What synthetic metrics take from the shipped base: its subjects, and a test for the cues its
 * metrics use, which they must not repeat. `normalizeCue` is the fact base's own (factValidation.ts),
 * so that cues count as the same exactly when its shared-cue rule would say so.
 */
function shippedPart(base, normalizeCue) {
  const key = (subject, unit, change, cue) => `${subject}\u0000${unit}\u0000${change === true}\u0000${normalizeCue(cue)}`;
  const cues = new Set();
  for (const m of base.metrics.values()) for (const cue of [...(m.cues.en ?? []), ...(m.cues.de ?? [])]) cues.add(key(m.subject, m.unit, m.change, cue));
  return { subjects: [...base.subjects.keys()], uses: (subject, unit, change, cue) => cues.has(key(subject, unit, change, cue)) };
}

/**
 * Metric i of a base of `total` metrics, as plain data (the YAML's shape): its subject, its
 * slot's cues (the noun alone and with adjectives; a fifth also get a cue naming the subject),
 * three yearly observations. Every thousandth metric is about one of the shipped subjects,
 * with cues the shipped metrics of its unit do not use: a real draft's sentences about those
 * subjects then walk synthetic cues that share their words. The base passes `factlint facts
 * validate` (scale.mjs checks that).
 */
export function metricData(i, subjectList, shipped) {
  const r = rng(i * 2654435761);
  const si = Math.floor(i / METRICS_PER_SUBJECT);
  const s = subjectList[si % subjectList.length];
  let subject = s.id;
  let { kind, noun, deNoun } = slot(i % METRICS_PER_SUBJECT, si);
  let drop;
  const extra = Math.floor(i / 1000);
  if (i % 1000 === 999 && shipped.subjects.length > 0 && Math.floor(extra / shipped.subjects.length) < SLOTS) {
    const e = extra % shipped.subjects.length;
    subject = shipped.subjects[e];
    ({ kind, noun, deNoun } = slot(Math.floor(extra / shipped.subjects.length), e));
    drop = (cue) => shipped.uses(subject, kind.unit, kind.change, cue);
  }
  const en = new Set([noun]);
  const de = new Set([deNoun]);
  const enVariants = 2 + r.int(3);
  const deVariants = 2 + r.int(3);
  while (en.size <= enVariants) en.add(`${r.pick(EN_ADJ)} ${noun}${r.pick(EN_TAIL)}`);
  while (de.size <= deVariants) de.add(`${r.pick(DE_ADJ)} ${deNoun}`);
  if (i % 5 === 0 && subject === s.id) {
    en.add(`${s.names.en[1]} ${noun}`);
    de.add(`${deNoun} ${s.names.de[1]}`);
  }
  const cues = { en: [...en].filter((c) => !drop?.(c)), de: [...de].filter((c) => !drop?.(c)) };
  const level = kind.unit === 'percent' ? 1 + r.int(400) / 10 : kind.unit === 'count' ? 100 + r.int(100000) : (1 + r.int(9000)) * 1e8;
  // Counts are whole numbers; amounts and percentages keep a decimal.
  const round = kind.unit === 'count' ? Math.round : (v) => Math.round(v * 10) / 10;
  const observations = [2018, 2019, 2020].map((year, k) => ({
    value: round(level * (1 + k * 0.07)),
    period: `${year}`,
    whenLabel: `${year}`,
    source: `syn-source-${(i + k) % SOURCES}`,
    quote: `${noun} reached the stated level in ${year}`,
  }));
  return {
    id: `syn.${subject}.${kind.unit.toLowerCase()}${kind.change ? '-change' : ''}.m${i}`,
    subject,
    measure: { en: `${noun} of ${subject}`, de: `${deNoun} von ${subject}` },
    unit: kind.unit,
    cues,
    ...(kind.change ? { change: true } : {}),
    observations,
  };
}

/** The same metric as the loader's domain object. */
function toMetric(d, file) {
  return {
    ...d,
    observations: d.observations.map((o, index) => ({
      metricId: d.id,
      index,
      value: o.value,
      when: { start: `${o.period}-01-01`, end: `${o.period}-12-31` },
      whenLabel: o.whenLabel,
      whenEstimated: false,
      expectation: false,
      sources: [o.source],
      quote: o.quote,
      location: location(file),
    })),
    location: location(file),
  };
}

/** Domain objects of a synthetic base of n metrics, metrics as a generator. */
export function syntheticBase(n, shippedBase, normalizeCue) {
  const shipped = shippedPart(shippedBase, normalizeCue);
  const subjectList = subjects(n);
  return {
    sources: sources(),
    subjects: subjectList,
    *metrics() {
      for (let i = 0; i < n; i++) yield toMetric(metricData(i, subjectList, shipped), 'synthetic/metrics.yaml');
    },
  };
}

const q = (s) => JSON.stringify(s);

/** The same base as YAML fact files in the shipped files' format: yields [name, text], metrics in files of 5,000. */
export function* syntheticYaml(n, shippedBase, normalizeCue) {
  const shipped = shippedPart(shippedBase, normalizeCue);
  const subjectList = subjects(n);
  yield ['sources.yaml', 'sources:\n' + sources().map((s) => `  - id: ${s.id}\n    title: ${q(s.title)}\n    publisher: ${q(s.publisher)}\n    published: "${s.published}"\n    language: ${s.language}\n`).join('')];
  yield ['subjects.yaml', 'subjects:\n' + subjectList.map((s) => `  - id: ${s.id}\n${s.parent ? `    parent: ${s.parent}\n` : ''}    names:\n      en: [${s.names.en.map(q).join(', ')}]\n      de: [${s.names.de.map(q).join(', ')}]\n`).join('')];
  for (let from = 0; from < n; from += 5000) {
    const parts = ['metrics:\n'];
    for (let i = from; i < Math.min(n, from + 5000); i++) {
      const m = metricData(i, subjectList, shipped);
      parts.push(`  - id: ${m.id}\n    subject: ${m.subject}\n    measure:\n      en: ${q(m.measure.en)}\n      de: ${q(m.measure.de)}\n    unit: ${m.unit}\n`);
      parts.push(`    cues:\n      en: [${m.cues.en.map(q).join(', ')}]\n      de: [${m.cues.de.map(q).join(', ')}]\n${m.change ? '    change: true\n' : ''}    observations:\n`);
      for (const o of m.observations) parts.push(`      - value: ${o.value}\n        period: "${o.period}"\n        whenLabel: "${o.whenLabel}"\n        source: ${o.source}\n        quote: ${q(o.quote)}\n`);
    }
    yield [`metrics-${String(from / 5000).padStart(4, '0')}.yaml`, parts.join('')];
  }
}
