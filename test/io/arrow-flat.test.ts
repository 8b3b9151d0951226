import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  Binary,
  Bool,
  DateDay,
  DateMillisecond,
  Dictionary,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeUtf8,
  type RecordBatch,
  Schema,
  Table,
  TimestampMicrosecond,
  TimestampSecond,
  tableFromIPC,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { wantOf } from '../../src/io/arrow-flat.js';
import { parquetSource, writeParquetFile } from '../../src/io/parquet.js';
import type { SourceBatch } from '../../src/io/types.js';
import { collect, PARQUET_DATA_FILES, PARQUET_TESTING, rowsOf, tempDir } from './support.js';

const pw = createRequire(import.meta.url)('parquet-wasm/node') as typeof import('parquet-wasm/node');
const tmp = tempDir();
afterAll(() => tmp.remove());

/** Rows of batches with their cells copied (binary cells are views of the batch's memory). */
function ownRows(batches: readonly (RecordBatch | Table)[]): unknown[][] {
  return rowsOf(batches).map((row) => row.map((c) => (ArrayBuffer.isView(c) ? [...(c as Uint8Array)] : c)));
}

/** Whether the memory of a batch's first column has left this thread (went back to the reader). */
function handedBack(batch: RecordBatch): boolean {
  const data = batch.getChildAt(0)?.data[0];
  return data !== undefined && (data.values ?? data.valueOffsets)?.buffer.byteLength === 0;
}

/**
 * Rows of a source's batches, each batch turned into rows before the next one is asked for, and
 * whether the memory of all but the last batch went back to the reader (the flat path with reuse).
 */
async function rowsAsRead(batches: AsyncIterable<SourceBatch>): Promise<[unknown[][], boolean]> {
  const rows: unknown[][] = [];
  const seen: RecordBatch[] = [];
  for await (const { batch } of batches) {
    rows.push(...ownRows([batch]));
    seen.push(batch);
  }
  return [rows, seen.length > 1 && seen.slice(0, -1).every(handedBack)];
}

describe('wantOf', () => {
  it('gives the C data interface formats and layouts of flat types', () => {
    expect(wantOf(new Int64())).toEqual({ format: 'l', layout: 'fixed', width: 8 });
    expect(wantOf(new Uint16())).toEqual({ format: 'S', layout: 'fixed', width: 2 });
    expect(wantOf(new Float32())).toEqual({ format: 'f', layout: 'fixed', width: 4 });
    expect(wantOf(new Bool())).toEqual({ format: 'b', layout: 'bits', width: 0 });
    expect(wantOf(new Utf8())).toEqual({ format: 'u', layout: 'var32', width: 0 });
    expect(wantOf(new LargeUtf8())).toEqual({ format: 'U', layout: 'var64', width: 0 });
    expect(wantOf(new TimestampMicrosecond('UTC'))?.format).toBe('tsu:UTC');
    expect(wantOf(new TimestampSecond())?.format).toBe('tss:');
    expect(wantOf(new DateDay())).toEqual({ format: 'tdD', layout: 'fixed', width: 4 });
    expect(wantOf(new Dictionary(new Utf8(), new Int32()))).toEqual({
      format: 'i',
      layout: 'fixed',
      width: 4,
      dictionary: { format: 'u', layout: 'var32', width: 0 },
    });
  });

  it('has no flat form for nested types', () => {
    const t = tableFromIPC(
      pw
        .readParquet(readFileSync(join(PARQUET_TESTING, 'data', 'nested_lists.snappy.parquet')))
        .intoIPCStream(),
    );
    expect(t.schema.fields.some((f) => wantOf(f.type) === undefined)).toBe(true);
  });
});

