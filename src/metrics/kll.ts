/**
 * A mergeable quantile sketch with a certified rank-error bound: the compactor hierarchy of Karnin, Lang
 * and Liberty, "Optimal Quantile Approximation in Streams" (FOCS 2016, arXiv:1603.05346), in the
 * configuration with one capacity k at every level (their Section 3, the Manku-Rajagopalan-Lindsay
 * layout, "Approximate medians and other quantiles in one pass and with limited memory", SIGMOD 1998).
 *
 * Level h holds items of weight 2^h. When a level holds k items or more it is compacted: sorted, and
 * every other item (starting at a coin-flipped offset) moves up one level with twice the weight, the
 * others are dropped (an odd item out stays). For any value x, a compaction at level h changes the
 * sketch's count of items <= x by at most 2^h, whichever offset the coin picks; so the sum of 2^h over
 * all compactions (`err`) bounds the rank error of every answer, for every input and every merge tree.
 * The seeded coin only makes the errors cancel on average (the KLL analysis), keeping runs reproducible.
 *
 * Worst case: level h consumes at least k - 1 items of weight 2^h per compaction and at most n weight
 * in all, so it adds at most n / (k - 1); only levels with (k - 1) 2^h <= n compact, so
 * err / n <= (log2(n / (k - 1)) + 1) / (k - 1) < 54 / (k - 1) for any n below 2^53 (see capacityFor).
 * Memory: k doubles per level, about log2(n / k) + 1 levels.
 */

/** Sketch state (plain data, structured-cloneable so workers can ship it). */
export interface KllState {
  /** Capacity of every level (even, at least 2). */
  k: number;
  /** Values added. */
  n: number;
  /** Certified bound on the absolute rank error: the sum of the weights of all compactions so far. */
  err: number;
  /** xorshift32 state of the offset coin (never 0). */
  rng: number;
  /** Level 0 (weight 1), filled up to bufLen. */
  buf: Float64Array;
  bufLen: number;
  /** up[i] holds level i + 1 (weight 2^(i+1)), unsorted. */
  up: Float64Array[];
  /** Exact extremes (the 0 and 1 quantiles are answered exactly). */
  min: number;
  max: number;
}

const DEFAULT_SEED = 0x2545f491;

/** A sketch of capacity k per level (rounded up to an even number, at least 2), its coin seeded. */
export function kllInit(k: number, seed = DEFAULT_SEED): KllState {
  const cap = Math.max(2, Math.ceil(k / 2) * 2);
  return {
    k: cap,
    n: 0,
    err: 0,
    rng: seed >>> 0 || DEFAULT_SEED,
    buf: new Float64Array(cap),
    bufLen: 0,
    up: [],
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
  };
}

/** The level capacity that keeps the normalized rank error below epsilon for any count below 2^53. */
export function capacityFor(epsilon: number): number {
  if (!(epsilon > 0)) throw new RangeError(`relative error must be above 0, got ${epsilon}`);
  return Math.ceil(54 / epsilon) + 1;
}

/** Marsaglia's xorshift32 ("Xorshift RNGs", J. Stat. Software 8(14), 2003): one step. */
function xorshift(x: number): number {
  let y = x ^ (x << 13);
  y ^= y >>> 17;
  y ^= y << 5;
  return y >>> 0;
}

function coin(s: KllState): number {
  s.rng = xorshift(s.rng);
  return s.rng & 1;
}

/**
 * Compacts sorted items of level h: every other item from a random offset moves to level h + 1; with
 * an odd count the largest item stays behind. Returns what stays.
 */
function compact(s: KllState, sorted: Float64Array, h: number): Float64Array {
  const even = sorted.length & ~1;
  const survivors = new Float64Array(even >> 1);
  for (let i = coin(s), j = 0; i < even; i += 2) survivors[j++] = sorted[i] as number;
  s.err += 2 ** h;
  carry(s, h + 1, survivors);
  return sorted.slice(even);
}

