/**
 * GX 1.2 fixture cases that the row-count and column-count expectations share word for word
 * (other_expectations/expect_table_{row,column}_count_to_{be_between,equal}.json): each fixture table has 4
 * rows and 4 columns.
 */

/** `*_count_to_be_between`: title, kwargs, success; the observed count is 4. */
export const GX_COUNT_RANGE_CASES: [string, Record<string, unknown>, boolean][] = [
  ['basic_positive_test', { min_value: 3, max_value: 5 }, true],
  ['vacuously_true', {}, true],
  ['basic_negative_test', { min_value: 0, max_value: 1 }, false],
  ['positive_test_with_null_min_value', { min_value: null, max_value: 4 }, true],
  ['positive_test_with_null_min', { min_value: null, max_value: 10 }, true],
];

/** `*_count_to_equal`: title, value, success; the observed count is 4. */
export const GX_COUNT_EQUAL_CASES: [string, number, boolean][] = [
  ['basic_positive_case', 4, true],
  ['basic_negative_case_upper_error', 5, false],
  ['basic_negative_case_lower_error', 0, false],
  ['basic_negative_case_kwargs_args', 3, false],
];
