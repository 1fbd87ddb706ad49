// Synthetic fact bases of any size with the variety of a newsroom's: subjects in a
// hierarchy with English and German names, metric families whose cues share words
// ("exports", "foreign trade", "retail sales": the same words the shipped base and the
// draft use), units, change metrics, and several observations each. Metrics are produced
// one at a time (a million do not fit in memory as objects), as domain objects for a
// compile and as YAML text for the loader.
import { rng } from './random.mjs';

const SYLLABLES = ['ka', 'lin', 'zhou', 'bei', 'an', 'shan', 'he', 'nan', 'xi', 'dong', 'feng', 'yu', 'tai', 'qing', 'ma', 'lu', 'jin', 'hua', 'song', 'wu'];
const EN_ADJ = ['industrial', 'foreign', 'total', 'retail', 'annual', 'new', 'high-tech', 'private', 'rural', 'urban', 'digital', 'cross-border', 'foreign-invested', 'manufacturing', 'export-oriented'];
const EN_NOUN = ['output', 'exports', 'imports', 'investment', 'enterprises', 'sales', 'revenue', 'trade', 'jobs', 'households', 'patents', 'visitors', 'loans', 'deposits', 'capacity', 'companies', 'projects', 'trains', 'freight'];
const EN_TAIL = ['', '', ' value', ' volume', ' of goods', ' of services'];
const DE_ADJ = ['industrielle', 'ausländische', 'gesamte', 'jährliche', 'neue', 'private', 'ländliche', 'städtische', 'digitale', 'grenzüberschreitende'];
const DE_NOUN = ['Produktion', 'Exporte', 'Importe', 'Investitionen', 'Unternehmen', 'Umsätze', 'Einnahmen', 'Handel', 'Arbeitsplätze', 'Patente', 'Besucher', 'Kredite', 'Einlagen', 'Projekte', 'Züge'];
const UNITS = ['count', 'count', 'count', 'CNY', 'CNY', 'USD', 'percent', 'percent'];
const FAMILIES = 600;
export const METRICS_PER_SUBJECT = 50;
const SOURCES = 200;

function capital(s) {
  return s[0].toUpperCase() + s.slice(1);
}

function families() {
  const r = rng(7);
  return Array.from({ length: FAMILIES }, (_, f) => {
    const unit = UNITS[f % UNITS.length];
    const en = new Set();
    const de = new Set();
    const noun = r.pick(EN_NOUN);
    const deNoun = r.pick(DE_NOUN);
    en.add(noun);
    de.add(deNoun);
    while (en.size < 3 + r.int(3)) en.add(`${r.pick(EN_ADJ)} ${noun}${r.pick(EN_TAIL)}`);
    while (de.size < 3 + r.int(3)) de.add(`${r.pick(DE_ADJ)} ${deNoun}`);
    return { id: `family-${f}`, unit, change: unit === 'percent' && f % 2 === 0, en: [...en], de: [...de], noun, deNoun };
  });
}

function subjectName(i) {
  let n = i + 1;
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
 * Metric i of a base of `total` metrics, as plain data (the YAML's shape): its subject,
 * a family's cues (a fifth also get a cue naming the subject), three yearly observations.
 * Every thousandth metric is about one of `extraSubjects` (the shipped subjects), so that
 * a real draft's sentences meet synthetic metrics under their own cues too.
 */
export function metricData(i, total, subjectList, extraSubjects, fams) {
  const r = rng(i * 2654435761);
  const f = fams[(i * 7919) % fams.length];
  const s = subjectList[Math.floor(i / METRICS_PER_SUBJECT) % subjectList.length];
  const subject = i % 1000 === 999 && extraSubjects.length > 0 ? extraSubjects[(i / 1000 | 0) % extraSubjects.length] : s.id;
  const en = [...f.en];
  const de = [...f.de];
  if (i % 5 === 0) {
    en.push(`${s.names.en[1]} ${f.noun}`);
    de.push(`${f.deNoun} ${s.names.de[1]}`);
  }
  const base = f.unit === 'percent' ? 1 + r.int(400) / 10 : f.unit === 'count' ? 100 + r.int(100000) : (1 + r.int(9000)) * 1e8;
  const observations = [2018, 2019, 2020].map((year, k) => ({
    value: Math.round(base * (1 + k * 0.07) * 10) / 10,
    period: `${year}`,
    whenLabel: `${year}`,
    source: `syn-source-${(i + k) % SOURCES}`,
    quote: `${f.en[0]} reached the stated level in ${year}`,
  }));
  return {
    id: `syn.${subject}.${f.id}.m${i}`,
    subject,
    measure: { en: `${f.en[0]} of ${subject}`, de: `${f.de[0]} von ${subject}` },
    unit: f.unit,
    cues: { en, de },
    ...(f.change ? { change: true } : {}),
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
export function syntheticBase(n, extraSubjects) {
  const fams = families();
  const subjectList = subjects(n);
  return {
    sources: sources(),
    subjects: subjectList,
    *metrics() {
      for (let i = 0; i < n; i++) yield toMetric(metricData(i, n, subjectList, extraSubjects, fams), 'synthetic/metrics.yaml');
    },
  };
}

const q = (s) => JSON.stringify(s);

/** The same base as YAML fact files in the shipped files' format: yields [name, text], metrics in files of 5,000. */
export function* syntheticYaml(n, extraSubjects) {
  const fams = families();
  const subjectList = subjects(n);
  yield ['sources.yaml', 'sources:\n' + sources().map((s) => `  - id: ${s.id}\n    title: ${q(s.title)}\n    publisher: ${q(s.publisher)}\n    published: "${s.published}"\n    language: ${s.language}\n`).join('')];
  yield ['subjects.yaml', 'subjects:\n' + subjectList.map((s) => `  - id: ${s.id}\n${s.parent ? `    parent: ${s.parent}\n` : ''}    names:\n      en: [${s.names.en.map(q).join(', ')}]\n      de: [${s.names.de.map(q).join(', ')}]\n`).join('')];
  for (let from = 0; from < n; from += 5000) {
    const parts = ['metrics:\n'];
    for (let i = from; i < Math.min(n, from + 5000); i++) {
      const m = metricData(i, n, subjectList, extraSubjects, fams);
      parts.push(`  - id: ${m.id}\n    subject: ${m.subject}\n    measure:\n      en: ${q(m.measure.en)}\n      de: ${q(m.measure.de)}\n    unit: ${m.unit}\n`);
      parts.push(`    cues:\n      en: [${m.cues.en.map(q).join(', ')}]\n      de: [${m.cues.de.map(q).join(', ')}]\n${m.change ? '    change: true\n' : ''}    observations:\n`);
      for (const o of m.observations) parts.push(`      - value: ${o.value}\n        period: "${o.period}"\n        whenLabel: "${o.whenLabel}"\n        source: ${o.source}\n        quote: ${q(o.quote)}\n`);
    }
    yield [`metrics-${String(from / 5000).padStart(4, '0')}.yaml`, parts.join('')];
  }
}
