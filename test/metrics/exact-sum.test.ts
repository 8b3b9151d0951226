import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addExact,
  addExactAll,
  addSquares,
  exactSquares,
  exactSum,
  exactToBigInt,
  mergeExact,
  mergeSquares,
  ratioToNumber,
  squaresToBigInt,
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

const finite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.2, 0.3, -0, 1e308, -1e308, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** 1023),
  fc.integer().map((x) => x / 7),
);

describe('exact sums of doubles', () => {
  it('equal the exact sum whatever the split and merge order', () => {
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 60 }), fc.nat({ max: 60 }), (xs, cut) => {
        const whole = exactSum();
        for (const x of xs) addExact(whole, x);
        const want = xs.reduce((a, x) => a + units(x), 0n);
        expect(exactToBigInt(whole)).toBe(want);
        // the same values added one by one into one state, and as a Float64Array into another
        const a = exactSum();
        const b = exactSum();
        for (const x of xs.slice(0, cut)) addExact(a, x);
        const rest = Float64Array.from(xs.slice(cut));
        addExactAll(b, rest, rest.length);
        expect(exactToBigInt(mergeExact(b, a))).toBe(want);
      }),
    );
  });

  it('carry correctly over many additions (past the carry interval)', () => {
    const s = exactSum();
    const n = 2 ** 20 + 3;
    const values = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 2 ** 1000 : -0.1));
    addExactAll(s, values.subarray(0, 1000), 1000);
    for (let i = 1000; i < 3000; i++) addExact(s, values[i] as number);
    addExactAll(s, values.subarray(3000), n - 3000);
    const want = units(2 ** 1000) * BigInt(Math.floor(n / 2));
    const rest = units(-0.1) * BigInt(Math.ceil(n / 2));
    expect(exactToBigInt(s)).toBe(want + rest);
  });

  it('sum squares exactly, huge values included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e300, max: 1e300, noNaN: true }), fc.integer()), {
          maxLength: 30,
        }),
        fc.nat({ max: 30 }),
        (xs, cut) => {
          const a = exactSquares();
          const b = exactSquares();
          addSquares(a, Float64Array.from(xs.slice(0, cut)), Math.min(cut, xs.length));
          const rest = Float64Array.from(xs.slice(cut));
          addSquares(b, rest, rest.length);
          // x^2 in units of 2^-1074 is units(x)^2 / 2^1074, exact for all but squares below 2^-1074
          const want = xs.reduce((acc, x) => acc + ((units(x) * units(x)) >> 1074n), 0n);
          const tiny = xs.some((x) => x !== 0 && Math.abs(x) < 2 ** -480);
          if (!tiny) expect(squaresToBigInt(mergeSquares(a, b))).toBe(want);
        },
      ),
    );
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
