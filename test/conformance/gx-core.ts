import { MAX_AUTO_BINS } from '../../src/expectations/expect_column_kl_divergence_to_be_less_than.js';
import { MOMENTS_BUFFER_LIMIT } from '../../src/metrics/moments.js';
import { DEFAULT_EXACT_QUANTILE_LIMIT } from '../../src/metrics/quantile-values.js';

/**
 * GX 1.x's core expectations and what expect-check does differently, as data for
 * docs/gx-compatibility.md (scripts/gx-compat.ts) and its tests.
 */

/**
 * The modules `great_expectations/expectations/core/__init__.py` imports in GX 1.x, in its order; each
 * module is named after its expectation.
 */
export const GX_CORE_MODULES: readonly string[] = [
  'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than',
  'expect_column_chisquare_test_p_value_to_be_greater_than',
  'expect_column_distinct_values_to_be_in_set',
  'expect_column_distinct_values_to_contain_set',
  'expect_column_distinct_values_to_equal_set',
  'expect_column_kl_divergence_to_be_less_than',
  'expect_column_max_to_be_between',
  'expect_column_mean_to_be_between',
  'expect_column_median_to_be_between',
  'expect_column_min_to_be_between',
  'expect_column_most_common_value_to_be_in_set',
  'expect_column_pair_cramers_phi_value_to_be_less_than',
  'expect_column_pair_values_a_to_be_greater_than_b',
  'expect_column_pair_values_to_be_equal',
  'expect_column_pair_values_to_be_in_set',
  'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than',
  'expect_column_proportion_of_non_null_values_to_be_between',
  'expect_column_proportion_of_unique_values_to_be_between',
  'expect_column_quantile_values_to_be_between',
  'expect_column_stdev_to_be_between',
  'expect_column_sum_to_be_between',
  'expect_column_to_exist',
  'expect_column_unique_value_count_to_be_between',
  'expect_column_value_lengths_to_be_between',
  'expect_column_value_lengths_to_equal',
  'expect_column_value_z_scores_to_be_less_than',
  'expect_column_values_to_be_between',
  'expect_column_values_to_be_dateutil_parseable',
  'expect_column_values_to_be_decreasing',
  'expect_column_values_to_be_in_set',
  'expect_column_values_to_be_in_type_list',
  'expect_column_values_to_be_increasing',
  'expect_column_values_to_be_json_parseable',
  'expect_column_values_to_be_null',
  'expect_column_values_to_be_of_type',
  'expect_column_values_to_be_unique',
  'expect_column_values_to_match_json_schema',
  'expect_column_values_to_match_like_pattern',
  'expect_column_values_to_match_like_pattern_list',
  'expect_column_values_to_match_regex',
  'expect_column_values_to_match_regex_list',
  'expect_column_values_to_match_strftime_format',
  'expect_column_values_to_not_be_in_set',
  'expect_column_values_to_not_be_null',
  'expect_column_values_to_not_match_like_pattern',
  'expect_column_values_to_not_match_like_pattern_list',
  'expect_column_values_to_not_match_regex',
  'expect_column_values_to_not_match_regex_list',
  'expect_compound_columns_to_be_unique',
  'expect_multicolumn_sum_to_equal',
  'expect_multicolumn_values_to_be_unique',
  'expect_query_results_to_match_comparison',
  'expect_select_column_values_to_be_unique_within_record',
  'expect_table_column_count_to_be_between',
  'expect_table_column_count_to_equal',
  'expect_table_columns_to_match_ordered_list',
  'expect_table_columns_to_match_set',
  'expect_table_row_count_to_be_between',
  'expect_table_row_count_to_equal',
  'expect_table_row_count_to_equal_other_table',
  'unexpected_rows_expectation',
];

/**
 * Core modules whose class GX 1.x leaves unfinished: its constructor raises NotImplementedError and
 * `great_expectations.expectations` does not export it ("incomplete and not ready for use").
 */
export const GX_STUBS: ReadonlySet<string> = new Set([
  'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than',
  'expect_column_chisquare_test_p_value_to_be_greater_than',
  'expect_column_pair_cramers_phi_value_to_be_less_than',
  'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than',
]);

/** Why a core expectation is not here. */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {
  expect_column_proportion_of_non_null_values_to_be_between:
    'not yet (GX 1.2.0, whose fixtures judge this project, has no fixtures for it)',
  expect_multicolumn_values_to_be_unique:
    'deprecated in GX in favour of `expect_select_column_values_to_be_unique_within_record`, which is here',
  expect_query_results_to_match_comparison: 'runs SQL queries against a database; expect-check reads files',
  expect_table_row_count_to_equal_other_table:
    'compares with a second table of the same data source; a run here reads one data set',
  unexpected_rows_expectation: 'runs a SQL query against a database; expect-check reads files',
};

