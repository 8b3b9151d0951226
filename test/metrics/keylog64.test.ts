import { Field, Int64, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchView } from '../../src/engine/batch.js';
import { duplicatesMetric } from '../../src/metrics/duplicates.js';
import { Lowest } from '../../src/metrics/hash64.js';
import {
  appendKeys,
  compactAll,
  type KeyLog64,
  keyLog64,
  mergeLogs,
  repeatedKeys,
} from '../../src/metrics/keylog64.js';

/** What a log must tell of keys given with their rows: repeated keys' first rows, and every later row. */
function bruteForce(entries: readonly [key: number, row: number][]) {
  const rows = new Map<number, number[]>();
  for (const [k, r] of entries) rows.set(k, [...(rows.get(k) ?? []), r]);
  const firsts: [number, number][] = [];
  const later: number[] = [];
  for (const [k, rs] of rows) {
    if (rs.length < 2) continue;
    const sorted = [...rs].sort((a, b) => a - b);
    firsts.push([sorted[0] as number, k]);
    later.push(...sorted.slice(1));
  }
  return { firsts: firsts.sort((a, b) => a[0] - b[0]), later: later.sort((a, b) => a - b) };
}

/** Logs keys (lo = key, hi = key's parity flipped, so both halves matter) in batches of the given sizes. */
function logOf(
  log: KeyLog64,
  entries: readonly [key: number, row: number][],
  batch: number,
  later: number[],
  valid?: (i: number) => boolean,
): KeyLog64 {
  for (let at = 0; at < entries.length; at += batch) {
    const chunk = entries.slice(at, at + batch);
    const keys = new Int32Array(2 * chunk.length);
    chunk.forEach(([k], i) => {
      keys[2 * i] = k;
      keys[2 * i + 1] = k & 1 ? -1 : 7;
    });
    const row0 = chunk[0]?.[1] ?? 0;
    const kept = Uint32Array.from(chunk, ([, r]) => r - row0);
    const mask = valid ? Uint8Array.from(chunk, (_, i) => (valid(at + i) ? 1 : 0)) : null;
    appendKeys(log, keys, mask, chunk.length, row0, kept, (row) => later.push(row));
  }
  return log;
}

