import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectTableColumnCountToEqual } from '../../src/expectations/expect_table_column_count_to_equal.js';
import { runOne } from '../helpers.js';
import { GX_COUNT_EQUAL_CASES } from './counts.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_table_column_count_to_equal';

/** GX's fixture data: four columns with nulls, one all null. */
const gx = new Table({
  c1: int64s([4, 5, null, 7]),
  c2: utf8(['a', null, 'c', 'd']),
  c3: utf8([null, null, null, null]),
  c4: floats([1.0, null, 2.5, 99.9]),
});

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_table_column_count_to_equal.json
  it.each(GX_COUNT_EQUAL_CASES)('GX %s (null columns count)', async (_title, value, success) => {
    const r = await runOne(gx, TYPE, { value });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: 4 });
  });

  it('GX invalid_arguments_throws_exception', async () => {
    const r = await runOne(gx, TYPE, { value: 'hello' });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toContain('kwargs.value');
  });

  it('counts the columns of a table with zero rows, and a table without columns', async () => {
    expect((await runOne(new Table({ a: floats([]) }), TYPE, { value: 1 })).success).toBe(true);
    expect(await runOne(tableFromArrays({}), TYPE, { value: 0 })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
    expect((await runOne(tableFromArrays({}), TYPE, { value: 1 })).success).toBe(false);
  });

  it('reads as a sentence', () => {
    expect(expectTableColumnCountToEqual.sentence({ value: 19 })).toBe('the table has exactly 19 columns');
    expect(expectTableColumnCountToEqual.sentence({ value: 1 })).toBe('the table has exactly 1 column');
  });
});
