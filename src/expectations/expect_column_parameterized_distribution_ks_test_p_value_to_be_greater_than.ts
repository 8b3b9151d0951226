import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { QUANTITIES } from '../metrics/moments.js';
import { sortedValues } from '../metrics/quantiles.js';
import {
  cdfOf,
  DISTRIBUTIONS,
  type DistributionName,
  type FittedDistribution,
} from '../stats/distributions.js';
import { ksTest } from '../stats/kolmogorov.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';

const NAMES = Object.keys(DISTRIBUTIONS) as [DistributionName, ...DistributionName[]];

/**
 * GX's names for scipy's location and scale, per distribution (the first is the name GX documents):
 * the normal takes mean and std_dev, the uniform takes min and max, where, as in GX, `max` is scipy's
 * scale, the width of the interval, so the uniform spans [min, min + max].
 */
const LOC_NAMES: Partial<Record<DistributionName, readonly string[]>> = {
  norm: ['mean', 'loc'],
  uniform: ['min', 'loc'],
};
const SCALE_NAMES: Partial<Record<DistributionName, readonly string[]>> = {
  norm: ['std_dev', 'scale'],
  uniform: ['max', 'scale'],
};

/** Reads named or positional (scipy order: shapes, loc, scale) parameters, or says what is wrong. */
export function fitDistribution(
  name: DistributionName,
  params: Record<string, number> | number[] | null,
): FittedDistribution | string {
  const { shapes } = DISTRIBUTIONS[name];
  const locNames = LOC_NAMES[name] ?? ['loc'];
  const scaleNames = SCALE_NAMES[name] ?? ['scale'];
  const usage = `${name} takes ${[...shapes, locNames[0], scaleNames[0]].join(', ')}${
    shapes.length ? ` (${shapes.join(', ')} required)` : ''
  }`;
  let values: number[];
  let loc: number;
  let scale: number;
  if (Array.isArray(params)) {
    if (params.length < shapes.length || params.length > shapes.length + 2)
      return `${params.length} parameters given; ${usage}, in that order`;
    values = params.slice(0, shapes.length);
    loc = params[shapes.length] ?? 0;
    scale = params[shapes.length + 1] ?? 1;
  } else {
    const named = params ?? {};
    const known = [...shapes, ...locNames, ...scaleNames];
    const unknown = Object.keys(named).filter((key) => !known.includes(key));
    if (unknown.length) return `unknown parameter ${JSON.stringify(unknown[0])}: ${usage}`;
    const missing = shapes.filter((s) => named[s] === undefined);
    if (missing.length) return `missing parameter ${JSON.stringify(missing[0])}: ${usage}`;
    const pick = (names: readonly string[], fallback: number): number | string => {
      const given = names.filter((key) => named[key] !== undefined);
      if (given.length > 1) return `give one of ${given.map((g) => JSON.stringify(g)).join(' and ')}`;
      return given.length ? (named[given[0] as string] as number) : fallback;
    };
    const l = pick(locNames, 0);
    const s = pick(scaleNames, 1);
    if (typeof l === 'string') return l;
    if (typeof s === 'string') return s;
    values = shapes.map((key) => named[key] as number);
    [loc, scale] = [l, s];
  }
  const bad = values.findIndex((v) => !(v > 0));
  if (bad >= 0) return `${shapes[bad]} must be positive: ${usage}`;
  if (!(scale > 0)) return `${scaleNames[0]} (the scale) must be positive`;
  return { name, shapes: values, loc, scale };
}

const kwargs = z
  .strictObject({
    column: columnName,
    distribution: z.enum(NAMES, { error: `distribution must be one of ${NAMES.join(', ')}` }),
    params: z
      .union([z.record(z.string(), z.number()), z.array(z.number())])
      .nullable()
      .default(null),
    p_value: z
      .number()
      .gt(0, 'p_value must be between 0 and 1 (exclusive)')
      .lt(1, 'p_value must be between 0 and 1 (exclusive)')
      .default(0.05),
    ...runtimeKeys,
  })
  .superRefine((k, ctx) => {
    const fitted = fitDistribution(k.distribution, k.params);
    if (typeof fitted === 'string') ctx.addIssue({ code: 'custom', message: fitted, path: ['params'] });
  });

function paramsPhrase(d: FittedDistribution): string {
  const { shapes } = DISTRIBUTIONS[d.name];
  const parts = [...shapes.map((s, i) => `${s} ${d.shapes[i]}`), `loc ${d.loc}`, `scale ${d.scale}`];
  return `${d.name}(${parts.join(', ')})`;
}

/** A Kolmogorov–Smirnov test of the column against a named distribution has a p-value of at least p_value. */
export const expectColumnParameterizedDistributionKsTestPValueToBeGreaterThan = defineExpectation({
  type: 'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than',
  description:
    "The one-sample Kolmogorov–Smirnov test of the column's non-missing values against a named distribution (norm, beta, gamma, uniform, chi2, expon, as in GX, or Student's t) with the given params has a p-value of at least p_value. params are named (norm: mean, std_dev; beta: alpha, beta; gamma: alpha; chi2 and t: df; all: loc, scale; uniform: min and max, max being the width as in GX) or positional in scipy's order. The statistic is D = sup |F_n(x) − F(x)|; the two-sided p-value comes from the exact distribution of D for the sample size, or from Simard and L'Ecuyer's accurate approximations for large samples (docs/statistics.md). observed_value is the p-value (null for an empty column).",
  domain: 'column',
  accepts: QUANTITIES,
  kwargs,
  sentence: (k) => {
    const d = fitDistribution(k.distribution, k.params) as FittedDistribution;
    return `a Kolmogorov–Smirnov test of \`${k.column}\` against ${paramsPhrase(d)} has a p-value of at least ${k.p_value}`;
  },
  examples: [
    {
      kwargs: { column: 'score', distribution: 'norm', params: { mean: 0, std_dev: 1 }, p_value: 0.05 },
    },
    {
      kwargs: { column: 'wait_minutes', distribution: 'expon', params: [0, 10] },
      note: 'Positional params follow scipy.stats: shape parameters, then loc and scale.',
    },
  ],
  aggregate: {
    metrics: (k) => ({ sorted: sortedValues(k.column) }),
    evaluate: ({ sorted }, k) => {
      const d = fitDistribution(k.distribution, k.params) as FittedDistribution;
      const { statistic, pValue } = ksTest(sorted as Float64Array, cdfOf(d));
      const finite = (x: number) => (Number.isFinite(x) ? x : null);
      const { shapes } = DISTRIBUTIONS[d.name];
      return {
        success: pValue >= k.p_value,
        result: {
          observed_value: finite(pValue),
          details: {
            observed_ks_result: { statistic: finite(statistic), pvalue: finite(pValue) },
            expected_params: {
              ...Object.fromEntries(shapes.map((s, i) => [s, d.shapes[i]])),
              loc: d.loc,
              scale: d.scale,
            },
          },
        },
      };
    },
  },
});
