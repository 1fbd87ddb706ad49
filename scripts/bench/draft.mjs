// A realistic draft generated from a fact base: Markdown news copy in English and German
// paragraphs (about a quarter German), where roughly every third sentence states a figure
// of a metric of the base, some exactly, some outdated or wrong, and others carry numbers
// that are no facts (times, dates, street numbers) or none at all.
import { rng } from './random.mjs';

const EN_FILLER = [
  'Officials said the plan would be reviewed again next spring.',
  'The announcement came after weeks of talks between the city and investors.',
  'Local business groups welcomed the decision but asked for clearer rules.',
  'Critics argue that the benefits have not reached smaller firms.',
  'The municipal government did not respond to a request for comment.',
  'Analysts expect the trend to continue as logistics links improve.',
  'Residents in the outer districts have seen fewer of the gains.',
  'The report was presented at a press conference on Tuesday.',
  'Several delegations visited the new industrial park during the week.',
  'Observers caution that comparisons across years are difficult.',
];
const DE_FILLER = [
  'Die Stadtregierung wollte sich zu den Zahlen nicht äußern.',
  'Beobachter warnen davor, die Jahre direkt miteinander zu vergleichen.',
  'Die Pläne sollen im kommenden Frühjahr erneut geprüft werden.',
  'Vertreter der Wirtschaft begrüßten die Entscheidung, forderten aber klarere Regeln.',
  'Kritiker bemängeln, dass kleinere Firmen bisher kaum profitieren.',
  'Der Bericht wurde am Dienstag auf einer Pressekonferenz vorgestellt.',
  'Analysten erwarten, dass sich der Trend fortsetzt, wenn die Verkehrswege besser werden.',
  'Mehrere Delegationen besuchten in dieser Woche den neuen Industriepark.',
];
const EN_OTHER_NUMBERS = [
  'The meeting began at 9 a.m. in Room 301 of the conference centre.',
  'The delegation of 12 officials arrived on 3 March.',
  'Line 2 of the metro will be extended by spring.',
];
const DE_OTHER_NUMBERS = [
  'Die Sitzung begann um 9 Uhr in Saal 301 des Kongresszentrums.',
  'Die Delegation aus 12 Beamten traf am 3. März ein.',
];

function year(o) {
  return o.when.end.slice(0, 4);
}

/** A value in the way news copy writes it, in the metric's unit. */
function written(value, unit, lang) {
  const de = lang === 'de';
  const num = (v, digits) => v.toLocaleString(de ? 'de-DE' : 'en-US', { maximumFractionDigits: digits });
  if (unit === 'percent' || unit === 'percentagePoints') return de ? `${num(value, 1)} Prozent` : `${num(value, 1)}%`;
  if (unit === 'CNY' || unit === 'USD' || unit === 'EUR') {
    const big = value >= 1e9 ? [value / 1e9, de ? 'Milliarden' : 'billion'] : value >= 1e6 ? [value / 1e6, de ? 'Millionen' : 'million'] : [value, ''];
    const amount = `${num(big[0], 2)}${big[1] ? ` ${big[1]}` : ''}`;
    if (unit === 'USD') return de ? `${amount} US-Dollar` : `US$${amount}`;
    if (unit === 'EUR') return de ? `${amount} Euro` : `€${amount}`;
    return de ? `${amount} Yuan` : `${amount} yuan`;
  }
  if (value >= 1e6 && unit === 'count') return `${num(value / 1e6, 2)} ${de ? 'Millionen' : 'million'}`;
  return num(value, 2);
}

function figureSentence(r, metric, subjectName, lang) {
  const cues = metric.cues[lang] ?? [];
  const cue = cues.length > 0 ? r.pick(cues) : metric.measure.en;
  const o = r.pick(metric.observations);
  // Most figures as the source states them; some off by a tenth (a conflict), some older.
  const value = r() < 0.2 ? o.value * 1.1 : o.value;
  const v = written(value, metric.unit, lang);
  const y = year(o);
  if (lang === 'de') {
    return r.pick([
      `In ${subjectName} lag der Wert für ${cue} im Jahr ${y} bei ${v}.`,
      `Ende ${y} meldete ${subjectName} ${v} bei ${cue}.`,
      `Nach Angaben der Behörden erreichte ${subjectName} ${y} ${v} (${cue}).`,
    ]);
  }
  return r.pick([
    `${subjectName}'s ${cue} reached ${v} in ${y}, officials said.`,
    `By the end of ${y}, ${subjectName} had ${v} in ${cue}.`,
    `The figure for ${cue} in ${subjectName} stood at ${v} in ${y}, according to the bulletin.`,
    `In ${y}, ${cue} in ${subjectName} came to ${v}.`,
  ]);
}

/** A Markdown draft of at least `words` words about the base's metrics. */
export function makeDraft(base, words, seed = 1) {
  const r = rng(seed);
  const metrics = [...base.metrics.values()].filter((m) => m.observations.length > 0);
  const out = ['# Business review\n'];
  let count = 0;
  let paragraph = 0;
  while (count < words) {
    const lang = r() < 0.25 ? 'de' : 'en';
    const sentences = [];
    const n = 4 + r.int(4);
    for (let k = 0; k < n; k++) {
      const roll = r();
      let s;
      if (roll < 0.35) {
        const metric = r.pick(metrics);
        const subject = base.subjects.get(metric.subject);
        const names = subject?.names[lang] ?? subject?.names.en ?? [metric.subject];
        s = figureSentence(r, metric, r.pick(names), lang);
      } else if (roll < 0.45) {
        s = r.pick(lang === 'de' ? DE_OTHER_NUMBERS : EN_OTHER_NUMBERS);
      } else {
        s = r.pick(lang === 'de' ? DE_FILLER : EN_FILLER);
      }
      sentences.push(s);
    }
    const text = sentences.join(' ');
    count += text.split(/\s+/).length;
    out.push(text + '\n');
    if (++paragraph % 8 === 0) out.push(`## ${lang === 'de' ? 'Abschnitt' : 'Section'} ${paragraph / 8}\n`);
  }
  return { text: out.join('\n'), words: count, paragraphs: paragraph };
}
