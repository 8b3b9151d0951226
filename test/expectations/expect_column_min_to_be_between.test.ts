import {
  Bool,
  DateDay,
  Float64,
  Int64,
  Null,
  Table,
  TimestampMicrosecond,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnMinToBeBetween } from '../../src/expectations/expect_column_min_to_be_between.js';
import { runOne } from '../helpers.js';
import { arbFloatTable, arbStrings, assertSplitEqual, sentenceOf } from './aggregate.js';
import { dict, floats, ints, utf8 } from './vectors.js';

const TYPE = 'expect_column_min_to_be_between';
// GX's fixture dataset
const gx = new Table({
  w: ints([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]),
  x: floats([2, 3, 4, 5, 6, 7, 8, 9, null, null]),
  a: floats([null, 0, null, null, 1, null, null, 2, null, null]),
});

describe(TYPE, () => {
  it('succeeds when the minimum is within the bounds, which are inclusive', async () => {
    const r = await runOne(gx, TYPE, { column: 'w', min_value: -10, max_value: 5 });
    expect(r.success).toBe(true);
    expect(r.result).toEqual({ observed_value: 1 });
    expect((await runOne(gx, TYPE, { column: 'w', min_value: 0, max_value: 1 })).success).toBe(true);
  });

  it('fails when the minimum is outside, or on a strict bound', async () => {
    const low = await runOne(gx, TYPE, { column: 'w', min_value: 4, max_value: null });
    expect([low.success, low.result.observed_value]).toEqual([false, 1]);
    expect((await runOne(gx, TYPE, { column: 'a', min_value: 1, max_value: 2 })).result).toEqual({
      observed_value: 0,
    });
    expect((await runOne(gx, TYPE, { column: 'w', min_value: 1, strict_min: true })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'w', max_value: 1, strict_max: true })).success).toBe(false);
  });

  it('ignores nulls and NaN', async () => {
    expect((await runOne(gx, TYPE, { column: 'x', min_value: 1 })).result.observed_value).toBe(2);
    const t = new Table({ x: floats([Number.NaN, 4, null, 3.5, Number.NaN]) });
    expect(await runOne(t, TYPE, { column: 'x', min_value: 3.5 })).toMatchObject({
      success: true,
      result: { observed_value: 3.5 },
    });
  });

  it('fails without an observed value on an empty or all-missing column', async () => {
    for (const x of [
      vectorFromArray([] as number[], new Float64()),
      floats([null, Number.NaN]),
      vectorFromArray([null, null], new Null()),
    ]) {
      const r = await runOne(new Table({ x }), TYPE, { column: 'x', min_value: 0, max_value: 0 });
      expect(r.exception_info.raised_exception).toBe(false);
      expect([r.success, r.result.observed_value]).toEqual([false, null]);
    }
  });

  it('needs a bound (GX: min_value and max_value cannot both be None)', async () => {
    const r = await runOne(gx, TYPE, { column: 'w' });
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toContain('min_value');
  });

  it('keeps int64 exact beyond 2^53', async () => {
    const t = new Table({ x: vectorFromArray([2n ** 60n + 1n, 2n ** 60n + 3n], new Int64()) });
    const r = await runOne(t, TYPE, { column: 'x', min_value: 2 ** 60 });
    expect(r.result.observed_value).toBe(2n ** 60n + 1n);
    expect(r.success).toBe(true);
    // 2^60 + 1 is not <= 2^60, though both round to the same double
    expect((await runOne(t, TYPE, { column: 'x', max_value: 2 ** 60 })).success).toBe(false);
  });

  it('compares dates and timestamps with ISO strings and reports ISO strings', async () => {
    const t = new Table({
      d: vectorFromArray([new Date('2020-03-01'), null, new Date('2020-01-15')], new DateDay()),
      ts: vectorFromArray(
        [new Date('2020-01-15T12:00:01Z'), new Date('2020-01-16T00:00:00Z')],
        new TimestampMicrosecond(),
      ),
    });
    const d = await runOne(t, TYPE, { column: 'd', min_value: '2020-01-01', max_value: '2020-01-31' });
    expect([d.success, d.result.observed_value]).toEqual([true, '2020-01-15']);
    const ts = await runOne(t, TYPE, {
      column: 'ts',
      min_value: '2020-01-15 12:00:01',
      max_value: '2020-01-15T12:00:01',
    });
    expect([ts.success, ts.result.observed_value]).toEqual([true, '2020-01-15T12:00:01']);
    expect((await runOne(t, TYPE, { column: 'ts', min_value: '2020-01-15T12:00:02' })).success).toBe(false);
    const bad = await runOne(t, TYPE, { column: 'd', min_value: 'soon' });
    expect(bad.exception_info.exception_message).toMatch(/not an ISO date/);
  });

  it('orders strings by code point and booleans as False < True', async () => {
    for (const enc of [utf8, dict]) {
      const t = new Table({ s: enc(['b', '😀', null, 'ab']) });
      expect(
        (await runOne(t, TYPE, { column: 's', min_value: 'aa', max_value: 'b' })).result.observed_value,
      ).toBe('ab');
    }
    const b = new Table({ b: vectorFromArray([true, null, false], new Bool()) });
    expect(await runOne(b, TYPE, { column: 'b', max_value: 0 })).toMatchObject({
      success: true,
      result: { observed_value: false },
    });
  });

  it('rejects a bound of the wrong kind for the column', async () => {
    const r = await runOne(gx, TYPE, { column: 'w', min_value: 'a' });
    expect(r.exception_info.exception_message).toMatch(/cannot compare integer column w/);
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnMinToBeBetween, { column: 'fare', min_value: 0, max_value: 5 })).toBe(
      'the minimum of `fare` is between 0 and 5',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbFloatTable, TYPE, { column: 'x', min_value: -5, max_value: 5 });
    await assertSplitEqual(
      arbStrings.map((xs) => new Table({ s: dict(xs) })),
      TYPE,
      { column: 's', min_value: 'a' },
    );
  });
});
