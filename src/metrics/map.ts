import type { ResultValue } from '../arrow/column.js';
import type { BatchView } from '../engine/batch.js';
import { type Expr, exprKey } from '../engine/expr.js';
import type { Metric } from '../engine/metric.js';
import { evaluatePredicate } from '../engine/predicate.js';
import type { MapOutcome } from '../result/types.js';

/** Which rows a map expectation leaves out as missing: any domain value missing, all missing, or none. */
export type IgnoreIf = 'any' | 'all' | 'never';

/** How unexpected values are shaped: one column's value, a pair [a, b], or a record of columns. */
export type ValueShape = 'scalar' | 'pair' | 'record';

/** How much of the unexpected rows to keep (bounded memory whatever the data size). */
export interface Capture {
  /** Rows to capture (values, row numbers, index records). */
  readonly limit: number;
  /** Columns identifying a row in unexpected_index_list (GX's unexpected_index_column_names). */
  readonly indexColumns?: readonly string[];
}

/** Mergeable state of a map metric; captured rows stay sorted by row number. */
export interface MapState {
  element: number;
  missing: number;
  unexpected: number;
  rows: number[];
  values: ResultValue[];
  records: Record<string, ResultValue>[] | null;
}

/** The value a map expectation reports for row i of a batch. */
export function rowValue(b: BatchView, domain: readonly string[], shape: ValueShape, i: number): ResultValue {
  if (shape === 'scalar') return b.column(domain[0] as string).value(i);
  if (shape === 'pair') return domain.map((c) => b.column(c).value(i));
  const rec: Record<string, ResultValue> = {};
  for (const c of domain) rec[c] = b.column(c).value(i);
  return rec;
}

/** GX's identifying record for an unexpected row: the index columns, then the domain columns. */
export function indexRecord(
  b: BatchView,
  indexColumns: readonly string[],
  domain: readonly string[],
  i: number,
): Record<string, ResultValue> {
  const rec: Record<string, ResultValue> = {};
  for (const c of indexColumns) rec[c] = b.column(c).value(i);
  for (const c of domain) if (!(c in rec)) rec[c] = b.column(c).value(i);
  return rec;
}

/** Which rows of a batch are left out as missing under an ignore policy (null = none). */
export function ignoredRows(b: BatchView, domain: readonly string[], ignoreIf: IgnoreIf): Uint8Array | null {
  if (ignoreIf === 'never') return null;
  const n = b.numRows;
  let out: Uint8Array | null = null;
  const valids = domain.map((c) => b.column(c).validity());
  if (valids.every((v) => v === null)) return null;
  if (ignoreIf === 'any') {
    for (const v of valids) {
      if (!v) continue;
      out ??= new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (1 - (v[i] as number));
    }
    return out;
  }
  if (valids.some((v) => v === null)) return null;
  out = new Uint8Array(n).fill(1);
  for (const v of valids) for (let i = 0; i < n; i++) out[i] = (out[i] as number) & (1 - (v![i] as number));
  return out;
}

/** An empty map state. */
export function emptyMapState(capture: Capture): MapState {
  return {
    element: 0,
    missing: 0,
    unexpected: 0,
    rows: [],
    values: [],
    records: capture.indexColumns ? [] : null,
  };
}

/** Merges two map states, keeping the lowest row numbers up to the capture limit. */
export function mergeMapStates(a: MapState, b: MapState, limit: number): MapState {
  const out: MapState = {
    element: a.element + b.element,
    missing: a.missing + b.missing,
    unexpected: a.unexpected + b.unexpected,
    rows: [],
    values: [],
    records: a.records ? [] : null,
  };
  let i = 0;
  let j = 0;
  while (out.rows.length < limit && (i < a.rows.length || j < b.rows.length)) {
    const takeA = j >= b.rows.length || (i < a.rows.length && (a.rows[i] as number) <= (b.rows[j] as number));
    const src = takeA ? a : b;
    const k = takeA ? i++ : j++;
    out.rows.push(src.rows[k] as number);
    out.values.push(src.values[k] as ResultValue);
    if (out.records && src.records) out.records.push(src.records[k] as Record<string, ResultValue>);
  }
  return out;
}

/** Turns a map state into the outcome that result formatting reads. */
export function finishMapState(s: MapState, countsMissing: boolean): MapOutcome {
  return {
    elementCount: s.element,
    missingCount: countsMissing ? s.missing : null,
    unexpectedCount: s.unexpected,
    rows: s.rows,
    values: s.values,
    ...(s.records ? { indexRecords: s.records } : {}),
    truncated: s.unexpected > s.rows.length,
  };
}

/**
 * Counts one batch into a map state: its rows, the ignored (missing) ones, and those where `ok` is 0 as
 * unexpected, capturing the first of them. Shared by every metric whose per-row test yields a mask.
 */
export function tallyBatch(
  s: MapState,
  b: BatchView,
  ok: Uint8Array,
  ignored: Uint8Array | null,
  o: { readonly domain: readonly string[]; readonly shape: ValueShape; readonly capture: Capture },
): MapState {
  const n = b.numRows;
  const idx = o.capture.indexColumns ?? [];
  s.element += n;
  let unexpected = 0;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    if (ignored?.[i]) {
      missing++;
    } else if (!ok[i]) {
      unexpected++;
      if (s.rows.length < o.capture.limit) {
        s.rows.push(b.rowNumber(i));
        s.values.push(rowValue(b, o.domain, o.shape, i));
        if (s.records) s.records.push(indexRecord(b, idx, o.domain, i));
      }
    }
  }
  s.missing += missing;
  s.unexpected += unexpected;
  return s;
}

/** Options of a predicate-driven map metric. */
export interface MapMetricOptions {
  readonly domain: readonly string[];
  readonly predicate: Expr;
  readonly ignoreIf: IgnoreIf;
  /** False when nulls are the domain's values (the null expectations): GX then reports no missing counts. */
  readonly countsMissing: boolean;
  readonly shape: ValueShape;
  readonly capture: Capture;
}

/**
 * The metric behind every row-wise expectation with a predicate: counts rows, missing rows and rows
 * where the predicate fails, and captures the first unexpected rows (values, row numbers, index records).
 */
export function mapMetric(o: MapMetricOptions): Metric<MapState, MapOutcome> {
  const idx = o.capture.indexColumns ?? [];
  return {
    id: `map(${o.domain.join(',')}|${o.ignoreIf}|${o.countsMissing}|${exprKey(o.predicate)}|${o.capture.limit}|${idx.join(',')})`,
    columns: [...new Set([...o.domain, ...idx])],
    init: () => emptyMapState(o.capture),
    update: (s, b) =>
      tallyBatch(s, b, evaluatePredicate(o.predicate, b), ignoredRows(b, o.domain, o.ignoreIf), o),
    merge: (a, b) => mergeMapStates(a, b, o.capture.limit),
    finish: (s) => finishMapState(s, o.countsMissing),
  };
}
