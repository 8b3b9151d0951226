import { Field, Int64, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchView } from '../../src/engine/batch.js';
import { duplicatesMetric } from '../../src/metrics/duplicates.js';
import {
  find64,
  insert64,
  lowestSlots,
  reserve64,
  setTag64,
  table64,
  tag64,
} from '../../src/metrics/hash64.js';

describe('table64', () => {
  it('finds every inserted key after growing, and no other', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 400 }), (pairs) => {
        const t = table64();
        const seen = new Map<string, number>();
        pairs.forEach(([lo, hi], i) => {
          const slot = find64(t, lo | 0, hi | 0);
          const key = `${lo | 0}:${hi | 0}`;
          expect(slot >= 0).toBe(seen.has(key));
          if (slot < 0) {
            insert64(t, slot, lo | 0, hi | 0, i + 1);
            seen.set(key, i + 1);
          }
        });
        expect(t.size).toBe(seen.size);
        for (const [key, tag] of seen) {
          const [lo, hi] = key.split(':').map(Number) as [number, number];
          const slot = find64(t, lo, hi);
          expect(tag64(t, slot)).toBe(tag);
        }
        expect(find64(t, 12345, -777)).toBeLessThan(seen.has('12345:-777') ? Number.POSITIVE_INFINITY : 0);
      }),
    );
  });

  it('widens tags beyond int32 without losing the others', () => {
    const t = table64();
    for (let i = 0; i < 200; i++) insert64(t, find64(t, i, -i), i, -i, i + 1);
    insert64(t, find64(t, 1000, 0), 1000, 0, -(2 ** 40));
    expect(t.wide).not.toBeNull();
    for (let i = 0; i < 200; i++) expect(tag64(t, find64(t, i, -i))).toBe(i + 1);
    expect(tag64(t, find64(t, 1000, 0))).toBe(-(2 ** 40));
    setTag64(t, find64(t, 7, -7), 2 ** 35);
    expect(tag64(t, find64(t, 7, -7))).toBe(2 ** 35);
    const narrow = table64();
    for (let i = 0; i < 50; i++) insert64(narrow, find64(narrow, i, 1), i, 1, 1);
    setTag64(narrow, find64(narrow, 3, 1), 2 ** 33);
    expect(narrow.wide).not.toBeNull();
    for (let i = 0; i < 50; i++) expect(tag64(narrow, find64(narrow, i, 1))).toBe(i === 3 ? 2 ** 33 : 1);
  });

  it('picks the lowest ranks in order, as a full sort would', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 300 }),
        fc.nat({ max: 40 }),
        (tags, limit) => {
          const t = table64();
          tags.forEach((tag, i) => {
            insert64(t, find64(t, i, 0), i, 0, i % 3 === 0 ? -tag : tag);
          });
          const picked = lowestSlots(
            [t],
            limit,
            (tag) => tag < 0,
            (tag) => -tag,
          ).map(([, s]) => -tag64(t, s));
          const want = tags
            .filter((_, i) => i % 3 === 0)
            .sort((a, b) => a - b)
            .slice(0, limit);
          expect(picked).toEqual(want);
        },
      ),
    );
  });
});

describe('uniqueness over the 64-bit table', () => {
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

  it('reports row numbers beyond 2^31 exactly (tags widen to float64)', () => {
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
      // either order: the larger table absorbs the smaller
      expect(m.finish(m.merge(structuredClone(b), structuredClone(a)))).toEqual(whole);
      expect(m.finish(m.merge(a, b))).toEqual(whole);
    }
  });
});

describe('reserve64', () => {
  it('grows to hold the keys and the slots asked for, keeping every key and tag', () => {
    const t = table64();
    for (let k = 1; k <= 1000; k++) insert64(t, find64(t, k, -k), k, -k, k);
    reserve64(t, 10_000, 1 << 15);
    expect(t.slots).toBe(1 << 15);
    reserve64(t, 100_000);
    expect(t.slots * 3).toBeGreaterThanOrEqual(100_000 * 4);
    for (let k = 1; k <= 1000; k++) expect(tag64(t, find64(t, k, -k))).toBe(k);
    expect(find64(t, 1001, -1001)).toBeLessThan(0);
  });
});
