import { Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Direction, monotonicMetric } from '../../src/metrics/monotonic.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

const capture = { limit: 1000 };

/** GX's rule, directly: each present value against the previous present one; the first passes. */
function reference(values: (number | null)[], direction: Direction, strictly: boolean): number[] {
  const rows: number[] = [];
  let prev: number | null = null;
  values.forEach((v, i) => {
    if (v === null || Number.isNaN(v)) return;
    if (prev !== null) {
      const d = direction === 'increasing' ? v - prev : prev - v;
      if (!Number.isNaN(d) && (strictly ? d <= 0 : d < 0)) rows.push(i);
    }
    prev = v;
  });
  return rows;
}

const arbValues = fc.array(
  fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constant(null),
    fc.constant(Number.NaN),
    fc.constant(Number.POSITIVE_INFINITY),
  ),
  { maxLength: 40 },
);

describe('monotonicMetric', () => {
  it('matches the reference whole, and split into states merged in any order', () => {
    fc.assert(
      fc.property(
        arbValues,
        fc.constantFrom<Direction>('increasing', 'decreasing'),
        fc.boolean(),
        arbSplit,
        (values, direction, strictly, { cuts, picks }) => {
          const t = new Table({ x: vectorFromArray(values, new Float64()) });
          const m = monotonicMetric({ column: 'x', direction, strictly, capture });
          const whole = runWhole(m, t);
          expect(whole.rows).toEqual(reference(values, direction, strictly));
          expect(whole.missingCount).toBe(values.filter((v) => v === null || Number.isNaN(v)).length);
          expect(runSplit(m, t, cuts, picks)).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('compares 64-bit integers beyond 2^53 exactly, within and across batches', () => {
    const big = 2n ** 60n;
    const values = [big, big + 1n, big + 1n, big, -big, -big + 1n];
    const t = new Table({ x: vectorFromArray(values, new Int64()) });
    const m = monotonicMetric({ column: 'x', direction: 'increasing', strictly: true, capture });
    const whole = runWhole(m, t);
    expect(whole.rows).toEqual([2, 3, 4]);
    expect(whole.values).toEqual([big + 1n, big, -big]);
    for (const cuts of [[1], [2], [3], [1, 2, 3, 4, 5]])
      expect(runSplit(m, t, cuts, [3, 1, 2])).toEqual(whole);
  });

  it('keeps the lowest rows up to the capture limit, and counts the rest', () => {
    const values = [5, 4, 3, 2, 1, 0];
    const t = new Table({ x: vectorFromArray(values, new Float64()) });
    const m = monotonicMetric({
      column: 'x',
      direction: 'increasing',
      strictly: false,
      capture: { limit: 2 },
    });
    for (const cuts of [[], [1], [3], [1, 2, 3, 4]]) {
      const r = runSplit(m, t, cuts, [1, 0, 2]);
      expect(r).toMatchObject({ unexpectedCount: 5, rows: [1, 2], values: [4, 3], truncated: true });
    }
  });
});
