import { Bool, Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnChisquareTestPValueToBeGreaterThan } from '../../src/expectations/expect_column_chisquare_test_p_value_to_be_greater_than.js';
import { runOne } from '../helpers.js';
import { expectRel } from '../stats/rel.js';
import { assertSplitEqual, sentenceOf } from './aggregate.js';
import { allGxCases, failures } from './gx-fixtures.js';

const TYPE = 'expect_column_chisquare_test_p_value_to_be_greater_than';
const str = (xs: (string | null)[]) => vectorFromArray(xs, new Utf8());
const repeat = (counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([v, n]) => Array<string>(n).fill(v));
// GX's categorical_fixed column: 540 A, 320 B, 140 C
const fixed = new Table({ c: str(repeat({ A: 540, B: 320, C: 140 })) });
const third = 1 / 3;

describe(TYPE, () => {
  it("passes GX's fixtures (which GX 1.x no longer runs)", async () => {
    expect(failures(await allGxCases(TYPE))).toEqual([]);
  });

  it("is Pearson's test: X² = 240.8 on 2 degrees of freedom gives p = e^-120.4 (scipy: 5.1398e-53)", async () => {
    const r = await runOne(fixed, TYPE, {
      column: 'c',
      partition_object: { values: ['A', 'B', 'C'], weights: [third, third, third] },
    });
    expect(r.success).toBe(false);
    expectRel(r.result.observed_value as number, 5.139778209762386e-53);
    expect(r.result.details).toMatchObject({
      observed_partition: { values: ['A', 'B', 'C'], weights: [0.54, 0.32, 0.14] },
      expected_partition: { values: ['A', 'B', 'C'] },
      degrees_of_freedom: 2,
    });
    expect((r.result.details as { statistic: number }).statistic).toBeCloseTo(240.8, 10);
    const fit = await runOne(fixed, TYPE, {
      column: 'c',
      partition_object: { values: ['A', 'B', 'C'], weights: [0.54, 0.32, 0.14] },
      p: 0.05,
    });
    expect(fit).toMatchObject({ success: true, result: { observed_value: 1 } });
  });

  it('succeeds only above p (strictly), default 0.05', async () => {
    const t = new Table({ c: str(repeat({ A: 61, B: 39 })) });
    const k = { column: 'c', partition_object: { values: ['A', 'B'], weights: [0.5, 0.5] } };
    // X² = (11² + 11²) / 50 = 4.84 on 1 degree of freedom: p = 0.0278 (scipy: 0.027807...)
    const r = await runOne(t, TYPE, k);
    expectRel(r.result.observed_value as number, 0.027806895026997264);
    expect(r.success).toBe(false);
    expect((await runOne(t, TYPE, { ...k, p: 0.02 })).success).toBe(true);
    expect((await runOne(t, TYPE, { ...k, p: r.result.observed_value })).success).toBe(false);
  });

  it('rejects unlisted values unless the tail holdout covers them', async () => {
    const t = new Table({ c: str(repeat({ A: 25, B: 25, C: 25, D: 25 })) });
    const k = { column: 'c', partition_object: { values: ['A', 'B', 'C'], weights: [third, third, third] } };
    expect(await runOne(t, TYPE, k)).toMatchObject({ success: false, result: { observed_value: 0 } });
    const held = await runOne(t, TYPE, { ...k, tail_weight_holdout: 0.25 });
    expect(held).toMatchObject({ success: true, result: { observed_value: 1 } });
    expect(held.result.details).toMatchObject({
      expected_partition: { values: ['A', 'B', 'C', 'D'], weights: [0.25, 0.25, 0.25, 0.25] },
      degrees_of_freedom: 3,
    });
  });

  it('compares booleans and numbers as Python does, and ignores nulls and NaN', async () => {
    const t = new Table({
      b: vectorFromArray([true, false, null, true], new Bool()),
      x: vectorFromArray([1, 2, Number.NaN, null, 1], new Float64()),
    });
    const rb = await runOne(t, TYPE, {
      column: 'b',
      partition_object: { values: [1, 0], weights: [2 / 3, 1 / 3] },
    });
    expect(rb).toMatchObject({ success: true, result: { observed_value: 1 } });
    const rx = await runOne(t, TYPE, {
      column: 'x',
      partition_object: { values: [1, 2.0], weights: [2 / 3, 1 / 3] },
    });
    expect(rx.result.observed_value).toBeCloseTo(1, 12);
  });

  it('fails an empty column with observed_value null', async () => {
    const t = new Table({ c: str([null, null]) });
    expect(
      await runOne(t, TYPE, { column: 'c', partition_object: { values: ['A'], weights: [1] } }),
    ).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
  });

  it('needs a categorical partition and a p between 0 and 1', async () => {
    const bins = { bins: [0, 1], weights: [1] };
    for (const kwargs of [
      { column: 'c', partition_object: bins },
      { column: 'c' },
      { column: 'c', partition_object: { values: ['A'], weights: [1] }, p: 2 },
    ]) {
      const r = await runOne(fixed, TYPE, kwargs);
      expect(r.exception_info.raised_exception).toBe(true);
    }
    expect(
      (await runOne(fixed, TYPE, { column: 'c', partition_object: bins })).exception_info.exception_message,
    ).toMatch(/categorical partition_object/);
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnChisquareTestPValueToBeGreaterThan, {
        column: 'c',
        partition_object: { values: ['A', 'B'], weights: [0.5, 0.5] },
      }),
    ).toBe(
      'a chi-square test of the values of `c` against the expected shares of 2 values has a p-value above 0.05',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    const arbTable = fc
      .array(fc.option(fc.constantFrom('a', 'b', 'c', 'z'), { nil: null }), { maxLength: 40 })
      .map((xs) => new Table({ s: str(xs) }));
    await assertSplitEqual(arbTable, TYPE, {
      column: 's',
      partition_object: { values: ['a', 'b', 'c'], weights: [0.5, 0.3, 0.2] },
      tail_weight_holdout: 0.1,
    });
  });
});
