import { z } from 'zod';
import { CONDITION_PARSERS, ConditionError, rowConditionOf } from '../engine/condition.js';

/**
 * The kwargs vocabulary shared by expectations: domain keys, `mostly`, bounds and the runtime keys GX
 * allows on every expectation. Each expectation file composes its own strict schema from these.
 */

const level = z.enum(['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE']);

/** GX's result_format: a level, or a dict with the level and its options. */
export const resultFormat = z.union([
  level,
  z.strictObject({
    result_format: level,
    partial_unexpected_count: z.number().int().min(0).optional(),
    unexpected_index_column_names: z.array(z.string()).optional(),
    exclude_unexpected_values: z.boolean().optional(),
    return_unexpected_index_query: z.boolean().optional(),
    include_unexpected_rows: z.boolean().optional(),
  }),
]);

/**
 * GX's row_condition and its condition_parser: the expectation sees only the rows where the condition
 * holds (src/engine/condition.ts has both syntaxes). Their syntax is checked by checkRowCondition.
 */
export const conditionKeys = {
  row_condition: z.string().nullable().optional(),
  condition_parser: z.enum(CONDITION_PARSERS).nullable().optional(),
};

/** Keys every expectation accepts: those that steer output, not success, and GX's row_condition. */
export const runtimeKeys = {
  result_format: resultFormat.optional(),
  catch_exceptions: z.boolean().optional(),
  include_config: z.boolean().optional(),
  ...conditionKeys,
};

/**
 * Refinement of an expectation's kwargs: a row_condition parses under its condition_parser, which GX
 * requires; the issue names the kwarg at fault and, for syntax errors, the character.
 */
export function checkRowCondition(k: unknown, ctx: z.RefinementCtx): void {
  try {
    rowConditionOf(k as Record<string, unknown>);
  } catch (e) {
    if (!(e instanceof ConditionError)) throw e;
    ctx.addIssue({
      code: 'custom',
      path: [e.kwarg],
      message: e.message,
      input: (k as Record<string, unknown>)[e.kwarg],
    });
  }
}

/** A column name. */
export const columnName = z.string().min(1, 'expected a column name');

/** The share of non-missing rows that must meet a row-wise expectation (0..1, default 1). */
export const mostly = z
  .number()
  .min(0, 'mostly must be between 0 and 1')
  .max(1, 'mostly must be between 0 and 1')
  .default(1);

/** A bound: a number (±Infinity too, as GX suites write them), an ISO date or other string, or null for open. */
export const bound = z.union([z.number(), z.literal([Infinity, -Infinity]), z.string(), z.null()]).optional();

/** A numeric bound (±Infinity too), or null for open. */
export const numericBound = z.union([z.number(), z.literal([Infinity, -Infinity]), z.null()]).optional();

/** A literal value as found in value sets. */
export const literal = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** A set of values (GX accepts a list; duplicates are harmless). */
export const valueSet = z.array(literal);

/** The keys of a single-column row-wise expectation. */
export const columnMapKeys = {
  column: columnName,
  mostly,
  ...runtimeKeys,
};

/** GX's ignore_row_if for a column pair: which rows with missing values are left out. */
export const pairIgnoreRowIf = z
  .enum(['both_values_are_missing', 'either_value_is_missing', 'neither'])
  .default('both_values_are_missing');

/** GX's ignore_row_if for several columns: which rows with missing values are left out. */
export const multicolumnIgnoreRowIf = z
  .enum(['all_values_are_missing', 'any_value_is_missing', 'never'])
  .default('all_values_are_missing');

/** The keys of a column-pair row-wise expectation. */
export const columnPairMapKeys = {
  column_A: columnName,
  column_B: columnName,
  mostly,
  ignore_row_if: pairIgnoreRowIf,
  ...runtimeKeys,
};

/** The keys of a multicolumn row-wise expectation. */
export const multicolumnMapKeys = {
  column_list: z.array(columnName).min(1, 'expected at least one column'),
  mostly,
  ignore_row_if: multicolumnIgnoreRowIf,
  ...runtimeKeys,
};

/** The keys of a single-column aggregate expectation. */
export const columnAggregateKeys = {
  column: columnName,
  ...runtimeKeys,
};

/** min_value/max_value with strictness flags. */
export const rangeKeys = {
  min_value: bound,
  max_value: bound,
  strict_min: z.boolean().default(false),
  strict_max: z.boolean().default(false),
};

/** min_value/max_value as numbers only, with strictness flags (aggregates such as mean or stdev). */
export const numericRangeKeys = {
  min_value: numericBound,
  max_value: numericBound,
  strict_min: z.boolean().default(false),
  strict_max: z.boolean().default(false),
};

/** Rejects min_value > max_value (numbers or strings of the same kind). */
export function minLeMax<T extends { min_value?: unknown; max_value?: unknown }>(k: T): boolean {
  const { min_value: a, max_value: b } = k;
  if (a == null || b == null) return true;
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  return true;
}

/** The refinement message and path for minLeMax. */
export const minLeMaxIssue = { message: 'min_value must be <= max_value', path: ['min_value'] };

/** Requires at least one of min_value and max_value. */
export function hasABound<T extends { min_value?: unknown; max_value?: unknown }>(k: T): boolean {
  return k.min_value != null || k.max_value != null;
}

/** The refinement message and path for hasABound. */
export const hasABoundIssue = { message: 'give min_value, max_value or both', path: ['min_value'] };

/** A list of patterns (regex_list, like_pattern_list): GX refuses an empty one. */
export function patternList(name: string) {
  return z.array(z.string()).min(1, `${name} must list at least one pattern`);
}

/** GX's match_on: a value must match any pattern of the list (default), or all of them. */
export const matchOn = z.enum(['any', 'all']).default('any');
