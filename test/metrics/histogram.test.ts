import { Float64, Int32, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, histogram, histogramOf } from '../../src/metrics/histogram.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

const plain = (h: { counts: Float64Array; below: number; above: number; n: number }) => ({
  counts: [...h.counts],
  below: h.below,
  above: h.above,
  n: h.n,
});

describe('histogram', () => {
  it('counts as numpy.histogram: bins half-open, the last closed, outside values apart', () => {
    // numpy.histogram([-0.5, 0, 0.5, 1, 1.5, 2, 3, 3.5], [0, 1, 2, 3]) -> [2, 2, 2]
    const t = new Table({ x: vectorFromArray([-0.5, 0, 0.5, 1, 1.5, 2, 3, 3.5], new Float64()) });
    expect(plain(runWhole(histogram('x', [0, 1, 2, 3]), t))).toEqual({
      counts: [2, 2, 2],
      below: 1,
      above: 1,
      n: 8,
    });
  });

  it('takes infinite end edges, infinite values included', () => {
    // numpy.histogram([..., inf, -inf], [-inf, 0, 1, 2, 3, inf]) -> [2, 2, 2, 1, 3]
    const xs = [-0.5, 0, 0.5, 1, 1.5, 2, 3, 3.5, Infinity, -Infinity];
    const t = new Table({ x: vectorFromArray(xs, new Float64()) });
    const edges = [-Infinity, 0, 1, 2, 3, Infinity];
    expect(plain(runWhole(histogram('x', edges), t))).toEqual({
      counts: [2, 2, 2, 1, 3],
      below: 0,
      above: 0,
      n: 10,
    });
  });

  it('skips nulls and NaN, and reads integer columns', () => {
    const t = new Table({
      x: vectorFromArray([1, null, Number.NaN, 2], new Float64()),
      i: vectorFromArray([1, null, 5, 2], new Int32()),
    });
    expect(plain(runWhole(histogram('x', [0, 10]), t))).toEqual({ counts: [2], below: 0, above: 0, n: 2 });
    expect(plain(runWhole(histogram('i', [0, 2, 4]), t))).toEqual({
      counts: [1, 1],
      below: 0,
      above: 1,
      n: 3,
    });
    const empty = new Table({ x: vectorFromArray([null, Number.NaN], new Float64()) });
    expect(plain(runWhole(histogram('x', [0, 1]), empty))).toEqual({ counts: [0], below: 0, above: 0, n: 0 });
  });

  it('names its edges in its id, so that equal histograms are computed once', () => {
    expect(histogram('x', [0, 1]).id).toBe(histogram('x', [0, 1]).id);
    expect(histogram('x', [0, 1]).id).not.toBe(histogram('x', [0, 2]).id);
  });

  it('agrees with histogramOf and does not depend on the batch split or merge order', () => {
    const edges = [-2, -0.5, 0, 1.5, 3];
    fc.assert(
      fc.property(
        fc.array(
          fc.option(fc.constantFrom(-3, -2, -1, -0.5, 0, 0.2, 1.5, 2.9, 3, 4, Number.NaN), { nil: null }),
          {
            maxLength: 60,
          },
        ),
        arbSplit,
        (xs, { cuts, picks }) => {
          const t = new Table({ x: vectorFromArray(xs, new Float64()) });
          const m = histogram('x', edges);
          const present = xs.filter((x): x is number => x !== null && !Number.isNaN(x));
          const want = plain(histogramOf(present, edges));
          expect(plain(runSplit(m, t, cuts, picks))).toEqual(want);
          expect(plain(runWhole(m, t))).toEqual(want);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('binOf', () => {
  it('finds the bin by binary search, with -1 below and the bin count above', () => {
    const edges = [0, 1, 2, 4, 8];
    expect([-1, 0, 0.99, 1, 3.9, 4, 8, 8.1].map((x) => binOf(edges, x))).toEqual([-1, 0, 0, 1, 2, 3, 3, 4]);
  });
});