/** Adds items to level h >= 1, compacting when it reaches capacity. */
function carry(s: KllState, h: number, items: Float64Array): void {
  if (items.length === 0) return;
  while (s.up.length < h - 1) s.up.push(new Float64Array(0));
  const have = s.up[h - 1];
  let level = items;
  if (have?.length) {
    level = new Float64Array(have.length + items.length);
    level.set(have);
    level.set(items, have.length);
  }
  s.up[h - 1] = level.length >= s.k ? compact(s, level.sort(), h) : level;
}

/** Level 0 is full: compact it (k is even, so nothing stays). */
function flush(s: KllState): void {
  compact(s, s.buf.subarray(0, s.bufLen).sort(), 0);
  s.bufLen = 0;
}

/**
 * Adds `len` values to the sketch; rows with valid[i] === 0 are skipped (valid null: all present).
 * The caller leaves NaN out (it is a missing value).
 */
export function kllAdd(s: KllState, values: ArrayLike<number>, valid: Uint8Array | null, len: number): void {
  const { buf, k } = s;
  let at = s.bufLen;
  let n = 0;
  let lo = s.min;
  let hi = s.max;
  for (let i = 0; i < len; i++) {
    if (valid && !valid[i]) continue;
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    buf[at++] = v;
    n++;
    if (at === k) {
      s.bufLen = at;
      flush(s);
      at = 0;
    }
  }
  s.bufLen = at;
  s.n += n;
  s.min = lo;
  s.max = hi;
}

/** Merges b into a (same capacity); a is reused, b is only read. */
export function kllMerge(a: KllState, b: KllState): KllState {
  if (a.k !== b.k) throw new Error(`cannot merge sketches of capacities ${a.k} and ${b.k}`);
  a.rng = xorshift((a.rng ^ Math.imul(b.rng, 0x9e3779b1)) >>> 0 || DEFAULT_SEED);
  const n = a.n;
  const lo = a.min;
  const hi = a.max;
  kllAdd(a, b.buf, null, b.bufLen);
  b.up.forEach((items, i) => {
    carry(a, i + 1, items);
  });
  a.n = n + b.n;
  a.err += b.err;
  a.min = Math.min(lo, b.min);
  a.max = Math.max(hi, b.max);
  return a;
}

/** The sketch's items in ascending order, with their weights. */
function weighted(s: KllState): { values: Float64Array; weights: Float64Array } {
  const size = s.bufLen + s.up.reduce((m, l) => m + l.length, 0);
  const vals = new Float64Array(size);
  const wts = new Float64Array(size);
  vals.set(s.buf.subarray(0, s.bufLen));
  wts.fill(1, 0, s.bufLen);
  let at = s.bufLen;
  s.up.forEach((l, i) => {
    vals.set(l, at);
    wts.fill(2 ** (i + 1), at, at + l.length);
    at += l.length;
  });
  const order = new Uint32Array(size)
    .map((_, i) => i)
    .sort((x, y) => (vals[x] as number) - (vals[y] as number));
  return {
    values: Float64Array.from(order, (i) => vals[i] as number),
    weights: Float64Array.from(order, (i) => wts[i] as number),
  };
}

/** numpy's round half to even, for the 'nearest' index. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The q-quantiles (0 <= q <= 1) as the value at position round((n - 1) q) of the sorted values (numpy's
 * 'nearest'), answered from the sketch: each answer is the value at some position within `err` of that
 * one (err = kllRankErrorBound * n). The 0 and 1 quantiles are the exact minimum and maximum. Null
 * entries when the sketch is empty.
 */
export function kllQuantiles(s: KllState, qs: readonly number[]): (number | null)[] {
  if (s.n === 0) return qs.map(() => null);
  const { values, weights } = weighted(s);
  return qs.map((q) => {
    if (q <= 0) return s.min;
    if (q >= 1) return s.max;
    // the smallest item whose estimated count of items <= it reaches the target position (1-based)
    const target = roundHalfEven((s.n - 1) * q) + 1;
    let cum = 0;
    for (let i = 0; i < values.length; i++) {
      cum += weights[i] as number;
      if (cum >= target) return values[i] as number;
    }
    return s.max;
  });
}

/** The certified bound on the normalized rank error of every answer (0 while nothing was compacted). */
export function kllRankErrorBound(s: KllState): number {
  return s.n === 0 ? 0 : s.err / s.n;
}