describe('flat batches from the Parquet reader', () => {
  const files = PARQUET_DATA_FILES.filter((f) => {
    try {
      pw.readParquet(readFileSync(join(PARQUET_TESTING, 'data', f))).free();
      return true;
    } catch {
      return false;
    }
  });

  it('covers most parquet-testing files', () => expect(files.length).toBeGreaterThanOrEqual(30));

  it.concurrent.for(files)(
    '%s: its flat columns as parquet-wasm gives them through IPC',
    async (f, { expect }) => {
      const path = join(PARQUET_TESTING, 'data', f);
      const whole = tableFromIPC(pw.readParquet(readFileSync(path)).intoIPCStream());
      // nested columns cross as IPC (as before): reading only the flat ones takes the flat path
      const flat = whole.schema.fields.filter((x) => wantOf(x.type)).map((x) => x.name);
      const want = ownRows([whole.select(flat)]);
      const [fresh, freshBack] = await rowsAsRead(parquetSource(path, { batchSize: 7 }).batches(flat));
      expect(fresh).toEqual(want);
      expect(freshBack).toBe(false);
      const [reused, back] = await rowsAsRead(
        parquetSource(path, { batchSize: 7 }).batches(flat, { reuse: true }),
      );
      expect(reused).toEqual(want);
      if (flat.length > 0 && whole.numRows > 7) expect(back).toBe(true);
    },
  );

  const schema = new Schema([
    new Field('i8', new Int8()),
    new Field('i16', new Int16()),
    new Field('u8', new Uint8()),
    new Field('u32', new Uint32()),
    new Field('i64', new Int64()),
    new Field('u64', new Uint64()),
    new Field('f64', new Float64()),
    new Field('b', new Bool()),
    new Field('s', new Utf8()),
    new Field('bin', new Binary()),
    new Field('d', new DateMillisecond()),
    new Field('ts', new TimestampMicrosecond('UTC')),
    new Field('cat', new Dictionary(new Utf8(), new Int32())),
  ]);
  const cell = (n: number) =>
    fc.record({
      i8: fc.option(fc.integer({ min: -128, max: 127 })),
      i16: fc.option(fc.integer({ min: -32768, max: 32767 })),
      u8: fc.option(fc.integer({ min: 0, max: 255 })),
      u32: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 })),
      i64: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
      u64: fc.option(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
      f64: fc.option(fc.double()),
      b: fc.option(fc.boolean()),
      s: fc.option(fc.string({ unit: 'grapheme', maxLength: n })),
      bin: fc.option(fc.uint8Array({ maxLength: n })),
      d: fc.option(fc.integer({ min: -1e12, max: 1e12 }).map((ms) => new Date(ms))),
      ts: fc.option(fc.integer({ min: -(2 ** 50), max: 2 ** 50 })),
      cat: fc.option(fc.constantFrom('alpha', 'beta', '', 'δέλτα')),
    });

  it('reads random tables of every flat type as written, reused or not, in any batch size', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(cell(12), { minLength: 0, maxLength: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 90 }),
        async (rows, batchSize, rowGroupSize) => {
          const columns = schema.fields.map((f) =>
            vectorFromArray(
              rows.map((r) => r[f.name as keyof typeof r] ?? null),
              f.type,
            ),
          );
          const table = new Table(
            Object.fromEntries(schema.fields.map((f, i) => [f.name, columns[i] as Vector])),
          );
          const path = join(tmp.dir, `random-${run++}.parquet`);
          await writeParquetFile(table, path, { rowGroupSize });
          const want = ownRows([table]);
          const fresh = await collect(parquetSource(path, { batchSize }).batches());
          expect(ownRows(fresh.map((b) => b.batch))).toEqual(want);
          const [reused, back] = await rowsAsRead(
            parquetSource(path, { batchSize }).batches(undefined, { reuse: true }),
          );
          expect(reused).toEqual(want);
          if (rows.length > batchSize) expect(back).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hands a reused batch memory back to the reader once the next one is asked for', async () => {
    const n = 5000;
    const table = new Table({ x: vectorFromArray(Float64Array.from({ length: n }, (_, i) => i)) });
    const path = join(tmp.dir, 'reuse.parquet');
    await writeParquetFile(table, path);
    const kept: SourceBatch[] = [];
    for await (const b of parquetSource(path, { batchSize: 1000 }).batches(undefined, { reuse: true })) {
      kept.push(b);
    }
    // every batch but the last went back to the reader thread with the request after the next (and so left this one)
    expect(kept.map((b) => handedBack(b.batch))).toEqual([true, true, true, true, false]);
    const own = await collect(parquetSource(path, { batchSize: 1000 }).batches());
    expect(own.some((b) => handedBack(b.batch))).toBe(false);
    // batches a caller keeps hold exactly their buffers (1000 float64 values, no nulls); reused ones
    // have room to spare for later, larger batches
    const memoryOf = (b: SourceBatch) => b.batch.getChildAt(0)?.data[0]?.values.buffer.byteLength;
    expect(own.map(memoryOf)).toEqual([8000, 8000, 8000, 8000, 8000]);
    expect(memoryOf(kept[4] as SourceBatch)).toBeGreaterThanOrEqual(10_000);
    expect(rowsOf(own.map((b) => b.batch))).toEqual(rowsOf([table]));
  });
});
