import { z } from 'zod';
import type { AggregateOutcome } from '../../engine/expectation.js';
import { minLeMax, minLeMaxIssue, runtimeKeys } from '../../suite/kwargs.js';
import { type RangeKwargs, rangePhrase } from './range.js';

/**
 * What the row-count and column-count expectations share: their kwargs, their GX result and how they
 * read ("the table has between 3 and 5 columns").
 */

/** A number of rows or columns. */
const count = z.number().int().min(0);

/** Kwargs of `*_count_to_be_between`: either bound may be null or left out; with neither, any count passes. */
export const countRangeKwargs = z
  .strictObject({
    min_value: count.nullable().optional(),
    max_value: count.nullable().optional(),
    strict_min: z.boolean().default(false),
    strict_max: z.boolean().default(false),
    ...runtimeKeys,
  })
  .refine(minLeMax, minLeMaxIssue);

/** Kwargs of `*_count_to_equal`. */
export const countEqualKwargs = z.strictObject({ value: count, ...runtimeKeys });

/** GX's outcome of a count equality check. */
export function countEquals(observed: number, value: number): AggregateOutcome {
  return { success: observed === value, result: { observed_value: observed } };
}

/** The noun with an English plural: "1 row", "3 rows". */
function noun(word: string, n: number | null | undefined): string {
  return n === 1 ? word : `${word}s`;
}

/** "the table has between 3 and 5 rows", "... at least 1 row", "... any number of rows". */
export function countRangeSentence(k: RangeKwargs, word: string): string {
  if (k.min_value == null && k.max_value == null) return `the table has any number of ${word}s`;
  const last = (k.max_value ?? k.min_value) as number;
  return `the table has ${rangePhrase(k)} ${noun(word, last)}`;
}

/** "the table has exactly 10000 rows". */
export function countEqualSentence(value: number, word: string): string {
  return `the table has exactly ${value} ${noun(word, value)}`;
}
