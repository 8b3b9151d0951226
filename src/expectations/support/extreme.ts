import type { z } from 'zod';
import { ORDERED, type TypeFamily } from '../../arrow/types.js';
import type { AggregateSpec } from '../../engine/expectation.js';
import { keyBounds, type MinMax, minMax } from '../../metrics/min-max.js';
import { columnAggregateKeys } from '../../suite/kwargs.js';
import { boundedRangeKwargs, inRange } from './range.js';
import { columnType } from './schema.js';

/**
 * What expect_column_min_to_be_between and expect_column_max_to_be_between share: one min/max metric,
 * bounds that may be ISO dates for temporal columns, and GX's result (the extreme as the column reports it).
 */

/** Ordered families, and the null type: its extreme is missing, a failure rather than an error. */
export const EXTREME_FAMILIES: readonly TypeFamily[] = [...ORDERED, 'null'];

/** Kwargs of the extreme expectations. */
export const extremeKwargs = boundedRangeKwargs(columnAggregateKeys);

type ExtremeKwargs = z.output<typeof extremeKwargs>;

/** The check of a column's smallest (`min`) or largest (`max`) non-missing value against the bounds. */
export function extremeInRange(extreme: 'min' | 'max'): AggregateSpec<ExtremeKwargs> {
  return {
    metrics: (k) => ({ m: minMax(k.column) }),
    evaluate: ({ m }, k, ctx) => {
      const mm = m as MinMax;
      const key = extreme === 'min' ? mm.minKey : mm.maxKey;
      return {
        success: inRange(key, keyBounds(columnType(ctx, k.column), k.column, k)),
        result: { observed_value: mm[extreme] },
      };
    },
  };
}
