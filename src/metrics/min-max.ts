import type { DataType } from 'apache-arrow';
import type { ColumnView, ResultValue } from '../arrow/column.js';
import { nanosPerUnit, typeFamily } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import { LiteralTypeError, temporalLiteral } from '../engine/temporal.js';
import { scanWeighted } from './weighted.js';

/**
 * A value in the order min/max compare in: numbers in the column's native unit (booleans 0/1, dates in
 * days, times and timestamps in their unit), exact bigints for 64-bit integer storage, strings.
 */
export type OrderKey = number | bigint | string;

/** Mergeable state of the min/max metric: the extremes as order keys and as results report them. */
export interface MinMaxState {
  count: number;
  minKey: OrderKey | null;
  maxKey: OrderKey | null;
  min: ResultValue;
  max: ResultValue;
}

/** Finished min/max of a column's non-missing values; `min`/`max` are null when there are none. */
export type MinMax = Readonly<MinMaxState>;

/** Python's string order (by code point), which UTF-16 `<` breaks for characters above U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return surrogateLast(x) < surrogateLast(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

// Surrogates (U+D800-DFFF) stand for code points above U+FFFF, so they sort after U+E000-FFFF.
function surrogateLast(c: number): number {
  return c < 0xd800 ? c : c < 0xe000 ? c + 0x2000 : c - 0x800;
}

/** Compares two order keys of one column. */
export function compareKeys(a: OrderKey, b: OrderKey): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

const NONE: readonly [number, number] = [-1, -1];

/** Row indices of the smallest and largest UTF-8 strings (byte order is code-point order). */
function stringExtremes(
  col: ColumnView,
  w: ArrayLike<number> | null,
  len: number,
): readonly [number, number] {
  const offsets = col.data.valueOffsets;
  if (!(offsets instanceof Int32Array)) return genericExtremes(col, w, len);
  const bytes = col.data.values as Uint8Array;
  let iMin = -1;
  let iMax = -1;
  for (let i = 0; i < len; i++) {
    if (w && !w[i]) continue;
    if (iMin < 0) {
      iMin = i;
      iMax = i;
      continue;
    }
    const s = offsets[i] as number;
    const e = offsets[i + 1] as number;
    if (compareBytes(bytes, s, e, offsets[iMin] as number, offsets[iMin + 1] as number) < 0) iMin = i;
    else if (compareBytes(bytes, s, e, offsets[iMax] as number, offsets[iMax + 1] as number) > 0) iMax = i;
  }
  return iMin < 0 ? NONE : [iMin, iMax];
}

function compareBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
  const n = Math.min(e1 - s1, e2 - s2);
  for (let k = 0; k < n; k++) {
    const d = (b[s1 + k] as number) - (b[s2 + k] as number);
    if (d !== 0) return d;
  }
  return e1 - s1 - (e2 - s2);
}

/** Large-offset strings: decode and compare (rare enough not to need a byte kernel). */
function genericExtremes(
  col: ColumnView,
  w: ArrayLike<number> | null,
  len: number,
): readonly [number, number] {
  const sv = col.strings();
  let iMin = -1;
  let iMax = -1;
  let lo = '';
  let hi = '';
  for (let i = 0; i < len; i++) {
    if (w && !w[i]) continue;
    const s = sv.get(i);
    if (iMin < 0 || compareCodePoints(s, lo) < 0) {
      iMin = i;
      lo = s;
    }
    if (iMax < 0 || compareCodePoints(s, hi) > 0) {
      iMax = i;
      hi = s;
    }
  }
  return iMin < 0 ? NONE : [iMin, iMax];
}

/** Row indices of the extremes of 64-bit integers, compared through their 32-bit halves. */
function int64Extremes(
  raw: BigInt64Array | BigUint64Array,
  w: ArrayLike<number> | null,
  len: number,
): readonly [number, number] {
  const halves = new Int32Array(raw.buffer, raw.byteOffset, len * 2);
  const unsigned = raw instanceof BigUint64Array;
  let iMin = -1;
  let iMax = -1;
  let hMin = 0;
  let lMin = 0;
  let hMax = 0;
  let lMax = 0;
  for (let i = 0; i < len; i++) {
    if (w && !w[i]) continue;
    const l = (halves[2 * i] as number) >>> 0;
    const h = unsigned ? (halves[2 * i + 1] as number) >>> 0 : (halves[2 * i + 1] as number);
    if (iMin < 0 || h < hMin || (h === hMin && l < lMin)) {
      iMin = i;
      hMin = h;
      lMin = l;
    }
    if (iMax < 0 || h > hMax || (h === hMax && l > lMax)) {
      iMax = i;
      hMax = h;
      lMax = l;
    }
  }
  return iMin < 0 ? NONE : [iMin, iMax];
}

