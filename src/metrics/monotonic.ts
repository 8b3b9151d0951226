import type { ColumnView, ResultValue } from '../arrow/column.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import type { MapOutcome } from '../result/types.js';
import {
  type Capture,
  emptyMapState,
  finishMapState,
  indexRecord,
  type MapState,
  mergeMapStates,
} from './map.js';

/** Which way values must go. */
export type Direction = 'increasing' | 'decreasing';

/** A value compared across segments: a number, or a bigint for a 64-bit integer beyond 2^53. */
type Ordered = number | bigint;

/** The first present value of a segment, whose verdict waits for the segment before it. */
interface Edge {
  row: number;
  value: Ordered;
  reported: ResultValue;
  record: Record<string, ResultValue> | null;
}

/**
 * A contiguous range of rows [start, end): its counts and captured unexpected rows (every present row
 * but the first, which is judged against the previous segment's last value when the two meet).
 */
export interface Segment {
  start: number;
  end: number;
  first: Edge | null;
  last: Ordered | null;
  map: MapState;
}

/** Mergeable state of the monotonic metric: segments sorted by their first row, never overlapping. */
export interface MonotonicState {
  segments: Segment[];
}

/** Options of the monotonic metric. */
export interface MonotonicOptions {
  readonly column: string;
  readonly direction: Direction;
  readonly strictly: boolean;
  readonly capture: Capture;
}

const cmp = (a: Ordered, b: Ordered): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * GX's rule on a pair of consecutive present values, from pandas' `diff()`: the difference must be
 * >= 0 (> 0 strictly) going up, <= 0 (< 0) going down; a difference that is NaN (equal infinities)
 * counts as met, as GX fills missing differences with a passing value.
 */
function verdict(direction: Direction, strictly: boolean): (prev: Ordered, cur: Ordered) => boolean {
  const sign = direction === 'increasing' ? 1 : -1;
  return (prev, cur) => {
    if (prev === cur && typeof cur === 'number' && !Number.isFinite(cur)) return true;
    const c = cmp(cur, prev) * sign;
    return strictly ? c > 0 : c >= 0;
  };
}

/** Row i's value for comparisons across segments (exact for 64-bit integers beyond 2^53). */
function orderedAt(col: ColumnView, i: number): Ordered {
  const nv = col.numbers();
  if (nv.exact || !nv.i64) return nv.values[i] as number;
  const v = nv.i64[i] as bigint;
  return Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/**
 * Compares rows i and j of a 64-bit integer column through their 32-bit halves (no BigInt per row):
 * the high words as signed (unsigned for uint64), then the low words as unsigned.
 */
function halvesCompare(halves: Int32Array, unsigned: boolean, i: number, j: number): number {
  const hi = unsigned ? (halves[2 * i + 1] as number) >>> 0 : (halves[2 * i + 1] as number);
  const hj = unsigned ? (halves[2 * j + 1] as number) >>> 0 : (halves[2 * j + 1] as number);
  if (hi !== hj) return hi < hj ? -1 : 1;
  const li = (halves[2 * i] as number) >>> 0;
  const lj = (halves[2 * j] as number) >>> 0;
  return li === lj ? 0 : li < lj ? -1 : 1;
}

/** Joins two adjacent segments: the later one's first value meets the earlier one's last. */
function join(a: Segment, b: Segment, ok: (p: Ordered, c: Ordered) => boolean, limit: number): Segment {
  let map = mergeMapStates(a.map, b.map, limit);
  if (a.last !== null && b.first !== null && !ok(a.last, b.first.value)) {
    const one = emptyMapState({ limit });
    one.records = map.records ? [] : null;
    one.unexpected = 1;
    if (limit > 0) {
      one.rows.push(b.first.row);
      one.values.push(b.first.reported);
      if (one.records && b.first.record) one.records.push(b.first.record);
    }
    map = mergeMapStates(map, one, limit);
  }
  return { start: a.start, end: b.end, first: a.first ?? b.first, last: b.last ?? a.last, map };
}

/** Sorts segments by row and joins every pair that meets (all pairs, when `all`: the data is complete). */
function coalesce(
  segments: Segment[],
  ok: (p: Ordered, c: Ordered) => boolean,
  limit: number,
  all: boolean,
): Segment[] {
  segments.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && (all || prev.end === s.start)) out[out.length - 1] = join(prev, s, ok, limit);
    else out.push(s);
  }
  return out;
}

/**
 * The metric behind expect_column_values_to_be_increasing / _decreasing: each present value is compared
 * with the previous present value (nulls and NaN are skipped, as GX filters them before pandas' diff),
 * and the first present value passes. Order runs across batches and files: a state keeps, per
 * contiguous range of rows, its first and last values, so states merge in any order (sorted by range).
 */
export function monotonicMetric(o: MonotonicOptions): Metric<MonotonicState, MapOutcome> {
  const { column, capture } = o;
  const limit = capture.limit;
  const idx = capture.indexColumns ?? [];
  const ok = verdict(o.direction, o.strictly);
  const sign = o.direction === 'increasing' ? 1 : -1;
  return {
    id: `monotonic(${JSON.stringify([column, o.direction, o.strictly, limit, idx])})`,
    columns: [...new Set([column, ...idx])],
    init: () => ({ segments: [] }),
    update(s, b: BatchView) {
      const n = b.numRows;
      const col = b.column(column);
      const map = emptyMapState(capture);
      map.element = n;
      // the segment covers the batch's rows, also those a row condition left out of the view
      const seg: Segment = {
        start: b.rowOffset,
        end: b.rowOffset + b.batch.numRows,
        first: null,
        last: null,
        map,
      };
      const capture1 = (i: number) => {
        map.unexpected++;
        if (map.rows.length < limit) {
          map.rows.push(b.rowNumber(i));
          map.values.push(col.value(i));
          if (map.records) map.records.push(indexRecord(b, idx, [column], i));
        }
      };
      if (col.family === 'null') {
        map.missing = n;
      } else {
        const valid = col.validity();
        const nv = col.numbers();
        const halves = !nv.exact && nv.i64 ? new Int32Array(nv.i64.buffer, nv.i64.byteOffset, n * 2) : null;
        const unsigned = nv.i64 instanceof BigUint64Array;
        const values = nv.values;
        let prev = -1;
        for (let i = 0; i < n; i++) {
          if (valid && !valid[i]) {
            map.missing++;
            continue;
          }
          if (prev >= 0) {
            let pass: boolean;
            if (halves) {
              const c = halvesCompare(halves, unsigned, i, prev) * sign;
              pass = o.strictly ? c > 0 : c >= 0;
            } else pass = ok(values[prev] as number, values[i] as number);
            if (!pass) capture1(i);
          } else {
            seg.first = {
              row: b.rowNumber(i),
              value: orderedAt(col, i),
              reported: col.value(i),
              record: map.records ? indexRecord(b, idx, [column], i) : null,
            };
          }
          prev = i;
        }
        if (prev >= 0) seg.last = orderedAt(col, prev);
      }
      s.segments.push(seg);
      s.segments = coalesce(s.segments, ok, limit, false);
      return s;
    },
    merge: (a, b) => ({ segments: coalesce([...a.segments, ...b.segments], ok, limit, false) }),
    finish(s) {
      const [whole] = coalesce([...s.segments], ok, limit, true);
      return finishMapState(whole?.map ?? emptyMapState(capture), true);
    },
  };
}
