import { Float64, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, quantile, sortedValues } from '../../src/metrics/quantiles.js';
import { floats, int64s, ints } from '../expectations/vectors.js';
import { arbSplit, one, runSplit, runWhole } from './drive.js';

const sv = sortedValues('x');
const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('sortedValues', () => {
  it('collects the non-missing values, sorted', () => {
    const t = one(floats([3, null, Number.NaN, -1, 2.5, 3]));
    expect(Array.from(runWhole(sv, t))).toEqual([-1, 2.5, 3, 3]);
    expect(runWhole(sv, one(int64s([1, null, -7])))).toEqual(Float64Array.from([-7, 1]));
  });

  it('gives the same values for any batch split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ noNaN: false }), { nil: null }), { maxLength: 60 }),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = one(vectorFromArray(xs, new Float64()));
          const whole = runWhole(sv, t);
          expect(whole).toEqual(sorted(xs.filter((x): x is number => x !== null && !Number.isNaN(x))));
          expect(runSplit(sv, t, cuts, picks)).toEqual(whole);
        },
      ),
    );
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values (pandas)', () => {
    expect(median(sorted([5, 7, 6]))).toBe(6);
    expect(median(sorted([1, 2, 3, 4]))).toBe(2.5);
    expect(median(sorted([1, 2, 2, 3]))).toBe(2);
    expect(median(sorted([]))).toBeNull();
    // (a + b) / 2, not a + (b - a) / 2: they differ in the last bit here
    expect(median(sorted([0.1, 0.7]))).toBe((0.1 + 0.7) / 2);
  });

  it('runs over integer columns', () => {
    expect(median(runWhole(sv, one(ints([4, 1, null, 3, 2]))))).toBe(2.5);
  });
});

describe('quantile', () => {
  const v = sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  it('interpolates linearly at (n - 1) q, like pandas', () => {
    expect(quantile(v, 0)).toBe(1);
    expect(quantile(v, 1)).toBe(10);
    expect(quantile(v, 0.5)).toBe(5.5);
    expect(quantile(v, 0.25)).toBe(3.25);
    expect(quantile(v, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(sorted([]), 0.5)).toBeNull();
    expect(quantile(sorted([4]), 0.3)).toBe(4);
  });

  it('knows pandas other interpolation methods', () => {
    // q = 0.25 over 10 values: virtual index 2.25 between 3 and 4
    expect(quantile(v, 0.25, 'lower')).toBe(3);
    expect(quantile(v, 0.25, 'higher')).toBe(4);
    expect(quantile(v, 0.25, 'midpoint')).toBe(3.5);
    expect(quantile(v, 0.25, 'nearest')).toBe(3);
    expect(quantile(v, 0.3, 'nearest')).toBe(4);
    // index 0.5 and 1.5: numpy rounds half to even
    const four = sorted([10, 20, 30]);
    expect(quantile(four, 0.25, 'nearest')).toBe(10);
    expect(quantile(four, 0.75, 'nearest')).toBe(30);
    expect(quantile(v, 0.5, 'higher')).toBe(6);
    expect(quantile(sorted([1, 2, 3]), 0.5, 'higher')).toBe(2);
  });

  it('stays within the data and is monotone in q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, a, b) => {
          const s = sorted(xs);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const ql = quantile(s, lo) as number;
          const qh = quantile(s, hi) as number;
          expect(ql).toBeGreaterThanOrEqual(s[0] as number);
          expect(qh).toBeLessThanOrEqual(s[s.length - 1] as number);
          expect(ql).toBeLessThanOrEqual(qh);
        },
      ),
    );
  });
});
