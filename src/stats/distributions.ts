import { betaI, gammaP, gammaQ } from './special.js';

/**
 * Cumulative distribution functions of the continuous distributions the Kolmogorov–Smirnov expectation
 * tests against, in scipy.stats' location–scale form: F(x) = F₀((x − loc) / scale; shapes), where F₀ is
 * the standard distribution. Each F₀ reduces to a special function (src/stats/special.ts).
 */

/** Φ(z), the standard normal CDF: ½ Q(½, z²/2) below 0 and 1 − ½ Q(½, z²/2) above (erfc through Q). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

/** The chi-square CDF with `df` degrees of freedom: P(df/2, x/2). */
export function chiSquareCdf(x: number, df: number): number {
  return x <= 0 ? 0 : gammaP(df / 2, x / 2);
}

/** The chi-square upper tail Pr(X >= x) = Q(df/2, x/2), accurate for tiny p-values. */
export function chiSquareSf(x: number, df: number): number {
  return x <= 0 ? 1 : gammaQ(df / 2, x / 2);
}

/** The standard gamma CDF with shape a: P(a, x). */
export function gammaCdf(x: number, a: number): number {
  return x <= 0 ? 0 : gammaP(a, x);
}

/** The standard beta CDF: I_x(a, b) on [0, 1]. */
export function betaCdf(x: number, a: number, b: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : betaI(a, b, x);
}

/** Student's t CDF with `df` degrees of freedom: each tail is ½ I_(df/(df+t²))(df/2, ½). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * betaI(df / 2, 0.5, df / (df + t * t));
  return t < 0 ? tail : 1 - tail;
}

/** The standard exponential CDF 1 − e^(−x), without cancellation near 0. */
export function exponentialCdf(x: number): number {
  return x <= 0 ? 0 : -Math.expm1(-x);
}

/** The standard uniform CDF on [0, 1]. */
export function uniformCdf(x: number): number {
  return Math.min(Math.max(x, 0), 1);
}

/** A distribution by scipy name: its shape parameters, in scipy's positional order, and its standard CDF. */
export interface ContinuousDistribution {
  readonly shapes: readonly string[];
  readonly cdf: (z: number, shapes: readonly number[]) => number;
}

/**
 * The distributions of expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than: the
 * ones GX supports (norm, beta, gamma, uniform, chi2, expon) and Student's t.
 */
export const DISTRIBUTIONS = {
  norm: { shapes: [], cdf: (z) => normalCdf(z) },
  beta: { shapes: ['alpha', 'beta'], cdf: (z, [a, b]) => betaCdf(z, a as number, b as number) },
  gamma: { shapes: ['alpha'], cdf: (z, [a]) => gammaCdf(z, a as number) },
  uniform: { shapes: [], cdf: (z) => uniformCdf(z) },
  chi2: { shapes: ['df'], cdf: (z, [df]) => chiSquareCdf(z, df as number) },
  expon: { shapes: [], cdf: (z) => exponentialCdf(z) },
  t: { shapes: ['df'], cdf: (z, [df]) => studentTCdf(z, df as number) },
} as const satisfies Record<string, ContinuousDistribution>;

/** A distribution name scipy and GX know. */
export type DistributionName = keyof typeof DISTRIBUTIONS;

/** A distribution with its parameters fixed, in scipy's terms. */
export interface FittedDistribution {
  readonly name: DistributionName;
  readonly shapes: readonly number[];
  readonly loc: number;
  readonly scale: number;
}

/** The CDF x -> F₀((x − loc) / scale) of a fitted distribution. */
export function cdfOf(d: FittedDistribution): (x: number) => number {
  const { cdf } = DISTRIBUTIONS[d.name] as ContinuousDistribution;
  return (x) => cdf((x - d.loc) / d.scale, d.shapes);
}
