import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import {
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSpareWorker, prestartWorker } from '../../src/engine/parallel.js';
import { runSuite, scanStates } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { openSource } from '../../src/io/open.js';
import { parquetSource, writeParquetFile } from '../../src/io/parquet.js';
import type { ValidationResult } from '../../src/result/types.js';
import type { Suite } from '../../src/suite/model.js';
import { tempDir } from '../io/support.js';

const tmp = tempDir();
afterAll(tmp.remove);

const e = (type: string, kwargs: Record<string, unknown>) => ({ type, kwargs, meta: {} });

/** Expectations of every kind of metric state: map counts, uniqueness tables, moments, extremes, sets. */
const SUITE: Suite = {
  name: 'parallel',
  meta: {},
  expectations: [
    e('expect_table_row_count_to_be_between', { min_value: 1 }),
    e('expect_column_values_to_not_be_null', { column: 'f', mostly: 0.5 }),
    e('expect_column_values_to_be_between', { column: 'f', min_value: -2, max_value: 2 }),
    e('expect_column_values_to_be_unique', { column: 'id' }),
    e('expect_column_values_to_be_unique', { column: 'f' }),
    e('expect_column_values_to_be_unique', { column: 's' }),
    e('expect_column_mean_to_be_between', { column: 'f', min_value: -1, max_value: 1 }),
    e('expect_column_stdev_to_be_between', { column: 'id', min_value: 0, max_value: 1000 }),
    e('expect_column_min_to_be_between', { column: 's', min_value: 'a' }),
    e('expect_column_max_to_be_between', { column: 't', max_value: '2030-01-01' }),
    e('expect_column_values_to_be_in_set', { column: 's', value_set: ['a', 'b'] }),
    e('expect_column_values_to_match_regex', { column: 's', regex: '^[ab]' }),
    e('expect_column_pair_values_a_to_be_greater_than_b', { column_A: 'f', column_B: 'id', mostly: 0.5 }),
    e('expect_column_distinct_values_to_be_in_set', { column: 'id', value_set: [1, 2, 3] }),
    e('expect_column_median_to_be_between', { column: 'f', min_value: -1, max_value: 1 }),
    e('expect_column_values_to_be_increasing', { column: 'id' }),
  ],
};

const SCHEMA = new Schema([
  new Field('id', new Int64(), true),
  new Field('f', new Float64(), true),
  new Field('s', new Utf8(), true),
  new Field('t', new TimestampMicrosecond(), false),
]);

const arbRow = fc.record({
  id: fc.option(fc.integer({ min: -5, max: 40 }), { freq: 8 }),
  f: fc.option(fc.constantFrom(0, -0, 1.5, -1, 3, Number.NaN, 0.25), { freq: 6 }),
  s: fc.option(fc.constantFrom('a', 'b', 'ab', 'c', 'é'), { freq: 6 }),
  t: fc.integer({ min: 0, max: 2_000_000_000 }),
});
type Row = typeof arbRow extends fc.Arbitrary<infer R> ? R : never;

function tableOf(rows: readonly Row[]): Table {
  const n = rows.length;
  const t = BigInt64Array.from(rows, (r) => BigInt(r.t) * 1_000_000n);
  const children = [
    vectorFromArray(
      rows.map((r) => (r.id === null ? null : BigInt(r.id))),
      new Int64(),
    ).data[0],
    vectorFromArray(
      rows.map((r) => r.f),
      new Float64(),
    ).data[0],
    vectorFromArray(
      rows.map((r) => r.s),
      new Utf8(),
    ).data[0],
    makeData({ type: new TimestampMicrosecond(), length: n, data: t }),
  ];
  const data = makeData({ type: new Struct(SCHEMA.fields), length: n, nullCount: 0, children } as never);
  return new Table([new RecordBatch(SCHEMA, data as never)]);
}

/** A result without what differs between any two runs (times). */
function comparable(r: ValidationResult): unknown {
  return { ...r, meta: { ...r.meta, run_id: null, validation_time: null, duration_ms: null } };
}

let files = 0;

