import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';

/** Count, mean and sum of squared deviations (Chan et al.), plus an exact integer sum when it applies. */
export interface MomentsState {
  n: number;
  mean: number;
  m2: number;
  sum: number;
  /** Exact sum of an integer column (null once a non-integer column or overflow of exactness). */
  intSum: bigint | null;
}

/** Finished moments of a numeric column's non-missing values. */
export interface Moments {
  count: number;
  sum: number | bigint | null;
  mean: number | null;
  /** Sample variance (n - 1), as pandas and GX use. */
  variance: number | null;
  /** Sample standard deviation. */
  stdev: number | null;
}

const SAFE = 2 ** 53;

function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return {
    n,
    mean: a.mean + (delta * b.n) / n,
    m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n,
    sum: a.sum + b.sum,
    intSum: a.intSum !== null && b.intSum !== null ? a.intSum + b.intSum : null,
  };
}

/**
 * Moments of a numeric column (count, sum, mean, sample variance), skipping nulls and NaN. Batches are
 * summarised with a two-pass loop and merged with Chan's formula, so the figures do not depend on how
 * the data is split. Integer sums are exact (BigInt beyond 2^53).
 */
export function moments(column: string): Metric<MomentsState, Moments> {
  return {
    id: `column.moments(${column})`,
    columns: [column],
    init: () => ({ n: 0, mean: 0, m2: 0, sum: 0, intSum: 0n }),
    update(s, b: BatchView) {
      const col = b.column(column);
      const { values, exact } = col.numbers();
      const valid = col.validity();
      const len = b.numRows;
      let n = 0;
      let sum = 0;
      let maxAbs = 0;
      for (let i = 0; i < len; i++) {
        if (valid && !valid[i]) continue;
        const x = values[i] as number;
        n++;
        sum += x;
        const ax = x < 0 ? -x : x;
        if (ax > maxAbs) maxAbs = ax;
      }
      if (n === 0) return s;
      const mean = sum / n;
      let m2 = 0;
      for (let i = 0; i < len; i++) {
        if (valid && !valid[i]) continue;
        const d = (values[i] as number) - mean;
        m2 += d * d;
      }
      let intSum: bigint | null = null;
      if (s.intSum !== null && col.family === 'integer') {
        if (exact && maxAbs * n < SAFE) intSum = BigInt(sum);
        else {
          const raw = col.bigints();
          intSum = 0n;
          if (raw) for (let i = 0; i < len; i++) if (!valid || valid[i]) intSum += BigInt(raw[i] as bigint);
        }
      }
      return mergeMoments(s, { n, mean, m2, sum, intSum });
    },
    merge: mergeMoments,
    finish(s) {
      const variance = s.n > 1 ? s.m2 / (s.n - 1) : null;
      let sum: number | bigint | null = s.n ? s.sum : 0;
      if (s.intSum !== null)
        sum = s.intSum >= -BigInt(SAFE - 1) && s.intSum <= BigInt(SAFE - 1) ? Number(s.intSum) : s.intSum;
      return {
        count: s.n,
        sum,
        mean: s.n ? s.mean : null,
        variance,
        stdev: variance === null ? null : Math.sqrt(variance),
      };
    },
  };
}
