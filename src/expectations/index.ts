import type { AnyExpectationDef } from '../engine/expectation.js';
import { expectColumnBootstrappedKsTestPValueToBeGreaterThan } from './expect_column_bootstrapped_ks_test_p_value_to_be_greater_than.js';
import { expectColumnChisquareTestPValueToBeGreaterThan } from './expect_column_chisquare_test_p_value_to_be_greater_than.js';
import { expectColumnDistinctValuesToBeInSet } from './expect_column_distinct_values_to_be_in_set.js';
import { expectColumnDistinctValuesToContainSet } from './expect_column_distinct_values_to_contain_set.js';
import { expectColumnDistinctValuesToEqualSet } from './expect_column_distinct_values_to_equal_set.js';
import { expectColumnKlDivergenceToBeLessThan } from './expect_column_kl_divergence_to_be_less_than.js';
import { expectColumnMaxToBeBetween } from './expect_column_max_to_be_between.js';
import { expectColumnMeanToBeBetween } from './expect_column_mean_to_be_between.js';
import { expectColumnMedianToBeBetween } from './expect_column_median_to_be_between.js';
import { expectColumnMinToBeBetween } from './expect_column_min_to_be_between.js';
import { expectColumnMostCommonValueToBeInSet } from './expect_column_most_common_value_to_be_in_set.js';
import { expectColumnPairCramersPhiValueToBeLessThan } from './expect_column_pair_cramers_phi_value_to_be_less_than.js';
import { expectColumnPairValuesAToBeGreaterThanB } from './expect_column_pair_values_a_to_be_greater_than_b.js';
import { expectColumnPairValuesToBeEqual } from './expect_column_pair_values_to_be_equal.js';
import { expectColumnPairValuesToBeInSet } from './expect_column_pair_values_to_be_in_set.js';
import { expectColumnParameterizedDistributionKsTestPValueToBeGreaterThan } from './expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than.js';
import { expectColumnProportionOfUniqueValuesToBeBetween } from './expect_column_proportion_of_unique_values_to_be_between.js';
import { expectColumnQuantileValuesToBeBetween } from './expect_column_quantile_values_to_be_between.js';
import { expectColumnStdevToBeBetween } from './expect_column_stdev_to_be_between.js';
import { expectColumnSumToBeBetween } from './expect_column_sum_to_be_between.js';
import { expectColumnToExist } from './expect_column_to_exist.js';
import { expectColumnUniqueValueCountToBeBetween } from './expect_column_unique_value_count_to_be_between.js';
import { expectColumnValueLengthsToBeBetween } from './expect_column_value_lengths_to_be_between.js';
import { expectColumnValueLengthsToEqual } from './expect_column_value_lengths_to_equal.js';
import { expectColumnValueZScoresToBeLessThan } from './expect_column_value_z_scores_to_be_less_than.js';
import { expectColumnValuesToBeBetween } from './expect_column_values_to_be_between.js';
import { expectColumnValuesToBeDateutilParseable } from './expect_column_values_to_be_dateutil_parseable.js';
import { expectColumnValuesToBeDecreasing } from './expect_column_values_to_be_decreasing.js';
import { expectColumnValuesToBeInSet } from './expect_column_values_to_be_in_set.js';
import { expectColumnValuesToBeInTypeList } from './expect_column_values_to_be_in_type_list.js';
import { expectColumnValuesToBeIncreasing } from './expect_column_values_to_be_increasing.js';
import { expectColumnValuesToBeJsonParseable } from './expect_column_values_to_be_json_parseable.js';
import { expectColumnValuesToBeNull } from './expect_column_values_to_be_null.js';
import { expectColumnValuesToBeOfType } from './expect_column_values_to_be_of_type.js';
import { expectColumnValuesToBeUnique } from './expect_column_values_to_be_unique.js';
import { expectColumnValuesToMatchJsonSchema } from './expect_column_values_to_match_json_schema.js';
import { expectColumnValuesToMatchLikePattern } from './expect_column_values_to_match_like_pattern.js';
import { expectColumnValuesToMatchLikePatternList } from './expect_column_values_to_match_like_pattern_list.js';
import { expectColumnValuesToMatchRegex } from './expect_column_values_to_match_regex.js';
import { expectColumnValuesToMatchRegexList } from './expect_column_values_to_match_regex_list.js';
import { expectColumnValuesToMatchStrftimeFormat } from './expect_column_values_to_match_strftime_format.js';
import { expectColumnValuesToNotBeInSet } from './expect_column_values_to_not_be_in_set.js';
import { expectColumnValuesToNotBeNull } from './expect_column_values_to_not_be_null.js';
import { expectColumnValuesToNotMatchLikePattern } from './expect_column_values_to_not_match_like_pattern.js';
import { expectColumnValuesToNotMatchLikePatternList } from './expect_column_values_to_not_match_like_pattern_list.js';
import { expectColumnValuesToNotMatchRegex } from './expect_column_values_to_not_match_regex.js';
import { expectColumnValuesToNotMatchRegexList } from './expect_column_values_to_not_match_regex_list.js';
import { expectCompoundColumnsToBeUnique } from './expect_compound_columns_to_be_unique.js';
import { expectMulticolumnSumToEqual } from './expect_multicolumn_sum_to_equal.js';
import { expectMulticolumnValuesToSatisfyExpression } from './expect_multicolumn_values_to_satisfy_expression.js';
import { expectSelectColumnValuesToBeUniqueWithinRecord } from './expect_select_column_values_to_be_unique_within_record.js';
import { expectTableColumnCountToBeBetween } from './expect_table_column_count_to_be_between.js';
import { expectTableColumnCountToEqual } from './expect_table_column_count_to_equal.js';
import { expectTableColumnsToMatchOrderedList } from './expect_table_columns_to_match_ordered_list.js';
import { expectTableColumnsToMatchSet } from './expect_table_columns_to_match_set.js';
import { expectTableRowCountToBeBetween } from './expect_table_row_count_to_be_between.js';
import { expectTableRowCountToEqual } from './expect_table_row_count_to_equal.js';

