import { describe, expect, it } from 'vitest';
import { type Contingency, chiSquared, cramersV } from '../../src/stats/contingency.js';

const table = (rows: number[][]): Contingency => ({
  rows: rows.length,
  cols: rows[0]?.length ?? 0,
  counts: Float64Array.from(rows.flat()),
});

describe('chiSquared', () => {
  it("matches scipy's documented example (2 x 3, no correction)", () => {
    // scipy.stats.chi2_contingency([[10, 10, 20], [20, 20, 20]]).statistic
    expect(
      chiSquared(
        table([
          [10, 10, 20],
          [20, 20, 20],
        ]),
      ),
    ).toBeCloseTo(2.7777777777777777, 14);
  });

  it("applies Yates' correction to a 2 x 2 table (by hand: 2.25 * 25 / 126)", () => {
    // E = [[12, 18], [28, 42]], |O - E| = 2 -> 1.5 after correction
    expect(
      chiSquared(
        table([
          [10, 20],
          [30, 40],
        ]),
      ),
    ).toBeCloseTo((2.25 * 25) / 126, 14);
  });

  it('moves a count at most to its expected value', () => {
    // E = [[0.8, 1.2], [1.2, 1.8]]: every |O - E| is 0.2 < 0.5, so the corrected table equals E
    expect(
      chiSquared(
        table([
          [1, 1],
          [1, 2],
        ]),
      ),
    ).toBeCloseTo(0, 14);
  });

  it('is n (k - 1) for a perfectly associated k x k table, and 0 with one row or column', () => {
    expect(
      chiSquared(
        table([
          [3, 0, 0],
          [0, 3, 0],
          [0, 0, 3],
        ]),
      ),
    ).toBeCloseTo(18, 12);
    expect(chiSquared(table([[1, 2, 3]]))).toBe(0);
    expect(chiSquared(table([[4], [5]]))).toBe(0);
  });
});

describe('cramersV', () => {
  it('is 1 for full association, 0 for independence, NaN for a single category', () => {
    expect(
      cramersV(
        table([
          [3, 0, 0],
          [0, 3, 0],
          [0, 0, 3],
        ]),
        9,
      ),
    ).toBeCloseTo(1, 12);
    expect(
      cramersV(
        table([
          [2, 2, 2, 2],
          [4, 4, 4, 4],
        ]),
        24,
      ),
    ).toBe(0);
    expect(cramersV(table([[1, 2, 3]]), 6)).toBeNaN();
  });

  it('takes min(rows, cols) - 1 degrees and clips to [0, 1]', () => {
    // 4 x 4 block table of the GX fixture: chi2 12 over n 12 -> sqrt(1 / 3)
    const t = table([
      [3, 0, 0, 0],
      [0, 1, 1, 1],
      [0, 1, 1, 1],
      [0, 1, 1, 1],
    ]);
    expect(chiSquared(t)).toBeCloseTo(12, 12);
    expect(cramersV(t, 12)).toBeCloseTo(Math.sqrt(1 / 3), 14);
  });
});