describe('keyLog64', () => {
  const shape = fc.record({
    partBits: fc.integer({ min: 1, max: 3 }),
    segmentBits: fc.integer({ min: 0, max: 11 }),
    maxSegmentBits: fc.integer({ min: 0, max: 12 }),
    minCompact: fc.integer({ min: 1, max: 3000 }),
  });

  it('finds the repeated keys and their rows, whatever the batches, compactions and merges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -40, max: 40 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 5000 }),
        shape,
        fc.integer({ min: 1, max: 64 }),
        fc.nat(),
        fc.boolean(),
        (small, spread, s, batch, cut, swap) => {
          // up to a few thousand keys, so that partitions fill segments and compact while appending
          const n = small.length * 20;
          const entries: [number, number][] = Array.from({ length: n }, (_, i) => [
            ((small[i % Math.max(1, small.length)] ?? 0) * spread + Math.floor(i / 37)) | 0,
            i,
          ]);
          const at = n === 0 ? 0 : cut % (n + 1);
          const later: number[] = [];
          const a = logOf(keyLog64(s), entries.slice(0, at), batch, later);
          const b = logOf(keyLog64(s), entries.slice(at), batch, later);
          const [into, from] = swap ? [structuredClone(b), structuredClone(a)] : [a, b];
          mergeLogs(into, from, (row) => later.push(row));
          compactAll(into, (row) => later.push(row));
          const want = bruteForce(entries);
          const repeated = repeatedKeys(into, n);
          expect(repeated.count).toBe(want.firsts.length);
          expect(repeated.lowest.map(([row, lo]) => [row, lo])).toEqual(want.firsts);
          expect(later.sort((x, y) => x - y)).toEqual(want.later);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('merges logs whose partitions hold different numbers of segments, or segments of other sizes', () => {
    const big: [number, number][] = Array.from({ length: 3000 }, (_, i) => [i % 2500, i]);
    const small: [number, number][] = Array.from({ length: 40 }, (_, i) => [i * 3, 3000 + i]);
    const shapes = [
      { partBits: 1, segmentBits: 1, maxSegmentBits: 6, minCompact: 1 },
      { partBits: 1, segmentBits: 3, maxSegmentBits: 4, minCompact: 50 },
    ];
    for (const [sa, sb] of [
      [shapes[0], shapes[0]],
      [shapes[0], shapes[1]],
      [shapes[1], shapes[0]],
    ] as const) {
      for (const swap of [false, true]) {
        const later: number[] = [];
        const a = logOf(keyLog64(sa), big, 256, later);
        const b = logOf(keyLog64(sb), small, 256, later);
        const segments = (log: KeyLog64) => log.parts.map((p) => p?.keys.length);
        expect(segments(a)).not.toEqual(segments(b));
        const [into, from] = swap ? [b, a] : [a, b];
        mergeLogs(into, from, (row) => later.push(row));
        const want = bruteForce([...big, ...small]);
        const repeated = repeatedKeys(into, 10_000);
        expect(repeated.lowest.map(([row, lo]) => [row, lo])).toEqual(want.firsts);
        expect(later.sort((x, y) => x - y)).toEqual(want.later);
      }
    }
  });

  it('never lets what a compaction left behind into keys appended later (after merges, in reused segments)', () => {
    // keys from a small range repeat often, so compactions empty segments that later appends reuse,
    // and a merge leaves flagged entries past the compacted ones
    const keys = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 400 });
    fc.assert(
      fc.property(
        keys,
        keys,
        keys,
        shape,
        fc.integer({ min: 1, max: 64 }),
        (first, merged, last, s, batch) => {
          const rowsOf = (ks: number[], row0: number): [number, number][] => ks.map((k, i) => [k, row0 + i]);
          const a1 = rowsOf(first, 0);
          const b = rowsOf(merged, first.length);
          const a2 = rowsOf(last, first.length + merged.length);
          const later: number[] = [];
          const log = logOf(keyLog64(s), a1, batch, later);
          mergeLogs(log, logOf(keyLog64(s), b, batch, later), (row) => later.push(row));
          logOf(log, a2, batch, later);
          compactAll(log, (row) => later.push(row));
          const want = bruteForce([...a1, ...b, ...a2]);
          const repeated = repeatedKeys(log, 10_000);
          expect(repeated.count).toBe(want.firsts.length);
          expect(repeated.lowest.map(([row, lo]) => [row, lo])).toEqual(want.firsts);
          expect(later.sort((x, y) => x - y)).toEqual(want.later);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves a compacted partition at most a quarter of its entries as room, past its first segments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        shape,
        (count, space, s) => {
          const entries: [number, number][] = Array.from({ length: count }, (_, i) => [
            Math.imul(i, 0x9e3779b1) % space,
            i,
          ]);
          const log = logOf(keyLog64(s), entries, 4096, []);
          compactAll(log, () => {});
          const b0 = s.segmentBits;
          for (const p of log.parts) {
            if (!p) continue;
            const room = p.flags.reduce((sum, f) => sum + f.length, 0) - p.n;
            expect(room).toBeGreaterThanOrEqual(0);
            if (p.n >= 4 << b0) expect(room).toBeLessThanOrEqual(p.n / 4);
            else expect(p.flags.length).toBeLessThanOrEqual(4);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('leaves out missing rows and keeps rows beyond 2^32 exact', () => {
    const base = 2 ** 32 - 3;
    const entries: [number, number][] = Array.from({ length: 3000 }, (_, i) => [i % 1100, base + 2 * i]);
    const later: number[] = [];
    const log = logOf(
      keyLog64({ partBits: 1, segmentBits: 5, maxSegmentBits: 9, minCompact: 64 }),
      entries,
      500,
      later,
      (i) => i % 7 !== 0,
    );
    compactAll(log, (row) => later.push(row));
    const want = bruteForce(entries.filter((_, i) => i % 7 !== 0));
    expect(log.wideRows).toBe(true);
    expect(repeatedKeys(log, 5000).lowest.map(([row, lo]) => [row, lo])).toEqual(want.firsts);
    expect(later.sort((x, y) => x - y)).toEqual(want.later);
  });
});

describe('Lowest', () => {
  it('keeps the lowest ranks in order, as a full sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 })), fc.nat({ max: 40 }), (ranks, limit) => {
        const lowest = new Lowest(limit);
        ranks.forEach((r, i) => {
          if (lowest.wants(r)) lowest.offer(r, i, 0);
        });
        const kept = lowest.sorted().map(([r]) => r);
        expect(kept).toEqual([...ranks].sort((a, b) => a - b).slice(0, limit));
      }),
    );
  });
});

describe('uniqueness over the key log', () => {
  const schema = new Schema([new Field('x', new Int64(), true)]);
  const batchOf = (values: bigint[]) =>
    new RecordBatch(
      schema,
      makeData({
        type: new Struct(schema.fields),
        length: values.length,
        nullCount: 0,
        children: [makeData({ type: new Int64(), length: values.length, data: BigInt64Array.from(values) })],
      }),
    );

  it('reports row numbers beyond 2^31 exactly (rows widen to float64)', () => {
    const m = duplicatesMetric({ domain: ['x'], ignoreIf: 'any', capture: { limit: 10 }, schema });
    let s = m.init();
    s = m.update(s, new BatchView(batchOf([1n, 2n]), 2 ** 33));
    s = m.update(s, new BatchView(batchOf([2n, 3n]), 2 ** 33 + 2));
    const out = m.finish(structuredClone(s));
    expect(out.unexpectedCount).toBe(2);
    expect(out.rows).toEqual([2 ** 33 + 1, 2 ** 33 + 2]);
    expect(out.values).toEqual([2, 2]);
  });

  it('finds the duplicates among many distinct values, as a Set does', () => {
    const n = 50_000;
    const values = Array.from({ length: n }, (_, i) => BigInt((i * 7919) % 40_000) * 2n ** 40n);
    const m = duplicatesMetric({ domain: ['x'], ignoreIf: 'any', capture: { limit: 5 }, schema });
    const table = new Table([batchOf(values)]);
    const out = m.finish(m.update(m.init(), new BatchView(table.batches[0] as RecordBatch, 0)));
    const counts = new Map<bigint, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const dupRows = values.flatMap((v, i) => ((counts.get(v) as number) > 1 ? [i] : []));
    expect(out.unexpectedCount).toBe(dupRows.length);
    expect(out.rows).toEqual(dupRows.slice(0, 5));
    // results report int64 values within 2^53 as numbers, beyond as bigints
    const reported = (v: bigint) => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
    expect(out.values).toEqual(dupRows.slice(0, 5).map((i) => reported(values[i] as bigint)));
  });
  it('merges states that share most of their values as one state sees them (bounded capture)', () => {
    // two halves over one key space: hundreds of thousands of values meet in the merge, far beyond the limit
    const n = 400_000;
    const values = Array.from({ length: n }, (_, i) => BigInt(Math.imul(i, 0x9e3779b1) % 150_000));
    const m = duplicatesMetric({ domain: ['x'], ignoreIf: 'any', capture: { limit: 7 }, schema });
    const whole = m.finish(m.update(m.init(), new BatchView(batchOf(values), 0)));
    for (const cut of [1, n / 2, n - 3]) {
      const a = m.update(m.init(), new BatchView(batchOf(values.slice(0, cut)), 0));
      const b = m.update(m.init(), new BatchView(batchOf(values.slice(cut)), cut));
      expect(m.finish(m.merge(structuredClone(b), structuredClone(a)))).toEqual(whole);
      expect(m.finish(m.merge(a, b))).toEqual(whole);
    }
  });
});
