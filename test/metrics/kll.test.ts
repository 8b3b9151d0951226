import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capacityFor,
  type KllState,
  kllAdd,
  kllInit,
  kllMerge,
  kllQuantiles,
  kllRankErrorBound,
} from '../../src/metrics/kll.js';
import { quantile } from '../../src/metrics/quantiles.js';

const QS = [0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.99, 1];

function sketchOf(xs: readonly number[], k: number): KllState {
  const s = kllInit(k);
  kllAdd(s, Float64Array.from(xs), null, xs.length);
  return s;
}

/** The sum of the sketch's item weights: compaction keeps it equal to the count. */
function totalWeight(s: KllState): number {
  return s.bufLen + s.up.reduce((m, level, i) => m + level.length * 2 ** (i + 1), 0);
}

/**
 * The sketch's certified promise: each answer is the exact value at some position within `err` of the
 * requested position round((n - 1) q) (0-based), i.e. the answer's run of equal values in the sorted
 * data reaches to within err of that position.
 */
function expectWithinBound(s: KllState, xs: readonly number[]): void {
  const sorted = Float64Array.from(xs).sort();
  kllQuantiles(s, QS).forEach((y, i) => {
    const q = QS[i] as number;
    const target = roundHalfEven((sorted.length - 1) * q);
    const lo = sorted.indexOf(y as number);
    const hi = sorted.lastIndexOf(y as number);
    expect(lo, `answer ${y} for q=${q} is a data value`).toBeGreaterThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(target - s.err);
    expect(lo).toBeLessThanOrEqual(target + s.err);
  });
}

/** numpy's rounding of the 'nearest' position. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The worst case of the analysis: err <= n / (k - 1) per compacting level. */
function worstCase(n: number, k: number): number {
  if (n < k) return 0;
  return (n / (k - 1)) * (Math.floor(Math.log2(n / (k - 1))) + 1);
}

const arbValues = fc.array(
  fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  { minLength: 1, maxLength: 3000 },
);

describe('kll sketch', () => {
  it('is exact while nothing was compacted', () => {
    const xs = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10];
    const s = sketchOf(xs, 16);
    expect(s.err).toBe(0);
    expect(kllRankErrorBound(s)).toBe(0);
    const sorted = Float64Array.from(xs).sort();
    expect(kllQuantiles(s, QS)).toEqual(QS.map((q) => quantile(sorted, q, 'nearest')));
    expect(kllQuantiles(kllInit(16), [0, 0.5, 1])).toEqual([null, null, null]);
  });

  it('compacts by hand: capacity 4, values 1..8', () => {
    const s = sketchOf([1, 2, 3, 4, 5, 6, 7, 8], 4);
    // level 0 compacted twice (weight 1 each), then level 1 once it held 4 items (weight 2): err 1 + 1 + 2
    expect(s.err).toBe(4);
    expect(s.bufLen).toBe(0);
    expect(s.up.map((l) => l.length)).toEqual([0, 2]);
    expect(totalWeight(s)).toBe(8);
    expect([s.min, s.max, s.n]).toEqual([1, 8, 8]);
    expect(kllRankErrorBound(s)).toBe(0.5);
    expect(kllQuantiles(s, [0, 1])).toEqual([1, 8]);
  });

  it('rounds the capacity up to an even number', () => {
    expect(kllInit(7).k).toBe(8);
    expect(kllInit(1).k).toBe(2);
  });

  it('keeps every answer within its certified rank error, which stays within the worst case', () => {
    fc.assert(
      fc.property(arbValues, fc.constantFrom(2, 4, 8, 10, 32, 100), (xs, k) => {
        const s = sketchOf(xs, k);
        expect(s.n).toBe(xs.length);
        expect(totalWeight(s)).toBe(xs.length);
        expect(s.err).toBeLessThanOrEqual(worstCase(xs.length, s.k));
        expectWithinBound(s, xs);
      }),
      { numRuns: 150 },
    );
  });

  it('stays within the bound when sketches merge in any grouping', () => {
    fc.assert(
      fc.property(
        arbValues,
        fc.constantFrom(4, 8, 32),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 12 }),
        fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 16 }),
        (xs, k, cuts, picks) => {
          const bounds = [
            0,
            ...[...new Set(cuts)].filter((c) => c > 0 && c < xs.length).sort((a, b) => a - b),
          ];
          bounds.push(xs.length);
          const states = bounds
            .slice(1)
            .map((end, i) => structuredClone(sketchOf(xs.slice(bounds[i], end), k)));
          let p = 0;
          while (states.length > 1) {
            const a = states.splice((picks[p++ % picks.length] as number) % states.length, 1)[0] as KllState;
            const b = states.splice((picks[p++ % picks.length] as number) % states.length, 1)[0] as KllState;
            states.push(kllMerge(a, b));
          }
          const s = states[0] as KllState;
          expect([s.n, s.min, s.max]).toEqual([xs.length, Math.min(...xs), Math.max(...xs)]);
          expect(totalWeight(s)).toBe(xs.length);
          expect(s.err).toBeLessThanOrEqual(worstCase(xs.length, s.k));
          expectWithinBound(s, xs);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is reproducible: the same values in the same order give the same answers', () => {
    const xs = Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1000);
    const a = sketchOf(xs, 16);
    const b = sketchOf(xs, 16);
    expect(kllQuantiles(a, QS)).toEqual(kllQuantiles(b, QS));
    expect(a.err).toBe(b.err);
    expect(a.err).toBeGreaterThan(0);
  });

  it('errs far less than its worst case on typical data (the coin makes errors cancel)', () => {
    const xs = Array.from({ length: 20000 }, (_, i) => (i * 7919) % 20000);
    const s = sketchOf(xs, 64);
    const sorted = Float64Array.from(xs).sort();
    const actual = Math.max(
      ...kllQuantiles(s, QS).map((y, i) =>
        Math.abs((y as number) - (quantile(sorted, QS[i] as number, 'nearest') as number)),
      ),
    );
    // values are the positions themselves here, so value error is rank error
    expect(actual).toBeLessThanOrEqual(s.err);
    expect(actual).toBeLessThan(s.err / 4);
  });

  it('refuses to merge sketches of different capacities', () => {
    expect(() => kllMerge(kllInit(8), kllInit(16))).toThrow(/capacities 8 and 16/);
  });

  it('sizes the capacity so the worst case stays below the requested error for any count below 2^53', () => {
    for (const eps of [0.5, 0.05, 0.01, 0.001]) {
      const k = kllInit(capacityFor(eps)).k;
      for (const n of [k, 1e6, 1e9, 2 ** 40, 2 ** 53 - 1])
        expect(worstCase(n, k) / n).toBeLessThanOrEqual(eps);
    }
    expect(capacityFor(0.001)).toBe(54001);
    expect(() => capacityFor(0)).toThrow(RangeError);
  });
});
