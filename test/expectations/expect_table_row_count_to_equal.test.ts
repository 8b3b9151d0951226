import { Table, tableFromArrays } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectTableRowCountToEqual } from '../../src/expectations/expect_table_row_count_to_equal.js';
import { rebatch, runOne } from '../helpers.js';
import { GX_COUNT_EQUAL_CASES } from './counts.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_table_row_count_to_equal';

/** GX's fixture data: 4 rows, with nulls in every column and one all-null column. */
const gx = new Table({
  c1: int64s([4, 5, null, 7]),
  c2: utf8(['a', null, 'c', 'd']),
  c3: utf8([null, null, null, null]),
});

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_table_row_count_to_equal.json
  it.each(GX_COUNT_EQUAL_CASES)('GX %s (nulls count as rows)', async (_title, value, success) => {
    const r = await runOne(gx, TYPE, { value });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: 4 });
  });

  it.each([
    ['invalid_arguments_throws_exception', 'hello'],
    ['a fractional value', 4.5],
    ['a negative value', -1],
    ['no value', undefined],
  ])('GX %s: an exception', async (_title, value) => {
    const r = await runOne(gx, TYPE, value === undefined ? {} : { value });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toContain('kwargs.value');
  });

  it('counts zero rows, and a table without columns', async () => {
    expect(await runOne(new Table({ a: floats([]) }), TYPE, { value: 0 })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
    expect((await runOne(new Table({ a: floats([]) }), TYPE, { value: 1 })).success).toBe(false);
    expect((await runOne(tableFromArrays({}), TYPE, { value: 0 })).success).toBe(true);
  });

  it('counts NaN rows', async () => {
    expect(
      (await runOne(new Table({ x: floats([Number.NaN, Number.NaN]) }), TYPE, { value: 2 })).success,
    ).toBe(true);
  });

  it('does not depend on batching', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 9 }), async (n, size) => {
        const t = new Table({ x: floats(Array.from({ length: n }, (_, i) => (i % 3 ? i : null))) });
        const r = await runOne(rebatch(t, size), TYPE, { value: n });
        expect(r).toMatchObject({ success: true, result: { observed_value: n } });
        expect((await runOne(rebatch(t, size), TYPE, { value: n + 1 })).success).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('reads as a sentence', () => {
    const s = (value: number) => expectTableRowCountToEqual.sentence({ value });
    expect(s(10000)).toBe('the table has exactly 10000 rows');
    expect(s(1)).toBe('the table has exactly 1 row');
  });
});
