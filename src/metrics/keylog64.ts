/**
 * A log of 64-bit keys (as their two int32 halves) with the row of each, split into partitions by the
 * top bits of the key's hash, that tells which keys occur more than once. Keys are appended to their
 * partition as rows come, grouped by partition per batch (a counting sort into scratch arrays) so that
 * each partition takes a sequential run, and a partition is deduplicated ("compacted") in place once
 * enough keys were appended, with a scratch hash table small enough for the caches. One big table would
 * cost a miss to memory per key once it outgrows them (measured here: 190-240 ns per value at 10M
 * values, against 60-110 this way).
 *
 * After a compaction a partition's entries [0, compacted) are distinct keys, each with its lowest row and
 * a flag set when the key was seen again; entries past them are appended keys not yet compared. Entries
 * live in segments that are never copied to grow: their sizes follow from the entry index alone (see
 * segmentOf), from 256 entries up to 4096 as the partition grows, so that small logs stay small and a
 * partition's last segment, the only one partly empty, lacks at most a quarter of what it holds. An
 * entry takes 13 bytes (key 8, row 4, flag 1), so from about half a million distinct values on a
 * compacted log holds 13 to 16.3 bytes per distinct value (measured: 13.6 for 10M distinct values,
 * 15.7 for 4.3M). The segments a compaction empties are set aside for the log's next appends, so that a
 * log with many repeats does not allocate afresh what it just freed (allocating, not filling, is the cost
 * of new memory); compacting the whole log lets them go. A partition that finds repeats is compacted
 * when half as many keys as it holds were appended, one that finds few when four times as many were.
 * Rows are uint32 until a row number reaches 2^32, then float64. All state is plain objects and typed
 * arrays, so that it structured-clones between threads (the segments set aside are not part of it).
 */
import { hash64, Lowest } from './hash64.js';

/**
 * One partition: entries in segments whose sizes the log's shape gives (see segmentOf); in a segment,
 * entry o has key halves keys[2o] (lo) and keys[2o + 1] (hi), row rows[o] and flag flags[o].
 */
export interface LogPart {
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
  /** At least segmentBits. */
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
  /** The size of a partition's first segments; later ones grow up to maxSegmentBits (see segmentOf). */
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
    maxSegmentBits: Math.max(segmentBits, maxSegmentBits),
    wideRows: false,
  };
}

function newPart(log: KeyLog64): LogPart {
  return { keys: [], rows: [], flags: [], n: 0, compacted: 0, due: log.minCompact };
}

/*
 * Segment sizes, with b0 = segmentBits and bm = maxSegmentBits: entries [0, 2^(b0+2)) lie in four
 * segments of 2^b0, every later doubling [2^L, 2^(L+1)) in four segments of 2^(L-2) until those reach
 * 2^bm, and the rest in segments of 2^bm. So once a partition holds 2^(b0+2) entries, the room left in
 * its last segment is at most a quarter of them (one segment per doubling would leave up to as many).
 */

/** The segment that holds entry e. */
function segmentOf(e: number, b0: number, bm: number): number {
  if (e < 1 << (b0 + 2)) return e >>> b0;
  const top = 31 - Math.clz32(e);
  if (top < bm + 2) return 4 * (top - b0 - 1) + ((e >>> (top - 2)) & 3);
  return 4 * (bm - b0) + (e >>> bm);
}

/** Entry e's offset in its segment (segments start at a multiple of their size). */
function offsetOf(e: number, b0: number, bm: number): number {
  if (e < 1 << (b0 + 2)) return e & ((1 << b0) - 1);
  return e & ((1 << Math.min(29 - Math.clz32(e), bm)) - 1);
}

/** The first entry of segment j. */
function segmentStart(j: number, b0: number, bm: number): number {
  if (j < 4) return j << b0;
  const doubling = j >>> 2;
  if (doubling <= bm - b0) return (1 << (b0 + 1 + doubling)) + (j & 3) * (1 << (b0 + doubling - 1));
  return (1 << (bm + 2)) + (j - 4 * (bm - b0 + 1)) * (1 << bm);
}

/** The entries of segment j, as bits. */
function sizeBits(j: number, b0: number, bm: number): number {
  return j < 4 ? b0 : Math.min(b0 + (j >>> 2) - 1, bm);
}

interface Segment {
  keys: Int32Array;
  rows: Uint32Array | Float64Array;
  flags: Uint8Array;
}

