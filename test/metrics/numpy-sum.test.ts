import { readFileSync } from 'node:fs';
import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOMENTS_BUFFER_LIMIT, momentsMetric } from '../../src/metrics/moments.js';
import { numpySum } from '../../src/metrics/numpy-sum.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

/**
 * Columns drawn by an LCG (exact in doubles, so Python and JS draw the same numbers) with what numpy
 * 1.24 and pandas 1.5 computed for them: test/fixtures/pandas/moments.py wrote moments.json.
 */
interface Golden {
  n: number;
  seed: number;
  scale: number;
  offset: number;
  /** A value is missing where the draw is a multiple of this (0: none). */
  nullEvery: number;
  /** numpy.sum of the values, missing ones as 0. */
  numpySum: number;
  mean: number;
  std: number;
}

const golden = (JSON.parse(readFileSync('test/fixtures/pandas/moments.json', 'utf8')) as { cases: Golden[] })
  .cases;

function draw(g: Pick<Golden, 'n' | 'seed' | 'scale' | 'offset' | 'nullEvery'>): (number | null)[] {
  let u = g.seed;
  const out: (number | null)[] = [];
  for (let i = 0; i < g.n; i++) {
    u = (Math.imul(u, 1664525) + 1013904223) >>> 0;
    out.push(g.nullEvery && u % g.nullEvery === 0 ? null : (u / 2 ** 32 - 0.5) * g.scale + g.offset);
  }
  return out;
}

const label = (g: Golden) => `n=${g.n} seed=${g.seed}${g.nullEvery ? ' with nulls' : ''}`;

describe('numpySum', () => {
  it.each(golden.map((g) => [label(g), g] as const))('is numpy.sum bit for bit (%s)', (_, g) => {
    const xs = Float64Array.from(draw(g), (x) => x ?? 0);
    expect(numpySum(xs)).toBe(g.numpySum);
  });

  it('sums exactly what it can: integers, and a prefix of n values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 300 }), (ints) => {
        const xs = Float64Array.from(ints);
        expect(numpySum(xs)).toBe(ints.reduce((a, b) => a + b, 0));
        expect(numpySum(xs, Math.floor(ints.length / 2))).toBe(
          ints.slice(0, Math.floor(ints.length / 2)).reduce((a, b) => a + b, 0),
        );
      }),
    );
  });

  it('is not a plain left-to-right sum (pairwise from 8 values on)', () => {
    const xs = Float64Array.from([1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16]);
    expect(xs.reduce((a, b) => a + b, 0)).toBe(0);
    expect(numpySum(xs)).toBe(8);
  });
});

describe("moments as pandas computes them (Series.mean, Series.std, numpy's path)", () => {
  const within = golden.filter((g) => g.n <= MOMENTS_BUFFER_LIMIT);

  it('covers columns up to the buffer limit, with and without missing values', () => {
    expect(within.length).toBe(golden.length);
    expect(within.some((g) => g.n === MOMENTS_BUFFER_LIMIT)).toBe(true);
    expect(within.filter((g) => g.nullEvery > 0).length).toBeGreaterThan(4);
  });

  it.each(within.map((g) => [label(g), g] as const))('match pandas bit for bit (%s)', (_, g) => {
    const t = new Table({ x: vectorFromArray(draw(g), new Float64()) });
    const m = runWhole(momentsMetric('x', MOMENTS_BUFFER_LIMIT), t);
    expect(m.mean).toBe(g.mean);
    expect(m.stdev).toBe(g.std);
  });

  it('match pandas bit for bit however the rows are split and the states merged', () => {
    const small = within.filter((g) => g.n <= 1000);
    fc.assert(
      fc.property(fc.constantFrom(...small), arbSplit, (g, { cuts, picks }) => {
        const t = new Table({ x: vectorFromArray(draw(g), new Float64()) });
        const m = runSplit(momentsMetric('x', MOMENTS_BUFFER_LIMIT), t, cuts, picks);
        expect(m.mean).toBe(g.mean);
        expect(m.stdev).toBe(g.std);
      }),
      { numRuns: 200 },
    );
  });

  it('keep the missing rows in place: where the nulls fall changes the last bits as in pandas', () => {
    const withNulls = within.filter((g) => g.nullEvery > 0 && g.n >= 16);
    let moved = 0;
    for (const g of withNulls) {
      const values = draw(g);
      const compacted = values.filter((x) => x !== null);
      const t = new Table({ x: vectorFromArray(compacted, new Float64()) });
      const m = runWhole(momentsMetric('x', MOMENTS_BUFFER_LIMIT), t);
      if (m.stdev !== g.std || m.mean !== g.mean) moved++;
    }
    // the same values without their nulls sum in other pairs for some of the columns
    expect(moved).toBeGreaterThan(0);
  });
});
