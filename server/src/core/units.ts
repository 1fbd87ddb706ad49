// Whether a figure can state a metric, and the figure's value in the metric's unit.
import type { Figure, Metric } from './types';

/** A figure's value range in a metric's unit: [low, high] plus the rounding its digits imply. */
export interface Measured {
  value: number;
  /** Upper end for a range figure ("5 to 10 %"), else equal to value. */
  high: number;
  precision: number;
  /** Metric units per figure unit (100 for a fraction stating a percent metric). */
  factor: number;
}

/**
 * The figure's value in the metric's unit, or undefined where the figure cannot state
 * the metric at all (money for a count, dollars for yuan, a rank for a share).
 */
export function inMetricUnit(figure: Figure, metric: Metric): Measured | undefined {
  const factor = conversion(figure, metric.unit);
  if (factor === undefined) return undefined;
  const value = figure.value * factor;
  return {
    value,
    high: (figure.rangeTo ?? figure.value) * factor,
    precision: figure.precision * factor,
    factor,
  };
}

/** Whether the figure can state the metric at all (inMetricUnit without computing the value). */
export function canState(figure: Figure, metric: Metric): boolean {
  return conversion(figure, metric.unit) !== undefined;
}

function conversion(figure: Figure, unit: string): number | undefined {
  switch (figure.kind) {
    case 'count':
      return unit === 'count' ? 1 : undefined;
    case 'percent':
      return unit === 'percent' ? 1 : unit === 'fraction' ? 0.01 : undefined;
    case 'fraction':
      return unit === 'fraction' ? 1 : unit === 'percent' ? 100 : undefined;
    case 'money':
      return figure.unit === unit ? 1 : undefined;
    case 'rank':
      return unit === 'rank' ? 1 : undefined;
    case 'percentagePoints':
      return unit === 'percentagePoints' ? 1 : undefined;
    case 'multiple':
      return unit === 'multiple' ? 1 : undefined;
  }
}
