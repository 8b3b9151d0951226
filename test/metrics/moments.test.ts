import { Bool, Float64, Int8, Int64, Table, Uint64, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratioToNumber } from '../../src/metrics/exact-sum.js';
import { moments, momentsMetric } from '../../src/metrics/moments.js';
import { floats, ints } from '../expectations/vectors.js';
import { arbSplit, one, runSplit, runWhole } from './drive.js';

const m = moments('x');

describe('moments', () => {
  it('gives count, sum, mean and the sample variance and stdev, skipping nulls and NaN', () => {
    const r = runWhole(m, one(floats([1, null, 1, Number.NaN, 3])));
    expect(r.count).toBe(3);
    expect(r.sum).toBe(5);
    expect(r.mean).toBeCloseTo(5 / 3, 15);
    expect(r.variance).toBeCloseTo(4 / 3, 15);
    expect(r.stdev).toBeCloseTo(1.1547005383792517, 15);
  });

  it('has no mean or stdev without values, and no stdev for one value; the empty sum is 0', () => {
    expect(runWhole(m, one(floats([null, Number.NaN])))).toEqual({
      count: 0,
      sum: 0,
      mean: null,
      variance: null,
      stdev: null,
    });
    expect(runWhole(m, one(ints([4])))).toMatchObject({ mean: 4, stdev: null });
  });

  it('reads booleans as 0 and 1', () => {
    expect(runWhole(m, one(vectorFromArray([true, null, false, true], new Bool())))).toMatchObject({
      count: 3,
      sum: 2,
    });
  });

  it('sums int64 exactly beyond 2^53, without losing the low bits', () => {
    const big = 2n ** 62n + 1n;
    const r = runWhole(m, one(vectorFromArray([big, big, null, -3n, big], new Int64())));
    expect(r.sum).toBe(3n * big - 3n);
    const u = runWhole(m, one(vectorFromArray([2n ** 64n - 1n, 2n ** 64n - 1n], new Uint64())));
    expect(u.sum).toBe(2n * (2n ** 64n - 1n));
    // back to a number when the exact sum fits
    expect(runWhole(m, one(vectorFromArray([2n ** 60n, -(2n ** 60n), 5n], new Int64()))).sum).toBe(5);
  });

  it('sums narrow integers exactly when the total passes 2^53', () => {
    // 2^23 rows of 2^31 - 1 sum past 2^53, where a float sum drops low bits
    const n = 2 ** 23;
    const values = new Int32Array(n).fill(2 ** 31 - 1);
    values[0] = 1;
    const r = runWhole(m, one(vectorFromArray(values)));
    expect(r.sum).toBe(BigInt(n - 1) * BigInt(2 ** 31 - 1) + 1n);
  });

  it('gives the same exact sum and count, and the same mean and stdev, for any batch split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null }), {
          maxLength: 40,
        }),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = one(vectorFromArray(xs, new Int64()));
          const whole = runWhole(m, t);
          const exact = xs.reduce<bigint>((a, x) => a + (x ?? 0n), 0n);
          expect(BigInt(whole.sum as number | bigint)).toBe(exact);
          const split = runSplit(m, t, cuts, picks);
          expect([split.count, split.sum]).toEqual([whole.count, whole.sum]);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -100, max: 100 }), { nil: null }), { maxLength: 60 }),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = one(vectorFromArray(xs, new Int8()));
          const whole = runWhole(m, t);
          const split = runSplit(m, t, cuts, picks);
          expect([split.count, split.sum]).toEqual([whole.count, whole.sum]);
          for (const key of ['mean', 'stdev'] as const) {
            const [a, b] = [split[key], whole[key]];
            if (b === null) expect(a).toBeNull();
            else expect(a).toBeCloseTo(b, 9);
          }
        },
      ),
    );
  });

  it('past the buffer, gives the exact mean and variance rounded once, from subnormal to huge values', () => {
    // k * 2^e is k * 2^(e + 1074) units of 2^-1074 exactly: the exact figures need no float arithmetic
    const term = fc.record({
      k: fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }),
      e: fc.oneof(
        fc.integer({ min: -1074, max: -1000 }),
        fc.integer({ min: -60, max: 10 }),
        fc.integer({ min: 900, max: 970 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(term, { minLength: 2, maxLength: 30 }), arbSplit, (terms, { cuts, picks }) => {
        const xs = terms.map(({ k, e }) => Number(k) * 2 ** e);
        const u = terms.map(({ k, e }) => k << BigInt(e + 1074));
        const n = BigInt(xs.length);
        const sum = u.reduce((a, x) => a + x, 0n);
        const squares = u.reduce((a, x) => a + x * x, 0n);
        const deviations = n * squares - sum * sum;
        const r = runSplit(
          momentsMetric('x', 0),
          new Table({ x: vectorFromArray(xs, new Float64()) }),
          cuts,
          picks,
        );
        expect(r.mean).toBe(ratioToNumber(sum, n, -1074));
        expect(r.variance).toBe(deviations > 0n ? ratioToNumber(deviations, n * (n - 1n), -2148) : 0);
      }),
    );
    // squares below 2^-1074 still count: 2x^2 is just over half of the least subnormal, rounding up to it
    const x = 2 ** -538 * (1 + 2 ** -52);
    const t = new Table({ x: vectorFromArray([x, -x], new Float64()) });
    expect(runWhole(momentsMetric('x', 0), t).variance).toBe(Number.MIN_VALUE);
  });
});
