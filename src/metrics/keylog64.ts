/**
 * A log of 64-bit keys (as their two int32 halves) with the row of each, split into partitions by the
 * top bits of the key's hash, that tells which keys occur more than once. Keys are appended to their
 * partition as rows come, grouped by partition per batch so that each partition takes a sequential run,
 * and a partition is deduplicated ("compacted") in place once enough keys were appended, with a scratch
 * hash table small enough for the caches. One big table would cost a miss to memory per key once it
 * outgrows them (measured here: 190-240 ns per value at 10M values, against 110-150 this way).
 *
 * After a compaction a partition's entries [0, compacted) are distinct keys, each with its lowest row and
 * a flag set when the key was seen again; entries past them are appended keys not yet compared. Entries
 * live in segments that are not copied to grow (a partition's segments grow from 256 to 4096 entries as
 * its compactions find it larger, so that small logs stay small); an entry takes 13 bytes (key 8, row 4,
 * flag 1), so the log holds about 14 bytes per distinct value for unique data. A partition that finds
 * repeats is compacted when half as many keys as it holds were appended, one that finds few when four
 * times as many were. Rows are uint32 until a row number reaches 2^32, then float64. All state is plain
 * objects and typed arrays, so that it structured-clones between threads.
 */
import { hash64, Lowest } from './hash64.js';

/** One partition: entries in segments of 2^bits (entry e at segment e >>> bits, offset e & (2^bits - 1)). */
export interface LogPart {
  bits: number;
  /** Key halves: entry at offset o of a segment at [2o] (lo) and [2o + 1] (hi). */
  keys: Int32Array[];
  rows: (Uint32Array | Float64Array)[];
  /** 1 when a compacted entry's key occurs more than once. */
  flags: Uint8Array[];
  /** Entries held. */
  n: number;
  /** Entries [0, compacted) are distinct keys. */
  compacted: number;
  /** Appended entries at which the next compaction is due. */
  due: number;
}

/** The partitioned key log. */
export interface KeyLog64 {
  /** A partition per value of the hash's top bits (null until its first key). */
  parts: (LogPart | null)[];
  /** 32 minus those bits: a key's partition is hash >>> shift. */
  shift: number;
  /** Appended keys a partition holds before it is first compacted. */
  minCompact: number;
  segmentBits: number;
  maxSegmentBits: number;
  /** True once rows are float64 (a row number reached 2^32). */
  wideRows: boolean;
}

/**
 * Shape of a log: partitions (as hash bits, 1 to 16), entries per segment (as bits) and the appended
 * entries of a partition's first compaction (checked as segments fill).
 */
export interface KeyLogShape {
  partBits: number;
  /** A partition's first segments; they grow (up to maxSegmentBits) as its compactions find it larger. */
  segmentBits: number;
  maxSegmentBits: number;
  minCompact: number;
}

/**
 * Enough partitions that one of 10M distinct keys nearly fits the caches when compacted (1024 measured
 * slower: the appends spread over too many runs), and segments growing to a size whose allocations cost
 * little (1024-entry ones took a tenth of the time in garbage collection).
 */
const SHAPE: KeyLogShape = { partBits: 9, segmentBits: 8, maxSegmentBits: 12, minCompact: 4096 };
const UINT32_ROWS = 2 ** 32;

/** An empty log (`shape` for tests: small logs that compact and merge often). */
export function keyLog64(shape: KeyLogShape = SHAPE): KeyLog64 {
  const { partBits, minCompact, segmentBits, maxSegmentBits } = shape;
  return {
    parts: new Array<LogPart | null>(1 << partBits).fill(null),
    shift: 32 - partBits,
    minCompact,
    segmentBits,
    maxSegmentBits,
    wideRows: false,
  };
}

function newPart(log: KeyLog64): LogPart {
  return { bits: log.segmentBits, keys: [], rows: [], flags: [], n: 0, compacted: 0, due: log.minCompact };
}

