import {
  Float64,
  Int64,
  Null,
  Table,
  TimestampMicrosecond,
  TimestampNanosecond,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnMaxToBeBetween } from '../../src/expectations/expect_column_max_to_be_between.js';
import { runOne } from '../helpers.js';
import { arbFloatTable, arbStrings, assertSplitEqual, sentenceOf } from './aggregate.js';
import { floats, ints, timestamps, utf8 } from './vectors.js';

const TYPE = 'expect_column_max_to_be_between';
// GX's fixture dataset
const gx = new Table({
  w: ints([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]),
  x: floats([2, 3, 4, 5, 6, 7, 8, 9, null, null]),
  ts: vectorFromArray(
    [
      '1970-01-01T12:00:01',
      '1999-12-31T12:00:01',
      '2000-06-01T12:00:01',
      null,
      '2001-01-01T12:00:01',
      '2000-01-01T12:00:01',
      '2000-02-01T12:00:01',
      '2000-03-01T12:00:01',
      '2000-04-01T12:00:01',
      '2000-05-01T12:00:01',
    ].map((s) => (s ? new Date(`${s}Z`) : null)),
    new TimestampMicrosecond(),
  ),
});

describe(TYPE, () => {
  it('succeeds when the maximum is within the bounds, which are inclusive', async () => {
    expect(await runOne(gx, TYPE, { column: 'w', min_value: 4, max_value: 6 })).toMatchObject({
      success: true,
      result: { observed_value: 5 },
    });
    expect((await runOne(gx, TYPE, { column: 'w', min_value: 0, max_value: 5 })).success).toBe(true);
  });

  it('fails when the maximum is outside, or on a strict bound', async () => {
    const r = await runOne(gx, TYPE, { column: 'w', min_value: null, max_value: 4 });
    expect([r.success, r.result.observed_value]).toEqual([false, 5]);
    expect((await runOne(gx, TYPE, { column: 'w', min_value: 50 })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'w', max_value: 5, strict_max: true })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'w', min_value: 5, strict_min: true })).success).toBe(false);
  });

  it('ignores nulls and NaN', async () => {
    expect(await runOne(gx, TYPE, { column: 'x', min_value: 3 })).toMatchObject({
      success: true,
      result: { observed_value: 9 },
    });
    const t = new Table({ x: floats([1, Number.NaN, null, -4]) });
    expect((await runOne(t, TYPE, { column: 'x', max_value: 1 })).result.observed_value).toBe(1);
  });

  it('fails without an observed value on an empty or all-missing column', async () => {
    for (const x of [vectorFromArray([] as number[], new Float64()), vectorFromArray([null], new Null())]) {
      const r = await runOne(new Table({ x }), TYPE, { column: 'x', min_value: 0, max_value: 0 });
      expect([r.success, r.result.observed_value, r.exception_info.raised_exception]).toEqual([
        false,
        null,
        false,
      ]);
    }
  });

  it('needs a bound', async () => {
    expect((await runOne(gx, TYPE, { column: 'w' })).exception_info.raised_exception).toBe(true);
  });

  it('compares timestamps with ISO strings and reports ISO strings (GX fixture)', async () => {
    const r = await runOne(gx, TYPE, {
      column: 'ts',
      min_value: '2001-01-01T12:00:01',
      max_value: '2001-01-01T12:00:01',
    });
    expect([r.success, r.result.observed_value]).toEqual([true, '2001-01-01T12:00:01']);
    expect((await runOne(gx, TYPE, { column: 'ts', max_value: '2001-01-01' })).success).toBe(false);
  });

  it('keeps nanosecond timestamps and int64 exact', async () => {
    const t = new Table({
      ns: timestamps(new TimestampNanosecond(), [1700000000000000001n, 1700000000000000002n]),
      i: vectorFromArray([2n ** 62n, 2n ** 62n + 7n], new Int64()),
    });
    expect((await runOne(t, TYPE, { column: 'ns', min_value: '2023-11-14' })).result.observed_value).toBe(
      '2023-11-14T22:13:20.000000002',
    );
    expect((await runOne(t, TYPE, { column: 'i', min_value: 0 })).result.observed_value).toBe(2n ** 62n + 7n);
  });

  it('orders strings by code point', async () => {
    const t = new Table({ s: utf8(['\uff5e', '😀', 'z']) });
    expect((await runOne(t, TYPE, { column: 's', min_value: 'a' })).result.observed_value).toBe('😀');
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnMaxToBeBetween, { column: 'fare', max_value: 500, strict_max: true })).toBe(
      'the maximum of `fare` is less than 500',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbFloatTable, TYPE, { column: 'x', min_value: 0, max_value: 10 });
    await assertSplitEqual(
      arbStrings.map((xs) => new Table({ s: utf8(xs) })),
      TYPE,
      { column: 's', max_value: 'b' },
    );
  });
});
