import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectTableColumnsToMatchSet } from '../../src/expectations/expect_table_columns_to_match_set.js';
import { runOne, sentenceOf } from '../helpers.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_table_columns_to_match_set';

/** GX's fixture data: c1, c2, c3 (all null). */
const gx = new Table({
  c1: int64s([4, 5, 6]),
  c2: utf8(['a', 'b', 'c']),
  c3: utf8([null, null, null]),
});
const OBSERVED = ['c1', 'c2', 'c3'];

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_table_columns_to_match_set.json; details as GX's
  // _validate_result builds them (none when the sets are equal)
  it.each([
    ['basic_positive_test_exact_match_true', ['c1', 'c2', 'c3'], true, true, null],
    ['basic_positive_test_exact_match_false', ['c1', 'c2', 'c3'], false, true, null],
    ['negative_test_column_is_missing_exact_match_true', ['c1', 'c2'], true, false, { unexpected: ['c3'] }],
    ['positive_test_column_is_missing_exact_match_false', ['c1', 'c2'], false, true, { unexpected: ['c3'] }],
    [
      'negative_test_column_is_misnamed_exact_match_true',
      ['b1', 'c2', 'c3'],
      true,
      false,
      { unexpected: ['c1'], missing: ['b1'] },
    ],
    [
      'negative_test_column_is_misnamed_exact_match_false',
      ['b1', 'c2', 'c3'],
      false,
      false,
      { unexpected: ['c1'], missing: ['b1'] },
    ],
    [
      'positive_test_columns_are_right_but_ordering_wrong_exact_match_true',
      ['c3', 'c2', 'c1'],
      true,
      true,
      null,
    ],
    [
      'positive_test_columns_are_right_but_ordering_wrong_exact_match_false',
      ['c3', 'c2', 'c1'],
      false,
      true,
      null,
    ],
    [
      'negative_test_extra_column_exact_match_true',
      ['c1', 'c2', 'c3', 'c4'],
      true,
      false,
      { missing: ['c4'] },
    ],
    [
      'negative_test_extra_column_exact_match_false',
      ['c1', 'c2', 'c3', 'c4'],
      false,
      false,
      { missing: ['c4'] },
    ],
    ['negative_test_null_set_exact_match_true', null, true, false, { unexpected: ['c1', 'c2', 'c3'] }],
    [
      'positive_test_vacuously_true_null_set_exact_match_false',
      null,
      false,
      true,
      { unexpected: ['c1', 'c2', 'c3'] },
    ],
  ])('GX %s', async (_title, column_set, exact_match, success, mismatched) => {
    const r = await runOne(gx, TYPE, { column_set, exact_match });
    expect(r.success).toBe(success);
    expect(r.result).toEqual(
      mismatched ? { observed_value: OBSERVED, details: { mismatched } } : { observed_value: OBSERVED },
    );
  });

  it('defaults exact_match to true, and takes a null exact_match as false as GX does', async () => {
    expect((await runOne(gx, TYPE, { column_set: ['c1', 'c2'] })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column_set: ['c1', 'c2'], exact_match: null })).success).toBe(true);
  });

  it('ignores repeated names in column_set', async () => {
    expect((await runOne(gx, TYPE, { column_set: ['c3', 'c1', 'c2', 'c1'] })).success).toBe(true);
  });

  it('sorts names by code point, as Python does', async () => {
    const names = ['😀', '\uffff', 'b', 'a'];
    const t = new Table(Object.fromEntries(names.map((n) => [n, floats([1])])));
    const r = await runOne(t, TYPE, { column_set: ['a'] });
    expect(r.result).toEqual({
      observed_value: ['a', 'b', '\uffff', '😀'],
      details: { mismatched: { unexpected: ['b', '\uffff', '😀'] } },
    });
  });

  it('reads the schema of a table with zero rows, and of a table without columns', async () => {
    expect((await runOne(new Table({ a: floats([]) }), TYPE, { column_set: ['a'] })).success).toBe(true);
    const none = tableFromArrays({});
    expect(await runOne(none, TYPE, { column_set: [] })).toEqual(
      expect.objectContaining({ success: true, result: { observed_value: [] } }),
    );
    expect(await runOne(none, TYPE, { column_set: ['a'], exact_match: false })).toMatchObject({
      success: false,
      result: { observed_value: [], details: { mismatched: { missing: ['a'] } } },
    });
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectTableColumnsToMatchSet, k);
    expect(s({ column_set: ['id', 'fare', 'tip'] })).toBe(
      'the table has exactly the columns `id`, `fare` and `tip`, in any order',
    );
    expect(s({ column_set: ['id'], exact_match: false })).toBe('the table has at least the columns `id`');
    expect(s({ column_set: null })).toBe('the table has no columns');
    expect(s({ column_set: null, exact_match: false })).toBe('the table may have any columns');
  });
});