/** Adds an empty segment to a partition. */
function addSegment(p: LogPart, wide: boolean): void {
  // one buffer for the three arrays: allocating buffers, not filling them, was most of the cost
  const size = 1 << p.bits;
  const rowBytes = wide ? 8 : 4;
  const buffer = new ArrayBuffer((8 + rowBytes + 1) * size);
  p.keys.push(new Int32Array(buffer, 0, 2 * size));
  p.rows.push(wide ? new Float64Array(buffer, 8 * size, size) : new Uint32Array(buffer, 8 * size, size));
  p.flags.push(new Uint8Array(buffer, (8 + rowBytes) * size, size));
}

/** Makes rows float64 before a row number of 2^32 or more is logged. */
function widenRows(log: KeyLog64): void {
  if (log.wideRows) return;
  log.wideRows = true;
  for (const p of log.parts) if (p) p.rows = p.rows.map((r) => Float64Array.from(r));
}

/**
 * Where repeats go: a compaction that meets a key again calls it with the later of the two rows (the
 * lower stays the key's first row), so that the caller counts it and keeps the lowest.
 */
export type OnRepeat = (row: number, lo: number, hi: number) => void;

let scratchPart = new Uint16Array(0);
let scratchOrder = new Int32Array(0);
let scratchStarts = new Int32Array(0);

/**
 * Appends rows [0, n) of a column's keys (`keys` as int32 halves, `valid` 0 where a row is missing),
 * row i numbered `row0 + i`, or `row0 + kept[i]` when given; compacts a partition when it is due.
 */
export function appendKeys(
  log: KeyLog64,
  keys: Int32Array,
  valid: Uint8Array | null,
  n: number,
  row0: number,
  kept: Uint32Array | null,
  onRepeat: OnRepeat,
): void {
  if (n > 0 && !log.wideRows && row0 + (kept ? (kept[n - 1] as number) : n - 1) >= UINT32_ROWS)
    widenRows(log);
  const wide = log.wideRows;
  // group the rows by partition first (a counting sort of their positions), so that each partition
  // then takes its run in one sequential write instead of rows landing on a thousand tails in turn
  if (scratchPart.length < n) {
    scratchPart = new Uint16Array(n);
    scratchOrder = new Int32Array(n);
  }
  const parts = log.parts.length;
  const shift = log.shift;
  if (scratchStarts.length < parts + 1) scratchStarts = new Int32Array(parts + 1);
  const part = scratchPart;
  const order = scratchOrder;
  const starts = scratchStarts.fill(0);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      part[i] = parts;
      continue;
    }
    const k = hash64(keys[2 * i] as number, keys[2 * i + 1] as number) >>> shift;
    part[i] = k;
    starts[k + 1] = (starts[k + 1] as number) + 1;
  }
  for (let k = 0; k < parts; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  // the run starts double as write cursors, and end at the runs' ends
  for (let i = 0; i < n; i++) {
    const k = part[i] as number;
    if (k === parts) continue;
    const j = starts[k] as number;
    starts[k] = j + 1;
    order[j] = i;
  }
  for (let k = 0, from = 0; k < parts; k++) {
    const to = starts[k] as number;
    if (from === to) continue;
    let p = log.parts[k];
    if (!p) {
      p = newPart(log);
      log.parts[k] = p;
    }
    while (from < to) {
      // (a compaction may change the segment size)
      let bits = p.bits;
      let size = 1 << bits;
      let off = p.n & (size - 1);
      if (off === 0 && p.n >>> bits === p.keys.length) {
        if (p.n - p.compacted >= p.due) compactDue(p, log, onRepeat);
        bits = p.bits;
        size = 1 << bits;
        off = p.n & (size - 1);
        if (off === 0 && p.n >>> bits === p.keys.length) addSegment(p, wide);
      }
      const seg = p.n >>> bits;
      const take = Math.min(to - from, size - off);
      const pk = p.keys[seg] as Int32Array;
      const pr = p.rows[seg] as Uint32Array | Float64Array;
      for (let j = from; j < from + take; j++, off++) {
        const i = order[j] as number;
        pk[2 * off] = keys[2 * i] as number;
        pk[2 * off + 1] = keys[2 * i + 1] as number;
        pr[off] = row0 + (kept === null ? i : (kept[i] as number));
      }
      p.n += take;
      from += take;
    }
  }
}