/** Segments a log's compactions emptied, by size (as bits), for its next ones; never cloned with it. */
const spares = new WeakMap<KeyLog64, Segment[][]>();

/** Adds segment j (the next one) to a partition: one set aside when there is, otherwise a new one. */
function addSegment(log: KeyLog64, p: LogPart, j: number): void {
  const bits = sizeBits(j, log.segmentBits, log.maxSegmentBits);
  const spare = spares.get(log)?.[bits]?.pop();
  if (spare) {
    p.keys.push(spare.keys);
    p.rows.push(spare.rows);
    p.flags.push(spare.flags);
    return;
  }
  // one buffer for the three arrays: allocating buffers, not filling them, was most of the cost
  const size = 1 << bits;
  const wide = log.wideRows;
  const rowBytes = wide ? 8 : 4;
  const buffer = new ArrayBuffer((8 + rowBytes + 1) * size);
  p.keys.push(new Int32Array(buffer, 0, 2 * size));
  p.rows.push(wide ? new Float64Array(buffer, 8 * size, size) : new Uint32Array(buffer, 8 * size, size));
  p.flags.push(new Uint8Array(buffer, (8 + rowBytes) * size, size));
}

/** Drops a partition's segments past the first `used`, setting them aside for the log's next ones. */
function dropSegments(log: KeyLog64, p: LogPart, used: number): void {
  if (p.keys.length <= used) return;
  let bySize = spares.get(log);
  if (!bySize) {
    bySize = [];
    spares.set(log, bySize);
  }
  for (let j = used; j < p.keys.length; j++) {
    const bits = sizeBits(j, log.segmentBits, log.maxSegmentBits);
    bySize[bits] ??= [];
    (bySize[bits] as Segment[]).push({
      keys: p.keys[j] as Int32Array,
      rows: p.rows[j] as Uint32Array | Float64Array,
      flags: p.flags[j] as Uint8Array,
    });
  }
  p.keys.length = used;
  p.rows.length = used;
  p.flags.length = used;
}

/** Makes rows float64 before a row number of 2^32 or more is logged. */
function widenRows(log: KeyLog64): void {
  if (log.wideRows) return;
  log.wideRows = true;
  spares.delete(log);
  for (const p of log.parts) if (p) p.rows = p.rows.map((r) => Float64Array.from(r));
}

/**
 * Where repeats go: a compaction that meets a key again calls it with the later of the two rows (the
 * lower stays the key's first row), so that the caller counts it and keeps the lowest.
 */
export type OnRepeat = (row: number, lo: number, hi: number) => void;

let scratchPart = new Uint16Array(0);
let scratchKeys = new Int32Array(0);
let scratchRows = new Uint32Array(0);
let scratchWideRows = new Float64Array(0);
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
  // group the rows by partition first (a counting sort of their keys and rows), so that each partition
  // then takes its run in one sequential copy instead of rows landing on a thousand tails in turn
  if (scratchPart.length < n) {
    scratchPart = new Uint16Array(n);
    scratchKeys = new Int32Array(2 * n);
  }
  let rows: Uint32Array | Float64Array;
  if (log.wideRows) {
    if (scratchWideRows.length < n) scratchWideRows = new Float64Array(n);
    rows = scratchWideRows;
  } else {
    if (scratchRows.length < n) scratchRows = new Uint32Array(n);
    rows = scratchRows;
  }
  const parts = log.parts.length;
  const shift = log.shift;
  if (scratchStarts.length < parts + 1) scratchStarts = new Int32Array(parts + 1);
  const part = scratchPart;
  const sorted = scratchKeys;
  const starts = scratchStarts.fill(0);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const k = hash64(keys[2 * i] as number, keys[2 * i + 1] as number) >>> shift;
    part[i] = k;
    starts[k + 1] = (starts[k + 1] as number) + 1;
  }
  for (let k = 0; k < parts; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  // the run starts double as write cursors, and end at the runs' ends
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const k = part[i] as number;
    const j = starts[k] as number;
    starts[k] = j + 1;
    sorted[2 * j] = keys[2 * i] as number;
    sorted[2 * j + 1] = keys[2 * i + 1] as number;
    rows[j] = row0 + (kept === null ? i : (kept[i] as number));
  }
  for (let k = 0, from = 0; k < parts; k++) {
    const to = starts[k] as number;
    if (from === to) continue;
    let p = log.parts[k];
    if (!p) {
      p = newPart(log);
      log.parts[k] = p;
    }
    appendRun(log, p, sorted, rows, null, from, to, onRepeat);
    from = to;
  }
}

