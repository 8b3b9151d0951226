import { describe, expect, it } from 'vitest';
import { binIndex, histogramEdges } from '../../src/stats/histogram.js';

describe('histogramEdges', () => {
  it("gives numpy's linspace edges, last edge exact", () => {
    expect(Array.from(histogramEdges(1, 4, 3))).toEqual([1, 2, 3, 4]);
    // np.linspace(0, 1, 11)[3] is 3 * 0.1 = 0.30000000000000004, and the last edge is 1 exactly
    const e = histogramEdges(0, 1, 10);
    expect(e[3]).toBe(0.30000000000000004);
    expect(e[10]).toBe(1);
    expect(Array.from(histogramEdges(2, 4, 3))).toEqual([2, 2 + 2 / 3, 2 + 2 * (2 / 3), 4]);
  });

  it('widens a single value by 0.5 each way', () => {
    expect(Array.from(histogramEdges(5, 5, 2))).toEqual([4.5, 5, 5.5]);
  });
});

describe('binIndex', () => {
  it('is np.digitize - 1: bins closed on the left', () => {
    const e = Float64Array.from([1, 2, 3, 4]);
    expect([0, 1, 1.5, 2, 3.999, 4, 9].map((x) => binIndex(e, x))).toEqual([-1, 0, 0, 1, 2, 3, 3]);
  });
});