/**
 * Compacts a partition whose compaction is due, and sets when the next one is: sooner (when half as
 * many keys as it holds were appended) after one that found many repeats, to keep memory near the
 * distinct count; later (twice as many) after one that found few, as compacting distinct keys frees
 * nothing.
 */
function compactDue(p: LogPart, log: KeyLog64, onRepeat: OnRepeat): void {
  const before = p.compacted;
  const appended = p.n - before;
  compact(p, onRepeat);
  const repeats = appended - (p.compacted - before);
  p.due = Math.max(log.minCompact, repeats * 4 >= appended ? p.compacted >> 1 : 4 * p.compacted);
  // segments of about a quarter of the partition: few allocations, and little room left unused
  let bits = p.bits;
  while (bits < log.maxSegmentBits && 4 << bits < p.n) bits++;
  if (bits > p.bits) resegment(p, bits, log.wideRows);
}

/** Moves a partition's entries to segments of 2^bits entries (more than its present ones). */
function resegment(p: LogPart, bits: number, wide: boolean): void {
  const { keys, rows, flags, n } = p;
  const size = 1 << p.bits;
  p.keys = [];
  p.rows = [];
  p.flags = [];
  p.bits = bits;
  for (let at = 0; at < n; at += 1 << bits) addSegment(p, wide);
  // an old segment lies within one new one, as the sizes are powers of two
  for (let j = 0; j * size < n; j++) {
    const first = j * size;
    const count = Math.min(size, n - first);
    const seg = first >>> bits;
    const off = first & ((1 << bits) - 1);
    (p.keys[seg] as Int32Array).set((keys[j] as Int32Array).subarray(0, 2 * count), 2 * off);
    (p.rows[seg] as Uint32Array | Float64Array).set(
      (rows[j] as Uint32Array | Float64Array).subarray(0, count),
      off,
    );
    (p.flags[seg] as Uint8Array).set((flags[j] as Uint8Array).subarray(0, count), off);
  }
}

/** Scratch hash table of the compactions in this thread: entry index + 1 per slot, 0 when empty. */
let index = new Int32Array(1 << 12);

/**
 * Deduplicates a partition in place: every entry past the compacted ones either joins the distinct
 * entries or, when its key is among them, flags that entry (keeping the lower row) and is reported to
 * `onRepeat` with the higher one. Distinct entries keep their order; emptied segments are dropped.
 */
export function compact(p: LogPart, onRepeat: OnRepeat): void {
  if (p.compacted === p.n) return;
  let slots = 1 << 12;
  while (slots < 2 * p.n) slots *= 2;
  if (index.length < slots) index = new Int32Array(slots);
  else index.fill(0, 0, slots);
  const mask = slots - 1;
  const { keys, rows, flags, bits } = p;
  const segMask = (1 << bits) - 1;
  for (let e = 0; e < p.compacted; e++) {
    const ks = keys[e >>> bits] as Int32Array;
    const o = e & segMask;
    let s = hash64(ks[2 * o] as number, ks[2 * o + 1] as number) & mask;
    while (index[s] !== 0) s = (s + 1) & mask;
    index[s] = e + 1;
  }
  let w = p.compacted;
  for (let e = p.compacted; e < p.n; e++) {
    const ks = keys[e >>> bits] as Int32Array;
    const o = e & segMask;
    const lo = ks[2 * o] as number;
    const hi = ks[2 * o + 1] as number;
    let s = hash64(lo, hi) & mask;
    let found = -1;
    for (;;) {
      const f = (index[s] as number) - 1;
      if (f < 0) break;
      const fk = keys[f >>> bits] as Int32Array;
      const fo = f & segMask;
      if (fk[2 * fo] === lo && fk[2 * fo + 1] === hi) {
        found = f;
        break;
      }
      s = (s + 1) & mask;
    }
    const row = (rows[e >>> bits] as Uint32Array | Float64Array)[o] as number;
    if (found < 0) {
      const wk = keys[w >>> bits] as Int32Array;
      const wo = w & segMask;
      wk[2 * wo] = lo;
      wk[2 * wo + 1] = hi;
      (rows[w >>> bits] as Uint32Array | Float64Array)[wo] = row;
      (flags[w >>> bits] as Uint8Array)[wo] = (flags[e >>> bits] as Uint8Array)[o] as number;
      index[s] = w + 1;
      w++;
      continue;
    }
    // an entry merged in from another log may carry its own flag (its key repeated there)
    const fr = rows[found >>> bits] as Uint32Array | Float64Array;
    const fo = found & segMask;
    (flags[found >>> bits] as Uint8Array)[fo] = 1;
    const held = fr[fo] as number;
    if (row < held) fr[fo] = row;
    onRepeat(Math.max(row, held), lo, hi);
  }
  p.n = w;
  p.compacted = w;
  const used = (w + segMask) >>> bits;
  keys.length = used;
  rows.length = used;
  flags.length = used;
}

