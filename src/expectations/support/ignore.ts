import type { IgnoreIf } from '../../metrics/map.js';

/** GX's ignore_row_if values, for column pairs and for several columns. */
export type IgnoreRowIf =
  | 'both_values_are_missing'
  | 'either_value_is_missing'
  | 'neither'
  | 'all_values_are_missing'
  | 'any_value_is_missing'
  | 'never';

const POLICY: Record<IgnoreRowIf, IgnoreIf> = {
  both_values_are_missing: 'all',
  all_values_are_missing: 'all',
  either_value_is_missing: 'any',
  any_value_is_missing: 'any',
  neither: 'never',
  never: 'never',
};

/** The map ignore policy an expectation's ignore_row_if names. */
export function ignoreRowIf(k: { ignore_row_if: IgnoreRowIf }): IgnoreIf {
  return POLICY[k.ignore_row_if];
}
