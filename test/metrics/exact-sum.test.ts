import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addExact,
  addMoments,
  type ExactMoments,
  exactMoments,
  exactSquareSum,
  exactSum,
  exactToBigInt,
  mergeExact,
  mergeMoments,
  ratioToNumber,
} from '../../src/metrics/exact-sum.js';

/** A finite double as its exact integer count of 2^-1074. */
function units(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const v = mantissa << BigInt(biased === 0 ? 0 : biased - 1);
  return bits >> 63n ? -v : v;
}

/** Doubles of every kind: subnormal, huge, ±0, mixed signs, and ones whose significands use all 53 bits. */
const finite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0.1, 0.2, 0.3, 0, -0, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 1023),
  fc.constantFrom(Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, 2 ** -1022 - Number.MIN_VALUE, 3e-310),
  fc.integer().map((x) => x / 7),
);

/** The exact sum of the values and of their squares (units of 2^-1074 and 2^-2148). */
function expected(xs: readonly number[]): { sum: bigint; squares: bigint } {
  return {
    sum: xs.reduce((a, x) => a + units(x), 0n),
    squares: xs.reduce((a, x) => a + units(x) * units(x), 0n),
  };
}

function momentsOf(xs: readonly number[], valid: Uint8Array | null = null): ExactMoments {
  const m = exactMoments();
  addMoments(m, Float64Array.from(xs), valid, xs.length);
  return m;
}

describe('exact sums of doubles', () => {
  it('equal the exact sums of values and squares whatever the split and merge order', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { maxLength: 60 }),
        fc.nat({ max: 60 }),
        fc.nat({ max: 60 }),
        (xs, i, j) => {
          const want = expected(xs);
          const whole = momentsOf(xs);
          expect([exactToBigInt(whole.sum), exactToBigInt(whole.squares)]).toEqual([want.sum, want.squares]);
          // three states through structuredClone (as workers ship them), merged in another order
          const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
          const parts = [xs.slice(0, lo), xs.slice(lo, hi), xs.slice(hi)].map((p) =>
            structuredClone(momentsOf(p)),
          );
          const [a, b, c] = parts as [ExactMoments, ExactMoments, ExactMoments];
          const merged = mergeMoments(c, mergeMoments(a, b));
          expect([exactToBigInt(merged.sum), exactToBigInt(merged.squares)]).toEqual([
            want.sum,
            want.squares,
          ]);
          // one by one
          const s = exactSum();
          for (const x of xs) addExact(s, x);
          expect(exactToBigInt(s)).toBe(want.sum);
        },
      ),
    );
  });

  it('skip rows flagged missing and NaN, and count infinities apart', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.oneof(
              finite,
              fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
            ),
            ok: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const m = momentsOf(
            rows.map((r) => r.x),
            Uint8Array.from(rows, (r) => (r.ok ? 1 : 0)),
          );
          const kept = rows.filter((r) => r.ok).map((r) => r.x);
          const want = expected(kept.filter(Number.isFinite));
          expect([exactToBigInt(m.sum), exactToBigInt(m.squares)]).toEqual([want.sum, want.squares]);
          expect([m.posInf, m.negInf]).toEqual([
            kept.filter((x) => x === Number.POSITIVE_INFINITY).length,
            kept.filter((x) => x === Number.NEGATIVE_INFINITY).length,
          ]);
        },
      ),
    );
  });

  it('stay exact past the bucket capacity, for the largest significands and magnitudes', () => {
    // every bucket a value touches gets its largest addend: 53-bit significands at one exponent
    const n = 3 * 2 ** 16 + 5;
    for (const x of [Number.MAX_VALUE, -(2 ** 53 - 1), (2 ** 53 - 1) * 2 ** -1074, 2 - 2 ** -52]) {
      const m = exactMoments();
      const values = new Float64Array(n).fill(x);
      addMoments(m, values.subarray(0, 1000), null, 1000);
      addMoments(m, values.subarray(1000), null, n - 1000);
      expect(exactToBigInt(m.sum)).toBe(units(x) * BigInt(n));
      expect(exactToBigInt(m.squares)).toBe(units(x) * units(x) * BigInt(n));
    }
  });

  it('carry correctly across folds, with mixed signs and magnitudes', () => {
    const n = 2 ** 20 + 3;
    const values = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 2 ** 1000 : -0.1));
    const m = exactMoments();
    addMoments(m, values.subarray(0, 1000), null, 1000);
    const rest = exactMoments();
    for (let i = 1000; i < 3000; i++) addExact(rest.sum, values[i] as number);
    addMoments(rest, values.subarray(3000), null, n - 3000);
    const total = mergeExact(m.sum, rest.sum);
    const want = units(2 ** 1000) * BigInt(Math.floor(n / 2)) + units(-0.1) * BigInt(Math.ceil(n / 2));
    expect(exactToBigInt(total)).toBe(want);
  });

  it('add a whole double to a sum of squares in its units', () => {
    const s = exactSquareSum();
    addExact(s, 12345);
    addExact(s, -45);
    expect(exactToBigInt(s)).toBe(12300n << 2148n);
  });

  it('rounds a ratio to the nearest double', () => {
    fc.assert(
      fc.property(finite, fc.integer({ min: 1, max: 1000 }), (x, d) => {
        expect(ratioToNumber(units(x), 1n, -1074)).toBe(x === 0 ? 0 : x);
        const q = ratioToNumber(units(x) * BigInt(d), BigInt(d), -1074);
        expect(q).toBe(x === 0 ? 0 : x);
      }),
    );
    expect(ratioToNumber(1n, 3n, 0)).toBe(1 / 3);
    expect(ratioToNumber(-2n, 3n, 0)).toBe(-2 / 3);
    expect(ratioToNumber(10n ** 400n, 1n, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
