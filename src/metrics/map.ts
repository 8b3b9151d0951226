import { countOnes, type ResultValue } from '../arrow/column.js';
import type { BatchView } from '../engine/batch.js';
import { type Expr, exprKey } from '../engine/expr.js';
import type { Metric } from '../engine/metric.js';
import { evaluatePredicate } from '../engine/predicate.js';
import { setOwn } from '../own.js';
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
  for (const c of domain) setOwn(rec, c, b.column(c).value(i));
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
  for (const c of indexColumns) setOwn(rec, c, b.column(c).value(i));
  for (const c of domain) if (!Object.hasOwn(rec, c)) setOwn(rec, c, b.column(c).value(i));
  return rec;
}

/** The rows a map expectation counts (1) under an ignore policy, and how many it leaves out as missing. */
interface Counted {
  /** 1 = counted, 0 = missing; null when every row counts. Valid until the next batch: it may be scratch. */
  readonly rows: Uint8Array | null;
  readonly missing: number;
}

const EVERY_ROW: Counted = { rows: null, missing: 0 };

// Combined flags of multi-column domains; tallies read them at once and never keep them.
let scratch = new Uint8Array(0);

function scratchOf(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  return scratch.subarray(0, n);
}

/**
 * The rows counted under an ignore policy: a single column's presence flags as they are (no copy), else
 * the columns' flags combined ('any' missing: and; 'all' missing: or).
 */
function countedRows(b: BatchView, domain: readonly string[], ignoreIf: IgnoreIf): Counted {
  if (ignoreIf === 'never') return EVERY_ROW;
  const cols = [...new Set(domain)].map((c) => b.column(c));
  const flagged = cols.filter((c) => c.validity() !== null);
  if (flagged.length === 0 || (ignoreIf === 'all' && flagged.length < cols.length)) return EVERY_ROW;
  const first = flagged[0] as (typeof flagged)[number];
  if (flagged.length === 1) return { rows: first.validity(), missing: first.missingCount() };
  const n = b.numRows;
  const out = scratchOf(n);
  out.set(first.validity() as Uint8Array);
  for (const c of flagged.slice(1)) {
    const v = c.validity() as Uint8Array;
    if (ignoreIf === 'any') for (let i = 0; i < n; i++) out[i] = (out[i] as number) & (v[i] as number);
    else for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (v[i] as number);
  }
  return { rows: out, missing: n - countOnes(out) };
}

/** Which rows of a batch are left out as missing under an ignore policy (null = none). */
export function ignoredRows(b: BatchView, domain: readonly string[], ignoreIf: IgnoreIf): Uint8Array | null {
  const { rows } = countedRows(b, domain, ignoreIf);
  if (!rows) return null;
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < out.length; i++) out[i] = 1 - (rows[i] as number);
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
 * unexpected (`ok` holds 0 or 1), capturing the first of them. Shared by every metric whose per-row test
 * yields a mask.
 */
export function tallyBatch(
  s: MapState,
  b: BatchView,
  ok: Uint8Array,
  ignored: Uint8Array | null,
  o: { readonly domain: readonly string[]; readonly shape: ValueShape; readonly capture: Capture },
): MapState {
  if (!ignored) return tallyCounted(s, b, ok, EVERY_ROW, o);
  const rows = scratchOf(b.numRows);
  for (let i = 0; i < rows.length; i++) rows[i] = ignored[i] ? 0 : 1;
  return tallyCounted(s, b, ok, { rows, missing: rows.length - countOnes(rows) }, o);
}

/**
 * tallyBatch over counted rows: one pass counts the failures (masks hold 0/1, so four add at once), and
 * a second one, only while the capture has room, collects the first of them.
 */
function tallyCounted(
  s: MapState,
  b: BatchView,
  ok: Uint8Array,
  counted: Counted,
  o: { readonly domain: readonly string[]; readonly shape: ValueShape; readonly capture: Capture },
): MapState {
  const n = b.numRows;
  const rows = counted.rows;
  const unexpected = n - counted.missing - countOnes(ok, rows);
  s.element += n;
  s.missing += counted.missing;
  s.unexpected += unexpected;
  const limit = o.capture.limit;
  if (unexpected === 0 || s.rows.length >= limit) return s;
  const idx = o.capture.indexColumns ?? [];
  for (let i = 0, left = unexpected; i < n && left > 0 && s.rows.length < limit; i++) {
    if (ok[i] || (rows && !rows[i])) continue;
    left--;
    s.rows.push(b.rowNumber(i));
    s.values.push(rowValue(b, o.domain, o.shape, i));
    if (s.records) s.records.push(indexRecord(b, idx, o.domain, i));
  }
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

/** String operations a predicate runs per row: each reads every byte of its string (~10 plain checks). */
const STRING_SCANS = new Set(['regex', 'like', 'strftime', 'dateutil', 'json', 'length']);

/** The rough per-row cost of a predicate (see Metric.cost): 1, plus 10 per string it scans. */
function predicateCost(e: Expr): number {
  let scans = 0;
  const visit = (x: Expr): void => {
    if (STRING_SCANS.has(x.op)) scans++;
    if ('arg' in x) visit(x.arg);
    if ('args' in x) for (const a of x.args) visit(a);
    if (x.op === 'cmp') {
      visit(x.left);
      visit(x.right);
    }
  };
  visit(e);
  return 1 + 10 * scans;
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
    cost: predicateCost(o.predicate),
    init: () => emptyMapState(o.capture),
    update: (s, b) =>
      tallyCounted(s, b, evaluatePredicate(o.predicate, b), countedRows(b, o.domain, o.ignoreIf), o),
    merge: (a, b) => mergeMapStates(a, b, o.capture.limit),
    finish: (s) => finishMapState(s, o.countsMissing),
  };
}
