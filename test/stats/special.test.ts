import { describe, expect, it } from 'vitest';
import { betaI, gammaP, gammaQ, lnGamma } from '../../src/stats/special.js';
import { expectRel } from './rel.js';

// reference values: scipy.special 1.17 (gammaln, gammainc, gammaincc, betainc)
describe('lnGamma', () => {
  it('agrees with scipy and with Γ at known points', () => {
    const cases: [number, number][] = [
      [0.01, 4.599479878042022],
      [0.5, 0.5723649429247],
      [3.7, 1.428072326665388],
      [123.4, 469.3360974421906],
      [1e5, 1051287.7089736569],
    ];
    for (const [x, v] of cases) expectRel(lnGamma(x), v);
    // Γ(n) = (n - 1)!, Γ(1/2) = √π
    expect(lnGamma(1)).toBeCloseTo(0, 15);
    expect(lnGamma(2)).toBeCloseTo(0, 15);
    expectRel(lnGamma(11), Math.log(3628800));
    expectRel(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1)).toBeNaN();
  });
});

describe('incomplete gamma P and Q', () => {
  const cases: [number, number, number, number][] = [
    [0.5, 0.01, 0.11246291601828491, 0.887537083981715],
    [0.5, 2, 0.9544997361036415, 0.04550026389635857],
    [2.5, 1, 0.15085496391539038, 0.8491450360846096],
    [10, 3, 0.0011024881301154815, 0.9988975118698845],
    [10, 30, 0.9999928782491372, 7.121750862815593e-6],
    [100, 120, 0.9721362601094793, 0.027863739890520652],
    [1000, 900, 0.0005499022657117818, 0.9994500977342882],
    [1000, 1100, 0.9989406767460701, 0.0010593232539299773],
  ];

  it('agrees with scipy on both sides of a + 1, tails included', () => {
    for (const [a, x, p, q] of cases) {
      expectRel(gammaP(a, x), p);
      expectRel(gammaQ(a, x), q);
    }
  });

  it('is 1 - e^-x for a = 1, and clamps at the ends', () => {
    for (const x of [0.001, 0.5, 3, 40]) {
      expectRel(gammaP(1, x), -Math.expm1(-x));
      expectRel(gammaQ(1, x), Math.exp(-x));
    }
    expect([gammaP(2, 0), gammaQ(2, 0), gammaP(2, Infinity), gammaQ(2, Infinity)]).toEqual([0, 1, 1, 0]);
    expect(gammaP(0, 1)).toBeNaN();
    expect(gammaQ(1, -1)).toBeNaN();
  });
});

describe('incomplete beta I_x(a, b)', () => {
  it('agrees with scipy, far tails included', () => {
    const cases: [number, number, number, number][] = [
      [0.5, 0.5, 0.1, 0.20483276469913345],
      [0.5, 10, 0.3, 0.9916774951375363],
      [2, 3, 0.5, 0.6875],
      [15, 0.5, 0.9, 0.07785867031466781],
      [100, 200, 0.3, 0.10884306564490986],
      [100, 200, 0.001, 2.2761926326230278e-219],
    ];
    for (const [a, b, x, v] of cases) expectRel(betaI(a, b, x), v);
  });

  it('has the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b', () => {
    for (const x of [0.01, 0.3, 0.77]) {
      expectRel(betaI(3.5, 1, x), x ** 3.5);
      expectRel(betaI(1, 2.5, x), 1 - (1 - x) ** 2.5);
      expectRel(betaI(2, 3, x) + betaI(3, 2, 1 - x), 1);
    }
    expect([betaI(2, 3, 0), betaI(2, 3, 1)]).toEqual([0, 1]);
    expect(betaI(2, 3, 1.5)).toBeNaN();
  });
});