/**
 * Appends entries [from, to) of flat arrays (keys as int32 halves; flags 0 when null) to a partition's
 * tail, adding segments as it fills; with `onRepeat`, compacts the partition first when it is due.
 */
function appendRun(
  log: KeyLog64,
  p: LogPart,
  keys: Int32Array,
  rows: Uint32Array | Float64Array,
  flags: Uint8Array | null,
  from: number,
  to: number,
  onRepeat: OnRepeat | null,
): void {
  const b0 = log.segmentBits;
  const bm = log.maxSegmentBits;
  while (from < to) {
    const j = segmentOf(p.n, b0, bm);
    if (j === p.keys.length) {
      if (onRepeat && p.n - p.compacted >= p.due) {
        // (the compaction moves the tail back)
        compactDue(log, p, onRepeat);
        continue;
      }
      addSegment(log, p, j);
    }
    const off = offsetOf(p.n, b0, bm);
    const take = Math.min(to - from, (1 << sizeBits(j, b0, bm)) - off);
    const pk = p.keys[j] as Int32Array;
    const pr = p.rows[j] as Uint32Array | Float64Array;
    const pf = p.flags[j] as Uint8Array;
    // every field is written, as a segment past the compacted entries may hold what a compaction left
    // there; short runs in a loop, as making the subarrays would cost more than the copy
    if (take < 16) {
      for (let i = from, o = off; i < from + take; i++, o++) {
        pk[2 * o] = keys[2 * i] as number;
        pk[2 * o + 1] = keys[2 * i + 1] as number;
        pr[o] = rows[i] as number;
        pf[o] = flags === null ? 0 : (flags[i] as number);
      }
    } else {
      pk.set(keys.subarray(2 * from, 2 * (from + take)), 2 * off);
      pr.set(rows.subarray(from, from + take), off);
      if (flags === null) pf.fill(0, off, off + take);
      else pf.set(flags.subarray(from, from + take), off);
    }
    p.n += take;
    from += take;
  }
}

/**
 * Compacts a partition whose compaction is due, and sets when the next one is: sooner (when half as
 * many keys as it holds were appended) after one that found many repeats, to keep memory near the
 * distinct count; later (four times as many) after one that found few, as compacting distinct keys
 * frees nothing.
 */
function compactDue(log: KeyLog64, p: LogPart, onRepeat: OnRepeat): void {
  const before = p.compacted;
  const appended = p.n - before;
  compact(log, p, onRepeat);
  const repeats = appended - (p.compacted - before);
  p.due = Math.max(log.minCompact, repeats * 4 >= appended ? p.compacted >> 1 : 4 * p.compacted);
}

/**
 * Scratch hash table of the compactions in this thread: a slot holds an entry's index + 1 (0 when empty)
 * in the bits under the table's mask and its key's hash in the bits above, so that most probes that
 * meet another key tell it apart without reading that key.
 */
let index = new Int32Array(1 << 12);

/**
 * Deduplicates a partition in place: every entry past the compacted ones either joins the distinct
 * entries or, when its key is among them, flags that entry (keeping the lower row) and is reported to
 * `onRepeat` with the higher one. Distinct entries keep their order; emptied segments are set aside.
 */
