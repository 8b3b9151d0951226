import { Bool, DateDay, Float64, Int64, TimestampNanosecond, Uint64, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints, keyBounds, minMax } from '../../src/metrics/min-max.js';
import { dict, floats, timestamps, utf8 } from '../expectations/vectors.js';
import { arbSplit, one, runSplit, runWhole } from './drive.js';

// -0 and 0 tie, so which one a split keeps is arbitrary
const noNegativeZero = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? v + 0 : v])) as T;
const mm = minMax('x');

describe('compareCodePoints', () => {
  it('orders by code point, as Python does, where UTF-16 order differs', () => {
    // U+FF5E (BMP, above the surrogates) < U+1F600 (astral) by code point, not by UTF-16 units
    expect('\uff5e' < '😀').toBe(false);
    expect(compareCodePoints('\uff5e', '😀')).toBe(-1);
    expect(compareCodePoints('😀', '\uff5e')).toBe(1);
    expect(compareCodePoints('ab', 'abc')).toBe(-1);
    expect(compareCodePoints('b', 'abc')).toBe(1);
    expect(compareCodePoints('é', 'é')).toBe(0);
  });

  it('agrees with UTF-8 byte order', () => {
    const enc = new TextEncoder();
    const bytes = (a: Uint8Array, b: Uint8Array) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return Math.sign((a[i] as number) - (b[i] as number));
      return Math.sign(a.length - b.length);
    };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(compareCodePoints(a, b)).toBe(bytes(enc.encode(a), enc.encode(b)));
      }),
    );
  });
});

describe('minMax', () => {
  it('skips nulls and NaN in float columns', () => {
    const r = runWhole(mm, one(floats([Number.NaN, 3, null, -1.5, 7, Number.NaN])));
    expect(r).toMatchObject({ count: 3, min: -1.5, max: 7 });
  });

  it('has no extremes for an empty or all-missing column', () => {
    expect(runWhole(mm, one(floats([null, Number.NaN])))).toMatchObject({
      count: 0,
      min: null,
      max: null,
      minKey: null,
    });
    expect(runWhole(mm, one(vectorFromArray([] as number[], new Float64())))).toMatchObject({ min: null });
  });

  it('keeps int64 exact beyond 2^53, signed and unsigned', () => {
    const big = 2n ** 53n + 1n;
    const r = runWhole(mm, one(vectorFromArray([big, null, big + 2n, -big, 5n], new Int64())));
    expect(r).toMatchObject({ min: -big, max: big + 2n, minKey: -big, maxKey: big + 2n });
    const u = runWhole(mm, one(vectorFromArray([2n ** 64n - 1n, 1n, 2n ** 63n], new Uint64())));
    expect(u).toMatchObject({ min: 1, max: 2n ** 64n - 1n });
  });

  it('orders strings by code point, in utf8 and dictionary columns', () => {
    const values = ['b', null, '\uff5e', 'a', '😀', 'ab'];
    for (const enc of [utf8, dict]) {
      expect(runWhole(mm, one(enc(values)))).toMatchObject({ count: 5, min: 'a', max: '😀' });
    }
  });

  it('reports booleans as booleans', () => {
    const r = runWhole(mm, one(vectorFromArray([true, null, false, true], new Bool())));
    expect(r).toMatchObject({ min: false, max: true, minKey: 0, maxKey: 1 });
  });

  it('reports dates and timestamps as ISO strings, compared in their unit', () => {
    const ts = timestamps(new TimestampNanosecond(), [1700000000123456789n, null, 946684800000000001n]);
    const r = runWhole(mm, one(ts));
    expect(r).toMatchObject({ min: '2000-01-01T00:00:00.000000001', max: '2023-11-14T22:13:20.123456789' });
    expect(r.minKey).toBe(946684800000000001n);
    const d = runWhole(
      mm,
      one(vectorFromArray([new Date('2020-02-03'), new Date('2019-12-31')], new DateDay())),
    );
    expect(d).toMatchObject({ min: '2019-12-31', max: '2020-02-03' });
  });

  it('turns ISO bounds into keys of date and timestamp columns, and rejects mismatched bounds', () => {
    const k = keyBounds(new DateDay(), 'd', { min_value: '2020-01-02', max_value: null });
    expect(k.min_value).toBe(18263);
    expect(keyBounds(new Float64(), 'x', { min_value: 1 }).min_value).toBe(1);
    expect(() => keyBounds(new Float64(), 'x', { min_value: 'a' })).toThrow(/cannot compare float column x/);
    expect(() => keyBounds(new DateDay(), 'd', { max_value: 3 })).toThrow(/ISO date/);
  });

  const arbFloats = fc.array(
    fc.option(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 5 })), { nil: null }),
    { maxLength: 40 },
  );
  const arbBigs = fc.array(fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null }), {
    maxLength: 40,
  });
  const arbStrings = fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 4 }), { nil: null }), {
    maxLength: 40,
  });

  it('matches a direct computation, and any batch split merges to the one-batch result', () => {
    fc.assert(
      fc.property(arbFloats, arbSplit, (xs, { cuts, picks }) => {
        const t = one(vectorFromArray(xs, new Float64()));
        const present = xs.filter((x): x is number => x !== null && !Number.isNaN(x));
        const whole = noNegativeZero(runWhole(mm, t));
        expect(whole.min).toBe(present.length ? Math.min(...present) + 0 : null);
        expect(whole.max).toBe(present.length ? Math.max(...present) + 0 : null);
        expect(noNegativeZero(runSplit(mm, t, cuts, picks))).toEqual(whole);
      }),
    );
    fc.assert(
      fc.property(arbBigs, arbSplit, (xs, { cuts, picks }) => {
        const t = one(vectorFromArray(xs, new Int64()));
        const present = xs
          .filter((x): x is bigint => x !== null)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const whole = runWhole(mm, t);
        expect(whole.minKey).toBe(present[0] ?? null);
        expect(whole.maxKey).toBe(present.at(-1) ?? null);
        expect(runSplit(mm, t, cuts, picks)).toEqual(whole);
      }),
    );
    fc.assert(
      fc.property(arbStrings, fc.boolean(), arbSplit, (xs, asDict, { cuts, picks }) => {
        const t = one(asDict ? dict(xs) : utf8(xs));
        const present = xs.filter((x): x is string => x !== null).sort(compareCodePoints);
        const whole = runWhole(mm, t);
        expect(whole.min).toBe(present[0] ?? null);
        expect(whole.max).toBe(present.at(-1) ?? null);
        expect(runSplit(mm, t, cuts, picks)).toEqual(whole);
      }),
    );
  });
});
