import { Table, tableFromArrays } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeInTypeList } from '../../src/expectations/expect_column_values_to_be_in_type_list.js';
import { TYPE_ALIASES } from '../../src/expectations/support/dtypes.js';
import { runOne, sentenceOf } from '../helpers.js';
import { gxTypeList, tricky } from './types.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_values_to_be_in_type_list';

describe(TYPE, () => {
  // GX 1.2 fixtures (pandas cases): column_map_expectations/expect_column_values_to_be_in_type_list.json
  it.each([
    ['positive_test_pandas_integer_column', 'x', ['int'], true, 'int64', 'int64'],
    ['negative_test_pandas_float_values_are_not_strings', 'x', ['string'], false, 'int64', 'int64'],
    ['positive_test_float_values', 'y', ['float'], true, 'float64', 'float64'],
    ['positive_test_boolean_values', 'b', ['bool'], true, 'bool_', 'bool'],
    ['positive_test_placeholder_expectation', 's', null, true, 'object_', 'utf8'],
  ])('GX %s', async (_title, column, type_list, success, observed, arrow) => {
    const r = await runOne(gxTypeList, TYPE, { column, type_list });
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: observed, details: { arrow_type: arrow } });
  });

  // object columns: GX checks each value's Python type, with a row-wise result
  it.each([
    ['positive_test_string_values', 'z', ['str'], []],
    ['positive_test_string_and_int_values', 's', ['str', 'int'], []],
    ['negative_test_string_and_int_values_complete_output', 's', ['bool'], ['hello', 'jello', '1']],
  ])('GX %s', async (_title, column, type_list, unexpected) => {
    const r = await runOne(gxTypeList, TYPE, { column, type_list }, 'COMPLETE');
    expect(r.success).toBe(unexpected.length === 0);
    expect(r.result).toMatchObject({
      element_count: 3,
      unexpected_count: unexpected.length,
      unexpected_list: unexpected,
      unexpected_index_list: unexpected.map((_, i) => i),
    });
  });

  it('GX negative_test_string_and_int_values_summary_output: SUMMARY lists the first values', async () => {
    const r = await runOne(gxTypeList, TYPE, { column: 's', type_list: ['bool'] }, 'SUMMARY');
    expect(r.result).toMatchObject({
      unexpected_count: 3,
      partial_unexpected_list: ['hello', 'jello', '1'],
      partial_unexpected_index_list: [0, 1, 2],
    });
  });

  it('accepts strings for every name that means them, object included, value by value', async () => {
    for (const name of ['str', 'string', 'object', 'utf8', 'StringType', 'VARCHAR']) {
      const r = await runOne(gxTypeList, TYPE, { column: 'z', type_list: [name] });
      expect(r, name).toMatchObject({ success: true, result: { unexpected_count: 0 } });
    }
  });

  it('allows any type when type_list is left out, and none when it is empty', async () => {
    expect((await runOne(gxTypeList, TYPE, { column: 'x' })).success).toBe(true);
    expect((await runOne(gxTypeList, TYPE, { column: 'x', type_list: [] })).success).toBe(false);
  });

  it('succeeds exactly when one name of the list would succeed alone', async () => {
    const names = TYPE_ALIASES.flatMap((a) => a.names);
    const columns = tricky.schema.fields.map((f) => f.name);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...columns),
        fc.array(fc.constantFrom(...names), { maxLength: 4 }),
        async (column, type_list) => {
          const alone = await Promise.all(
            type_list.map(
              async (type_) =>
                (await runOne(tricky, 'expect_column_values_to_be_of_type', { column, type_ })).success,
            ),
          );
          const r = await runOne(tricky, TYPE, { column, type_list });
          expect(r.success).toBe(alone.some(Boolean));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('judges the schema, not the values: nulls and NaN change nothing', async () => {
    expect(
      (await runOne(tricky, TYPE, { column: 'int_with_nulls', type_list: ['int32', 'int64'] })).success,
    ).toBe(true);
    expect((await runOne(tricky, TYPE, { column: 'int_with_nulls', type_list: ['float64'] })).success).toBe(
      false,
    );
    expect((await runOne(tricky, TYPE, { column: 'float_with_nan', type_list: ['Float64'] })).success).toBe(
      true,
    );
    expect((await runOne(gxTypeList, TYPE, { column: 'n', type_list: ['str'] })).success).toBe(true);
  });

  it('judges a column of a table with zero rows by its type, and errs on a table without columns', async () => {
    expect(
      (await runOne(new Table({ a: floats([]) }), TYPE, { column: 'a', type_list: ['float'] })).success,
    ).toBe(true);
    const r = await runOne(tableFromArrays({}), TYPE, { column: 'a', type_list: ['float'] });
    expect(r.exception_info.raised_exception).toBe(true);
  });

  it('is an error, naming the unknown type and close names', async () => {
    const r = await runOne(gxTypeList, TYPE, { column: 'x', type_list: ['int64', 'flaot64'] });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toMatch(
      /^kwargs\.type_list\.1: unknown type "flaot64"; did you mean "float64"/,
    );
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectColumnValuesToBeInTypeList, k);
    expect(s({ column: 'id', type_list: ['int32', 'int64', 'float64'] })).toBe(
      'values in `id` are of type int32, int64 or float64',
    );
    expect(s({ column: 'id', type_list: ['str'] })).toBe('values in `id` are of type str');
    expect(s({ column: 'id' })).toBe('values in `id` may be of any type');
  });
});
