import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnToExist } from '../../src/expectations/expect_column_to_exist.js';
import { runOne, sentenceOf } from '../helpers.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_column_to_exist';

/** GX's fixture data: c1, c2, c3 (all null). */
const gx = new Table({
  c1: int64s([4, 5, 6]),
  c2: utf8(['a', 'b', 'c']),
  c3: utf8([null, null, null]),
});

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_column_to_exist.json
  it.each([
    ['basic_positive_test', { column: 'c1' }, true],
    ['basic_negative_test', { column: 'covfefe' }, false],
    ['positive_test_with_column_order', { column: 'c2', column_index: 1 }, true],
    ['column_exists_but_wrong_index', { column: 'c3', column_index: 4 }, false],
  ])('GX %s', async (_title, kwargs, success) => {
    const r = await runOne(gx, TYPE, kwargs);
    expect(r.success).toBe(success);
    expect(r.result).toEqual({});
    // a missing column is this expectation's failure, not an error
    expect(r.exception_info.raised_exception).toBe(false);
  });

  it('checks the position, 0-based, negative from the end as in Python', async () => {
    const ok = async (column: string, column_index: number | null) =>
      (await runOne(gx, TYPE, { column, column_index })).success;
    expect(await ok('c1', 0)).toBe(true);
    expect(await ok('c2', 0)).toBe(false);
    expect(await ok('c3', 2)).toBe(true);
    expect(await ok('c3', -1)).toBe(true);
    expect(await ok('c1', -3)).toBe(true);
    expect(await ok('c1', -4)).toBe(false);
    expect(await ok('c3', 1)).toBe(false);
    expect(await ok('c3', null)).toBe(true);
  });

  it('holds on the all-null column and on a table with zero rows', async () => {
    expect((await runOne(gx, TYPE, { column: 'c3' })).success).toBe(true);
    expect((await runOne(new Table({ a: floats([]) }), TYPE, { column: 'a', column_index: 0 })).success).toBe(
      true,
    );
  });

  it('fails, without an error, on a table without columns', async () => {
    const r = await runOne(tableFromArrays({}), TYPE, { column: 'a' });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(false);
  });

  it('rejects a fractional index and a missing column name', async () => {
    expect(
      (await runOne(gx, TYPE, { column: 'c1', column_index: 0.5 })).exception_info.raised_exception,
    ).toBe(true);
    expect((await runOne(gx, TYPE, { column_index: 0 })).exception_info.raised_exception).toBe(true);
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectColumnToExist, k);
    expect(s({ column: 'fare' })).toBe('column `fare` exists');
    expect(s({ column: 'id', column_index: 0 })).toBe('column `id` exists as the 1st column');
    expect(s({ column: 'x', column_index: 11 })).toBe('column `x` exists as the 12th column');
    expect(s({ column: 'x', column_index: 21 })).toBe('column `x` exists as the 22nd column');
    expect(s({ column: 'x', column_index: -1 })).toBe('column `x` exists as the last column');
    expect(s({ column: 'x', column_index: -3 })).toBe('column `x` exists as the 3rd column from the end');
  });
});
