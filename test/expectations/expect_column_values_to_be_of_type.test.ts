import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeOfType } from '../../src/expectations/expect_column_values_to_be_of_type.js';
import { runOne, sentenceOf } from '../helpers.js';
import { gxTimestamps, gxTypes, tricky } from './types.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_column_values_to_be_of_type';

describe(TYPE, () => {
  // GX 1.2 fixtures (pandas cases): column_map_expectations/expect_column_values_to_be_of_type.json
  it.each([
    ['basic_python_int_positive_test', 'x', 'int', true, 'int64'],
    ['negative_test_python_ints_are_not_string', 'x', 'string', false, 'int64'],
    ['positive_test_pandas_floats', 'y', 'float', true, 'float64'],
    ['positive_test_pandas_strings', 'z', 'str', true, 'utf8'],
    ['negative_test_python_floats_are_not_python_bools', 'b', 'bool', true, 'bool'],
    ['dtype_object_and_type_object_still_has_aggregate_semantics', 'z', 'object', true, 'utf8'],
    [
      'dtype_object_and_type_object_still_has_aggregate_semantics_object_underscore',
      'z',
      'object_',
      true,
      'utf8',
    ],
    ['dtype_object_and_type_object_still_has_aggregate_semantics_big_o', 'z', 'O', true, 'utf8'],
  ])('GX %s', async (_title, column, type_, success, observed) => {
    const r = await runOne(gxTypes, TYPE, { column, type_ });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: observed });
  });

  it.each([
    ['positive_pandas_datetime_no_timezone', 'datetime', 'datetime64', true, 'timestamp[ns]'],
    ['positive_pandas_datetime_with_timezone', 'datetime_tz', 'Timestamp', true, 'timestamp[ns, UTC]'],
    [
      'positive_pandas_datetime_with_timezone_pd_022_pd_023',
      'datetime_tz',
      'DatetimeTZDtype',
      true,
      'timestamp[ns, UTC]',
    ],
    ['negative_pandas_datetime_with_timezone', 'datetime_tz', 'datetime64', false, 'timestamp[ns, UTC]'],
    ['negative_pandas_datetime_expected_int', 'datetime_tz', 'int', false, 'timestamp[ns, UTC]'],
  ])('GX %s', async (_title, column, type_, success, observed) => {
    const r = await runOne(gxTimestamps, TYPE, { column, type_ });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: observed });
  });

  it('is exact where the name is: int64 columns are not int32, float32 or Int32', async () => {
    for (const [type_, success] of [
      ['int64', true],
      ['Int64', true],
      ['LongType', true],
      ['BIGINT', true],
      ['int32', false],
      ['Int32', false],
      ['IntegerType', false],
      ['float64', false],
    ] as const) {
      expect((await runOne(gxTypes, TYPE, { column: 's1', type_ })).success, type_).toBe(success);
    }
    expect((await runOne(gxTypes, TYPE, { column: 's', type_: 'float64' })).success).toBe(true);
    expect((await runOne(gxTypes, TYPE, { column: 's', type_: 'float32' })).success).toBe(false);
    expect((await runOne(gxTimestamps, TYPE, { column: 'datetime', type_: 'datetime64[ns]' })).success).toBe(
      true,
    );
    expect((await runOne(gxTimestamps, TYPE, { column: 'datetime', type_: 'datetime64[us]' })).success).toBe(
      false,
    );
    expect(
      (await runOne(gxTimestamps, TYPE, { column: 'datetime_tz', type_: 'datetime64[ns, UTC]' })).success,
    ).toBe(true);
  });

  it('judges the schema, not the values: nulls and NaN change nothing', async () => {
    const cases = [
      ['int_with_nulls', 'int64', true, 'int64'],
      ['int_with_nulls', 'float64', false, 'int64'],
      ['float_with_nan', 'float64', true, 'float64'],
      ['all_null_int', 'int32', true, 'int32'],
      ['all_null_int', 'str', false, 'int32'],
      ['category', 'category', true, 'dictionary<utf8>'],
      ['category', 'str', true, 'dictionary<utf8>'],
      ['category', 'int', false, 'dictionary<utf8>'],
    ] as const;
    for (const [column, type_, success, observed] of cases) {
      const r = await runOne(tricky, TYPE, { column, type_ });
      expect(r, `${column} ${type_}`).toMatchObject({ success, result: { observed_value: observed } });
    }
    expect((await runOne(gxTypes, TYPE, { column: 'n', type_: 'str' })).success).toBe(true);
  });

  it('judges a column of a table with zero rows by its type', async () => {
    const empty = new Table({ a: floats([]), i: ints([]) });
    expect((await runOne(empty, TYPE, { column: 'a', type_: 'float' })).success).toBe(true);
    expect((await runOne(empty, TYPE, { column: 'i', type_: 'float' })).success).toBe(false);
  });

  it('is an error on a missing column, also in a table without columns', async () => {
    for (const t of [gxTypes, tableFromArrays({})]) {
      const r = await runOne(t, TYPE, { column: 'nope', type_: 'int' });
      expect(r.success).toBe(false);
      expect(r.exception_info.raised_exception).toBe(true);
      expect(r.exception_info.exception_message).toContain('"nope"');
    }
  });

  it('is an error, naming close names, on an unknown type', async () => {
    const r = await runOne(gxTypes, TYPE, { column: 'x', type_: 'int46' });
    expect(r.success).toBe(false);
    expect(r.exception_info).toEqual({
      raised_exception: true,
      exception_message:
        'kwargs.type_: unknown type "int46"; did you mean "int16", "int64", "Int16"? (the known names are listed in docs/dtypes.md)',
      exception_traceback: null,
    });
  });

  it('accepts mostly, which cannot change the outcome', async () => {
    expect((await runOne(gxTypes, TYPE, { column: 'x', type_: 'str', mostly: 0.1 })).success).toBe(false);
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectColumnValuesToBeOfType, k);
    expect(s({ column: 'id', type_: 'int64' })).toBe('values in `id` are of type int64');
  });
});
