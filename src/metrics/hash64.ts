/**
 * An open-addressing hash table (linear probing) keyed by raw 64-bit values given as their two int32
 * halves, with one signed tag per key: no BigInt, no JS object and no boxed number per key, and plain
 * typed arrays, so that states holding it structured-clone between threads.
 *
 * A slot's key and tag sit side by side, so that a probe costs one cache miss, which dominates once the
 * table outgrows the caches. Narrow slots are 12 bytes (lo, hi, tag as int32); a tag beyond int32 turns
 * the table wide: 16-byte slots (lo, hi, tag as float64). At a load between 3/8 and 3/4 that is 16 to 32
 * bytes per key in the narrow layout (20 at 10M keys).
 */
export interface Table64 {
  /** The slots as int32: [lo, hi, tag] narrow, [lo, hi, tag (2 words)] wide. */
  data: Int32Array;
  /** The wide layout's float64 view of `data` (tag of slot s at 2s + 1); null while narrow. */
  wide: Float64Array | null;
  /** Number of slots (a power of two). */
  slots: number;
  /** Keys held. */
  size: number;
}

const INT32_MAX = 0x7fffffff;

/** An empty table with room for about `expected` keys. */
export function table64(expected = 0): Table64 {
  let slots = 64;
  while (slots * 3 < expected * 4) slots *= 2;
  return { data: new Int32Array(3 * slots), wide: null, slots, size: 0 };
}

