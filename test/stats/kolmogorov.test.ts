import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, uniformCdf } from '../../src/stats/distributions.js';
import {
  durbinCdf,
  kolmogorovPasses,
  kolmogorovSf,
  ksStatistic,
  ksTest,
  pelzGoodCdf,
  smirnovSf,
} from '../../src/stats/kolmogorov.js';
import { expectRel } from './rel.js';

describe('ksStatistic', () => {
  it('is the largest gap between the empirical and the expected CDF, on either side of each step', () => {
    // F_n steps to 1/4, 2/4, 3/4, 1 at 0.1, 0.2, 0.3, 0.9; F(x) = x
    expect(ksStatistic([0.1, 0.2, 0.3, 0.9], uniformCdf)).toBeCloseTo(0.45, 15);
    expect(ksStatistic([0.5], uniformCdf)).toBe(0.5);
    // ties: the whole step is taken at once
    expect(ksStatistic([0.5, 0.5, 0.5, 0.5], uniformCdf)).toBe(0.5);
    expect(ksStatistic([], uniformCdf)).toBeNaN();
    expect(ksTest([], uniformCdf).pValue).toBeNaN();
  });
});

describe('kolmogorovSf', () => {
  // scipy.stats.kstwo.sf(d, n), through every region of Simard & L'Ecuyer's algorithm
  const cases: [number, number, number][] = [
    [1, 0.75, 0.5],
    [5, 0.15, 0.9988],
    [10, 0.05, 1],
    [10, 0.409, 0.05022340810547454],
    [20, 0.294, 0.05009394623107688],
    [50, 0.1, 0.6623112704658186],
    [100, 0.5, 1.2131434371817858e-23],
    [140, 0.3, 1.1370251710737309e-11],
    [141, 0.05, 0.854845693009663],
    [141, 0.2, 2.0276784223976912e-5],
    [1000, 0.01, 0.9999496745370611],
    [1000, 0.043, 0.04811098765192656],
    [5000, 0.02, 0.03613941395325637],
    [20000, 0.005, 0.6974088406327612],
    [200000, 0.002, 0.39995085369038097],
    [30, 0.99, 2.0000000000000533e-60],
  ];

  it('agrees with scipy to 1e-10 relative', () => {
    for (const [n, d, p] of cases) expectRel(kolmogorovSf(n, d), p, 1e-10);
  });

  it('matches the textbook critical values: D = 0.409 at n = 10 and 0.294 at n = 20 give p ≈ 0.05', () => {
    expect(kolmogorovSf(10, 0.409)).toBeCloseTo(0.05, 3);
    expect(kolmogorovSf(20, 0.294)).toBeCloseTo(0.05, 3);
  });

  it('is 1 at 0, 0 at 1, and falls as d grows', () => {
    expect([kolmogorovSf(7, 0), kolmogorovSf(7, 1), kolmogorovSf(7, 1.5)]).toEqual([1, 0, 0]);
    expect(kolmogorovSf(7, Number.NaN)).toBeNaN();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(kolmogorovSf(n, hi)).toBeLessThanOrEqual(kolmogorovSf(n, lo) + 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Durbin's exact matrix and the Pelz–Good series agree for large n", () => {
    for (const d of [0.01, 0.02, 0.03, 0.045]) {
      expect(Math.abs(durbinCdf(1000, d) - pelzGoodCdf(1000, d))).toBeLessThan(1e-7);
    }
  });

  it('two-sided is twice one-sided from d = 1/2 up (Smirnov, exact)', () => {
    const smirnov: [number, number, number][] = [
      [1, 0.3, 0.7],
      [5, 0.1, 0.85359],
      [20, 0.3, 0.021533604376327058],
      [100, 0.05, 0.5871453380805337],
      [1000, 0.3, 1.2953578528684224e-80],
    ];
    for (const [n, d, p] of smirnov) expectRel(smirnovSf(n, d), p, 1e-11);
    expectRel(kolmogorovSf(12, 0.6), 2 * smirnovSf(12, 0.6));
    expect(durbinCdf(12, 0.6)).toBeCloseTo(1 - 2 * smirnovSf(12, 0.6), 14);
  });

  it('a sample of the distribution itself gives a large p-value, a shifted one a tiny one', () => {
    const n = 400;
    // the normal quantiles at (i + 0.5) / n, found by bisection on Φ: an ideal sample
    const ideal = Float64Array.from({ length: n }, (_, i) => {
      let lo = -10;
      let hi = 10;
      for (let k = 0; k < 80; k++) {
        const mid = (lo + hi) / 2;
        if (normalCdf(mid) < (i + 0.5) / n) lo = mid;
        else hi = mid;
      }
      return lo;
    });
    expect(ksTest(ideal, normalCdf).statistic).toBeCloseTo(0.5 / n, 9);
    expect(ksTest(ideal, normalCdf).pValue).toBe(1);
    expect(ksTest(ideal, (x) => normalCdf(x - 0.5)).pValue).toBeLessThan(1e-10);
  });
});

describe('kolmogorovPasses', () => {
  it('decides exactly as comparing each p-value with the level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(0, 0.01, 0.05, 0.5, 0.999, 1),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (n, p, ds) => {
          const passes = kolmogorovPasses(n, p);
          for (const d of ds) expect(passes(d)).toBe(kolmogorovSf(n, d) >= p);
        },
      ),
      { numRuns: 25 },
    );
  });
});
