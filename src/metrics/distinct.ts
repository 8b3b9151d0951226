import { type DataType, makeData } from 'apache-arrow';
import { ColumnView, type ResultValue } from '../arrow/column.js';
import { familiesExcept, nanosPerUnit, typeFamily, valueType } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import type { Literal } from '../engine/expr.js';
import type { Metric } from '../engine/metric.js';
import { LiteralTypeError, parseIsoToBigNanos } from '../engine/temporal.js';
import { compareCodePoints } from './min-max.js';
import { scanWeighted } from './weighted.js';

/** Families the distinct-values metric counts (the null type has no values to count). */
export const DISTINCT_FAMILIES = familiesExcept('binary', 'interval', 'nested');

/**
 * Exact counts per distinct value, in three key spaces. Only the functions of this file touch the maps,
 * so the Map-based tables can be swapped for an open-addressing hash table without changing callers.
 *
 * Memory per distinct value, in V8: a Map entry costs about 28 bytes (key, value and chain slots plus
 * its share of the bucket array, at the table's 50-100% load); a numeric key that is not a small integer
 * adds a 16-byte heap number; a string key adds its own storage (about 16 bytes plus one byte per Latin-1
 * character, or two per character otherwise). So roughly 30-45 bytes per distinct number and 45 bytes
 * plus the text per distinct string. Counts stay small integers until 2^30 rows.
 */
export interface DistinctState {
  /** Non-missing rows seen. */
  nonMissing: number;
  /** Numbers: integers within 2^53, floats, booleans as 0/1, dates and times in their unit. */
  num: Map<number, number>;
  /** 64-bit integers (and 64-bit dates and times) beyond 2^53, by their decimal string. */
  big: Map<string, number>;
  /** Strings. */
  str: Map<string, number>;
}

/** A distinct value and how many rows have it. */
export interface ValueCount {
  value: ResultValue;
  count: number;
}

/** Finished distinct-value counts of a column's non-missing values. */
export interface DistinctValues {
  /** Non-missing rows. */
  readonly nonMissing: number;
  /** Number of distinct non-missing values. */
  readonly distinct: number;
  /** Each distinct value (sorted: numbers numerically, strings by code point) with its count. */
  valueCounts(): ValueCount[];
  /** The distinct values that are not in `values` (Python equality: 1 == 1.0 == True). */
  notIn(values: readonly Literal[]): ResultValue[];
  /** The entries of `values` that no row has. */
  absentFrom(values: readonly Literal[]): Literal[];
}

function add<K>(m: Map<K, number>, key: K, n: number): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

/** Folds the smaller table into the larger one (merge consumes both states). */
function fold<K>(a: Map<K, number>, b: Map<K, number>): Map<K, number> {
  const [big, small] = a.size >= b.size ? [a, b] : [b, a];
  for (const [k, n] of small) add(big, k, n);
  return big;
}

const SAFE_HI = 0x200000; // 2^21: a high half below this keeps the 64-bit value within 2^53
const TWO32 = 4294967296;

/**
 * Counts the values of a non-dictionary column into the state, each row weighted by `w[i]` (the 0/1
 * validity flags, or per-entry counts when the column is a dictionary); rows with weight 0 are skipped.
 */
function countColumn(s: DistinctState, col: ColumnView, w: ArrayLike<number> | null, len: number): void {
  if (col.family === 'string') {
    const sv = col.strings();
    for (let i = 0; i < len; i++) {
      const n = w ? (w[i] as number) : 1;
      if (n) add(s.str, sv.get(i), n);
    }
    return;
  }
  const raw = col.bigints();
  if (raw) {
    const halves = new Int32Array(raw.buffer, raw.byteOffset, len * 2);
    const unsigned = raw instanceof BigUint64Array;
    for (let i = 0; i < len; i++) {
      const n = w ? (w[i] as number) : 1;
      if (!n) continue;
      const lo = (halves[2 * i] as number) >>> 0;
      const hi = unsigned ? (halves[2 * i + 1] as number) >>> 0 : (halves[2 * i + 1] as number);
      if (hi < SAFE_HI && hi >= -SAFE_HI) add(s.num, hi * TWO32 + lo, n);
      else add(s.big, String(raw[i]), n);
    }
    return;
  }
  const { values } = col.numbers();
  if (isSmallIntArray(values) && countDense(s, values, w, len)) return;
  for (let i = 0; i < len; i++) {
    const n = w ? (w[i] as number) : 1;
    if (n) add(s.num, values[i] as number, n);
  }
}

type SmallIntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

function isSmallIntArray(a: ArrayLike<number>): a is SmallIntArray {
  return (
    a instanceof Int32Array ||
    a instanceof Int8Array ||
    a instanceof Int16Array ||
    a instanceof Uint8Array ||
    a instanceof Uint16Array ||
    a instanceof Uint32Array
  );
}

/** Widest value range counted in a table rather than a hash map (clearing the table costs its span). */
const DENSE_SPAN = 1 << 16;
let dense = new Float64Array(0);

/**
 * Counts integers through a table indexed by value when they span few values (at most twice the rows, and
 * DENSE_SPAN: labels, codes, small dates), so that the map sees each distinct value once per batch; false
 * when they span more.
 */
function countDense(
  s: DistinctState,
  values: SmallIntArray,
  w: ArrayLike<number> | null,
  len: number,
): boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < len; i++) {
    if (w && !w[i]) continue;
    const x = values[i] as number;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (hi < lo) return true;
  const span = hi - lo + 1;
  if (span > Math.min(DENSE_SPAN, 2 * len + 256)) return false;
  if (dense.length < span) dense = new Float64Array(DENSE_SPAN);
  const counts = dense;
  counts.fill(0, 0, span);
  if (w) {
    for (let i = 0; i < len; i++) {
      const n = w[i] as number;
      const k = (values[i] as number) - lo;
      if (n) counts[k] = (counts[k] as number) + n;
    }
  } else {
    for (let i = 0; i < len; i++) {
      const k = (values[i] as number) - lo;
      counts[k] = (counts[k] as number) + 1;
    }
  }
  for (let k = 0; k < span; k++) {
    const n = counts[k] as number;
    if (n) add(s.num, lo + k, n);
  }
  return true;
}

/** Key spaces of a column family, for turning kwargs literals into keys. */
type KeyOf = (v: Literal) => { num: number } | { big: string } | { str: string } | undefined;

const TWO53 = 2n ** 53n;

/** The key of an integer of a 64-bit column: a number within [-2^53, 2^53), as countColumn keys it. */
function wideKey(u: bigint): { num: number } | { big: string } {
  return u >= -TWO53 && u < TWO53 ? { num: Number(u) } : { big: String(u) };
}

function keyFunction(type: DataType, column: string): KeyOf {
  const family = typeFamily(type);
  const storage = (valueType(type) as DataType & { ArrayType?: unknown }).ArrayType;
  const wide = storage === BigInt64Array || storage === BigUint64Array;
  if (family === 'string') return (v) => (typeof v === 'string' ? { str: v } : undefined);
  if (family === 'date' || family === 'timestamp') {
    const per = BigInt(nanosPerUnit(type));
    return (v) => {
      if (typeof v !== 'string') return undefined;
      // exact nanoseconds: a double cannot tell apart nanosecond timestamps of this century
      const ns = parseIsoToBigNanos(v);
      if (ns === undefined) {
        throw new LiteralTypeError(
          `cannot compare column ${column} with ${JSON.stringify(v)}: not an ISO date`,
        );
      }
      return ns % per === 0n ? wideKey(ns / per) : undefined;
    };
  }
  // Python: True == 1 and False == 0, for numbers and booleans alike
  return (v) =>
    typeof v === 'boolean'
      ? { num: v ? 1 : 0 }
      : typeof v !== 'number'
        ? undefined
        : wide && Number.isInteger(v)
          ? wideKey(BigInt(v))
          : { num: v };
}

function has(s: DistinctState, k: ReturnType<KeyOf>): boolean {
  if (!k) return false;
  if ('num' in k) return s.num.has(k.num);
  if ('big' in k) return s.big.has(k.big);
  return s.str.has(k.str);
}