function numberExtremes(
  values: ArrayLike<number>,
  w: ArrayLike<number> | null,
  len: number,
): readonly [number, number] {
  let iMin = -1;
  let iMax = -1;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < len; i++) {
    if (w && !w[i]) continue;
    const x = values[i] as number;
    if (iMin < 0 || x < lo) {
      iMin = i;
      lo = x;
    }
    if (iMax < 0 || x > hi) {
      iMax = i;
      hi = x;
    }
  }
  return iMin < 0 ? NONE : [iMin, iMax];
}

/** Row indices of a (non-dictionary) column's extremes among rows with a non-zero `w`. */
function extremes(col: ColumnView, w: ArrayLike<number> | null, len: number): readonly [number, number] {
  if (col.family === 'string') return stringExtremes(col, w, len);
  const raw = col.bigints();
  if (raw) return int64Extremes(raw, w, len);
  return numberExtremes(col.numbers().values, w, len);
}

function keyAt(col: ColumnView, i: number): OrderKey {
  if (col.family === 'string') return col.strings().get(i);
  const raw = col.bigints();
  if (raw) return BigInt(raw[i] as bigint);
  return col.numbers().values[i] as number;
}

function candidate(col: ColumnView, count: number, iMin: number, iMax: number): MinMaxState {
  return {
    count,
    minKey: keyAt(col, iMin),
    maxKey: keyAt(col, iMax),
    min: col.value(iMin),
    max: col.value(iMax),
  };
}

function mergeMinMax(a: MinMaxState, b: MinMaxState): MinMaxState {
  if (b.minKey === null || b.maxKey === null) return { ...a, count: a.count + b.count };
  if (a.minKey === null || a.maxKey === null) return { ...b, count: a.count + b.count };
  const lo = compareKeys(b.minKey, a.minKey) < 0 ? b : a;
  const hi = compareKeys(b.maxKey, a.maxKey) > 0 ? b : a;
  return { count: a.count + b.count, minKey: lo.minKey, min: lo.min, maxKey: hi.maxKey, max: hi.max };
}

/**
 * Min and max of a column's non-missing values (nulls and NaN skipped): numbers, exact 64-bit integers
 * (bigint beyond 2^53), strings in code-point order (compared as UTF-8 bytes, without decoding each
 * row), booleans, dates and timestamps (reported as ISO strings, as ColumnView.value does). Dictionary
 * columns are scanned over the dictionary entries their rows use.
 */
export function minMax(column: string): Metric<MinMaxState, MinMax> {
  return {
    id: `column.min_max(${column})`,
    columns: [column],
    init: () => ({ count: 0, minKey: null, maxKey: null, min: null, max: null }),
    update(s, b: BatchView) {
      const col = b.column(column);
      const len = b.numRows;
      const count = len - col.missingCount();
      if (count === 0) return s;
      return scanWeighted(col, len, (values, w, n) => {
        const [iMin, iMax] = extremes(values, w, n);
        return mergeMinMax(s, candidate(values, count, iMin, iMax));
      });
    },
    merge: mergeMinMax,
    finish: (s) => s,
  };
}

/** Bounds as range kwargs carry them. */
interface Bounds {
  min_value?: number | string | null;
  max_value?: number | string | null;
}

function boundKey(type: DataType, column: string, bound: number | string | null | undefined) {
  if (bound == null) return bound;
  const family = typeFamily(type);
  if (family === 'date' || family === 'timestamp') return temporalLiteral(bound, nanosPerUnit(type), column);
  if ((family === 'string') === (typeof bound === 'string')) return bound;
  throw new LiteralTypeError(
    `cannot compare ${family} column ${column} with ${JSON.stringify(bound)}: give a ${family === 'string' ? 'string' : 'number'}`,
  );
}

/**
 * Range kwargs with their bounds turned into order keys of a column of this type: ISO strings become
 * numbers in a date or timestamp column's unit; strings only compare with string columns and numbers
 * with the rest (anything else throws a LiteralTypeError).
 */
export function keyBounds<K extends Bounds>(type: DataType, column: string, k: K): K {
  return {
    ...k,
    min_value: boundKey(type, column, k.min_value),
    max_value: boundKey(type, column, k.max_value),
  };
}
