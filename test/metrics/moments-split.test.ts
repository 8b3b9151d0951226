import { Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { momentsMetric } from '../../src/metrics/moments.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

const floats = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 2, arbitrary: fc.constantFrom(0.1, 0.2, 0.3, -0, 1e308, -1e308, 1e16, -1e16) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    },
    { weight: 1, arbitrary: fc.double() },
  ),
  { maxLength: 60 },
);

describe('moments do not depend on the split or the merge order', () => {
  // limit 0: exact sums from the first value; 8: both regimes; 1000: values kept throughout
  it.each([0, 8, 1000])('with a buffer limit of %i values', (limit) => {
    const m = momentsMetric('x', limit);
    fc.assert(
      fc.property(floats, arbSplit, (xs, { cuts, picks }) => {
        const t = new Table({ x: vectorFromArray(xs, new Float64()) });
        expect(runSplit(m, t, cuts, picks)).toEqual(runWhole(m, t));
      }),
    );
  });

  it('with int64 values beyond 2^53 (exact sum, exact mean past the buffer)', () => {
    const m = momentsMetric('x', 4);
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null }), {
          maxLength: 30,
        }),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = new Table({ x: vectorFromArray(xs, new Int64()) });
          const whole = runWhole(m, t);
          expect(runSplit(m, t, cuts, picks)).toEqual(whole);
          const present = xs.filter((x) => x !== null);
          if (present.length > 4) {
            const sum = present.reduce((a, x) => a + x, 0n);
            expect(BigInt(whole.sum as number | bigint)).toBe(sum);
          }
        },
      ),
    );
  });

  it('keeps pandas’ two-pass figures for few values, and rounds exact sums once for many', () => {
    const t = new Table({ x: vectorFromArray([1, 1, 3], new Float64()) });
    // pandas: std([1, 1, 3]) = 1.1547005383792517 (its rounding); the exact value rounds to ...515
    expect(runWhole(momentsMetric('x', 8), t).stdev).toBe(1.1547005383792517);
    expect(runWhole(momentsMetric('x', 0), t).stdev).toBe(Math.sqrt(4 / 3));
    const drift = new Table({ x: vectorFromArray([0.1, 0.2, 0.3, 1e16, -1e16], new Float64()) });
    expect(runWhole(momentsMetric('x', 0), drift)).toMatchObject({ sum: 0.6, mean: 0.12 });
  });
});
