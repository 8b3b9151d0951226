import { Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { ExpectationResult, ValidationResult } from '../result/types.js';
import { SchemaError } from './errors.js';

/**
 * Failure cases of a schema run as an Arrow table, one row per failure, and the SchemaError message
 * that lists every failed check. Values of any type share one `value` column as text, with
 * `value_type` saying how to read it back.
 */

/** What the schema knows of each compiled expectation, aligned with the suite's expectations. */
export interface CheckLabel {
  /** The column a column check belongs to; undefined for table and row checks. */
  readonly column?: string;
  /** The check's name: the builder call (`between(0, 1)`), or the name given to `.check()`. */
  readonly check: string;
}

/** One failure, before it becomes a table row. */
interface FailureCase {
  column: string | null;
  check: string;
  expectation: string;
  value: string | null;
  valueType: string;
  rowIndex: number | null;
}

/** A reported value as text and its kind: numbers, bigints, booleans and strings plainly, the rest as JSON. */
function valueText(v: unknown): { value: string | null; valueType: string } {
  if (v === null || v === undefined) return { value: null, valueType: 'null' };
  if (typeof v === 'string') return { value: v, valueType: 'string' };
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
    return { value: String(v), valueType: typeof v };
  }
  const json = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  return { value: json, valueType: Array.isArray(v) ? 'list' : 'record' };
}

/** The row value a pair expectation reports ([a, b]) as a record naming its columns. */
function pairRecord(r: ExpectationResult, v: unknown): unknown {
  const k = r.expectation_config.kwargs;
  if (!Array.isArray(v) || typeof k.column_A !== 'string' || typeof k.column_B !== 'string') return v;
  return { [k.column_A]: v[0], [k.column_B]: v[1] };
}

function casesOf(r: ExpectationResult, label: CheckLabel): FailureCase[] {
  const base = { column: label.column ?? null, check: label.check, expectation: r.expectation_config.type };
  if (r.exception_info.raised_exception) {
    return [{ ...base, value: r.exception_info.exception_message, valueType: 'error', rowIndex: null }];
  }
  const res = r.result;
  const values = res.unexpected_list as unknown[] | undefined;
  if (values !== undefined) {
    const index = (res.unexpected_index_list as unknown[] | undefined) ?? [];
    return values.map((v, i) => ({
      ...base,
      ...valueText(pairRecord(r, v)),
      rowIndex: typeof index[i] === 'number' ? (index[i] as number) : null,
    }));
  }
  return [{ ...base, ...valueText(res.observed_value), rowIndex: null }];
}

/**
 * The failure cases of a result as an Arrow table: column, check, expectation, value (utf8 text), value_type
 * (`string`, `number`, `bigint`, `boolean`, `null`, `record`, `list`, or `error` for a check that could
 * not run, its message as the value), row_index (int64; null when the failure is not one row's).
 */
export function failureCasesTable(result: ValidationResult, labels: readonly CheckLabel[]): Table {
  const cases = result.results.flatMap((r, i) =>
    r.success ? [] : casesOf(r, labels[i] ?? { check: r.expectation_config.type }),
  );
  const utf8 = (pick: (c: FailureCase) => string | null) => vectorFromArray(cases.map(pick), new Utf8());
  return new Table({
    column: utf8((c) => c.column),
    check: utf8((c) => c.check),
    expectation: utf8((c) => c.expectation),
    value: utf8((c) => c.value),
    value_type: utf8((c) => c.valueType),
    row_index: vectorFromArray(
      cases.map((c) => (c.rowIndex === null ? null : BigInt(c.rowIndex))),
      new Int64(),
    ),
  });
}

const SAMPLE = 3;

const SHOWN_LENGTH = 100;

/** A value as the message shows it: strings quoted, long values cut (the failure cases hold them whole). */
function shown(v: unknown): string {
  const { value, valueType } = valueText(v);
  if (value === null) return 'null';
  const text = valueType === 'string' ? JSON.stringify(value) : value;
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** What went wrong with one failed check, in a few words. */
function failureLine(r: ExpectationResult, label: CheckLabel): string {
  const where = label.column === undefined ? label.check : `${label.column}: ${label.check}`;
  if (r.exception_info.raised_exception)
    return `${where}: could not run: ${r.exception_info.exception_message}`;
  const res = r.result;
  if (typeof res.unexpected_count === 'number') {
    const values = ((res.unexpected_list ?? res.partial_unexpected_list) as unknown[] | undefined) ?? [];
    const rows =
      ((res.unexpected_index_list ?? res.partial_unexpected_index_list) as unknown[] | undefined) ?? [];
    const sample = values
      .slice(0, SAMPLE)
      .map((v, i) => `${shown(pairRecord(r, v))}${typeof rows[i] === 'number' ? ` at row ${rows[i]}` : ''}`);
    const more = res.unexpected_count > sample.length ? ', ...' : '';
    return `${where}: ${res.unexpected_count} of ${res.element_count} rows failed${sample.length ? ` (${sample.join(', ')}${more})` : ''}`;
  }
  return `${where}: observed ${shown(res.observed_value)}`;
}

/** The SchemaError for a failed result: one line per failed check, and the failure cases table. */
export function schemaError(
  name: string,
  result: ValidationResult,
  labels: readonly CheckLabel[],
): SchemaError {
  const failed = result.results.flatMap((r, i) =>
    r.success ? [] : [failureLine(r, labels[i] ?? { check: r.expectation_config.type })],
  );
  const where = result.meta.data_source.description;
  const rows = result.meta.data_source.row_count;
  const message = [
    `${name}: ${failed.length} of ${result.results.length} checks failed on ${where}${rows === null ? '' : ` (${rows} rows)`}:`,
    ...failed.map((line) => `  - ${line}`),
  ].join('\n');
  return new SchemaError(message, result, failureCasesTable(result, labels));
}
