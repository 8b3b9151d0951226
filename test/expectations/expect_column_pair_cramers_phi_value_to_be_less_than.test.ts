import { Bool, Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnPairCramersPhiValueToBeLessThan } from '../../src/expectations/expect_column_pair_cramers_phi_value_to_be_less_than.js';
import { runOne } from '../helpers.js';
import { utf8 } from '../metrics/drive.js';
import { assertSplitEqual, sentenceOf } from './aggregate.js';

const TYPE = 'expect_column_pair_cramers_phi_value_to_be_less_than';
const i64 = (xs: number[]) => vectorFromArray(xs.map(BigInt), new Int64());
const f64 = (xs: (number | null)[]) => vectorFromArray(xs, new Float64());
// GX's fixture dataset (tests/test_definitions/column_aggregate_expectations)
const gx = new Table({
  integer_1: i64([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]),
  integer_2: i64([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]),
  string_1: utf8(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'e', 'e', 'f', 'f']),
  string_2: utf8(['a', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']),
  string_3: utf8(['a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'd', 'd', 'd', 'd']),
  float: f64([1.0, 1.1, 1.2, 1.3, 2.0, 2.1, 2.2, 2.3, 3.0, 3.1, 3.2, 3.3]),
  float_with_missings_1: f64([null, null, null, null, 2, 2, 2, 2, 3, 3, 3, 3]),
  float_with_missings_2: f64([null, null, null, 2, 2, 2, 3, 3, 3, 4, 4, 4]),
  string_with_missings: utf8([null, null, null, 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']),
});

describe(TYPE, () => {
  it("reproduces GX's fixture cases", async () => {
    const cases: [Record<string, unknown>, boolean, number][] = [
      [{ column_A: 'integer_1', column_B: 'integer_1' }, false, 1],
      [{ column_A: 'integer_1', column_B: 'integer_2' }, true, 0],
      [{ column_A: 'integer_1', column_B: 'string_3' }, true, 0],
      [{ column_A: 'string_1', column_B: 'string_2', n_bins_B: 2 }, false, 0.8498365855987975],
      [
        {
          column_A: 'string_1',
          column_B: 'string_2',
          bins_B: [
            ['b', 'c'],
            ['d', 'e'],
            ['f', 'g'],
          ],
        },
        false,
        1,
      ],
      [{ column_A: 'integer_1', column_B: 'float', n_bins_B: 3 }, true, 0],
      [{ column_A: 'integer_1', column_B: 'float_with_missings_1', n_bins_B: 2 }, true, 0],
      [
        { column_A: 'float_with_missings_2', column_B: 'string_with_missings', n_bins_A: 3 },
        false,
        0.5773502691896257,
      ],
    ];
    for (const [kwargs, success, phi] of cases) {
      const r = await runOne(gx, TYPE, kwargs);
      expect(r.success, JSON.stringify(kwargs)).toBe(success);
      expect(r.result.observed_value as number).toBeCloseTo(phi, 12);
    }
  });

  it('reports the binned crosstab, missing values as their own category', async () => {
    const r = await runOne(gx, TYPE, {
      column_A: 'float_with_missings_2',
      column_B: 'string_with_missings',
      n_bins_A: 3,
    });
    expect(r.result.details).toEqual({
      crosstab: {
        index: ['[2.0, 2.67)', '[2.67, 3.33)', '[3.33, 4.0)', '(missing)'],
        columns: ['(missing)', 'a', 'b', 'c'],
        counts: [
          [0, 1, 1, 1],
          [0, 1, 1, 1],
          [0, 1, 1, 1],
          [3, 0, 0, 0],
        ],
      },
    });
  });

  it('keeps the n_bins most frequent values and puts the rest in "(other)"', async () => {
    const r = await runOne(gx, TYPE, { column_A: 'string_1', column_B: 'string_2', n_bins_B: 2 });
    expect((r.result.details as { crosstab: { columns: string[] } }).crosstab.columns).toEqual([
      '(other)',
      'a',
      'b',
    ]);
  });

  it('takes bin edges for a numeric column, widened to its range', async () => {
    const r = await runOne(gx, TYPE, { column_A: 'float', column_B: 'integer_2', bins_A: [2, 3] });
    expect((r.result.details as { crosstab: { index: string[] } }).crosstab.index).toEqual([
      '[1.0, 2.0)',
      '[2.0, 3.0)',
      '[3.0, 3.3)',
    ]);
    // float's bins line up with integer_2's values: full association
    expect(r.result.observed_value).toBeCloseTo(1, 12);
  });

  it('compares against the threshold, inclusive', async () => {
    const kw = { column_A: 'float_with_missings_2', column_B: 'string_with_missings', n_bins_A: 3 };
    expect((await runOne(gx, TYPE, { ...kw, threshold: 0.6 })).success).toBe(true);
    expect((await runOne(gx, TYPE, { ...kw, threshold: 0.5773502691896257 })).success).toBe(true);
    expect((await runOne(gx, TYPE, { ...kw, threshold: 0.5 })).success).toBe(false);
  });

  it("applies Yates' correction to 2 x 2 tables, and reads booleans by value", async () => {
    const t = new Table({
      b: vectorFromArray([true, true, true, false, false, false, true, false], new Bool()),
      s: utf8(['x', 'x', 'x', 'y', 'y', 'y', 'y', 'x']),
    });
    const r = await runOne(t, TYPE, { column_A: 'b', column_B: 's' });
    // O = [[3, 1], [1, 3]] (False row first), E = 2 everywhere: corrected |O - E| = 0.5, chi2 = 4 * 0.25 / 2 = 0.5
    expect(r.result.observed_value).toBeCloseTo(Math.sqrt(0.5 / 8), 14);
    expect((r.result.details as { crosstab: { index: string[] } }).crosstab.index).toEqual(['False', 'True']);
  });

  it('fails with no value when a column has a single category, or the table is empty', async () => {
    const one = new Table({ a: utf8(['x', 'x', 'x']), b: utf8(['p', 'q', 'p']) });
    expect(await runOne(one, TYPE, { column_A: 'a', column_B: 'b' })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
    const empty = new Table({ a: utf8([]), b: f64([]) });
    expect(await runOne(empty, TYPE, { column_A: 'a', column_B: 'b' })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
  });

  it('refuses bins of the wrong kind and columns it cannot bin', async () => {
    const groups = await runOne(gx, TYPE, {
      column_A: 'integer_1',
      column_B: 'string_1',
      bins_A: [['1', '2']],
    });
    expect(groups.exception_info.exception_message).toMatch(/column_A is numeric/);
    const edges = await runOne(gx, TYPE, { column_A: 'integer_1', column_B: 'string_1', bins_B: [1, 2] });
    expect(edges.exception_info.exception_message).toMatch(/column_B is not numeric/);
    const t = new Table({ a: utf8(['x']), d: vectorFromArray([new Date(0)]) });
    expect((await runOne(t, TYPE, { column_A: 'a', column_B: 'd' })).exception_info.raised_exception).toBe(
      true,
    );
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnPairCramersPhiValueToBeLessThan, { column_A: 'a', column_B: 'b' })).toBe(
      "`a` and `b` are nearly independent: Cramér's phi is at most 0.1",
    );
  });

  it('does not depend on how the rows are batched', async () => {
    const arb = fc
      .array(
        fc.record({
          x: fc.option(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), { nil: null }),
          s: fc.option(fc.constantFrom('a', 'b', 'c', '😀'), { nil: null }),
        }),
        { maxLength: 40 },
      )
      .map((rows) => new Table({ x: f64(rows.map((r) => r.x)), s: utf8(rows.map((r) => r.s)) }));
    await assertSplitEqual(arb, TYPE, { column_A: 'x', column_B: 's', n_bins_A: 3, n_bins_B: 2 });
  });
});
