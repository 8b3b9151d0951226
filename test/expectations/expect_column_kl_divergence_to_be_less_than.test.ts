import { Bool, Float64, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoBins,
  expectColumnKlDivergenceToBeLessThan,
  MAX_AUTO_BINS,
} from '../../src/expectations/expect_column_kl_divergence_to_be_less_than.js';
import { runOne } from '../helpers.js';
import { assertSplitEqual, sentenceOf } from './aggregate.js';

const TYPE = 'expect_column_kl_divergence_to_be_less_than';
const f64 = (xs: (number | null)[]) => vectorFromArray(xs, new Float64());
const str = (xs: (string | null)[]) => vectorFromArray(xs, new Utf8());

// GX's fixture datasets (expect_column_kl_divergence_to_be_less_than.json)
const letters = new Table({ a: str(['a', 'a', 'b', 'c']) });
const x = new Table({ x: f64([-0.5, 0.5, 1.5, 2.5, null]), y: f64([-0.5, 0.5, 1.5, 2.5, 3.5]) });
const x7 = new Table({
  x: f64([
    -1.95,
    1.03,
    1.0,
    0.81,
    -2.27,
    0.52,
    2.45,
    -1.19,
    -0.17,
    -1.54,
    2.2,
    -2.66,
    1.71,
    1.59,
    2.19,
    ...Array(8).fill(null),
  ]),
});
const abc = { values: ['a', 'b'], weights: [0.6, 0.4] };

async function raises(table: Table, kwargs: Record<string, unknown>): Promise<string> {
  const r = await runOne(table, TYPE, kwargs);
  expect(r.success).toBe(false);
  expect(r.exception_info.raised_exception).toBe(true);
  return r.exception_info.exception_message ?? '';
}

describe(`${TYPE}: categorical partitions`, () => {
  it('shares the tail holdout among unlisted values, as GX does', async () => {
    const k = { column: 'a', partition_object: abc, threshold: 0.1 };
    const r = await runOne(letters, TYPE, { ...k, tail_weight_holdout: 0.1 });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBeCloseTo(0.09943138400349738, 14);
    expect(r.result.details).toEqual({
      observed_partition: { values: ['a', 'b', 'c'], weights: [0.5, 0.25, 0.25] },
      expected_partition: { values: ['a', 'b', 'c'], weights: [0.6 * 0.9, 0.4 * 0.9, 0.1] },
    });
    const tighter = await runOne(letters, TYPE, { ...k, tail_weight_holdout: 0.05 });
    expect(tighter.success).toBe(false);
    expect(tighter.result.observed_value).toBeCloseTo(0.2321677631907768, 14);
  });

  it('is infinite (observed_value null, a failure) for an unlisted value without holdout', async () => {
    expect(await runOne(letters, TYPE, { column: 'a', partition_object: abc, threshold: 0.1 })).toMatchObject(
      {
        success: false,
        result: { observed_value: null },
      },
    );
    // no threshold: the divergence is only reported
    const open = await runOne(letters, TYPE, { column: 'a', partition_object: abc });
    expect(open.success).toBe(true);
  });

  it('compares values as Python does (True == 1) and gives listed values nobody has a weight of 0', async () => {
    const t = new Table({ b: vectorFromArray([true, true, false, null], new Bool()) });
    const r = await runOne(t, TYPE, {
      column: 'b',
      partition_object: { values: [1, 0, 'x'], weights: [0.6, 0.3, 0.1] },
      threshold: 1,
    });
    expect(r.result.details).toMatchObject({
      observed_partition: { values: [1, 0, 'x'], weights: [2 / 3, 1 / 3, 0] },
    });
    const kl = (2 / 3) * Math.log(2 / 3 / 0.6) + (1 / 3) * Math.log(1 / 3 / 0.3);
    expect(r.result.observed_value).toBeCloseTo(kl, 14);
  });

  it('compares the column with its own value counts when bucketize_data is false (divergence 0)', async () => {
    const r = await runOne(letters, TYPE, {
      column: 'a',
      partition_object: null,
      bucketize_data: false,
      threshold: 0,
    });
    expect(r).toMatchObject({ success: true, result: { observed_value: 0 } });
  });
});

