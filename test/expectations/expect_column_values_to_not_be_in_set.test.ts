import { DateDay, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToNotBeInSet } from '../../src/expectations/expect_column_values_to_not_be_in_set.js';
import { runOne, sentenceOf } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';
import { floats, int64s } from './vectors.js';

const TYPE = 'expect_column_values_to_not_be_in_set';

describe(TYPE, () => {
  it('succeeds when no value is in the set', async () => {
    const t = table({ x: int64s([1, 2, 4]) });
    expect((await runOne(t, TYPE, { column: 'x', value_set: [0] })).success).toBe(true);
  });

  it('lists the values in the set, with pk_index records', async () => {
    const t = tableWithPk({ x: int64s([1, 2, 4]) });
    const r = await runOne(t, TYPE, { column: 'x', value_set: [1.0, 4] }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([1, 4]);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 0, x: 1 },
      { pk_index: 2, x: 4 },
    ]);
  });

  it('applies mostly to the non-missing rows only (GX fixture: 2 of 3 in the set)', async () => {
    const t = table({ y: floats([1.1, null, 2.2, Number.NaN, 5.5]) });
    const k = { column: 'y', value_set: [1.1, 2.2] };
    expect((await runOne(t, TYPE, { ...k, mostly: 0.65 })).success).toBe(false);
    expect((await runOne(t, TYPE, { ...k, mostly: 0.33 })).success).toBe(true);
    const r = await runOne(t, TYPE, k, 'COMPLETE');
    expect(r.result).toMatchObject({ element_count: 5, missing_count: 2, unexpected_count: 2 });
    expect(r.result.unexpected_list).toEqual([1.1, 2.2]);
  });

  it('an empty set or a set of null excludes nothing', async () => {
    const t = table({ n: floats([null, null, 2]) });
    expect((await runOne(t, TYPE, { column: 'n', value_set: [] })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'n', value_set: [null] })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'n', value_set: [2] })).success).toBe(false);
  });

  it('value_set null is an error (GX: not iterable)', async () => {
    const t = new Table({ z: utf8(['a']) });
    expect((await runOne(t, TYPE, { column: 'z', value_set: null })).exception_info.raised_exception).toBe(
      true,
    );
  });

  it('a value that is no date fails a date column before the scan', async () => {
    const t = table({ d: vectorFromArray([new Date('2020-02-02')], new DateDay()) });
    expect((await runOne(t, TYPE, { column: 'd', value_set: ['2020-02-02'] })).success).toBe(false);
    const r = await runOne(t, TYPE, { column: 'd', value_set: [20200202] });
    expect(r.exception_info.raised_exception).toBe(true);
  });

  it('succeeds on an empty table with zero counts', async () => {
    const r = await runOne(new Table({ z: utf8([]) }), TYPE, { column: 'z', value_set: ['a'] });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`tests strings in a ${name} column; "1" is not 1`, async () => {
      const t = tableWithPk({ z: make(['hello', null, 'jello', '1', 'hello']) });
      const r = await runOne(t, TYPE, { column: 'z', value_set: ['hello', 1] }, COMPLETE_PK);
      expect(r.result.unexpected_list).toEqual(['hello', 'hello']);
      expect(r.result.unexpected_index_list).toEqual([
        { pk_index: 0, z: 'hello' },
        { pk_index: 4, z: 'hello' },
      ]);
      expect(r.result.missing_count).toBe(1);
    });
  }

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: utf8(v) })),
      TYPE,
      () => ({ column: 's', value_set: ['a', '😀x'], mostly: 0.7 }),
    );
  });

  it('property: complements expect_column_values_to_be_in_set on the present rows', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.subarray(['a', 'abc', 'é', '']), async (v, set) => {
        const t = new Table({ s: utf8(v) });
        const inSet = await runOne(t, 'expect_column_values_to_be_in_set', { column: 's', value_set: set });
        const notIn = await runOne(t, TYPE, { column: 's', value_set: set });
        const present = v.filter((x) => x !== null).length;
        expect((inSet.result.unexpected_count as number) + (notIn.result.unexpected_count as number)).toBe(
          present,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence', () => {
    const s = (kw: Record<string, unknown>) => sentenceOf(expectColumnValuesToNotBeInSet, kw);
    expect(s({ column: 'vendor', value_set: [0, -1], mostly: 0.9 })).toBe(
      'values in `vendor` are none of 0, -1, at least 90% of the time',
    );
    expect(s({ column: 'v', value_set: [] })).toBe(
      'values in `v` are not in an empty set (so every value passes)',
    );
  });
});