/** A well-mixed 32-bit hash of a 64-bit key (Wellons' lowbias32 over the folded halves). */
export function hash64(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi ^ (hi >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}

/** The slot holding the key, or ~slot of the empty slot where it would go (always negative). */
export function find64(t: Table64, lo: number, hi: number, hash: number = hash64(lo, hi)): number {
  if (t.wide) return findWide(t, t.wide, lo, hi, hash);
  const d = t.data;
  const mask = t.slots - 1;
  let s = hash & mask;
  for (;;) {
    const b = 3 * s;
    if (d[b + 2] === 0) return ~s;
    if (d[b] === lo && d[b + 1] === hi) return s;
    s = (s + 1) & mask;
  }
}

function findWide(t: Table64, w: Float64Array, lo: number, hi: number, hash: number): number {
  const d = t.data;
  const mask = t.slots - 1;
  let s = hash & mask;
  for (;;) {
    if (w[2 * s + 1] === 0) return ~s;
    if (d[4 * s] === lo && d[4 * s + 1] === hi) return s;
    s = (s + 1) & mask;
  }
}

/**
 * Loads the word of the slot where a probe for this hash starts and returns it: done for a group of keys
 * before any of them is probed, so that their cache misses overlap instead of coming one after another.
 */
export function peek64(t: Table64, hash: number): number {
  return t.data[(t.wide ? 4 : 3) * (hash & (t.slots - 1))] as number;
}

/** The tag of a slot (0 when it is empty). */
export function tag64(t: Table64, slot: number): number {
  return t.wide ? (t.wide[2 * slot + 1] as number) : (t.data[3 * slot + 2] as number);
}

/** The low half of the key in an occupied slot. */
export function keyLo64(t: Table64, slot: number): number {
  return t.data[(t.wide ? 4 : 3) * slot] as number;
}

/** The high half of the key in an occupied slot. */
export function keyHi64(t: Table64, slot: number): number {
  return t.data[(t.wide ? 4 : 3) * slot + 1] as number;
}

function fitsNarrow(tag: number): boolean {
  return tag <= INT32_MAX && tag >= -INT32_MAX;
}

/** Sets the tag of an occupied slot (a non-zero number; a tag beyond int32 makes the table wide). */
export function setTag64(t: Table64, slot: number, tag: number): void {
  if (!t.wide && !fitsNarrow(tag)) {
    // the rehash may move keys within their probe runs: find this one again
    const lo = keyLo64(t, slot);
    const hi = keyHi64(t, slot);
    rebuild(t, t.slots, true);
    slot = find64(t, lo, hi);
  }
  if (t.wide) t.wide[2 * slot + 1] = tag;
  else t.data[3 * slot + 2] = tag;
}

/**
 * Puts a key that find64 did not find into the empty slot it returned (`free` = its result) with a
 * non-zero tag, growing the table when it passes 3/4 full.
 */
export function insert64(t: Table64, free: number, lo: number, hi: number, tag: number): void {
  let s = ~free;
  if (!t.wide && !fitsNarrow(tag)) {
    rebuild(t, t.slots, true);
    s = ~find64(t, lo, hi);
  }
  if (t.wide) {
    t.data[4 * s] = lo;
    t.data[4 * s + 1] = hi;
    t.wide[2 * s + 1] = tag;
  } else {
    t.data[3 * s] = lo;
    t.data[3 * s + 1] = hi;
    t.data[3 * s + 2] = tag;
  }
  if (++t.size * 4 > t.slots * 3) rebuild(t, t.slots * 2, t.wide !== null);
}

/**
 * Grows the table so that it holds `keys` keys without growing again, and has at least `slots` slots.
 * Merging one table into another by iterating its slots feeds keys in hash order: into a table with fewer
 * slots they pile up in long probe runs (quadratic time), so a merge reserves the source's slot count first.
 */
export function reserve64(t: Table64, keys: number, slots = 0): void {
  let want = t.slots;
  while (want < slots || want * 3 < keys * 4) want *= 2;
  if (want > t.slots) rebuild(t, want, t.wide !== null);
}

/** Rehashes every key into `slots` slots of the narrow or wide layout. */
function rebuild(t: Table64, slots: number, wide: boolean): void {
  const stride = wide ? 4 : 3;
  const data = new Int32Array(stride * slots);
  const w = wide ? new Float64Array(data.buffer) : null;
  const mask = slots - 1;
  if (!w && !t.wide) {
    // the common growth, narrow to narrow, without the layout checks of the accessors
    const old = t.data;
    for (let b = 0; b < old.length; b += 3) {
      const tag = old[b + 2] as number;
      if (tag === 0) continue;
      const lo = old[b] as number;
      const hi = old[b + 1] as number;
      let s = hash64(lo, hi) & mask;
      while (data[3 * s + 2] !== 0) s = (s + 1) & mask;
      data[3 * s] = lo;
      data[3 * s + 1] = hi;
      data[3 * s + 2] = tag;
    }
    t.data = data;
    t.slots = slots;
    return;
  }
  for (let i = 0; i < t.slots; i++) {
    const tag = tag64(t, i);
    if (tag === 0) continue;
    const lo = keyLo64(t, i);
    const hi = keyHi64(t, i);
    let s = hash64(lo, hi) & mask;
    if (w) {
      while (w[2 * s + 1] !== 0) s = (s + 1) & mask;
      w[2 * s + 1] = tag;
    } else {
      while (data[3 * s + 2] !== 0) s = (s + 1) & mask;
      data[3 * s + 2] = tag;
    }
    data[stride * s] = lo;
    data[stride * s + 1] = hi;
  }
  t.data = data;
  t.wide = w;
  t.slots = slots;
}

/**
 * The `limit` entries with the lowest ranks, kept in a bounded max-heap as they are offered (each with
 * two int32 payload words), so that millions of candidates are looked at once without sorting them.
 */
export class Lowest {
  private readonly rank: Float64Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private n = 0;

  constructor(readonly limit: number) {
    this.rank = new Float64Array(limit);
    this.a = new Int32Array(limit);
    this.b = new Int32Array(limit);
  }

  /** True when an entry of this rank would be kept. */
  wants(r: number): boolean {
    return this.n < this.limit || r < (this.rank[0] as number);
  }

  /** Offers an entry: kept when it ranks among the lowest `limit` so far. */
  offer(r: number, a: number, b: number): void {
    const { rank, limit } = this;
    if (this.n < limit) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((rank[p] as number) >= r) break;
        this.move(p, i);
        i = p;
      }
      this.put(i, r, a, b);
    } else if (limit > 0 && r < (rank[0] as number)) {
      const n = this.n;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && (rank[l + 1] as number) > (rank[l] as number) ? l + 1 : l;
        if ((rank[c] as number) <= r) break;
        this.move(c, i);
        i = c;
      }
      this.put(i, r, a, b);
    }
  }

  /** The kept entries in ascending rank: [rank, a, b]. */
  sorted(): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let i = 0; i < this.n; i++)
      out.push([this.rank[i] as number, this.a[i] as number, this.b[i] as number]);
    return out.sort((x, y) => x[0] - y[0]);
  }

  private move(from: number, to: number): void {
    this.rank[to] = this.rank[from] as number;
    this.a[to] = this.a[from] as number;
    this.b[to] = this.b[from] as number;
  }

  private put(i: number, r: number, a: number, b: number): void {
    this.rank[i] = r;
    this.a[i] = a;
    this.b[i] = b;
  }
}

