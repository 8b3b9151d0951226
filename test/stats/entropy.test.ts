import { describe, expect, it } from 'vitest';
import { klDivergence } from '../../src/stats/entropy.js';
import { expectRel } from './rel.js';

// reference values: scipy.stats.entropy(pk, qk) 1.17
describe('klDivergence', () => {
  it('is Σ p ln(p/q) after scaling both to sum to 1', () => {
    expectRel(klDivergence([0.5, 0.25, 0.25], [0.54, 0.36, 0.1]), 0.09943138400349727);
    expectRel(klDivergence([2, 1, 1], [5, 3, 2]), 0.01020549863006378);
    expect(klDivergence([0.2, 0.8], [0.2, 0.8])).toBe(0);
  });

  it('ignores p = 0, and is infinite where q = 0 < p', () => {
    expectRel(klDivergence([0, 1], [0.5, 0.5]), Math.log(2));
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([0.5, 0.5, 0], [0.5, 0.6, -0.1])).toBe(Infinity);
  });

  it('is NaN for weights of an empty column', () => {
    expect(klDivergence([Number.NaN, Number.NaN], [0.5, 0.5])).toBeNaN();
    expect(klDivergence([0, 0], [0.5, 0.5])).toBeNaN();
  });
});
