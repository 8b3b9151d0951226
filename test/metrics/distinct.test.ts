import {
  Bool,
  type DataType,
  DateDay,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  type Table,
  TimestampMicrosecond,
  TimestampNanosecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctValues } from '../../src/metrics/distinct.js';
import { compareCodePoints } from '../../src/metrics/min-max.js';
import { dict, floats, ints, timestamps, utf8 } from '../expectations/vectors.js';
import { arbSplit, one, runSplit, runWhole } from './drive.js';

const metricOf = (t: Table) => distinctValues('x', t.schema.fields[0]?.type as DataType);
const counts = (t: Table) => runWhole(metricOf(t), t).valueCounts();

describe('distinctValues', () => {
  it('counts numbers, skipping nulls and NaN, sorted numerically', () => {
    const t = one(floats([3, null, 1.5, 3, Number.NaN, -2, 10, 3]));
    const d = runWhole(metricOf(t), t);
    expect(d.nonMissing).toBe(6);
    expect(d.distinct).toBe(4);
    expect(d.valueCounts()).toEqual([
      { value: -2, count: 1 },
      { value: 1.5, count: 1 },
      { value: 3, count: 3 },
      { value: 10, count: 1 },
    ]);
  });

  it('keys int64 through its halves, exact beyond 2^53, in numeric order', () => {
    const big = 2n ** 53n;
    const t = one(vectorFromArray([big + 1n, -big - 1n, 5n, big + 1n, null, -3n, big], new Int64()));
    expect(counts(t)).toEqual([
      { value: -big - 1n, count: 1 },
      { value: -3, count: 1 },
      { value: 5, count: 1 },
      { value: big, count: 1 },
      { value: big + 1n, count: 2 },
    ]);
    const u = one(vectorFromArray([2n ** 64n - 1n, 7n, 2n ** 64n - 1n], new Uint64()));
    expect(counts(u)).toEqual([
      { value: 7, count: 1 },
      { value: 2n ** 64n - 1n, count: 2 },
    ]);
  });

  it('counts strings in code-point order, for utf8 and dictionary columns alike', () => {
    const values = ['b', null, 'a', '😀', '\uff5e', 'a', 'b', 'a'];
    const want = [
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
      { value: '\uff5e', count: 1 },
      { value: '😀', count: 1 },
    ];
    expect(counts(one(utf8(values)))).toEqual(want);
    expect(counts(one(dict(values)))).toEqual(want);
  });

  it('reports booleans, dates and timestamps as results report values', () => {
    expect(counts(one(vectorFromArray([true, false, true, null], new Bool())))).toEqual([
      { value: false, count: 1 },
      { value: true, count: 2 },
    ]);
    const days = one(
      vectorFromArray(
        [new Date('2018-01-02'), new Date('2018-01-01'), new Date('2018-01-02')],
        new DateDay(),
      ),
    );
    expect(counts(days)).toEqual([
      { value: '2018-01-01', count: 1 },
      { value: '2018-01-02', count: 2 },
    ]);
    const ns = one(
      timestamps(new TimestampNanosecond(), [1700000000123456789n, 1700000000123456789n, 0n, null]),
    );
    expect(counts(ns)).toEqual([
      { value: '1970-01-01T00:00:00', count: 1 },
      { value: '2023-11-14T22:13:20.123456789', count: 2 },
    ]);
  });

  it('matches kwargs literals with Python equality', () => {
    const int32s = one(ints([1, 2, 2, null]));
    const d = runWhole(metricOf(int32s), int32s);
    expect(d.notIn([1, 3])).toEqual([2]);
    expect(d.notIn([1.0, true, 2])).toEqual([]);
    expect(d.absentFrom([1, 3, '2', null])).toEqual([3, '2', null]);
    const bools = one(vectorFromArray([true, false], new Bool()));
    expect(runWhole(metricOf(bools), bools).notIn([1, 0])).toEqual([]);
    const big = one(vectorFromArray([2n ** 60n, 3n], new Int64()));
    expect(runWhole(metricOf(big), big).absentFrom([2 ** 60, 3, 4])).toEqual([4]);
    const strs = one(utf8(['a', 'b']));
    expect(runWhole(metricOf(strs), strs).notIn(['a', 1])).toEqual(['b']);
  });

  it('matches ISO strings against dates and timestamps by instant', () => {
    const ts = one(
      vectorFromArray(
        [new Date('2018-01-01T00:34:01Z'), new Date('2018-01-02T00:34:01Z')],
        new TimestampMicrosecond(),
      ),
    );
    const d = runWhole(metricOf(ts), ts);
    expect(d.absentFrom(['2018-01-01 00:34:01', '2018-01-02T00:34:01.000', '2018-01-03'])).toEqual([
      '2018-01-03',
    ]);
    expect(d.notIn(['2018-01-01T00:34:01'])).toEqual(['2018-01-02T00:34:01']);
    expect(() => d.notIn(['yesterday'])).toThrow(/not an ISO date/);
  });

  it('matches nanosecond timestamps exactly, and only whole units of the column', () => {
    // 1700000000123000000 is no double: a float parse of the literal would miss it
    const ns = one(timestamps(new TimestampNanosecond(), [1700000000123000000n, 1700000000123000001n]));
    const d = runWhole(metricOf(ns), ns);
    expect(
      d.absentFrom([
        '2023-11-14T22:13:20.123',
        '2023-11-14T22:13:20.123000001',
        '2023-11-14T22:13:20.123000002',
      ]),
    ).toEqual(['2023-11-14T22:13:20.123000002']);
    const days = one(vectorFromArray([new Date('2018-01-01')], new DateDay()));
    expect(runWhole(metricOf(days), days).absentFrom(['2018-01-01T00:00:00', '2018-01-01T12:00:00'])).toEqual(
      ['2018-01-01T12:00:00'],
    );
  });

  it('keys the edges of 2^53 alike for rows and literals', () => {
    const wide = one(vectorFromArray([-(2n ** 53n), 2n ** 53n - 1n, 2n ** 53n], new Int64()));
    expect(runWhole(metricOf(wide), wide).absentFrom([-(2 ** 53), 2 ** 53 - 1, 2 ** 53])).toEqual([]);
    const doubles = one(floats([2 ** 60, 0.5]));
    expect(runWhole(metricOf(doubles), doubles).absentFrom([2 ** 60, 0.5, true])).toEqual([true]);
  });

  it('is empty for an empty column', () => {
    const t = one(vectorFromArray([] as number[], new Float64()));
    const d = runWhole(metricOf(t), t);
    expect([d.nonMissing, d.distinct, d.valueCounts()]).toEqual([0, 0, []]);
  });

  const oracle = <T>(xs: readonly (T | null)[], order: (a: T, b: T) => number) => {
    const m = new Map<T, number>();
    for (const x of xs) if (x !== null) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].sort((a, b) => order(a[0], b[0])).map(([value, count]) => ({ value, count }));
  };
  const byNumber = (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0);

  it('matches a direct count, and any batch split merges to the one-batch result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -4, max: 4 }), { nil: null }), { maxLength: 50 }),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = one(vectorFromArray(xs, new Int32()));
          const whole = counts(t);
          expect(whole).toEqual(oracle(xs, byNumber));
          expect(runSplit(metricOf(t), t, cuts, picks).valueCounts()).toEqual(whole);
        },
      ),
    );
    // narrow ranges are counted through a table, wide ones through the map: both agree with the oracle
    const widths: [DataType, number, number][] = [
      [new Int8(), -128, 127],
      [new Uint8(), 0, 255],
      [new Int16(), -32768, 32767],
      [new Uint16(), 0, 65535],
      [new Int32(), -(2 ** 31), 2 ** 31 - 1],
      [new Uint32(), 0, 2 ** 32 - 1],
    ];
    for (const [type, min, max] of widths) {
      fc.assert(
        fc.property(
          fc.integer({ min, max }),
          fc.integer({ min: 0, max: 300 }),
          fc.array(fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }), { maxLength: 40 }),
          fc.array(fc.option(fc.integer({ min, max }), { nil: null }), { maxLength: 3 }),
          arbSplit,
          (base, span, picks01, outliers, { cuts, picks }) => {
            const near = picks01.map((p) =>
              p === null ? null : Math.min(max, Math.max(min, base + p * span)),
            );
            const xs = [...near, ...outliers];
            const t = one(vectorFromArray(xs, type));
            const whole = counts(t);
            expect(whole).toEqual(oracle(xs, byNumber));
            expect(runSplit(metricOf(t), t, cuts, picks).valueCounts()).toEqual(whole);
          },
        ),
        { numRuns: 40 },
      );
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.option(
            fc.constantFrom(
              0n,
              -1n,
              2n ** 53n,
              2n ** 53n + 1n,
              -(2n ** 63n),
              2n ** 63n - 1n,
              2n ** 32n,
              -(2n ** 32n),
            ),
            { nil: null },
          ),
          { maxLength: 50 },
        ),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = one(vectorFromArray(xs, new Int64()));
          const whole = counts(t);
          const want = oracle(xs, byNumber).map(({ value, count }) => ({
            value: Number.isSafeInteger(Number(value)) ? Number(value) : value,
            count,
          }));
          expect(whole).toEqual(want);
          expect(runSplit(metricOf(t), t, cuts, picks).valueCounts()).toEqual(whole);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom('', 'a', 'ab', 'b', 'é', '😀', '\uff5e'), { nil: null }), {
          maxLength: 50,
        }),
        fc.boolean(),
        arbSplit,
        (xs, asDict, { cuts, picks }) => {
          const t = one(asDict ? dict(xs) : utf8(xs));
          const whole = runWhole(metricOf(t), t);
          expect(whole.valueCounts()).toEqual(oracle(xs, compareCodePoints));
          const split = runSplit(metricOf(t), t, cuts, picks);
          expect([split.nonMissing, split.distinct, split.valueCounts()]).toEqual([
            whole.nonMissing,
            whole.distinct,
            whole.valueCounts(),
          ]);
        },
      ),
    );
  });
});
