import {
  Decimal,
  Float64,
  makeData,
  makeVector,
  TimestampMicrosecond,
  TimestampNanosecond,
  tableFromArrays,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnView, countOnes, int64ToNumbers } from '../../src/arrow/column.js';

function view(vec: { data: readonly unknown[] }, name = 'c'): ColumnView {
  return new ColumnView(name, vec.data[0] as never);
}

describe('ColumnView', () => {
  it('reads decimals with their scale, negative values included', () => {
    // 128-bit two's complement, little-endian 32-bit words: 12345, -12345, 0
    const words = new Uint32Array([
      12345,
      0,
      0,
      0,
      (2 ** 32 - 12345) >>> 0,
      0xffffffff,
      0xffffffff,
      0xffffffff,
      0,
      0,
      0,
      0,
    ]);
    const data = makeData({ type: new Decimal(2, 10, 128), length: 3, nullCount: 0, data: words });
    const v = new ColumnView('d', data);
    expect(Array.from(v.numbers().values)).toEqual([123.45, -123.45, 0]);
    expect([v.value(0), v.value(1), v.value(2)]).toEqual([123.45, -123.45, 0]);
  });

  it('keeps int64 beyond 2^53 exact in values and flags numbers() as inexact', () => {
    const big = 2n ** 60n + 1n;
    const t = tableFromArrays({ i: BigInt64Array.from([1n, big, -big]) });
    const v = view(t.getChild('i')!);
    expect(v.value(0)).toBe(1);
    expect(v.value(1)).toBe(big);
    expect(v.value(2)).toBe(-big);
    expect(v.numbers().exact).toBe(false);
  });

  it('converts int64 through 32-bit halves exactly within 2^53', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), { maxLength: 50 }),
        (xs) => {
          const nv = int64ToNumbers(BigInt64Array.from(xs), xs.length);
          expect(nv.exact).toBe(true);
          expect(Array.from(nv.values)).toEqual(xs.map(Number));
        },
      ),
    );
  });

  it('flags int64 and uint64 beyond 2^53 as inexact, and only those', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 20 }),
        (xs) => {
          const nv = int64ToNumbers(BigInt64Array.from(xs), xs.length);
          expect(nv.exact).toBe(xs.every((x) => x >= -(2n ** 53n) && x < 2n ** 53n));
          expect(Array.from(nv.values)).toEqual(xs.map(Number));
          const us = xs.map((x) => BigInt.asUintN(64, x));
          const nu = int64ToNumbers(BigUint64Array.from(us), us.length);
          expect(nu.exact).toBe(us.every((x) => x < 2n ** 53n));
          expect(Array.from(nu.values)).toEqual(us.map(Number));
        },
      ),
    );
  });

  it('counts missing rows as the presence flags mark them, whatever the bitmap offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.oneof(fc.double(), fc.constant(Number.NaN)), { nil: null }), {
          minLength: 1,
          maxLength: 600,
        }),
        fc.nat(20),
        (xs, from) => {
          const sliced = vectorFromArray(xs, new Float64()).slice(from);
          const v = view(sliced);
          const want = xs.slice(from).map((x) => (x === null || Number.isNaN(x) ? 0 : 1));
          expect(Array.from(v.validity() ?? want.map(() => 1))).toEqual(want);
          expect(v.missingCount()).toBe(want.filter((p) => p === 0).length);
          const nulls = xs.slice(from).map((x) => (x === null ? 0 : 1));
          expect(Array.from(v.nullFlags() ?? nulls.map(() => 1))).toEqual(nulls);
        },
      ),
    );
  });

  it('counts ones of flags, and of two flags anded, at any length and alignment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 3000 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3000, maxLength: 3000 }),
        fc.nat(5),
        (xs, ys, skip) => {
          const a = Uint8Array.from(xs).subarray(Math.min(skip, xs.length));
          const b = Uint8Array.from(ys).subarray(0, a.length);
          expect(countOnes(a)).toBe(a.reduce((s, x) => s + x, 0));
          expect(countOnes(a, b)).toBe(a.reduce((s, x, i) => s + (x & (b[i] as number)), 0));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('treats NaN as missing and reports it as null', () => {
    const t = tableFromArrays({ f: Float64Array.from([1.5, Number.NaN, -0]) });
    const v = view(t.getChild('f')!);
    expect(Array.from(v.validity() ?? [])).toEqual([1, 0, 1]);
    expect(v.missingCount()).toBe(1);
    expect(v.value(1)).toBeNull();
  });

  it('formats timestamps as ISO strings with sub-millisecond digits', () => {
    const us = makeVector(
      makeData({
        type: new TimestampMicrosecond(),
        length: 2,
        nullCount: 0,
        data: BigInt64Array.from([1_547_523_372_000_000n, 1_547_523_372_123_456n]),
      }),
    );
    const v = view(us);
    expect(v.value(0)).toBe('2019-01-15T03:36:12');
    expect(v.value(1)).toBe('2019-01-15T03:36:12.123456');
    const ns = makeVector(
      makeData({
        type: new TimestampNanosecond(),
        length: 1,
        nullCount: 0,
        data: BigInt64Array.from([1_547_523_372_123_456_789n]),
      }),
    );
    expect(view(ns).value(0)).toBe('2019-01-15T03:36:12.123456789');
  });

  it('reads plain and dictionary strings alike, with nulls', () => {
    const values = ['a', null, 'ünï', 'a'];
    const plain = view(vectorFromArray(values, new Utf8()));
    const dict = view(vectorFromArray(values));
    for (const v of [plain, dict]) {
      expect([0, 1, 2, 3].map((i) => v.value(i))).toEqual(values);
      expect(v.missingCount()).toBe(1);
    }
    expect(dict.isDictionary).toBe(true);
  });
});
