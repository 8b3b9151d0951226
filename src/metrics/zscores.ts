import type { ResultValue } from '../arrow/column.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import { setOwn } from '../own.js';
import type { MapOutcome } from '../result/types.js';
import { type Capture, emptyMapState, finishMapState } from './map.js';

/**
 * One batch's present values: row numbers relative to `base`, the values as doubles, and (only when
 * results identify rows by index columns) those columns' values for the same rows.
 */
interface Chunk {
  base: number;
  rows: Uint32Array;
  values: Float64Array;
  /** Exact values of 64-bit integers beyond 2^53, by position in the chunk (reported as they are). */
  wide: Map<number, ResultValue> | null;
  /** Per index column, its value at each kept row. */
  index: ResultValue[][] | null;
}

/** Mergeable state of the z-score metric: counts and every present value with its row number. */
export interface ZScoreState {
  element: number;
  missing: number;
  chunks: Chunk[];
}

/** Options of the z-score metric. */
export interface ZScoreOptions {
  readonly column: string;
  readonly threshold: number;
  readonly doubleSided: boolean;
  readonly capture: Capture;
}

/** Sum with Neumaier's compensation, so the mean does not drift over millions of values. */
function compensatedSum(chunks: readonly Chunk[]): number {
  let sum = 0;
  let c = 0;
  for (const ch of chunks) {
    for (const x of ch.values) {
      const t = sum + x;
      c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
  }
  return sum + c;
}

/**
 * The metric behind expect_column_value_z_scores_to_be_less_than: a value's z-score needs the column's
 * mean and sample standard deviation (ddof 1, as pandas' std that GX uses), known only once every batch
 * has been read. To stay one pass, the state keeps each present value and its row number in typed
 * arrays (12 bytes per value: a double and a 32-bit row offset within its batch; more when results ask
 * for index columns, whose values are kept per row too) and judges them in `finish`. A z-score that is
 * NaN (one value, or no spread) is never under the threshold, as in pandas.
 */
export function zScoreMetric(o: ZScoreOptions): Metric<ZScoreState, MapOutcome> {
  const { column, capture } = o;
  const limit = capture.limit;
  const idx = capture.indexColumns ?? [];
  const withIndex = capture.indexColumns !== undefined && limit > 0;
  return {
    id: `zscore(${JSON.stringify([column, o.threshold, o.doubleSided, limit, idx])})`,
    columns: [...new Set([column, ...idx])],
    init: () => ({ element: 0, missing: 0, chunks: [] }),
    update(s, b: BatchView) {
      const n = b.numRows;
      s.element += n;
      const col = b.column(column);
      const missing = col.family === 'null' ? n : col.missingCount();
      s.missing += missing;
      const kept = n - missing;
      if (kept === 0) return s;
      const valid = col.validity();
      const nv = col.numbers();
      const rows = new Uint32Array(kept);
      const positions = new Uint32Array(kept);
      const values = new Float64Array(kept);
      let k = 0;
      for (let i = 0; i < n; i++) {
        if (valid && !valid[i]) continue;
        // rows within the batch: a row condition's view keeps the original numbers
        rows[k] = b.rowNumber(i) - b.rowOffset;
        positions[k] = i;
        values[k++] = nv.values[i] as number;
      }
      let wide: Map<number, ResultValue> | null = null;
      if (nv.i64) {
        for (let j = 0; j < kept; j++) {
          if (Number.isSafeInteger(values[j] as number)) continue;
          wide ??= new Map();
          wide.set(j, col.value(positions[j] as number));
        }
      }
      let index: ResultValue[][] | null = null;
      if (withIndex) {
        index = idx.map((c) => {
          const ic = b.column(c);
          const out = new Array<ResultValue>(kept);
          let j = 0;
          for (let i = 0; i < n; i++) if (!valid || valid[i]) out[j++] = ic.value(i);
          return out;
        });
      }
      s.chunks.push({ base: b.rowOffset, rows, values, wide, index });
      return s;
    },
    merge: (a, b) => ({
      element: a.element + b.element,
      missing: a.missing + b.missing,
      chunks: [...a.chunks, ...b.chunks],
    }),
    finish(s) {
      const chunks = [...s.chunks].sort((x, y) => x.base - y.base);
      const count = chunks.reduce((t, ch) => t + ch.values.length, 0);
      const mean = compensatedSum(chunks) / count;
      let m2 = 0;
      for (const ch of chunks) for (const x of ch.values) m2 += (x - mean) * (x - mean);
      const stdev = Math.sqrt(m2 / (count - 1));
      const t = o.doubleSided ? Math.abs(o.threshold) : o.threshold;
      const out = emptyMapState(capture);
      out.element = s.element;
      out.missing = s.missing;
      for (const ch of chunks) {
        for (let j = 0; j < ch.values.length; j++) {
          const z = ((ch.values[j] as number) - mean) / stdev;
          if ((o.doubleSided ? Math.abs(z) : z) < t) continue;
          out.unexpected++;
          if (out.rows.length >= limit) continue;
          const value = ch.wide?.get(j) ?? (ch.values[j] as number);
          out.rows.push(ch.base + (ch.rows[j] as number));
          out.values.push(value);
          if (out.records) {
            const rec: Record<string, ResultValue> = {};
            idx.forEach((c, ci) => {
              setOwn(rec, c, ch.index?.[ci]?.[j] ?? null);
            });
            if (!Object.hasOwn(rec, column)) setOwn(rec, column, value);
            out.records.push(rec);
          }
        }
      }
      return finishMapState(out, true);
    },
  };
}
