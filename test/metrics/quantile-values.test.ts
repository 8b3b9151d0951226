import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kllQuantiles } from '../../src/metrics/kll.js';
import { type QuantileValues, quantileValues } from '../../src/metrics/quantile-values.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

const one = (xs: (number | null)[]) => new Table({ x: vectorFromArray(xs, new Float64()) });

describe('quantileValues', () => {
  it('holds the values exactly up to the limit, nulls and NaN left out', () => {
    const r = runWhole(
      quantileValues('x', { exactLimit: 4, epsilon: 0.1 }),
      one([3, null, Number.NaN, 1, 2, 2]),
    );
    expect(r).toEqual({ method: 'exact', sorted: Float64Array.from([1, 2, 2, 3]) });
  });

  it('switches to the sketch above the limit, and sketches from the start with limit 0', () => {
    const xs = [5, 4, 3, 2, 1];
    const over = runWhole(quantileValues('x', { exactLimit: 4, epsilon: 0.1 }), one(xs));
    const sketched = runWhole(quantileValues('x', { exactLimit: 0, epsilon: 0.1 }), one(xs));
    for (const r of [over, sketched]) {
      expect(r.method).toBe('kll');
      if (r.method !== 'kll') continue;
      expect(r.sketch.n).toBe(5);
      // few values: nothing compacted yet, so the sketch answers exactly
      expect(kllQuantiles(r.sketch, [0, 0.5, 1])).toEqual([1, 3, 5]);
    }
    expect(quantileValues('x', { exactLimit: 4, epsilon: 0.1 }).id).not.toBe(
      quantileValues('x', { exactLimit: 0, epsilon: 0.1 }).id,
    );
  });

  it('picks the method from the total count alone, whatever the batches and merges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -9, max: 9 }), { nil: null }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 40 }),
        arbSplit,
        (xs, limit, { cuts, picks }) => {
          const m = quantileValues('x', { exactLimit: limit, epsilon: 0.5 });
          const t = one(xs);
          const whole = runWhole(m, t);
          const split = runSplit(m, t, cuts, picks);
          const present = xs.filter((x) => x !== null).length;
          const method = limit > 0 && present <= limit ? 'exact' : 'kll';
          expect([whole.method, split.method]).toEqual([method, method]);
          if (method === 'exact') expect(split).toEqual(whole);
          const count = (r: QuantileValues) => (r.method === 'exact' ? r.sorted.length : r.sketch.n);
          expect(count(split)).toBe(present);
        },
      ),
    );
  });
});
