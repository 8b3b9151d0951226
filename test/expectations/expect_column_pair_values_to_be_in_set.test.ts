import { Bool, DateDay, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnPairValuesToBeInSet as def } from '../../src/expectations/expect_column_pair_values_to_be_in_set.js';
import { runOne } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, dict, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_column_pair_values_to_be_in_set';

// GX's fixture dataset (ints with None are float64 in pandas)
const gx = tableWithPk({
  x: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  z: floats([1, 2, 3, 4, 5, null, null, null, null, null]),
  a: floats([1, 1, 1, 1, 1, 2, 2, 2, 2, null]),
  b: floats([1, 2, 1, 2, 1, 2, 1, 2, 1, null]),
});
const diagonal = (n: number) => Array.from({ length: n }, (_, i) => [i + 1, i + 1]);

describe(TYPE, () => {
  it('passes when every pair is listed', async () => {
    const r = await runOne(
      gx,
      TYPE,
      { column_A: 'x', column_B: 'x', value_pairs_set: diagonal(10) },
      COMPLETE_PK,
    );
    expect(r.success).toBe(true);
    const ab = await runOne(gx, TYPE, {
      column_A: 'a',
      column_B: 'b',
      ignore_row_if: 'both_values_are_missing',
      value_pairs_set: [
        [1, 1],
        [2, 2],
        [2, 1],
        [1, 2],
      ],
    });
    expect(ab.success).toBe(true);
    expect(ab.result).toMatchObject({ missing_count: 1 });
  });

  it('a missing value compares as null unless ignore_row_if leaves the row out', async () => {
    const kw = { column_A: 'x', column_B: 'z', value_pairs_set: diagonal(5) };
    const r = await runOne(gx, TYPE, kw, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([
      [6, null],
      [7, null],
      [8, null],
      [9, null],
      [10, null],
    ]);
    expect(r.result.unexpected_index_list).toEqual(
      [6, 7, 8, 9, 10].map((x, i) => ({ pk_index: i + 5, x, z: null })),
    );
    const either = await runOne(gx, TYPE, { ...kw, ignore_row_if: 'either_value_is_missing' }, COMPLETE_PK);
    expect(either.success).toBe(true);
    expect(either.result).toMatchObject({ missing_count: 5 });
    const withNull = await runOne(
      gx,
      TYPE,
      { ...kw, value_pairs_set: [...diagonal(5), [6, null]] },
      'COMPLETE',
    );
    expect(withNull.result.unexpected_index_list).toEqual([6, 7, 8, 9]);
    const never = await runOne(gx, TYPE, {
      column_A: 'a',
      column_B: 'b',
      ignore_row_if: 'neither',
      value_pairs_set: [[null, null]],
    });
    expect(never.result).toMatchObject({ unexpected_count: 9, missing_count: 0 });
  });

  it('compares as Python: 1 == 1.0 == True, "1" != 1, dates as ISO strings', async () => {
    const t = new Table({
      n: ints([1, 1, 2]),
      s: utf8(['1', 'a', 'b']),
      f: vectorFromArray([true, false, true], new Bool()),
      d: vectorFromArray([new Date('2020-01-01'), new Date('2020-01-02'), null], new DateDay()),
    });
    const ns = await runOne(
      t,
      TYPE,
      {
        column_A: 'n',
        column_B: 's',
        value_pairs_set: [
          [1, '1'],
          [1.0, 'a'],
          ['2', 'b'],
        ],
      },
      'COMPLETE',
    );
    expect(ns.result.unexpected_index_list).toEqual([2]);
    const nf = await runOne(
      t,
      TYPE,
      {
        column_A: 'n',
        column_B: 'f',
        value_pairs_set: [
          [1, 1],
          [1, false],
        ],
      },
      'COMPLETE',
    );
    expect(nf.result.unexpected_index_list).toEqual([2]);
    const ds = await runOne(
      t,
      TYPE,
      {
        column_A: 'd',
        column_B: 's',
        value_pairs_set: [
          ['2020-01-01', '1'],
          [null, 'b'],
        ],
      },
      'COMPLETE',
    );
    expect(ds.result.unexpected_index_list).toEqual([1]);
    const bad = await runOne(t, TYPE, { column_A: 'd', column_B: 's', value_pairs_set: [['soon', '1']] });
    expect(bad.exception_info.exception_message).toMatch(/not an ISO date/);
  });

  it('works on dictionary strings and on an empty table', async () => {
    const t = new Table({ a: dict(['x', 'y', 'x', null]), b: dict(['1', '2', '3', '1']) });
    const r = await runOne(
      t,
      TYPE,
      {
        column_A: 'a',
        column_B: 'b',
        value_pairs_set: [
          ['x', '1'],
          ['y', '2'],
          [null, '1'],
        ],
      },
      'COMPLETE',
    );
    expect(r.result.unexpected_list).toEqual([['x', '3']]);
    const empty = new Table({ a: utf8([]), b: utf8([]) });
    expect((await runOne(empty, TYPE, { column_A: 'a', column_B: 'b', value_pairs_set: [] })).success).toBe(
      true,
    );
  });

  it('requires value_pairs_set as a list of pairs', async () => {
    for (const value_pairs_set of [undefined, [[1]], [[1, 2, 3]], 'ab']) {
      const r = await runOne(gx, TYPE, { column_A: 'a', column_B: 'b', value_pairs_set });
      expect(r.exception_info.raised_exception).toBe(true);
    }
  });

  it('does not depend on batch size', async () => {
    const arb = fc.array(
      fc.tuple(
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
        fc.option(fc.constantFrom('a', 'b'), { nil: null }),
      ),
      {
        maxLength: 25,
      },
    );
    await assertBatchIndependent(
      arb.map((rows) => tableWithPk({ n: floats(rows.map((r) => r[0])), s: dict(rows.map((r) => r[1])) })),
      TYPE,
      () => ({
        column_A: 'n',
        column_B: 's',
        value_pairs_set: [
          [0, 'a'],
          [1, 'b'],
          [2, null],
        ],
        mostly: 0.5,
      }),
    );
  });

  it('reads as a sentence', () => {
    const k = def.kwargs.parse({
      column_A: 'c',
      column_B: 'cur',
      value_pairs_set: [
        ['FR', 'EUR'],
        [1, null],
      ],
    });
    expect(def.sentence(k)).toBe('pairs of `c` and `cur` are one of ("FR", "EUR"), (1, null)');
  });
});
