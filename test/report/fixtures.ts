import { tableFromJSON } from 'apache-arrow';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { openSource } from '../../src/io/open.js';
import type { RunEntry } from '../../src/report/html/index-page.js';
import type { ResultFormatLevel, ValidationResult } from '../../src/result/types.js';
import { loadSuite } from '../../src/suite/load.js';

/** An expectation as a test writes it. */
export type Exp = { type: string; kwargs: Record<string, unknown>; meta?: Record<string, unknown> };

/** Pins the clock-dependent fields, so that reports of a result are the same on every run. */
export function pinned(result: ValidationResult, runTime = '2024-01-31T12:00:00.000Z'): ValidationResult {
  return {
    ...result,
    meta: {
      ...result.meta,
      run_id: { ...result.meta.run_id, run_time: runTime },
      validation_time: runTime,
      duration_ms: 1234,
    },
  };
}

/** Validates rows (objects of column -> value) against expectations; the result is pinned. */
export async function validateRows(
  rows: Record<string, unknown>[],
  expectations: Exp[],
  opts: {
    name?: string;
    notes?: string;
    source?: string;
    resultFormat?: ResultFormatLevel;
    runName?: string;
    runTime?: string;
  } = {},
): Promise<ValidationResult> {
  const suite = {
    name: opts.name ?? 'orders',
    expectations: expectations.map((e) => ({ ...e, meta: e.meta ?? {} })),
    meta: opts.notes ? { notes: opts.notes } : {},
  };
  const result = await runSuite(
    suite,
    tableSource(tableFromJSON(rows), opts.source ?? 'orders.parquet'),
    registry,
    {
      ...(opts.resultFormat ? { resultFormat: opts.resultFormat } : {}),
      ...(opts.runName ? { runName: opts.runName } : {}),
    },
  );
  return pinned(result, opts.runTime);
}

/** The example run: the defective taxi batch against the training gate (6 of 17 expectations fail). */
export async function taxiResult(): Promise<ValidationResult> {
  const suite = await loadSuite('suites/taxi_training_gate.json');
  const source = await openSource(['examples/data/taxi_defective.parquet']);
  return pinned(await runSuite(suite, source, registry));
}

/** Markup and script that must stay text wherever a report shows them; each would set window.__xss if run. */
export const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><svg onload=window.__xss=1>",
  '</code></pre></table><iframe srcdoc="<script>parent.__xss=1</script>">',
  '<a href="javascript:window.__xss=1">click</a>',
] as const;

/**
 * A run whose suite name, notes, meta, column names, values, kwargs, run name and data source all carry
 * the payloads: every place a page shows text from the data or the suite.
 */
export async function xssResult(): Promise<ValidationResult> {
  const [p0, p1, p2, p3, p4] = PAYLOADS;
  const rows = [
    { [p1]: p0, [p2]: 1, ok: 'a' },
    { [p1]: p3, [p2]: 2, ok: 'b' },
    { [p1]: p4, [p2]: 3, ok: 'c' },
  ];
  return validateRows(
    rows,
    [
      {
        type: 'expect_column_values_to_be_in_set',
        kwargs: { column: p1, value_set: [p2] },
        // a meta key of its own besides the notes: meta is shown nowhere, and must not leak as markup
        meta: { notes: p3, [p0]: p1 },
      },
      { type: 'expect_column_max_to_be_between', kwargs: { column: p2, min_value: 5, max_value: 9 } },
      { type: 'expect_column_values_to_match_regex', kwargs: { column: p1, regex: p4 } },
      { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'ok' } },
      { type: 'expect_column_to_exist', kwargs: { column: p0 } },
      // a column that is not there: the expectation cannot run, and its message names the column
      { type: 'expect_column_values_to_not_be_null', kwargs: { column: p0 } },
    ],
    { name: p0, notes: `${p1}\n${p2}`, source: p3, runName: p4 },
  );
}

/**
 * A result as a 10M-row batch with millions of unexpected values leaves it at result format COMPLETE:
 * 4,000,000 unexpected of 10,000,000 rows, 100,000 distinct long values and a million row numbers kept,
 * a set of 5,000 values in the kwargs, long notes and 100,000 data files. What any report lists of it
 * must stay within its caps.
 */
export function hugeResult(base: ValidationResult): ValidationResult {
  const long = (i: number) => `value-${i}-${'x'.repeat(500)}`;
  const many = 100_000;
  const values = Array.from({ length: many }, (_, i) => long(i));
  const rows = Array.from({ length: 1_000_000 }, (_, i) => i * 7);
  const noError = { raised_exception: false, exception_message: null, exception_traceback: null };
  return {
    ...base,
    success: false,
    results: [
      {
        success: false,
        expectation_config: {
          type: 'expect_column_values_to_be_in_set',
          kwargs: { column: 'c', value_set: ['a'] },
          meta: {},
        },
        result: {
          element_count: 10_000_000,
          unexpected_count: 4_000_000,
          unexpected_percent: 40,
          partial_unexpected_list: values.slice(0, 20),
          partial_unexpected_counts: values.map((value, i) => ({ value, count: many - i })),
          partial_unexpected_index_list: rows.slice(0, 20),
          unexpected_list: values,
          unexpected_index_list: rows,
          unexpected_list_truncated: true,
        },
        meta: {},
        exception_info: noError,
      },
      {
        success: true,
        expectation_config: {
          type: 'expect_column_distinct_values_to_be_in_set',
          kwargs: { column: 'd', value_set: values.slice(0, 5000) },
          meta: { notes: long(0).repeat(100) },
        },
        result: {
          observed_value: values,
          details: { value_counts: values.map((value) => ({ value, count: 1 })) },
        },
        meta: {},
        exception_info: noError,
      },
    ],
    meta: {
      ...base.meta,
      data_source: { ...base.meta.data_source, files: values.map((v) => `${v}.parquet`) },
    },
  };
}

/** The index entry of the i-th of many runs: one a minute from 2024-01-01, every third failed, two suites. */
export function runEntryAt(i: number, extra: Partial<RunEntry> = {}): RunEntry {
  return {
    id: `run-${String(i).padStart(4, '0')}`,
    time: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    success: i % 3 !== 0,
    suite: i % 2 ? 'orders' : 'trips',
    suitePage: i % 2 ? 'suites/orders-1.html' : 'suites/trips-1.html',
    source: `data/part-${i}.parquet`,
    rows: 1000 + i,
    passed: 3,
    total: 4,
    runName: null,
    ...extra,
  };
}
