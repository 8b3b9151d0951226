import { tableFromJSON } from 'apache-arrow';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { openSource } from '../../src/io/open.js';
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
 * A run whose suite name, notes, column names, values and data source all carry the payloads: every
 * place a page shows text from the data or the suite.
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
        meta: { notes: p3 },
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
