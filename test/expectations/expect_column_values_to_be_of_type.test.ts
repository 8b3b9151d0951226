import {
  Binary,
  DateDay,
  DurationNanosecond,
  Table,
  tableFromArrays,
  Uint8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeOfType } from '../../src/expectations/expect_column_values_to_be_of_type.js';
import { assertSplitInvariant, runOne, sentenceOf } from '../helpers.js';
import { gxTimestamps, gxTypes, tricky } from './types.js';
import { floats, ints, utf8 } from './vectors.js';

const TYPE = 'expect_column_values_to_be_of_type';

describe(TYPE, () => {
  // GX 1.2 fixtures (pandas cases): column_map_expectations/expect_column_values_to_be_of_type.json
  it.each([
    ['basic_python_int_positive_test', 'x', 'int', true, 'int64', 'int64'],
    ['negative_test_python_ints_are_not_string', 'x', 'string', false, 'int64', 'int64'],
    ['positive_test_pandas_floats', 'y', 'float', true, 'float64', 'float64'],
    ['negative_test_python_floats_are_not_python_bools', 'b', 'bool', true, 'bool_', 'bool'],
    ['dtype_object_and_type_object_still_has_aggregate_semantics', 'z', 'object', true, 'object_', 'utf8'],
    [
      'dtype_object_and_type_object_still_has_aggregate_semantics_object_underscore',
      'z',
      'object_',
      true,
      'object_',
      'utf8',
    ],
    ['dtype_object_and_type_object_still_has_aggregate_semantics_big_o', 'z', 'O', true, 'object_', 'utf8'],
  ])('GX %s', async (_title, column, type_, success, observed, arrow) => {
    const r = await runOne(gxTypes, TYPE, { column, type_ });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: observed, details: { arrow_type: arrow } });
  });

  it.each([
    ['positive_pandas_datetime_no_timezone', 'datetime', 'datetime64', true, 'datetime64', 'timestamp[ns]'],
    [
      'positive_pandas_datetime_with_timezone',
      'datetime_tz',
      'Timestamp',
      true,
      'Timestamp',
      'timestamp[ns, UTC]',
    ],
    [
      'positive_pandas_datetime_with_timezone_pd_022_pd_023',
      'datetime_tz',
      'DatetimeTZDtype',
      true,
      'Timestamp',
      'timestamp[ns, UTC]',
    ],
    [
      'negative_pandas_datetime_with_timezone',
      'datetime_tz',
      'datetime64',
      false,
      'Timestamp',
      'timestamp[ns, UTC]',
    ],
    ['negative_pandas_datetime_expected_int', 'datetime_tz', 'int', false, 'Timestamp', 'timestamp[ns, UTC]'],
  ])('GX %s', async (_title, column, type_, success, observed, arrow) => {
    const r = await runOne(gxTimestamps, TYPE, { column, type_ });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: observed, details: { arrow_type: arrow } });
  });

  it('GX positive_test_pandas_strings: a string column is checked value by value', async () => {
    const r = await runOne(gxTypes, TYPE, { column: 'z', type_: 'str' }, 'COMPLETE');
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({
      element_count: 3,
      unexpected_count: 0,
      unexpected_list: [],
      unexpected_index_list: [],
    });
    expect(r.result).not.toHaveProperty('observed_value');
  });

  it('flags every non-missing value of an object column of another type, with mostly as a map', async () => {
    const t = new Table({ s: utf8(['a', null, 'b', 'c']) });
    const r = await runOne(t, TYPE, { column: 's', type_: 'int' }, 'COMPLETE');
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 4,
      missing_count: 1,
      unexpected_count: 3,
      unexpected_percent: 100,
      unexpected_list: ['a', 'b', 'c'],
      unexpected_index_list: [0, 2, 3],
    });
    expect((await runOne(t, TYPE, { column: 's', type_: 'int', mostly: 0 })).success).toBe(true);
    // nulls leave the domain, so a column of nulls has no value of the wrong type (GX's `n` column)
    expect((await runOne(gxTypes, TYPE, { column: 'n', type_: 'int' })).success).toBe(true);
  });

  it("reports pandas' dtype name for every kind of column, checking object columns value by value", async () => {
    const t = new Table({
      bytes: vectorFromArray([new Uint8Array([1])], new Binary()),
      day: vectorFromArray([new Date(0)], new DateDay()),
      span: vectorFromArray([1n], new DurationNanosecond()),
      u8: vectorFromArray([1], new Uint8()),
    });
    const agg = async (column: string, type_: string) => (await runOne(t, TYPE, { column, type_ })).result;
    expect(await agg('span', 'timedelta64')).toEqual({
      observed_value: 'timedelta64',
      details: { arrow_type: 'duration[ns]' },
    });
    expect(await agg('u8', 'int')).toEqual({ observed_value: 'uint8', details: { arrow_type: 'uint8' } });
    expect(await agg('bytes', 'object')).toEqual({
      observed_value: 'object_',
      details: { arrow_type: 'binary' },
    });
    for (const [column, type_, success] of [
      ['bytes', 'bytes', true],
      ['bytes', 'str', false],
      ['day', 'date', true],
      ['day', 'datetime64', false],
    ] as const) {
      const r = await runOne(t, TYPE, { column, type_ });
      expect(r, `${column} ${type_}`).toMatchObject({
        success,
        result: { unexpected_count: success ? 0 : 1 },
      });
    }
  });

  it('gives the same whole result however the rows are split into batches', async () => {
    const arb = fc
      .array(fc.option(fc.string({ maxLength: 3 }), { nil: null }), { maxLength: 12 })
      .map((xs) => new Table({ s: utf8(xs) }));
    for (const type_ of ['str', 'int', 'object'])
      await assertSplitInvariant(arb, TYPE, { column: 's', type_ }, 'COMPLETE');
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
      ['category', 'category', true, 'CategoricalDtypeType'],
      ['category', 'str', true, 'CategoricalDtypeType'],
      ['category', 'int', false, 'CategoricalDtypeType'],
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