/** A deliberate difference from GX, or a GX behaviour kept on purpose although it surprises. */
export interface Difference {
  /** Short title. */
  readonly title: string;
  /** The expectations it concerns; empty: all of them (the engine, results or suites). */
  readonly expectations: readonly string[];
  /** What GX does and what expect-check does. */
  readonly what: string;
  /** Why. */
  readonly why: string;
  /** True when expect-check keeps GX's behaviour (a GX quirk or bug) rather than departing from it. */
  readonly keepsGx?: boolean;
}

const LIKE = [
  'expect_column_values_to_match_like_pattern',
  'expect_column_values_to_match_like_pattern_list',
  'expect_column_values_to_not_match_like_pattern',
  'expect_column_values_to_not_match_like_pattern_list',
];
const REGEX = [
  'expect_column_values_to_match_regex',
  'expect_column_values_to_match_regex_list',
  'expect_column_values_to_not_match_regex',
  'expect_column_values_to_not_match_regex_list',
];
const TYPES = ['expect_column_values_to_be_of_type', 'expect_column_values_to_be_in_type_list'];

/** Every deliberate difference, gathered from the notes of the code and docs that implement them. */
export const DIFFERENCES: readonly Difference[] = [
  {
    title: 'LIKE patterns run on every source',
    expectations: LIKE,
    what: 'GX implements the LIKE expectations for SQL engines only (its pandas engine does not run them); here they run on Parquet, CSV and Arrow data, with SQL LIKE semantics: `%` any run, `_` one character, a backslash escapes, case-sensitive, the whole string.',
    why: 'a suite written for a warehouse table should validate the same data exported to files.',
  },
  {
    title: 'Distributional tests implemented where GX 1.x has stubs',
    expectations: [...GX_STUBS],
    what: "GX 1.x keeps these as stubs that raise NotImplementedError; here they are implemented as GX 0.x defined them (scipy's statistics), with every choice stated in docs/statistics.md (chi-square expected counts scaled to n, zero-expectation values, exact KS p-values, seeded bootstrap).",
    why: 'suites from GX 0.x use them, and a documented statistic is more useful than an error.',
  },
  {
    title: 'NaN is a missing value and is reported as null',
    expectations: [],
    what: 'Where a result of GX on pandas holds a float NaN (a value of a row that is reported as is, a statistic of a column with infinities), here it is null: NaN counts as missing, as pandas treats it.',
    why: 'JSON has no NaN, and a missing value reads the same whether the file held null or NaN.',
  },
  {
    title: 'partial_unexpected_counts counts the captured rows',
    expectations: [],
    what: 'GX counts every unexpected value it fetched; here COMPLETE keeps at most `--max-unexpected-rows` (100,000) unexpected rows (then `unexpected_list_truncated: true`), and partial_unexpected_counts counts the values among the kept rows.',
    why: 'memory stays bounded however many rows fail.',
  },
  {
    title: 'Regex classes \\d, \\w and \\b are ASCII',
    expectations: REGEX,
    what: "Python's `re` gives `\\d`, `\\w` and `\\b` their Unicode meaning on str patterns (Arabic-Indic digits match `\\d`); here, as in JavaScript and RE2, they are ASCII. The rest of Python's syntax is translated (`(?P<n>…)`, `\\A`, `\\Z`, `$` before a final newline, inline flags).",
    why: 'both engines that run patterns here (V8 and RE2, which rules out catastrophic backtracking) keep them ASCII.',
  },
  {
    title: 'strptime is CPython 3.11 in the C locale',
    expectations: ['expect_column_values_to_match_strftime_format'],
    what: "Formats are read as CPython 3.11's `_strptime` reads them in the C locale: English month and day names, ASCII digits, `%Z` only UTC and GMT, ISO week 53 of a 52-week year running on into the next year. GX's answer depends on the Python version and locale it runs under.",
    why: 'one fixed, documented reading instead of the host locale.',
  },
  {
    title: 'Type checks read the Arrow schema',
    expectations: TYPES,
    what: "GX on pandas judges pandas' dtype (an int column with nulls has become float64; `int` means numpy's int64 only; a category column is only `category`). Here the Arrow type decides: nulls change nothing, broad names match families (`int` any integer width, `str` a dictionary of strings too), and names GX cannot resolve on pandas (`string`, `date`, `Decimal`, SQL and Spark names) are known. observed_value is pandas' dtype name as GX reports it, with the Arrow type in details.arrow_type.",
    why: 'Arrow types are exact where pandas dtypes are lossy, and suites from SQL and Spark use their own names.',
  },
  {
    title: '`object` in a type_list accepts strings',
    expectations: ['expect_column_values_to_be_in_type_list'],
    what: 'On a column pandas holds as `object`, GX checks each value with `isinstance(value, numpy.object_)` for the name `object`, which no Python string is, so every value is unexpected; here `object` (like `str` and `string`) accepts them. expect_column_values_to_be_of_type with `object` agrees with GX (GX keeps its aggregate check for that name).',
    why: "GX's answer is a bug: it contradicts its own of_type check on the same column.",
  },
  {
    title: '`!=` and missing values in row conditions',
    expectations: [],
    what: "With `condition_parser: pandas`, as in `DataFrame.query`, `!=`, `not in`, `not` and `~` are true where the value is missing, and every other comparison false. With `great_expectations` (GX's own grammar, which GX runs on SQL and Spark), every comparison (`!=` included) is false where the value is missing, as on those engines; combining conditions with `and`, `or`, `not` and parentheses goes beyond GX's single condition.",
    why: "each parser keeps the semantics of the engine GX runs it on, so a suite's conditions mean what they meant there.",
  },
  {
    title: "The uniform distribution's `max` is its width",
    expectations: ['expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than'],
    what: "GX passes the uniform's `min` and `max` to scipy as `loc` and `scale`, so the distribution spans [min, min + max], not [min, max]; expect-check does the same.",
    why: 'a suite must give the answer it gave under GX; the params `loc` and `scale` say it without surprise.',
    keepsGx: true,
  },
  {
    title: 'A string that is not JSON is unexpected',
    expectations: ['expect_column_values_to_match_json_schema'],
    what: 'GX raises when a value does not parse as JSON; here the value is unexpected and the rest of the column is still judged.',
    why: 'bad data is a failing result, never an exception.',
  },
  {
    title: 'Automatic KL bins are bounded',
    expectations: ['expect_column_kl_divergence_to_be_less_than'],
    what: `Without a partition_object, GX bins the column with numpy's 'auto' edges; when the IQR is 0 GX fails, and a tiny IQR in a wide range asks numpy for millions of bins. Here Sturges' count is used when the IQR is 0, and there are at most ${MAX_AUTO_BINS.toLocaleString('en')} bins.`,
    why: 'the same histogram where GX has one, and a bounded one where GX runs out of memory or fails.',
  },
  {
    title: 'Quantiles of very large columns come from a sketch',
    expectations: ['expect_column_quantile_values_to_be_between'],
    what: `GX on pandas computes exact quantiles. Here they are exact up to ${DEFAULT_EXACT_QUANTILE_LIMIT.toLocaleString('en')} non-missing values (RunOptions.exactQuantileLimit) and, beyond, or when allow_relative_error asks, come from a KLL sketch whose certified rank-error bound the result's details report.`,
    why: 'one pass in bounded memory over data of any size.',
  },
  {
    title: "Moments: pandas' arithmetic for small columns, exact sums for large ones",
    expectations: [
      'expect_column_mean_to_be_between',
      'expect_column_stdev_to_be_between',
      'expect_column_sum_to_be_between',
    ],
    what: `pandas computes the mean and the sample standard deviation in floating point, summing with numpy's pairwise summation in row order (missing rows as zeros in their places), so its last bits depend on the order of the values. Columns of up to ${MOMENTS_BUFFER_LIMIT.toLocaleString('en')} rows get exactly pandas' figures, bit for bit (src/metrics/numpy-sum.ts); larger ones get exact sums rounded once, which may differ from pandas in the last bits. (pandas with the optional bottleneck package sums left to right instead, and can differ from both in the last bits.)`,
    why: 'results must not depend on how the data is split into batches, row groups or files.',
  },
  {
    title: "z-scores from a compensated mean, not pandas' summation",
    expectations: ['expect_column_value_z_scores_to_be_less_than'],
    what: "GX divides each value's distance from pandas' mean by pandas' standard deviation; here the mean is a compensated (Neumaier) sum over the present values in row order and the deviation a second pass over them (src/metrics/zscores.ts), which can differ from pandas' in the last bits, so a z-score that equals the threshold to the last bit may fall on the other side.",
    why: 'the z-score metric keeps the values it judges in finish and sums them once, in row order, independent of the batches; matching pandas to the last bit there is left for later.',
  },
];