/** Every expectation, by GX type name. Adding one: its file, its test, one line here. */
export const expectations = {
  expect_table_row_count_to_be_between: expectTableRowCountToBeBetween,
  expect_table_row_count_to_equal: expectTableRowCountToEqual,
  expect_table_column_count_to_be_between: expectTableColumnCountToBeBetween,
  expect_table_column_count_to_equal: expectTableColumnCountToEqual,
  expect_table_columns_to_match_ordered_list: expectTableColumnsToMatchOrderedList,
  expect_table_columns_to_match_set: expectTableColumnsToMatchSet,
  expect_column_to_exist: expectColumnToExist,
  expect_column_values_to_be_of_type: expectColumnValuesToBeOfType,
  expect_column_values_to_be_in_type_list: expectColumnValuesToBeInTypeList,
  expect_column_values_to_not_be_null: expectColumnValuesToNotBeNull,
  expect_column_values_to_be_between: expectColumnValuesToBeBetween,
  expect_column_values_to_be_null: expectColumnValuesToBeNull,
  expect_column_values_to_be_in_set: expectColumnValuesToBeInSet,
  expect_column_values_to_not_be_in_set: expectColumnValuesToNotBeInSet,
  expect_column_values_to_match_regex: expectColumnValuesToMatchRegex,
  expect_column_values_to_not_match_regex: expectColumnValuesToNotMatchRegex,
  expect_column_values_to_match_regex_list: expectColumnValuesToMatchRegexList,
  expect_column_values_to_not_match_regex_list: expectColumnValuesToNotMatchRegexList,
  expect_column_values_to_match_like_pattern: expectColumnValuesToMatchLikePattern,
  expect_column_values_to_not_match_like_pattern: expectColumnValuesToNotMatchLikePattern,
  expect_column_values_to_match_like_pattern_list: expectColumnValuesToMatchLikePatternList,
  expect_column_values_to_not_match_like_pattern_list: expectColumnValuesToNotMatchLikePatternList,
  expect_column_values_to_match_strftime_format: expectColumnValuesToMatchStrftimeFormat,
  expect_column_values_to_be_dateutil_parseable: expectColumnValuesToBeDateutilParseable,
  expect_column_values_to_be_json_parseable: expectColumnValuesToBeJsonParseable,
  expect_column_values_to_match_json_schema: expectColumnValuesToMatchJsonSchema,
  expect_column_values_to_be_increasing: expectColumnValuesToBeIncreasing,
  expect_column_values_to_be_decreasing: expectColumnValuesToBeDecreasing,
  expect_column_value_z_scores_to_be_less_than: expectColumnValueZScoresToBeLessThan,
  expect_column_value_lengths_to_be_between: expectColumnValueLengthsToBeBetween,
  expect_column_value_lengths_to_equal: expectColumnValueLengthsToEqual,
  expect_column_mean_to_be_between: expectColumnMeanToBeBetween,
  expect_column_min_to_be_between: expectColumnMinToBeBetween,
  expect_column_max_to_be_between: expectColumnMaxToBeBetween,
  expect_column_sum_to_be_between: expectColumnSumToBeBetween,
  expect_column_stdev_to_be_between: expectColumnStdevToBeBetween,
  expect_column_median_to_be_between: expectColumnMedianToBeBetween,
  expect_column_kl_divergence_to_be_less_than: expectColumnKlDivergenceToBeLessThan,
  expect_column_chisquare_test_p_value_to_be_greater_than: expectColumnChisquareTestPValueToBeGreaterThan,
  expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than:
    expectColumnParameterizedDistributionKsTestPValueToBeGreaterThan,
  expect_column_bootstrapped_ks_test_p_value_to_be_greater_than:
    expectColumnBootstrappedKsTestPValueToBeGreaterThan,
  expect_column_quantile_values_to_be_between: expectColumnQuantileValuesToBeBetween,
  expect_column_unique_value_count_to_be_between: expectColumnUniqueValueCountToBeBetween,
  expect_column_proportion_of_unique_values_to_be_between: expectColumnProportionOfUniqueValuesToBeBetween,
  expect_column_distinct_values_to_be_in_set: expectColumnDistinctValuesToBeInSet,
  expect_column_distinct_values_to_contain_set: expectColumnDistinctValuesToContainSet,
  expect_column_distinct_values_to_equal_set: expectColumnDistinctValuesToEqualSet,
  expect_column_most_common_value_to_be_in_set: expectColumnMostCommonValueToBeInSet,
  expect_column_values_to_be_unique: expectColumnValuesToBeUnique,
  expect_compound_columns_to_be_unique: expectCompoundColumnsToBeUnique,
  expect_column_pair_values_a_to_be_greater_than_b: expectColumnPairValuesAToBeGreaterThanB,
  expect_column_pair_values_to_be_equal: expectColumnPairValuesToBeEqual,
  expect_column_pair_values_to_be_in_set: expectColumnPairValuesToBeInSet,
  expect_column_pair_cramers_phi_value_to_be_less_than: expectColumnPairCramersPhiValueToBeLessThan,
  expect_multicolumn_sum_to_equal: expectMulticolumnSumToEqual,
  expect_multicolumn_values_to_satisfy_expression: expectMulticolumnValuesToSatisfyExpression,
  expect_select_column_values_to_be_unique_within_record: expectSelectColumnValuesToBeUniqueWithinRecord,
} as const;

/** The registry the engine looks expectations up in. */
export const registry: ReadonlyMap<string, AnyExpectationDef> = new Map(Object.entries(expectations));
