import { Bool, DateDay, Table, TimestampMicrosecond, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeInSet } from '../../src/expectations/expect_column_values_to_be_in_set.js';
import { runOne, sentenceOf } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  dict,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';
import { floats, int64s } from './vectors.js';

const TYPE = 'expect_column_values_to_be_in_set';

describe(TYPE, () => {
  it('succeeds when every value is in the set', async () => {
    const t = table({ x: Float64Array.from([1, 2, 4]) });
    const r = await runOne(t, TYPE, { column: 'x', value_set: [1, 2, 4] });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 3, unexpected_count: 0, missing_count: 0 });
  });

  it('lists the values outside the set, with pk_index records', async () => {
    const t = tableWithPk({ x: int64s([1, 2, 4, 1]) });
    const r = await runOne(t, TYPE, { column: 'x', value_set: [2, 4] }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([1, 1]);
    expect(r.result.partial_unexpected_list).toEqual([1, 1]);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 0, x: 1 },
      { pk_index: 3, x: 1 },
    ]);
    expect(r.result.unexpected_index_column_names).toEqual(['pk_index']);
  });

  it('applies mostly to the non-missing rows only', async () => {
    // 4 present values, 1 unexpected: 75% expected; the 2 nulls and the NaN do not count
    const t = table({
      y: floats([1.5, null, 2.5, Number.NaN, 1.5, 9, null]),
    });
    const k = { column: 'y', value_set: [1.5, 2.5] };
    const at = await runOne(t, TYPE, { ...k, mostly: 0.75 });
    expect(at.success).toBe(true);
    expect(at.result).toMatchObject({
      element_count: 7,
      missing_count: 3,
      unexpected_count: 1,
      unexpected_percent: 25,
      unexpected_percent_nonmissing: 25,
    });
    expect(at.result.unexpected_percent_total).toBeCloseTo(100 / 7);
    expect((await runOne(t, TYPE, { ...k, mostly: 0.76 })).success).toBe(false);
  });

  it('succeeds on an empty table with zero counts', async () => {
    const t = new Table({ empty_column: utf8([]) });
    const r = await runOne(t, TYPE, { column: 'empty_column', value_set: ['cat', 'dog'] });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0, missing_count: 0 });
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`matches strings exactly in a ${name} column`, async () => {
      const t = tableWithPk({ z: make(['hello', null, 'jello', 'mello', 'Hello', 'mello']) });
      const r = await runOne(t, TYPE, { column: 'z', value_set: ['hello', 'jello'] }, COMPLETE_PK);
      expect(r.result.unexpected_list).toEqual(['mello', 'Hello', 'mello']);
      expect(r.result.unexpected_index_list).toEqual([
        { pk_index: 3, z: 'mello' },
        { pk_index: 4, z: 'Hello' },
        { pk_index: 5, z: 'mello' },
      ]);
      expect(r.result.missing_count).toBe(1);
    });
  }

  describe('compares values as Python does', () => {
    it('1 equals 1.0 across int and float', async () => {
      const t = table({ i: int64s([1, 2, 3]), f: Float64Array.from([1, 2.5, 3]) });
      expect((await runOne(t, TYPE, { column: 'i', value_set: [1.0, 2, 3.0] })).success).toBe(true);
      const f = await runOne(t, TYPE, { column: 'f', value_set: [1, 3] }, 'COMPLETE');
      expect(f.result.unexpected_list).toEqual([2.5]);
    });

    it('"1" is not 1, either way round', async () => {
      const t = table({ s: utf8(['1', '2']), i: int64s([1, 2]) });
      const s = await runOne(t, TYPE, { column: 's', value_set: [1, 2] });
      expect(s.result.unexpected_count).toBe(2);
      const i = await runOne(t, TYPE, { column: 'i', value_set: ['1', '2'] });
      expect(i.result.unexpected_count).toBe(2);
    });

    it('booleans match true/false (and, as in Python, 1/0)', async () => {
      const t = table({ b: vectorFromArray([true, false, null, true], new Bool()) });
      const r = await runOne(t, TYPE, { column: 'b', value_set: [true] }, 'COMPLETE');
      expect(r.result.unexpected_list).toEqual([false]);
      expect(r.result.unexpected_index_list).toEqual([1]);
      expect((await runOne(t, TYPE, { column: 'b', value_set: [1, 0] })).success).toBe(true);
      expect((await runOne(t, TYPE, { column: 'b', value_set: ['true', 'false'] })).success).toBe(false);
    });

    it('dates and timestamps compare with ISO strings', async () => {
      const t = table({
        d: vectorFromArray([new Date('2018-01-01'), new Date('2018-01-02'), null], new DateDay()),
        ts: vectorFromArray(
          [Date.UTC(2018, 0, 1), Date.UTC(2018, 0, 2), Date.UTC(2018, 0, 2, 0, 34, 1)],
          new TimestampMicrosecond(),
        ),
      });
      expect((await runOne(t, TYPE, { column: 'd', value_set: ['2018-01-01', '2018-01-02'] })).success).toBe(
        true,
      );
      const ts = await runOne(
        t,
        TYPE,
        { column: 'ts', value_set: ['2018-01-01', '2018-01-02 00:34:01'] },
        'COMPLETE',
      );
      expect(ts.result.unexpected_list).toEqual(['2018-01-02T00:00:00']);
    });

    it('keeps int64 beyond 2^53 exact', async () => {
      const big = 2n ** 60n;
      const t = table({ b: BigInt64Array.from([big, big + 1n]) });
      const r = await runOne(t, TYPE, { column: 'b', value_set: [2 ** 60] }, 'COMPLETE');
      expect(r.result.unexpected_list).toEqual([big + 1n]);
    });

    it('ignores null in the set: nulls are left out anyway', async () => {
      const t = table({ n: floats([null, null, 2]) });
      const r = await runOne(t, TYPE, { column: 'n', value_set: [null, 2] });
      expect(r.success).toBe(true);
      expect(r.result.missing_count).toBe(2);
    });
  });

  describe('value_set', () => {
    const t = table({ x: Float64Array.from([1, 2, 4]) });

    it('an empty set makes every present value unexpected (GX)', async () => {
      const r = await runOne(t, TYPE, { column: 'x', value_set: [] }, 'COMPLETE');
      expect(r.success).toBe(false);
      expect(r.result.unexpected_list).toEqual([1, 2, 4]);
      expect((await runOne(t, TYPE, { column: 'x' })).result.unexpected_count).toBe(3);
    });

    it('null is an error, as in GX', async () => {
      const r = await runOne(t, TYPE, { column: 'x', value_set: null });
      expect(r.exception_info.raised_exception).toBe(true);
      expect(r.exception_info.exception_message).toContain('value_set');
    });

    it('a value that is no date fails a date column at plan time, even with no rows', async () => {
      const empty = table({ d: vectorFromArray([] as Date[], new DateDay()) });
      const r = await runOne(empty, TYPE, { column: 'd', value_set: ['2018-01-01', 'Jan 1st'] });
      expect(r.exception_info.raised_exception).toBe(true);
      expect(r.exception_info.exception_message).toContain('Jan 1st');
    });

    it('a column type with no literal form is refused', async () => {
      const r = await runOne(table({ l: vectorFromArray([[1], [2]]) }), TYPE, {
        column: 'l',
        value_set: [1],
      });
      expect(r.exception_info.exception_message).toMatch(/accepts/);
    });
  });

  it('does not depend on batch size', async () => {
    const set = ['a', 'abc', 'é', ''];
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', value_set: set, mostly: 0.6 }),
    );
    await assertBatchIndependent(
      fc
        .array(fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), { maxLength: 30 })
        .map((v) => tableWithPk({ x: int64s(v) })),
      TYPE,
      () => ({ column: 'x', value_set: [0, 1, 2] }),
    );
  });

  it('property: agrees with a plain Set over the strings', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.subarray(['a', 'abc', 'é', '', '😀x']), async (v, set) => {
        const r = await runOne(new Table({ s: dict(v) }), TYPE, { column: 's', value_set: set }, 'COMPLETE');
        const want = v.filter((x): x is string => x !== null && !set.includes(x));
        expect(r.result.unexpected_list).toEqual(want);
      }),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence, eliding long sets', () => {
    const s = (kw: Record<string, unknown>) => sentenceOf(expectColumnValuesToBeInSet, kw);
    expect(s({ column: 'status', value_set: ['A', 'B', 'C'], mostly: 0.95 })).toBe(
      'values in `status` are one of A, B, C, at least 95% of the time',
    );
    expect(s({ column: 'n', value_set: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] })).toBe(
      'values in `n` are one of 1, 2, 3, 4, 5, 6, 7, 8 and 3 more',
    );
    expect(s({ column: 'n', value_set: [] })).toBe(
      'values in `n` are in an empty set (so every value fails)',
    );
  });
});