/** Compacts every partition (see compact). */
export function compactAll(log: KeyLog64, onRepeat: OnRepeat): void {
  for (const p of log.parts) if (p) compact(p, onRepeat);
}

/**
 * Moves every key of `from` into `into` (both compacted first), where keys held by both become
 * repeated; `from` is left empty.
 */
export function mergeLogs(into: KeyLog64, from: KeyLog64, onRepeat: OnRepeat): void {
  if (from.wideRows) widenRows(into);
  if (into.wideRows) widenRows(from);
  compactAll(into, onRepeat);
  compactAll(from, onRepeat);
  from.parts.forEach((q, k) => {
    if (!q || q.n === 0) return;
    let p = into.parts[k];
    if (!p) {
      p = newPart(into);
      into.parts[k] = p;
    }
    const bits = p.bits;
    const segMask = (1 << bits) - 1;
    // the two partitions' segments may differ in size
    const qBits = q.bits;
    const qMask = (1 << qBits) - 1;
    for (let e = 0; e < q.n; e++) {
      const off = p.n & segMask;
      if (off === 0 && p.n >>> bits === p.keys.length) addSegment(p, into.wideRows);
      const seg = p.n >>> bits;
      const qs = e >>> qBits;
      const qo = e & qMask;
      const qk = q.keys[qs] as Int32Array;
      const pk = p.keys[seg] as Int32Array;
      pk[2 * off] = qk[2 * qo] as number;
      pk[2 * off + 1] = qk[2 * qo + 1] as number;
      (p.rows[seg] as Uint32Array | Float64Array)[off] = (q.rows[qs] as Uint32Array | Float64Array)[
        qo
      ] as number;
      (p.flags[seg] as Uint8Array)[off] = (q.flags[qs] as Uint8Array)[qo] as number;
      p.n++;
    }
    compact(p, onRepeat);
    from.parts[k] = null;
  });
}

/**
 * How many distinct keys of a compacted log are flagged as repeated, and the `limit` of them with the
 * lowest rows, ascending: [row, lo, hi].
 */
export function repeatedKeys(
  log: KeyLog64,
  limit: number,
): { count: number; lowest: [row: number, lo: number, hi: number][] } {
  const lowest = new Lowest(limit);
  let count = 0;
  for (const p of log.parts) {
    if (!p) continue;
    const bits = p.bits;
    const segMask = (1 << bits) - 1;
    for (let e = 0; e < p.compacted; e++) {
      const seg = e >>> bits;
      const o = e & segMask;
      if ((p.flags[seg] as Uint8Array)[o] === 0) continue;
      count++;
      const row = (p.rows[seg] as Uint32Array | Float64Array)[o] as number;
      if (limit === 0 || !lowest.wants(row)) continue;
      const ks = p.keys[seg] as Int32Array;
      lowest.offer(row, ks[2 * o] as number, ks[2 * o + 1] as number);
    }
  }
  return { count, lowest: lowest.sorted() };
}