describe(`${TYPE}: continuous partitions`, () => {
  it('takes an infinite end bin as a tail, against the tail holdout on the other side', async () => {
    const r = await runOne(x, TYPE, {
      column: 'x',
      partition_object: { bins: [-Infinity, 0, 1, 2, 3], weights: [0.25, 0.25, 0.25, 0.25] },
      threshold: 0,
    });
    expect(r).toMatchObject({ success: true, result: { observed_value: 0 } });
    expect(r.result.details).toEqual({
      observed_partition: { bins: [0, 1, 2, 3], weights: [0.25, 0.25, 0.25], tail_weights: [0.25, 0] },
      expected_partition: { bins: [0, 1, 2, 3], weights: [0.25, 0.25, 0.25], tail_weights: [0.25, 0] },
    });
    // values below the partition without weight there: infinite
    const up = await runOne(x, TYPE, {
      column: 'y',
      partition_object: { bins: [0, 1, 2, 3, Infinity], weights: [0.25, 0.25, 0.25, 0.25] },
      threshold: 0.5,
    });
    expect(up).toMatchObject({ success: false, result: { observed_value: null } });
    expect(up.result.details).toMatchObject({ observed_partition: { tail_weights: [0.2, 0.2] } });
  });

  it('shrinks the weights by both holdouts and gives the internal one to empty bins', async () => {
    const r = await runOne(x7, TYPE, {
      column: 'x',
      partition_object: { weights: [0.3, 0.15, 0.0, 0.1, 0.45], bins: [-3, -2, -1, 0, 1, 2] },
      threshold: 0.05,
      internal_weight_holdout: 0.05,
      tail_weight_holdout: 0.05,
    });
    const d = r.result.details as { expected_partition: { weights: number[]; tail_weights: number[] } };
    const want = [0.27, 0.135, 0.05, 0.09, 0.405];
    for (const [i, w] of d.expected_partition.weights.entries()) expect(w).toBeCloseTo(want[i] as number, 15);
    expect(d.expected_partition.tail_weights).toEqual([0.025, 0.025]);
    expect(r.result.details).toMatchObject({
      observed_partition: { weights: [2 / 15, 3 / 15, 1 / 15, 2 / 15, 4 / 15], tail_weights: [0, 3 / 15] },
    });
  });

  it('uses tail_weights of the partition for values outside finite bins', async () => {
    const r = await runOne(x7, TYPE, {
      column: 'x',
      partition_object: {
        weights: [0.15, 0.05, 0.05, 0.2],
        bins: [-2, -1, 0, 1, 2],
        tail_weights: [0.3, 0.25],
      },
      threshold: 0.05,
    });
    expect(r.result.details).toMatchObject({
      expected_partition: { tail_weights: [0.3, 0.25] },
      observed_partition: { tail_weights: [2 / 15, 3 / 15] },
    });
    const obs = [2 / 15, 3 / 15, 1 / 15, 2 / 15, 4 / 15, 3 / 15];
    const exp = [0.3, 0.15, 0.05, 0.05, 0.2, 0.25];
    const kl = obs.reduce((s, p, i) => s + p * Math.log(p / (exp[i] as number)), 0);
    expect(r.result.observed_value).toBeCloseTo(kl, 14);
  });

  it("bins the column by itself with numpy's 'auto' edges when there is no partition", async () => {
    const xs = [
      3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5,
    ];
    // numpy: the larger of Sturges (6) and Freedman-Diaconis bins between min and max
    expect(autoBins(Float64Array.from(xs).sort())).toEqual([
      1.0, 2.333333333333333, 3.6666666666666665, 5.0, 6.333333333333333, 7.666666666666666, 9.0,
    ]);
    // a tiny interquartile range in a wide one would ask for 10^14 bins
    const spiky = Float64Array.from({ length: 100 }, (_, i) => (i === 99 ? 1e6 : i * 1e-10));
    expect(autoBins(spiky)).toHaveLength(MAX_AUTO_BINS + 1);
    const t = new Table({ v: vectorFromArray(xs.map(BigInt), new Int64()) });
    const r = await runOne(t, TYPE, { column: 'v', partition_object: null, threshold: null });
    expect(r).toMatchObject({ success: true, result: { observed_value: 0 } });
    expect(r.result.details).toMatchObject({
      observed_partition: {
        weights: [0.1875, 0.21875, 0.09375, 0.21875, 0.0625, 0.21875],
        tail_weights: [0, 0],
      },
    });
  });
});

