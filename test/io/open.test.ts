import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  Table as ArrowTable,
  Bool,
  Float64,
  Int32,
  Int64,
  type Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { typeName } from '../../src/arrow/types.js';
import { writeIpcFile } from '../../src/io/ipc.js';
import { openSource } from '../../src/io/open.js';
import { writeParquetFile } from '../../src/io/parquet.js';
import type { DataSource } from '../../src/io/types.js';
import { collect, expectReadError, rowsOf, tempDir } from './support.js';

const tmp = tempDir();
afterAll(tmp.remove);

function trips(n: number, fare: 'float64' | 'int64' = 'float64', from = 0): Table {
  return new ArrowTable({
    id: vectorFromArray(Int32Array.from({ length: n }, (_, i) => from + i)),
    fare:
      fare === 'float64'
        ? vectorFromArray(Float64Array.from({ length: n }, (_, i) => (from + i) * 2.5))
        : vectorFromArray(BigInt64Array.from({ length: n }, (_, i) => BigInt(from + i))),
  });
}

/** The offsets and rows a source yields (with `columns` when given). */
async function read(source: DataSource, columns?: string[]) {
  const batches = await collect(source.batches(columns));
  return {
    offsets: batches.map((b) => b.rowOffset),
    sizes: batches.map((b) => b.batch.numRows),
    rows: rowsOf(batches.map((b) => b.batch)),
  };
}

