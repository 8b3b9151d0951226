import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  cdfOf,
  chiSquareCdf,
  chiSquareSf,
  exponentialCdf,
  gammaCdf,
  normalCdf,
  studentTCdf,
  uniformCdf,
} from '../../src/stats/distributions.js';
import { expectRel } from './rel.js';

// reference values: scipy.stats 1.17; the quantiles are the textbook table entries
describe('distribution CDFs', () => {
  it('normal: Φ(1.96) = 0.975, symmetric, accurate in the far tail', () => {
    const cases: [number, number][] = [
      [-30, 4.906713927147908e-198],
      [-3, 0.0013498980316300933],
      [-0.1, 0.460172162722971],
      [0, 0.5],
      [1.96, 0.9750021048517795],
      [8, 0.9999999999999993],
    ];
    for (const [z, v] of cases) expectRel(normalCdf(z), v);
    expectRel(normalCdf(0.7) + normalCdf(-0.7), 1, 1e-15);
  });

  it("Student's t: the 97.5% point of t(10) is 2.228, t(1) is Cauchy", () => {
    expectRel(studentTCdf(2.228138851986274, 10), 0.975);
    expectRel(studentTCdf(-50, 1), 0.006365349100972797);
    expectRel(studentTCdf(-50, 1), 0.5 + Math.atan(-50) / Math.PI);
    expectRel(studentTCdf(0.7, 2.5), 0.728297528405226);
    expectRel(studentTCdf(-3, 1000), 0.0013833545221190963);
    expect([studentTCdf(0, 3), studentTCdf(Infinity, 3), studentTCdf(-Infinity, 3)]).toEqual([0.5, 1, 0]);
  });

  it('chi-square: 3.841 is the 95% point of one degree of freedom; upper tails stay relative', () => {
    expectRel(chiSquareSf(3.841458820694124, 1), 0.04999999999999989);
    expectRel(chiSquareSf(240.8, 2), 5.139778209762386e-53);
    expectRel(chiSquareSf(240.8, 2), Math.exp(-120.4));
    expectRel(chiSquareSf(30, 10), 0.000856641210775301);
    expectRel(chiSquareSf(1000, 99), 7.229607902491268e-149);
    expectRel(chiSquareCdf(30, 10), 1 - 0.000856641210775301);
    expect([chiSquareCdf(-1, 3), chiSquareSf(0, 3)]).toEqual([0, 1]);
  });

  it('gamma, beta, exponential and uniform', () => {
    expectRel(gammaCdf(0.5, 2), 0.09020401043104986);
    expectRel(gammaCdf(3, 2), 0.8008517265285442);
    expectRel(betaCdf(0.2, 0.5, 10), 0.9630951570658154);
    expectRel(betaCdf(0.7, 2, 2), 0.7839999999999999);
    expectRel(exponentialCdf(1e-10), 9.999999999500001e-11);
    expectRel(exponentialCdf(2), 0.8646647167633873);
    expect([gammaCdf(-1, 2), betaCdf(-0.1, 2, 2), betaCdf(1.1, 2, 2), exponentialCdf(-3)]).toEqual([
      0, 0, 1, 0,
    ]);
    expect([uniformCdf(-1), uniformCdf(0.25), uniformCdf(2)]).toEqual([0, 0.25, 1]);
  });

  it('applies loc and scale as scipy does', () => {
    const f = cdfOf({ name: 'norm', shapes: [], loc: 10, scale: 2 });
    expectRel(f(13.92), normalCdf(1.96));
    const g = cdfOf({ name: 'gamma', shapes: [2], loc: 20, scale: 3 });
    expectRel(g(29), gammaCdf(3, 2));
    const u = cdfOf({ name: 'uniform', shapes: [], loc: -5, scale: 11 });
    expect([u(-6), u(0.5), u(7)]).toEqual([0, 0.5, 1]);
  });
});
