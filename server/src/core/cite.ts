// Short words for observations and sources, shared by verdict messages, hovers and citations.
import { formatLike } from './formatFigure';
import type { FactBase, Figure, Metric, Observation, Source } from './types';
import { inMetricUnit } from './units';

/** "end of 2020", "about 2025": when an observation holds, as the fact file words it. */
export function whenText(o: Observation): string {
  return o.whenLabel;
}

/** The observation's main source. */
export function mainSource(o: Observation, base: FactBase): Source | undefined {
  return base.sources.get(o.sources[0]);
}

/** "iChongqing, 2020-12-25": publisher and date, as a parenthetical citation. */
export function sourceLabel(source: Source | undefined): string {
  if (!source) return 'unknown source';
  const date = source.publishedEstimated ? `c. ${source.published}` : source.published;
  return `${source.publisher}, ${date}`;
}

/** The observation's value as the source states it, qualifier included: "more than 240". */
export function statedValue(o: Observation, written: string): string {
  return o.qualifier ? `${o.qualifier.text} ${written}` : written;
}

/** An observation's value written the way `figure` writes numbers ("322", "US$32.08 billion"). */
export function writtenValue(figure: Figure, metric: Metric, o: Observation): string {
  const factor = inMetricUnit(figure, metric)?.factor ?? 1;
  return formatLike(figure, o.value / factor);
}