function dir(name: string): string {
  const d = join(tmp.dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}

describe('openSource: several Parquet files as one source', () => {
  const whole = join(tmp.dir, 'whole.parquet');
  const parts = dir('parts');
  const ready = (async () => {
    await writeParquetFile(trips(900), whole, { rowGroupSize: 300 });
    // Three parts of one row group each, in a nested layout with writer bookkeeping around them.
    await writeParquetFile(trips(300, 'float64', 0), join(parts, 'part-0.parquet'));
    mkdirSync(join(parts, 'sub'));
    await writeParquetFile(trips(300, 'float64', 300), join(parts, 'part-1.parquet'));
    await writeParquetFile(trips(300, 'float64', 600), join(parts, 'sub', 'part-2.parquet'));
    writeFileSync(join(parts, '_SUCCESS'), '');
    writeFileSync(join(parts, 'README.md'), 'not data');
    writeFileSync(join(parts, '.part-0.parquet.crc'), 'crc');
    mkdirSync(join(parts, '_temporary'));
    writeFileSync(join(parts, '_temporary', 'part-9.parquet'), 'half-written');
    mkdirSync(join(parts, '.hidden'));
    writeFileSync(join(parts, '.hidden', 'part-8.parquet'), 'hidden');
  })();

  it('a single file is the file reader itself', async () => {
    await ready;
    const source = await openSource(whole);
    expect(source.description).toBe(whole);
    expect(source.files).toEqual([whole]);
  });

  it('a directory reads like the single file, with continuing row offsets', async () => {
    await ready;
    const one = await read(await openSource(whole));
    const source = await openSource(parts);
    expect(source.description).toBe(`${parts} (3 parquet files)`);
    expect(source.format).toBe('parquet');
    expect(source.files.map((f) => relative(parts, f))).toEqual([
      'part-0.parquet',
      'part-1.parquet',
      'sub/part-2.parquet',
    ]);
    expect(await read(source)).toEqual(one);
    expect(one.offsets).toEqual([0, 300, 600]);
  });

  it('a glob reads like the single file, and projection applies to every part', async () => {
    await ready;
    const glob = `${parts}/**/part-*.parquet`;
    const source = await openSource(glob);
    expect(source.description).toBe(`${glob} (3 parquet files)`);
    expect(await read(source, ['fare'])).toEqual(await read(await openSource(whole), ['fare']));
  });

  it('a list of paths keeps its order and reads a file named twice twice', async () => {
    await ready;
    const a = join(parts, 'part-1.parquet');
    const b = join(parts, 'part-0.parquet');
    const source = await openSource([a, b, a]);
    expect(source.files).toEqual([a, b, a]);
    expect(source.description).toBe(`${a}, ${b}, ${a} (3 parquet files)`);
    const partA = Array.from({ length: 300 }, (_, i) => 300 + i);
    expect((await read(source)).rows.map((r) => r[0])).toEqual([
      ...partA,
      ...Array.from({ length: 300 }, (_, i) => i),
      ...partA,
    ]);
  });

  it('directories and globs that reach a file again do not read it again', async () => {
    await ready;
    const source = await openSource([parts, join(parts, '*.parquet')]);
    expect(source.files).toEqual((await openSource(parts)).files);
  });

  it('a part whose column type differs is a schema mismatch naming both files', async () => {
    await ready;
    const d = dir('mismatch-type');
    await writeParquetFile(trips(10), join(d, 'part-1.parquet'));
    await writeParquetFile(trips(10, 'int64'), join(d, 'part-2.parquet'));
    const source = await openSource(d);
    const message = await expectReadError(source.schema(), 'schema_mismatch');
    expect(message).toBe(
      `${join(d, 'part-2.parquet')}: column "fare" is int64 here but float64 in ${join(d, 'part-1.parquet')}`,
    );
    // No batch is read before every part is checked.
    await expectReadError(collect(source.batches()), 'schema_mismatch');
  });

  it('a part with other or fewer columns is a schema mismatch', async () => {
    const d = dir('mismatch-names');
    await writeParquetFile(trips(10), join(d, 'a.parquet'));
    await writeParquetFile(trips(10).select(['fare', 'id']), join(d, 'b.parquet'));
    await writeParquetFile(trips(10).select(['id']), join(d, 'c.parquet'));
    const a = join(d, 'a.parquet');
    const b = join(d, 'b.parquet');
    const c = join(d, 'c.parquet');
    expect(
      await expectReadError(
        openSource([a, b]).then((s) => s.schema()),
        'schema_mismatch',
      ),
    ).toBe(`${b}: column 1 is "fare" here but "id" in ${a}`);
    expect(
      await expectReadError(
        openSource([a, c]).then((s) => s.schema()),
        'schema_mismatch',
      ),
    ).toBe(`${c}: column "fare" of ${a} is missing here`);
    expect(
      await expectReadError(
        openSource([c, a]).then((s) => s.schema()),
        'schema_mismatch',
      ),
    ).toBe(`${a}: column "fare" is not in ${c}`);
  });
});

describe('openSource: what is found', () => {
  it('no files: an empty directory, a glob without matches, a directory without data files', async () => {
    const empty = dir('empty');
    expect(await expectReadError(openSource(empty), 'no_files')).toBe(
      `${empty}: no parquet, csv or arrow files found`,
    );
    expect(await expectReadError(openSource(`${empty}/*.parquet`), 'no_files')).toBe(
      `${empty}/*.parquet: no file matches`,
    );
    const docs = dir('docs');
    writeFileSync(join(docs, 'notes.md'), '# notes');
    writeFileSync(join(docs, '_SUCCESS'), '');
    await expectReadError(openSource(docs), 'no_files');
    expect(await expectReadError(openSource(docs, { format: 'parquet' }), 'no_files')).toBe(
      `${docs}: no parquet files found`,
    );
  });

  it('a missing path', async () => {
    const f = join(tmp.dir, 'missing.parquet');
    expect(await expectReadError(openSource(f), 'file_not_found')).toBe(`${f}: no such file or directory`);
    await expectReadError(openSource([]), 'no_files');
  });

  it('an unknown extension needs a format', async () => {
    const f = join(tmp.dir, 'trips.dat');
    writeFileSync(f, 'a,b\n1,2\n3,4\n');
    expect(await expectReadError(openSource(f), 'unknown_format')).toBe(
      `${f}: cannot tell the format from the extension ".dat"; give the format (parquet, csv or arrow)`,
    );
    const source = await openSource(f, { format: 'csv' });
    expect((await read(source)).rows).toEqual([
      [1n, 2n],
      [3n, 4n],
    ]);
  });

  it('mixed formats in one source are refused', async () => {
    const d = dir('mixed');
    await writeParquetFile(trips(5), join(d, 'a.parquet'));
    writeFileSync(join(d, 'b.csv'), 'id,fare\n1,2.5\n');
    expect(await expectReadError(openSource(d), 'unknown_format')).toBe(
      `${d}: mixes parquet and csv files (${join(d, 'a.parquet')}, ${join(d, 'b.csv')}); one source reads one format`,
    );
    // With a format, the directory holds one source of that format.
    const source = await openSource(d, { format: 'csv' });
    expect(source.files).toEqual([join(d, 'b.csv')]);
  });

  it('.txt files count as CSV only when CSV is asked for', async () => {
    const d = dir('txt');
    writeFileSync(join(d, 'a.txt'), 'x\n1\n');
    writeFileSync(join(d, 'b.txt'), 'x\n2\n');
    await expectReadError(openSource(d), 'no_files');
    const source = await openSource(d, { format: 'csv' });
    expect(source.description).toBe(`${d} (2 csv files)`);
    expect((await read(source)).rows).toEqual([[1n], [2n]]);
  });
});

describe('openSource: CSV and Arrow IPC parts', () => {
  it('CSV parts take their column types from the first part', async () => {
    const d = dir('csv-parts');
    writeFileSync(join(d, 'part-1.csv'), 'id,fare\n1,2.5\n2,3.5\n');
    // Alone, this part's fare column would be read as int64.
    writeFileSync(join(d, 'part-2.csv'), 'id,fare\n3,4\n4,5\n');
    const source = await openSource(d);
    expect((await source.schema()).fields.map((f) => typeName(f.type))).toEqual(['int64', 'float64']);
    const got = await read(source);
    expect(got.offsets).toEqual([0, 2]);
    expect(got.rows).toEqual([
      [1n, 2.5],
      [2n, 3.5],
      [3n, 4],
      [4n, 5],
    ]);
  });

  it('CSV parts with other headers are a schema mismatch', async () => {
    const d = dir('csv-mismatch');
    writeFileSync(join(d, 'part-1.csv'), 'id,fare\n1,2.5\n');
    writeFileSync(join(d, 'part-2.csv'), 'id,tip\n3,4\n');
    expect(await expectReadError((await openSource(d)).schema(), 'schema_mismatch')).toBe(
      `${join(d, 'part-2.csv')}: column 2 is "tip" here but "fare" in ${join(d, 'part-1.csv')}`,
    );
  });

  it('Arrow IPC files and streams of one directory form one source', async () => {
    const d = dir('ipc-parts');
    await writeIpcFile(trips(4, 'float64', 0), join(d, 'a.arrow'));
    await writeIpcFile(trips(3, 'float64', 4), join(d, 'b.arrows'));
    await writeIpcFile(trips(2, 'float64', 7), join(d, 'c.feather'));
    const source = await openSource(d);
    expect(source.description).toBe(`${d} (3 arrow files)`);
    const got = await read(source);
    expect(got.offsets).toEqual([0, 4, 7]);
    expect(got.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('openSource: splitting into files does not change what is read', () => {
  const column = fc.oneof(
    fc.constant('int32' as const),
    fc.constant('int64' as const),
    fc.constant('float64' as const),
    fc.constant('utf8' as const),
    fc.constant('bool' as const),
  );
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
  const values = {
    int32: maybe(fc.integer()),
    int64: maybe(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
    float64: maybe(fc.double()),
    utf8: maybe(fc.string()),
    bool: maybe(fc.boolean()),
  };
  const types = {
    int32: new Int32(),
    int64: new Int64(),
    float64: new Float64(),
    utf8: new Utf8(),
    bool: new Bool(),
  };
  const tableArb = fc
    .record({ kinds: fc.array(column, { minLength: 1, maxLength: 4 }), n: fc.integer({ min: 0, max: 120 }) })
    .chain(({ kinds, n }) =>
      fc.record({
        columns: fc.tuple(
          ...kinds.map((k) => fc.array(values[k] as fc.Arbitrary<unknown>, { minLength: n, maxLength: n })),
        ),
        cuts: fc.uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 3 }),
        kinds: fc.constant(kinds),
        n: fc.constant(n),
      }),
    )
    .map(({ columns, cuts, kinds, n }) => {
      const vectors = Object.fromEntries(
        kinds.map((k, i) => [`c${i}`, vectorFromArray(columns[i] as unknown[], types[k])]),
      );
      return { table: new ArrowTable(vectors), cuts: [...cuts].sort((a, b) => a - b), n };
    });

  let run = 0;
  it('one file vs k Parquet parts vs k IPC parts', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async ({ table, cuts, n }) => {
        const d = dir(`prop-${run++}`);
        const bounds = [0, ...cuts, n];
        const slices = bounds.slice(1).map((end, i) => table.slice(bounds[i], end));
        await writeParquetFile(table, join(d, 'whole.parquet'), { rowGroupSize: 50 });
        mkdirSync(join(d, 'pq'));
        mkdirSync(join(d, 'ipc'));
        for (const [i, s] of slices.entries()) {
          await writeParquetFile(s, join(d, 'pq', `part-${i}.parquet`), { rowGroupSize: 50 });
          await writeIpcFile(s, join(d, 'ipc', `part-${i}.arrow`));
        }
        const want = rowsOf([table]);
        for (const source of [
          await openSource(join(d, 'whole.parquet')),
          await openSource(join(d, 'pq')),
          await openSource(join(d, 'ipc')),
        ]) {
          const batches = await collect(source.batches());
          let offset = 0;
          for (const { batch, rowOffset } of batches) {
            expect(rowOffset).toBe(offset);
            offset += batch.numRows;
          }
          expect(offset).toBe(n);
          expect(rowsOf(batches.map((b) => b.batch))).toEqual(want);
        }
      }),
      { numRuns: 25 },
    );
  });
});
