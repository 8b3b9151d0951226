import { z } from 'zod';
import { NUMERIC, type TypeFamily } from '../../arrow/types.js';
import type { MapSpec } from '../../engine/expectation.js';
import { type Direction, monotonicMetric } from '../../metrics/monotonic.js';
import { columnMapKeys } from '../../suite/kwargs.js';
import { valuesSentence } from './range.js';

/**
 * What expect_column_values_to_be_increasing and _decreasing share: kwargs, accepted types, the metric
 * that carries the previous value across batches, and the sentence.
 */

/** Numbers and points in time (GX: "numeric or datetime data"); the null type passes vacuously. */
export const MONOTONIC_FAMILIES: readonly TypeFamily[] = [
  ...NUMERIC,
  'date',
  'timestamp',
  'time',
  'duration',
  'null',
];

/** Kwargs: the column, mostly, and strictly (GX allows null for false). */
export const monotonicKwargs = z.strictObject({
  ...columnMapKeys,
  strictly: z.boolean().nullable().default(false),
});

type MonotonicKwargs = z.output<typeof monotonicKwargs>;

/** The map spec of one direction. */
export function monotonicMap(direction: Direction): MapSpec<MonotonicKwargs> {
  return {
    metric: (k, capture) =>
      monotonicMetric({ column: k.column, direction, strictly: k.strictly === true, capture }),
  };
}

/** "values in `t` are increasing (each at least the one before)", strictly: "... greater than ...". */
export function monotonicSentence(direction: Direction): (k: MonotonicKwargs) => string {
  const [strict, loose] =
    direction === 'increasing' ? ['greater than', 'at least'] : ['less than', 'at most'];
  return (k) =>
    valuesSentence(
      k.column,
      `are ${k.strictly ? 'strictly ' : ''}${direction} (each ${k.strictly ? strict : loose} the previous value)`,
      k.mostly,
    );
}