describe(`${TYPE}: missing values and errors`, () => {
  it('ignores nulls and NaN', async () => {
    const k = {
      column: 'x',
      partition_object: { bins: [-1, 0, 1, 3], weights: [0.25, 0.25, 0.5] },
      threshold: 1,
    };
    const withMissing = new Table({ x: f64([-0.5, null, 0.5, Number.NaN, 1.5, 2.5]) });
    const without = new Table({ x: f64([-0.5, 0.5, 1.5, 2.5]) });
    expect((await runOne(withMissing, TYPE, k)).result).toEqual((await runOne(without, TYPE, k)).result);
  });

  it('fails an empty column with observed_value null, and cannot profile one', async () => {
    const empty = new Table({ x: f64([null, Number.NaN]), s: str([null, null]) });
    const bins = { bins: [0, 1], weights: [1] };
    expect(await runOne(empty, TYPE, { column: 'x', partition_object: bins, threshold: 1 })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
    expect(await runOne(empty, TYPE, { column: 's', partition_object: abc, threshold: 1 })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
    expect(await raises(empty, { column: 'x', partition_object: null })).toMatch(
      /no values to build a partition/,
    );
    const single = new Table({ x: f64([2, 2, 2]) });
    expect(await raises(single, { column: 'x', partition_object: null })).toMatch(/single value/);
    const infinite = new Table({ x: f64([1, 2, Infinity]) });
    expect(await raises(infinite, { column: 'x', partition_object: null })).toMatch(/infinite range/);
  });

  it('rejects invalid partitions and holdouts GX rejects, with a reason', async () => {
    const z = new Table({ z: f64([-0.5, 0.5, 1.5]) });
    const cont = { bins: [0, 1, 2, 3], weights: [0.2, 0.4, 0.2], tail_weights: [0.1, 0.1] };
    const both = { bins: [-Infinity, 0, 1, Infinity], weights: [0.1, 0.8, 0.1] };
    expect(await raises(z, { column: 'z', partition_object: {}, threshold: 0.5 })).toMatch(
      /partition_object/,
    );
    expect(await raises(z, { column: 'z', partition_object: { bins: [0, 1], weights: [0.5] } })).toMatch(
      /add up to 1/,
    );
    expect(await raises(z, { column: 'z', partition_object: { bins: [1, 0], weights: [1] } })).toMatch(
      /increase/,
    );
    expect(await raises(z, { column: 'z', partition_object: cont, tail_weight_holdout: 0.1 })).toMatch(
      /tail_weights/,
    );
    expect(await raises(z, { column: 'z', partition_object: both, tail_weight_holdout: 0.1 })).toMatch(
      /infinite/,
    );
    expect(await raises(z, { column: 'z', partition_object: cont, internal_weight_holdout: 2 })).toMatch(
      /between 0 and 1/,
    );
    expect(await raises(z, { column: 'z', partition_object: cont, threshold: -1 })).toMatch(/threshold/);
    expect(await raises(z, { column: 'z', partition_object: cont, bucketize_data: false })).toMatch(
      /bucketize/,
    );
    expect(
      await raises(letters, { column: 'a', partition_object: abc, internal_weight_holdout: 0.01 }),
    ).toMatch(/categorical/);
    expect(
      await raises(letters, { column: 'a', partition_object: { values: ['a', 'a'], weights: [0.5, 0.5] } }),
    ).toMatch(/twice/);
    // bins need numbers
    expect(await raises(letters, { column: 'a', partition_object: cont })).toMatch(/utf8/);
  });
});

describe(TYPE, () => {
  it('reads as a sentence', () => {
    const def = expectColumnKlDivergenceToBeLessThan;
    expect(sentenceOf(def, { column: 'a', partition_object: abc, threshold: 0.1 })).toBe(
      'the KL divergence of `a` from the expected shares of 2 values is at most 0.1',
    );
    expect(sentenceOf(def, { column: 'v', partition_object: null })).toBe(
      'the KL divergence of `v` from a partition built from its own values is reported',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    const arbTable = fc
      .array(
        fc.option(fc.oneof(fc.constantFrom(-3, -1, 0, 0.5, 1, 2, 5), fc.constant(Number.NaN)), { nil: null }),
        {
          maxLength: 40,
        },
      )
      .map((xs) => new Table({ x: f64(xs), s: str(xs.map((v) => (v === null ? null : String(v)))) }));
    await assertSplitEqual(arbTable, TYPE, {
      column: 'x',
      partition_object: { bins: [-2, 0, 1, 3], weights: [0.3, 0.3, 0.4] },
      tail_weight_holdout: 0.1,
      threshold: 0.5,
    });
    await assertSplitEqual(arbTable, TYPE, {
      column: 's',
      partition_object: { values: ['0', '1', '2'], weights: [0.5, 0.25, 0.25] },
      tail_weight_holdout: 0.2,
      threshold: 0.5,
    });
  });
});
