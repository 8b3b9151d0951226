import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectColumnParameterizedDistributionKsTestPValueToBeGreaterThan,
  fitDistribution,
} from '../../src/expectations/expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than.js';
import { runOne } from '../helpers.js';
import { expectRel } from '../stats/rel.js';
import { assertSplitEqual, sentenceOf } from './aggregate.js';
import { allGxCases, failures, gxTable } from './gx-fixtures.js';

const TYPE = 'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than';
const f64 = (xs: (number | null)[]) => vectorFromArray(xs, new Float64());
const small = new Table({ x: f64([0.1, 0.5, 1.2, -0.3, null, 2.2, -1.7, Number.NaN, 0.05, 0.9]) });

async function pValue(table: Table, kwargs: Record<string, unknown>): Promise<number> {
  const r = await runOne(table, TYPE, kwargs);
  expect(r.exception_info.raised_exception).toBe(false);
  return r.result.observed_value as number;
}

describe(TYPE, () => {
  it("passes GX's fixtures (which GX 1.x no longer runs)", async () => {
    expect(failures(await allGxCases(TYPE))).toEqual([]);
  });

  it('agrees with scipy.stats.kstest on GX data for every distribution, named or positional', async () => {
    const t = gxTable(TYPE);
    // scipy 1.17: kstest(column, distribution, args) p-values
    const cases: [string, string, Record<string, number> | number[], number][] = [
      ['norm_std', 'norm', { mean: 0, std_dev: 1 }, 0.6549722996031815],
      ['norm_std', 'norm', { mean: 1, std_dev: 1 }, 5.27870315830141e-77],
      ['beta', 'beta', { alpha: 0.5, beta: 10, loc: 5, scale: 11 }, 0.5098194516804571],
      ['beta', 'beta', [1, 11, 5, 11], 1.4605880017726168e-32],
      ['gamma', 'gamma', [2, 20, 3], 0.4336399548204629],
      ['gamma', 'gamma', { alpha: 3, loc: 20, scale: 3 }, 4.2980751531624954e-32],
      ['uniform', 'uniform', { min: -5, max: 11 }, 0.14883182073203638],
      ['uniform', 'uniform', [-4, 12], 3.0641535967533267e-13],
      ['chi2', 'chi2', { df: 30, loc: 3, scale: 5 }, 0.34573207138536644],
      ['chi2', 'chi2', [33, 3, 5], 1.6090157908593654e-10],
      ['exponential', 'expon', { loc: 4.2, scale: 10 }, 0.7162032148770882],
      ['exponential', 'expon', [5, 10], 0.00017061178892188242],
    ];
    for (const [column, distribution, params, p] of cases) {
      expectRel(await pValue(t, { column, distribution, params }), p, 1e-10);
    }
  });

  it("tests Student's t too, and reports the statistic and the parameters it used", async () => {
    // scipy: kstest([0.1, 0.5, 1.2, -0.3, 2.2, -1.7, 0.05, 0.9], 't', args=(3, 1, 2))
    const r = await runOne(small, TYPE, {
      column: 'x',
      distribution: 't',
      params: { df: 3, loc: 1, scale: 2 },
    });
    expectRel(r.result.observed_value as number, 0.2549155855802927, 1e-10);
    expect(r.result.details).toMatchObject({ expected_params: { df: 3, loc: 1, scale: 2 } });
    const ks = (r.result.details as { observed_ks_result: { statistic: number } }).observed_ks_result;
    expectRel(ks.statistic, 0.3383261744004029);
    expectRel(
      await pValue(small, { column: 'x', distribution: 't', params: [3] }),
      0.5273875155220108,
      1e-10,
    );
  });

  it("reads the uniform's min and max as GX does: max is the width", async () => {
    // scipy: kstest(x, 'uniform', args=(-2, 5)), the uniform on [-2, 3]
    expectRel(
      await pValue(small, { column: 'x', distribution: 'uniform', params: { min: -2, max: 5 } }),
      0.6862606419828634,
      1e-10,
    );
    expect(fitDistribution('uniform', { min: -2, max: 5 })).toEqual({
      name: 'uniform',
      shapes: [],
      loc: -2,
      scale: 5,
    });
  });

  it('succeeds at p_value or above (inclusive), ignoring nulls and NaN', async () => {
    // scipy: kstest([0.1, 0.5, 1.2, -0.3, 2.2, -1.7, 0.05, 0.9], 'norm') -> p = 0.5201716513569667
    const k = { column: 'x', distribution: 'norm' };
    const p = await pValue(small, k);
    expectRel(p, 0.5201716513569667, 1e-10);
    expect((await runOne(small, TYPE, { ...k, p_value: p })).success).toBe(true);
    expect((await runOne(small, TYPE, { ...k, p_value: Math.min(p * 1.0001, 0.99) })).success).toBe(false);
  });

  it('fails an empty column with observed_value null', async () => {
    const t = new Table({ x: f64([null, Number.NaN]) });
    expect(await runOne(t, TYPE, { column: 'x', distribution: 'norm' })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
  });

  it('rejects parameters that do not define the distribution, with a reason', async () => {
    const reason = async (kwargs: Record<string, unknown>) => {
      const r = await runOne(small, TYPE, { column: 'x', ...kwargs });
      expect(r.exception_info.raised_exception).toBe(true);
      return r.exception_info.exception_message;
    };
    expect(await reason({ distribution: 'beta', params: { alpha: 1 } })).toMatch(/missing parameter "beta"/);
    expect(await reason({ distribution: 'beta', params: [0, 1] })).toMatch(/alpha must be positive/);
    expect(await reason({ distribution: 'norm', params: { mean: 0, std_dev: -1 } })).toMatch(
      /std_dev.*positive/,
    );
    expect(await reason({ distribution: 'norm', params: { mu: 0 } })).toMatch(/unknown parameter "mu"/);
    expect(await reason({ distribution: 'norm', params: { mean: 0, loc: 1 } })).toMatch(/give one of/);
    expect(await reason({ distribution: 'expon', params: [1, 2, 3] })).toMatch(/3 parameters given/);
    expect(await reason({ distribution: 'chi2' })).toMatch(/missing parameter "df"/);
    expect(await reason({ distribution: 'poisson' })).toMatch(/distribution must be one of/);
    expect(await reason({ distribution: 'norm', p_value: 1 })).toMatch(/exclusive/);
    const strings = new Table({ s: vectorFromArray(['a'], new Utf8()) });
    expect(
      (await runOne(strings, TYPE, { column: 's', distribution: 'norm' })).exception_info.raised_exception,
    ).toBe(true);
  });

  it('reads as a sentence', () => {
    const def = expectColumnParameterizedDistributionKsTestPValueToBeGreaterThan;
    expect(sentenceOf(def, { column: 'x', distribution: 'norm', params: { mean: 0, std_dev: 1 } })).toBe(
      'a Kolmogorov–Smirnov test of `x` against norm(loc 0, scale 1) has a p-value of at least 0.05',
    );
    expect(sentenceOf(def, { column: 'x', distribution: 'gamma', params: [2, 20, 3], p_value: 0.01 })).toBe(
      'a Kolmogorov–Smirnov test of `x` against gamma(alpha 2, loc 20, scale 3) has a p-value of at least 0.01',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    const arbTable = fc
      .array(
        fc.option(fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constant(Number.NaN)), {
          nil: null,
        }),
        {
          maxLength: 40,
        },
      )
      .map((xs) => new Table({ x: f64(xs) }));
    await assertSplitEqual(arbTable, TYPE, { column: 'x', distribution: 'norm', params: [0.2, 1.5] });
  });
});
