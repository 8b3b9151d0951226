import type { ColumnView } from '../arrow/column.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';

/** Distinct values of one column, each with a code from 1; code 0 is a missing value (null or NaN). */
export interface Factor {
  codes: Map<number | string, number>;
  /** values[c - 1] is the value of code c. */
  values: (number | string)[];
}

/** Counts of each pair of codes, keyed codeA * 2^26 + codeB. */
export interface CrosstabState {
  a: Factor;
  b: Factor;
  pairs: Map<number, number>;
}

/** The finished joint counts: each column's distinct values and how many rows have each pair. */
export interface Crosstab {
  /** Values of column A by code - 1 (numbers for numeric and boolean columns, else strings). */
  readonly a: readonly (number | string)[];
  readonly b: readonly (number | string)[];
  /** Rows seen. */
  readonly rows: number;
  /** Calls back with each pair of codes (0 = missing) and its row count. */
  forEach(fn: (codeA: number, codeB: number, count: number) => void): void;
}

const B_CODES = 2 ** 26;
// keys stay exact doubles while codeA < 2^27
const A_CODES = 2 ** 27;

function codeOf(f: Factor, v: number | string, limit: number): number {
  let c = f.codes.get(v);
  if (c === undefined) {
    c = f.values.push(v);
    if (c >= limit) throw new Error(`too many distinct values for a crosstab (more than ${limit - 1})`);
    f.codes.set(v, c);
  }
  return c;
}

/** The code of each row of a batch's column (strings by string, everything else by its number). */
function encode(f: Factor, col: ColumnView, len: number, limit: number): Int32Array {
  const out = new Int32Array(len);
  const valid = col.validity();
  if (col.isDictionary) {
    const dict = col.dictionary();
    const dictCodes = encode(f, dict, dict.length, limit);
    const idx = col.indices();
    for (let i = 0; i < len; i++) if (!valid || valid[i]) out[i] = dictCodes[idx[i] as number] as number;
    return out;
  }
  if (col.family === 'string') {
    const sv = col.strings();
    for (let i = 0; i < len; i++) if (!valid || valid[i]) out[i] = codeOf(f, sv.get(i), limit);
    return out;
  }
  const { values } = col.numbers();
  for (let i = 0; i < len; i++) if (!valid || valid[i]) out[i] = codeOf(f, values[i] as number, limit);
  return out;
}

/** Codes of `from` rewritten as codes of `into` (adding the values `into` lacks). */
function remap(into: Factor, from: Factor, limit: number): Int32Array {
  const out = new Int32Array(from.values.length + 1);
  from.values.forEach((v, i) => {
    out[i + 1] = codeOf(into, v, limit);
  });
  return out;
}

const emptyFactor = (): Factor => ({ codes: new Map(), values: [] });

/**
 * Exact joint counts of two columns' values (missing values, null or NaN, counted as their own code),
 * mergeable across batches and workers: the basis of a contingency table binned later, once every
 * value is known, so binning by range or by frequency needs no second pass. Memory: one Map entry per
 * distinct value of each column and per distinct pair present. Merge reuses its first state.
 */
export function crosstab(columnA: string, columnB: string): Metric<CrosstabState, Crosstab> {
  return {
    id: `column_pair.crosstab(${columnA},${columnB})`,
    columns: [columnA, columnB],
    init: () => ({ a: emptyFactor(), b: emptyFactor(), pairs: new Map() }),
    update(s, batch: BatchView) {
      const len = batch.numRows;
      const ca = encode(s.a, batch.column(columnA), len, A_CODES);
      const cb = encode(s.b, batch.column(columnB), len, B_CODES);
      const { pairs } = s;
      for (let i = 0; i < len; i++) {
        const key = (ca[i] as number) * B_CODES + (cb[i] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
      return s;
    },
    merge(x, y) {
      const ra = remap(x.a, y.a, A_CODES);
      const rb = remap(x.b, y.b, B_CODES);
      for (const [key, n] of y.pairs) {
        const k = (ra[Math.floor(key / B_CODES)] as number) * B_CODES + (rb[key % B_CODES] as number);
        x.pairs.set(k, (x.pairs.get(k) ?? 0) + n);
      }
      return x;
    },
    finish(s) {
      let rows = 0;
      for (const n of s.pairs.values()) rows += n;
      return {
        a: s.a.values,
        b: s.b.values,
        rows,
        forEach(fn) {
          for (const [key, n] of s.pairs) fn(Math.floor(key / B_CODES), key % B_CODES, n);
        },
      };
    },
  };
}
