import { describe, expect, it } from 'vitest';
import { pearsonChiSquare } from '../../src/stats/chisquare.js';
import { SeededRandom } from '../../src/stats/random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const x of draw(1)) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it('draws uniformly: 20 cells of 100000 draws pass a chi-square test, doubles stay in [0, 1)', () => {
    const r = new SeededRandom(42);
    const cells = new Array(20).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      cells[r.below(20)]++;
    }
    expect(outside).toBe(0);
    expect(pearsonChiSquare(cells, new Array(20).fill(5000)).pValue).toBeGreaterThan(0.001);
  });
});
