import { Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zScoreMetric } from '../../src/metrics/zscores.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

const capture = { limit: 1000 };

/** pandas' z-scores with the sample standard deviation, directly. */
function reference(values: (number | null)[], threshold: number, doubleSided: boolean): number[] {
  const present = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / (present.length - 1));
  const rows: number[] = [];
  values.forEach((v, i) => {
    if (v === null || Number.isNaN(v)) return;
    const z = (v - mean) / sd;
    if (!((doubleSided ? Math.abs(z) : z) < (doubleSided ? Math.abs(threshold) : threshold))) rows.push(i);
  });
  return rows;
}

describe('zScoreMetric', () => {
  it('matches the reference whole, and split into states merged in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { maxLength: 40 }),
        fc.constantFrom(-1, 0.5, 1, 1.5, 2),
        fc.boolean(),
        arbSplit,
        (values, threshold, doubleSided, { cuts, picks }) => {
          const t = new Table({ x: vectorFromArray(values, new Float64()) });
          const m = zScoreMetric({ column: 'x', threshold, doubleSided, capture });
          const whole = runWhole(m, t);
          expect(whole.rows).toEqual(reference(values, threshold, doubleSided));
          expect(runSplit(m, t, cuts, picks)).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports 64-bit integers beyond 2^53 exactly', () => {
    const big = 2n ** 60n + 1n;
    const t = new Table({ x: vectorFromArray([0n, 0n, 0n, big], new Int64()) });
    const r = runWhole(zScoreMetric({ column: 'x', threshold: 1, doubleSided: true, capture }), t);
    expect(r.values).toEqual([big]);
  });

  it('a single value, or values without spread, have no z-score and fail', () => {
    for (const values of [[3], [2, 2, 2]]) {
      const t = new Table({ x: vectorFromArray(values, new Float64()) });
      const r = runWhole(zScoreMetric({ column: 'x', threshold: 100, doubleSided: true, capture }), t);
      expect(r.unexpectedCount).toBe(values.length);
    }
  });
});
