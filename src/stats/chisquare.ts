import { chiSquareSf } from './distributions.js';

/** Pearson's statistic, its degrees of freedom and the p-value. */
export interface ChiSquareResult {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts O_i against expected counts E_i:
 * X² = Σ (O_i − E_i)² / E_i, referred to the chi-square distribution with k − 1 degrees of freedom, k
 * being the categories that can occur (E_i > 0); the p-value is its upper tail Pr(χ²_(k−1) >= X²).
 * A category with E_i = 0 and O_i = 0 takes no part; one with E_i = 0 and O_i > 0 makes X² infinite and
 * the p-value 0. With a single possible category X² is 0 and the p-value 1; with none (no data) the
 * statistic and the p-value are NaN. The expected counts should add up to the observed total (the caller scales them).
 */
export function pearsonChiSquare(observed: readonly number[], expected: readonly number[]): ChiSquareResult {
  let statistic = 0;
  let k = 0;
  for (let i = 0; i < observed.length; i++) {
    const o = observed[i] as number;
    const e = expected[i] as number;
    if (e > 0) {
      k++;
      statistic += ((o - e) * (o - e)) / e;
    } else if (o > 0) {
      statistic = Number.POSITIVE_INFINITY;
    }
  }
  if (k === 0) return { statistic: Number.NaN, degreesOfFreedom: 0, pValue: Number.NaN };
  const degreesOfFreedom = k - 1;
  let pValue: number;
  if (Number.isNaN(statistic)) pValue = Number.NaN;
  else if (statistic === Number.POSITIVE_INFINITY) pValue = 0;
  else if (degreesOfFreedom === 0) pValue = 1;
  else pValue = chiSquareSf(statistic, degreesOfFreedom);
  return { statistic, degreesOfFreedom, pValue };
}