describe('parallel runs', () => {
  it('give the results of one thread, whatever the row groups and worker count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbRow, { minLength: 30, maxLength: 150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 4 }),
        async (rows, rowGroupSize, workers) => {
          const path = join(tmp.dir, `p${files++}.parquet`);
          await writeParquetFile(tableOf(rows), path, { rowGroupSize });
          const now = new Date('2024-05-01T00:00:00Z');
          const one = await runSuite(SUITE, await openSource(path), registry, { workers: 1, now });
          const many = await runSuite(SUITE, await openSource(path), registry, { workers, now });
          expect(comparable(many)).toEqual(comparable(one));
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);

  it('splits a file into runs of whole row groups with about equal rows', async () => {
    const path = join(tmp.dir, 'groups.parquet');
    const rows = Array.from({ length: 100 }, (_, i): Row => ({ id: i, f: 0, s: 'a', t: i }));
    await writeParquetFile(tableOf(rows), path, { rowGroupSize: 10 });
    const source = parquetSource(path);
    const parts = (await source.parts?.(3)) ?? [];
    expect(parts.map((p) => (p.format === 'parquet' ? p.options.rowGroups : undefined))).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
    expect(parts.map((p) => p.rows)).toEqual([40, 30, 30]);
    expect((await source.parts?.(50))?.length).toBe(10);
  });
  it('a worker started ahead of its job takes the next one, with the results of one thread', async () => {
    const path = join(tmp.dir, 'ahead.parquet');
    const rows = Array.from({ length: 90 }, (_, i): Row => ({ id: i % 11, f: i / 4, s: 'ab', t: i }));
    await writeParquetFile(tableOf(rows), path, { rowGroupSize: 30 });
    const now = new Date('2024-05-01T00:00:00Z');
    const one = await runSuite(SUITE, await openSource(path), registry, { workers: 1, now });
    // started with its reader thread, as for a Parquet file
    prestartWorker({ parquet: true });
    const many = await runSuite(SUITE, await openSource(path), registry, { workers: 3, now });
    expect(comparable(many)).toEqual(comparable(one));
    // one left waiting is stopped without a job
    prestartWorker({ parquet: false });
    dropSpareWorker();
  }, 60_000);

  it('a worker that reads the whole source sends what can cross threads: heavy values, other states', async () => {
    const path = join(tmp.dir, 'whole.parquet');
    const rows = Array.from({ length: 60 }, (_, i): Row => ({ id: i % 7, f: i / 8, s: 'ab', t: i }));
    await writeParquetFile(tableOf(rows), path);
    const now = new Date('2024-05-01T00:00:00Z');
    const part = await scanStates(SUITE, await openSource(path), registry, { now }, undefined, true);
    expect(part.rows).toBe(60);
    for (const [id, slot] of part.slots) {
      expect(slot.error, id).toBeUndefined();
      // a finished distinct-value list has methods: it would fail to post, and the run would scan again
      expect(() => structuredClone(slot), id).not.toThrow();
    }
    const finished = part.slots.filter(([, slot]) => slot.finished).map(([id]) => id);
    expect(finished.length).toBe(3);
    expect(finished.every((id) => id.includes('unique') || id.includes('duplicate'))).toBe(true);
  });

  it('scans heavy metrics of a large file in a thread of their own with the results of one thread', async () => {
    // 2M rows: the least a run gives uniqueness a worker of its own for (AUTO_PARALLEL_ROWS)
    const n = 2_000_000;
    const id = new BigInt64Array(n);
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      id[i] = BigInt(Math.imul(i, 0x9e3779b1) % 700_000);
      f[i] = (i % 1000) / 1000;
    }
    const schema = new Schema([new Field('id', new Int64(), false), new Field('f', new Float64(), false)]);
    const children = [
      makeData({ type: new Int64(), length: n, data: id }),
      makeData({ type: new Float64(), length: n, data: f }),
    ];
    const data = makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children } as never);
    const path = join(tmp.dir, 'large.parquet');
    await writeParquetFile(new Table([new RecordBatch(schema, data as never)]), path, {
      rowGroupSize: 500_000,
    });
    const suite: Suite = {
      name: 'large',
      meta: {},
      expectations: [
        e('expect_column_values_to_be_unique', { column: 'id' }),
        e('expect_column_mean_to_be_between', { column: 'f', min_value: 0, max_value: 1 }),
        e('expect_column_values_to_be_between', { column: 'f', min_value: 0, max_value: 0.5, mostly: 0.1 }),
      ],
    };
    const now = new Date('2024-05-01T00:00:00Z');
    const one = await runSuite(suite, await openSource(path), registry, { workers: 1, now });
    const beside = await runSuite(suite, await openSource(path), registry, { now });
    expect(comparable(beside)).toEqual(comparable(one));
    expect(one.results[0]?.result.unexpected_count).toBeGreaterThan(0);
  }, 240_000);

  it('reads a large CSV file in two threads, each for its own columns, with the results of one', async () => {
    // 80 MB: above the size from which a CSV run gives uniqueness a thread of its own (AUTO_PARALLEL_BYTES)
    const n = 2_200_000;
    const path = join(tmp.dir, 'large.csv');
    const out = createWriteStream(path);
    out.write('id,f,email\n');
    for (let at = 0; at < n; at += 100_000) {
      const lines: string[] = [];
      for (let i = at; i < at + 100_000; i++)
        lines.push(`${Math.imul(i, 0x9e3779b1) % 900_000},${(i % 1000) / 1000},user${i % 5000}@example.com`);
      out.write(`${lines.join('\n')}\n`);
    }
    await new Promise((resolve) => out.end(resolve));
    const suite: Suite = {
      name: 'large csv',
      meta: {},
      expectations: [
        e('expect_column_values_to_be_unique', { column: 'id' }),
        e('expect_column_values_to_match_regex', { column: 'email', regex: '^user[0-4]' }),
        e('expect_column_mean_to_be_between', { column: 'f', min_value: 0, max_value: 1 }),
      ],
    };
    const now = new Date('2024-05-01T00:00:00Z');
    const one = await runSuite(suite, await openSource(path), registry, { workers: 1, now });
    const beside = await runSuite(suite, await openSource(path), registry, { now });
    expect(comparable(beside)).toEqual(comparable(one));
    expect(one.meta.data_source.row_count).toBe(n);
    expect(one.results[0]?.result.unexpected_count).toBeGreaterThan(0);
  }, 240_000);
});