function compact(log: KeyLog64, p: LogPart, onRepeat: OnRepeat): void {
  const n = p.n;
  const done = p.compacted;
  if (done === n) return;
  let slots = 1 << 12;
  // at most half full: a fuller table measured slower, its longer probes mispredicted
  while (slots < 2 * n) slots *= 2;
  if (index.length < slots) index = new Int32Array(slots);
  else index.fill(0, 0, slots);
  const mask = slots - 1;
  const high = ~mask;
  const b0 = log.segmentBits;
  const bm = log.maxSegmentBits;
  const { keys, rows, flags } = p;
  // the distinct entries, known to differ
  for (let j = 0, start = 0; start < done; j++) {
    const ks = keys[j] as Int32Array;
    const size = 1 << sizeBits(j, b0, bm);
    const end = Math.min(size, done - start);
    for (let o = 0; o < end; o++) {
      const h = hash64(ks[2 * o] as number, ks[2 * o + 1] as number);
      let s = h & mask;
      while (index[s] !== 0) s = (s + 1) & mask;
      index[s] = (h & high) | (start + o + 1);
    }
    start += size;
  }
  // the write cursor w trails the read one, in the segment wj that starts at entry wStart
  let w = done;
  let wj = segmentOf(w, b0, bm);
  let wStart = segmentStart(wj, b0, bm);
  let wEnd = wStart + (1 << sizeBits(wj, b0, bm));
  let wk = keys[wj] as Int32Array;
  let wr = rows[wj] as Uint32Array | Float64Array;
  let wf = flags[wj] as Uint8Array;
  for (let j = wj, start = wStart; start < n; j++) {
    const ks = keys[j] as Int32Array;
    const rs = rows[j] as Uint32Array | Float64Array;
    const fs = flags[j] as Uint8Array;
    const size = 1 << sizeBits(j, b0, bm);
    const end = Math.min(size, n - start);
    for (let o = Math.max(0, done - start); o < end; o++) {
      const lo = ks[2 * o] as number;
      const hi = ks[2 * o + 1] as number;
      const h = hash64(lo, hi);
      const tag = h & high;
      let s = h & mask;
      // the entry holding the key when found: its segment and offset there
      let fj = -1;
      let fo = 0;
      for (;;) {
        const v = index[s] as number;
        if (v === 0) break;
        if ((v & high) === tag) {
          const f = (v & mask) - 1;
          const at = segmentOf(f, b0, bm);
          const fk = keys[at] as Int32Array;
          fo = offsetOf(f, b0, bm);
          if (fk[2 * fo] === lo && fk[2 * fo + 1] === hi) {
            fj = at;
            break;
          }
        }
        s = (s + 1) & mask;
      }
      const row = rs[o] as number;
      if (fj < 0) {
        if (w === wEnd) {
          wj++;
          wStart = wEnd;
          wEnd += 1 << sizeBits(wj, b0, bm);
          wk = keys[wj] as Int32Array;
          wr = rows[wj] as Uint32Array | Float64Array;
          wf = flags[wj] as Uint8Array;
        }
        // until the first repeat the entry is where it belongs
        if (w !== start + o) {
          const wo = w - wStart;
          wk[2 * wo] = lo;
          wk[2 * wo + 1] = hi;
          wr[wo] = row;
          wf[wo] = fs[o] as number;
        }
        index[s] = tag | (w + 1);
        w++;
        continue;
      }
      // an entry merged in from another log may carry its own flag (its key repeated there)
      const fr = rows[fj] as Uint32Array | Float64Array;
      (flags[fj] as Uint8Array)[fo] = 1;
      const held = fr[fo] as number;
      if (row < held) fr[fo] = row;
      onRepeat(Math.max(row, held), lo, hi);
    }
    start += size;
  }
  p.n = w;
  p.compacted = w;
  dropSegments(log, p, w === 0 ? 0 : segmentOf(w - 1, b0, bm) + 1);
}

/**
 * Compacts every partition (see compact). The log is then taken to be done growing: the segments set
 * aside are let go.
 */
export function compactAll(log: KeyLog64, onRepeat: OnRepeat): void {
  for (const p of log.parts) if (p) compact(log, p, onRepeat);
  spares.delete(log);
}

/**
 * Moves every key of `from` into `into` (both compacted first), where keys held by both become
 * repeated; `from` is left empty. The two logs may differ in their segments' sizes, not in partitions.
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
    for (let j = 0, start = 0; start < q.n; j++) {
      const count = Math.min(1 << sizeBits(j, from.segmentBits, from.maxSegmentBits), q.n - start);
      const qr = q.rows[j] as Uint32Array | Float64Array;
      appendRun(into, p, q.keys[j] as Int32Array, qr, q.flags[j] as Uint8Array, 0, count, null);
      start += count;
    }
    compact(into, p, onRepeat);
    from.parts[k] = null;
  });
  spares.delete(into);
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
  const b0 = log.segmentBits;
  const bm = log.maxSegmentBits;
  for (const p of log.parts) {
    if (!p) continue;
    for (let j = 0, start = 0; start < p.compacted; j++) {
      const fs = p.flags[j] as Uint8Array;
      const rs = p.rows[j] as Uint32Array | Float64Array;
      const ks = p.keys[j] as Int32Array;
      const size = 1 << sizeBits(j, b0, bm);
      const end = Math.min(size, p.compacted - start);
      for (let o = 0; o < end; o++) {
        if (fs[o] === 0) continue;
        count++;
        const row = rs[o] as number;
        if (limit === 0 || !lowest.wants(row)) continue;
        lowest.offer(row, ks[2 * o] as number, ks[2 * o + 1] as number);
      }
      start += size;
    }
  }
  return { count, lowest: lowest.sorted() };
}