/** Formats numeric keys (bigints beyond 2^53) as results report values of the column's type. */
function formatter(type: DataType, column: string): (keys: readonly (number | bigint)[]) => ResultValue[] {
  const family = typeFamily(type);
  if (family === 'boolean') return (keys) => keys.map((x) => x !== 0);
  if (family === 'date' || family === 'timestamp' || family === 'time' || family === 'duration') {
    // an Arrow column of the keys lets ColumnView.value do the formatting (ISO strings, units, zones)
    const vt = valueType(type) as DataType & {
      ArrayType: new (n: number) => Record<number, number | bigint>;
    };
    return (keys) => {
      const data = new vt.ArrayType(keys.length);
      const wide = data instanceof BigInt64Array || data instanceof BigUint64Array;
      keys.forEach((x, i) => {
        data[i] = wide ? BigInt(x) : Number(x);
      });
      const col = new ColumnView(column, makeData({ type: vt, length: keys.length, data } as never));
      return keys.map((_, i) => col.value(i));
    };
  }
  return (keys) => [...keys];
}

/** A state's keys in value order: numbers and big integers together numerically, then strings. */
function sortedKeys(s: DistinctState): { numeric: (number | bigint)[]; strings: string[] } {
  const nums = Array.from(Float64Array.from(s.num.keys()).sort());
  const bigs = [...s.big.keys()].map((k) => BigInt(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // big keys lie beyond +-2^53, so the negative ones come before every number key and the rest after
  const cut = bigs.findIndex((x) => x > 0n);
  const below = cut < 0 ? bigs : bigs.slice(0, cut);
  const above = cut < 0 ? [] : bigs.slice(cut);
  return { numeric: [...below, ...nums, ...above], strings: [...s.str.keys()].sort(compareCodePoints) };
}

function countOf(s: DistinctState, key: number | bigint | string, isString: boolean): number {
  if (isString) return s.str.get(key as string) ?? 0;
  return (typeof key === 'bigint' ? s.big.get(String(key)) : s.num.get(key as number)) ?? 0;
}

function emptyState(): DistinctState {
  return { nonMissing: 0, num: new Map(), big: new Map(), str: new Map() };
}

/**
 * Exact distinct-value counts of a column's non-missing values (nulls and NaN skipped), mergeable across
 * batches, row groups and workers. Hot loops run over typed arrays: numbers are keyed as numbers, 64-bit
 * integers through their 32-bit halves (a decimal string only beyond 2^53, never a BigInt per row),
 * strings by string; dictionary columns are counted per dictionary index first, then folded. `type` is
 * the column's Arrow type from the schema, used to format values and to read kwargs literals. Update and
 * merge reuse their input states.
 */
export function distinctValues(column: string, type: DataType): Metric<DistinctState, DistinctValues> {
  const format = formatter(type, column);
  const keyOf = keyFunction(type, column);
  return {
    id: `column.distinct_values(${column})`,
    columns: [column],
    init: emptyState,
    update(s, b: BatchView) {
      const col = b.column(column);
      const len = b.numRows;
      const present = len - col.missingCount();
      if (present === 0) return s;
      scanWeighted(col, len, (values, w, n) => countColumn(s, values, w, n));
      s.nonMissing += present;
      return s;
    },
    merge: (a, b) => ({
      nonMissing: a.nonMissing + b.nonMissing,
      num: fold(a.num, b.num),
      big: fold(a.big, b.big),
      str: fold(a.str, b.str),
    }),
    finish(s) {
      const listed = (keep: (k: ReturnType<KeyOf>) => boolean) => {
        const { numeric, strings } = sortedKeys(s);
        const nums = numeric.filter((x) => keep(typeof x === 'bigint' ? { big: String(x) } : { num: x }));
        const strs = strings.filter((x) => keep({ str: x }));
        return { nums, strs, values: [...format(nums), ...strs] };
      };
      return {
        nonMissing: s.nonMissing,
        distinct: s.num.size + s.big.size + s.str.size,
        valueCounts() {
          const { nums, strs, values } = listed(() => true);
          const counts = [...nums.map((k) => countOf(s, k, false)), ...strs.map((k) => countOf(s, k, true))];
          return values.map((value, i) => ({ value, count: counts[i] as number }));
        },
        notIn(values) {
          const wanted = emptyState();
          for (const v of values) {
            const k = keyOf(v);
            if (!k) continue;
            if ('num' in k) wanted.num.set(k.num, 1);
            else if ('big' in k) wanted.big.set(k.big, 1);
            else wanted.str.set(k.str, 1);
          }
          return listed((k) => !has(wanted, k)).values;
        },
        absentFrom(values) {
          return values.filter((v) => !has(s, keyOf(v)));
        },
      };
    },
  };
}
