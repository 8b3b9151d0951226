import { describe, expect, it } from 'vitest';
import { pearsonChiSquare } from '../../src/stats/chisquare.js';
import { expectRel } from './rel.js';

// reference values: scipy.stats.chisquare 1.17
describe('pearsonChiSquare', () => {
  it('sums (O - E)² / E and takes the upper tail with k - 1 degrees of freedom', () => {
    const t = pearsonChiSquare([540, 320, 140], [1000 / 3, 1000 / 3, 1000 / 3]);
    expectRel(t.statistic, 240.8);
    expect(t.degreesOfFreedom).toBe(2);
    expectRel(t.pValue, 5.139778209762386e-53);
    const u = pearsonChiSquare([61, 39, 0], [54, 32, 14]);
    expectRel(u.statistic, 16.43865740740741);
    expectRel(u.pValue, 0.0002693958486545776);
  });

  it('gives p = 1 for a perfect fit and for a single possible category', () => {
    expect(pearsonChiSquare([54, 32, 14], [54, 32, 14])).toEqual({
      statistic: 0,
      degreesOfFreedom: 2,
      pValue: 1,
    });
    expect(pearsonChiSquare([10, 0], [10, 0])).toEqual({ statistic: 0, degreesOfFreedom: 0, pValue: 1 });
  });

  it('leaves out impossible categories nobody has, and rejects the fit when somebody has one', () => {
    expect(pearsonChiSquare([5, 5, 0], [5, 5, 0]).degreesOfFreedom).toBe(1);
    expect(pearsonChiSquare([4, 5, 1], [5, 5, 0])).toMatchObject({ statistic: Infinity, pValue: 0 });
  });

  it('has no answer without data', () => {
    const t = pearsonChiSquare([0, 0], [0, 0]);
    expect(t.statistic).toBeNaN();
    expect(t.pValue).toBeNaN();
  });
});