/**
 * Keys staged for a table split into partitions by the top bits of their hash, and applied in bulk one
 * partition at a time: each partition's table is small enough for the caches and the TLB, where one big
 * table would cost a miss to memory per key. Plain typed arrays, so it structured-clones.
 */
export interface Staged64 {
  parts: Table64[];
  lo: Int32Array;
  hi: Int32Array;
  /** A number per staged key (a row). */
  row: Float64Array;
  count: number;
}

/** Partitions of a staged table (the top PART_BITS bits of the hash pick one). */
export const PART_BITS = 8;
const PARTS = 1 << PART_BITS;
/** Keys staged before they are applied: enough that each partition gets a run of them. */
const STAGE = 1 << 18;

/** An empty staged table. */
export function staged64(): Staged64 {
  return {
    parts: Array.from({ length: PARTS }, () => table64()),
    lo: new Int32Array(STAGE),
    hi: new Int32Array(STAGE),
    row: new Float64Array(STAGE),
    count: 0,
  };
}

/** Stages a key; true when the stage is full and must be drained before the next one. */
export function stage64(t: Staged64, lo: number, hi: number, row: number): boolean {
  const i = t.count++;
  t.lo[i] = lo;
  t.hi[i] = hi;
  t.row[i] = row;
  return t.count === t.lo.length;
}

/** Staged keys grouped by partition (stable: in staging order within each), with their hashes. */
export interface Drained {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly row: Float64Array;
  readonly hash: Int32Array;
  /** Partition p's keys are at [starts[p], starts[p + 1]). */
  readonly starts: Int32Array;
}

let scratch:
  | { lo: Int32Array; hi: Int32Array; row: Float64Array; hash: Int32Array; keyHash: Int32Array }
  | undefined;

/**
 * Takes the staged keys out, grouped by partition by a counting sort; the arrays are scratch space
 * reused by the next drain in this thread, so callers use them before draining again.
 */
export function drain64(t: Staged64): Drained {
  const n = t.count;
  if (!scratch || scratch.lo.length < n) {
    const m = Math.max(n, 1024);
    scratch = {
      lo: new Int32Array(m),
      hi: new Int32Array(m),
      row: new Float64Array(m),
      hash: new Int32Array(m),
      keyHash: new Int32Array(m),
    };
  }
  const { lo, hi, row, hash, keyHash } = scratch;
  const starts = new Int32Array(PARTS + 1);
  const shift = 32 - PART_BITS;
  for (let i = 0; i < n; i++) {
    const h = hash64(t.lo[i] as number, t.hi[i] as number);
    keyHash[i] = h;
    const p = (h >>> shift) + 1;
    starts[p] = (starts[p] as number) + 1;
  }
  for (let p = 0; p < PARTS; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
  const next = starts.slice(0, PARTS);
  for (let i = 0; i < n; i++) {
    const h = keyHash[i] as number;
    const p = h >>> shift;
    const j = next[p] as number;
    next[p] = j + 1;
    lo[j] = t.lo[i] as number;
    hi[j] = t.hi[i] as number;
    row[j] = t.row[i] as number;
    hash[j] = h;
  }
  t.count = 0;
  return { lo, hi, row, hash, starts };
}

/** The partition table of a key's hash. */
export function partOf(t: Staged64, hash: number): Table64 {
  return t.parts[hash >>> (32 - PART_BITS)] as Table64;
}

/**
 * The `limit` occupied slots of these tables with the lowest ranks among those `pick` accepts (rank: a
 * number per tag, e.g. a row), in ascending rank, as [table index, slot].
 */
export function lowestSlots(
  tables: readonly Table64[],
  limit: number,
  pick: (tag: number) => boolean,
  rank: (tag: number) => number,
): [table: number, slot: number][] {
  const lowest = new Lowest(limit);
  tables.forEach((t, k) => {
    for (let s = 0; s < t.slots && limit > 0; s++) {
      const tag = tag64(t, s);
      if (tag !== 0 && pick(tag)) lowest.offer(rank(tag), k, s);
    }
  });
  return lowest.sorted().map(([, k, s]) => [k, s]);
}
