import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectTableColumnsToMatchOrderedList } from '../../src/expectations/expect_table_columns_to_match_ordered_list.js';
import { runOne, sentenceOf } from '../helpers.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_table_columns_to_match_ordered_list';

/** GX's fixture data: c1, c2, c3 (all null). */
const gx = new Table({
  c1: int64s([4, 5, 6]),
  c2: utf8(['a', 'b', 'c']),
  c3: utf8([null, null, null]),
});
const OBSERVED = ['c1', 'c2', 'c3'];
const at = (i: number, expected: string | null, found: string | null) => ({
  'Expected Column Position': i,
  Expected: expected,
  Found: found,
});

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_table_columns_to_match_ordered_list.json, with the
  // details GX's _validate builds (zip_longest over positions, None past the shorter list)
  it.each([
    ['negative_test_column_is_missing', ['c1', 'c2'], [at(2, null, 'c3')]],
    ['negative_test_column_is_misnamed', ['b1', 'c2', 'c3'], [at(0, 'b1', 'c1')]],
    [
      'negative_test_columns_are_right_but_ordering_wrong',
      ['c3', 'c2', 'c1'],
      [at(0, 'c3', 'c1'), at(2, 'c1', 'c3')],
    ],
    ['negative_test_extra_column', ['c1', 'c2', 'c3', 'c4'], [at(3, 'c4', null)]],
  ])('GX %s', async (_title, column_list, mismatched) => {
    const r = await runOne(gx, TYPE, { column_list });
    expect(r.success).toBe(false);
    expect(r.result).toEqual({ observed_value: OBSERVED, details: { mismatched } });
    expect(r.exception_info.raised_exception).toBe(false);
  });

  it('GX basic_positive_test', async () => {
    const r = await runOne(gx, TYPE, { column_list: OBSERVED });
    expect(r).toMatchObject({ success: true, result: { observed_value: OBSERVED } });
    expect(r.result).not.toHaveProperty('details');
  });

  it('GX null_list_provides_vacuously_true_expectation', async () => {
    for (const kwargs of [{ column_list: null }, {}]) {
      expect(await runOne(gx, TYPE, kwargs)).toMatchObject({
        success: true,
        result: { observed_value: OBSERVED },
      });
    }
  });

  it('compares position by position, so a repeated name cannot stand in for a missing one', async () => {
    const r = await runOne(gx, TYPE, { column_list: ['c1', 'c1', 'c3'] });
    expect(r.success).toBe(false);
    expect(r.result.details).toEqual({ mismatched: [at(1, 'c1', 'c2')] });
  });

  it('reads the schema of a table with zero rows, and of a table without columns', async () => {
    const noRows = new Table({ a: floats([]), b: floats([]) });
    expect((await runOne(noRows, TYPE, { column_list: ['a', 'b'] })).success).toBe(true);
    const none = tableFromArrays({});
    expect(await runOne(none, TYPE, { column_list: [] })).toMatchObject({
      success: true,
      result: { observed_value: [] },
    });
    expect((await runOne(none, TYPE, { column_list: ['a'] })).result).toEqual({
      observed_value: [],
      details: { mismatched: [at(0, 'a', null)] },
    });
  });

  it('rejects a list of non-names', async () => {
    const r = await runOne(gx, TYPE, { column_list: ['c1', 2] });
    expect(r.exception_info.raised_exception).toBe(true);
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectTableColumnsToMatchOrderedList, k);
    expect(s({ column_list: ['id', 'fare'] })).toBe(
      "the table's columns are, in this order, `id` and `fare`",
    );
    expect(s({ column_list: [] })).toBe('the table has no columns');
    expect(s({})).toBe('the table may have any columns, in any order');
  });
});
