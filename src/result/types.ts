import type { ResultValue } from '../arrow/column.js';

/** GX's result_format levels, from least to most detail. */
export type ResultFormatLevel = 'BOOLEAN_ONLY' | 'BASIC' | 'SUMMARY' | 'COMPLETE';

/** A result_format as GX accepts it: a level, or a dict with the level and its options. */
export interface ResultFormatOptions {
  result_format: ResultFormatLevel;
  /** How many unexpected values and indices SUMMARY lists (GX default 20). */
  partial_unexpected_count?: number;
  /** Columns whose values identify unexpected rows in unexpected_index_list (instead of row numbers). */
  unexpected_index_column_names?: string[];
  /** Leave unexpected values out, keep only counts and indices. */
  exclude_unexpected_values?: boolean;
  /** Keep unexpected_index_list/partial_unexpected_index_list (default true). */
  return_unexpected_index_query?: boolean;
}

/** What GX reports when an expectation could not run. */
export interface ExceptionInfo {
  raised_exception: boolean;
  exception_message: string | null;
  exception_traceback: string | null;
}

/** An expectation as it appears in a result (GX 1.x `expectation_config`). */
export interface ExpectationConfig {
  type: string;
  kwargs: Record<string, unknown>;
  meta: Record<string, unknown>;
  id?: string;
  notes?: string | string[];
}

/** The outcome of one expectation. */
export interface ExpectationResult {
  success: boolean;
  expectation_config: ExpectationConfig;
  result: Record<string, unknown>;
  meta: Record<string, unknown>;
  exception_info: ExceptionInfo;
}

/** Counts over a validation run, as GX reports them. */
export interface Statistics {
  evaluated_expectations: number;
  successful_expectations: number;
  unsuccessful_expectations: number;
  success_percent: number | null;
}

/** Where the data came from. */
export interface DataSourceInfo {
  description: string;
  format: string;
  files: string[];
  row_count: number | null;
  /**
   * `metadata` when no data was read: every figure of the run came from the files' metadata (a suite of
   * row counts and column names over Parquet takes the footer's row count); absent when data was read.
   */
  read?: 'metadata';
}

/** The result of validating one batch of data against one suite (GX's suite validation result). */
export interface ValidationResult {
  success: boolean;
  results: ExpectationResult[];
  suite_name: string;
  suite_parameters: Record<string, unknown>;
  statistics: Statistics;
  meta: {
    expect_check_version: string;
    result_schema_version: string;
    suite_name: string;
    data_source: DataSourceInfo;
    run_id: { run_name: string | null; run_time: string };
    validation_time: string;
    duration_ms: number;
    [k: string]: unknown;
  };
  id: string | null;
}

/** Counts and samples a map (row-wise) expectation produces; result formatting reads only this. */
export interface MapOutcome {
  elementCount: number;
  /** Rows left out of the denominator (missing values), or null when nulls are part of the domain. */
  missingCount: number | null;
  unexpectedCount: number;
  /** Row numbers of the first captured unexpected rows, ascending. */
  rows: number[];
  /** Their values: a scalar for one column, [a, b] for a pair, a record for several columns. */
  values: ResultValue[];
  /** Identifying records per captured row when unexpected_index_column_names was given. */
  indexRecords?: Record<string, ResultValue>[];
  /** True when more unexpected rows exist than were captured. */
  truncated: boolean;
}
