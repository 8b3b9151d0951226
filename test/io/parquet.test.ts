import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Table, tableFromArrays, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { typeName } from '../../src/arrow/types.js';
import {
  type ParquetCompression,
  parquetRowCount,
  parquetSource,
  writeParquetFile,
} from '../../src/io/parquet.js';
import { hyparquetSource } from '../../src/io/parquet-fallback.js';
import { parquetReaderMemory } from '../../src/io/parquet-thread.js';
import {
  collect,
  countRows,
  PARQUET_DATA_FILES as dataFiles,
  expectReadError,
  footerFacts,
  PARQUET_TESTING,
  readErrorOf,
  rowsOf,
  tempDir,
  PARQUET_UNREADABLE as UNREADABLE,
  withTimeout,
} from './support.js';

const DATA = join(PARQUET_TESTING, 'data');
const BAD = join(PARQUET_TESTING, 'bad_data');
const tmp = tempDir();
afterAll(tmp.remove);

/** Rows per file from INVENTORY.md, whose footer facts were read with an independent Thrift parser. */
function inventoryRows(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const line of readFileSync(join(PARQUET_TESTING, 'INVENTORY.md'), 'utf8').split('\n')) {
    const m = /^\| (\S+\.parquet) \| \d+ \| (\d+)\/(\d+) \|/.exec(line);
    if (m) rows.set(m[1] as string, Number(m[2]));
  }
  return rows;
}
const INVENTORY = inventoryRows();

describe('parquet-testing data/', () => {
  it('the fixture inventory covers every data file', () => {
    expect(dataFiles.length).toBeGreaterThan(60);
    for (const f of dataFiles) expect(INVENTORY.has(`data/${f}`), f).toBe(true);
  });

  it.each(dataFiles)('%s reads completely or fails as listed', async (f) => {
    const source = parquetSource(join(DATA, f));
    const read = async () => {
      await source.schema();
      return countRows(source.batches());
    };
    const expectedError = UNREADABLE[f];
    if (expectedError) {
      const e = await readErrorOf(withTimeout(read(), 20_000, f));
      expect(e.code).toBe(expectedError);
      expect(e.message.startsWith(`${join(DATA, f)}: `)).toBe(true);
      expect(e.message).not.toContain('\n');
      return;
    }
    const rows = await withTimeout(read(), 20_000, f);
    expect(rows).toBe(INVENTORY.get(`data/${f}`));
    expect(await source.rowCount()).toBe(rows);
  });

  // Column counts were checked against each file's documented schema (data/*.md and the Parquet sources).
  const representative: [string, number][] = [
    ['alltypes_plain.parquet', 11],
    ['alltypes_dictionary.parquet', 11],
    ['alltypes_plain.snappy.parquet', 11],
    ['alltypes_tiny_pages.parquet', 13],
    ['nulls.snappy.parquet', 1],
    ['int32_with_null_pages.parquet', 1],
    ['datapage_v2.snappy.parquet', 5],
    ['delta_binary_packed.parquet', 66],
    ['delta_byte_array.parquet', 9],
    ['delta_encoding_optional_column.parquet', 17],
    ['delta_encoding_required_column.parquet', 17],
    ['delta_length_byte_array.parquet', 1],
    ['byte_stream_split.zstd.parquet', 2],
    ['byte_stream_split_extended.gzip.parquet', 14],
    ['lz4_raw_compressed.parquet', 3],
    ['lz4_raw_compressed_larger.parquet', 1],
    ['hadoop_lz4_compressed.parquet', 3],
    ['non_hadoop_lz4_compressed.parquet', 3],
    ['concatenated_gzip_members.parquet', 1],
    ['nested_lists.snappy.parquet', 2],
    ['nested_maps.snappy.parquet', 3],
    ['nested_structs.rust.parquet', 36],
    ['list_columns.parquet', 2],
    ['nullable.impala.parquet', 6],
    ['nonnullable.impala.parquet', 6],
    ['floating_orders_nan_count.parquet', 6],
    ['column_chunk_key_value_metadata.parquet', 2],
  ];
  it.each(representative)('%s has %i columns in the schema and in every batch', async (f, columns) => {
    const source = parquetSource(join(DATA, f));
    expect((await source.schema()).fields.length).toBe(columns);
    const batches = await collect(source.batches());
    for (const { batch } of batches) expect(batch.numCols).toBe(columns);
    expect(batches.reduce((n, b) => n + b.batch.numRows, 0)).toBe(INVENTORY.get(`data/${f}`));
  });

  // With and without a page index (files from parquet-mr, Impala, arrow-rs), pages of several sizes; the
  // Impala files' nested rows compare unequal even between two whole reads, so they are left out.
  const sliceable = representative.map(([f]) => f).filter((f) => !f.endsWith('.impala.parquet'));
  it.each(sliceable)('%s reads the same in slices of a row group', async (f) => {
    // about 20 batches, each its own slice
    const batchSize = Math.max(2, Math.ceil((INVENTORY.get(`data/${f}`) ?? 0) / 20));
    const whole = await collect(parquetSource(join(DATA, f), { batchSize }).batches());
    const sliced = await collect(parquetSource(join(DATA, f), { batchSize, sliceBytes: 1 }).batches());
    expect(sliced.map((b) => b.rowOffset)).toEqual(whole.map((b) => b.rowOffset));
    expect(rowsOf(sliced.map((b) => b.batch))).toEqual(rowsOf(whole.map((b) => b.batch)));
  });

  it('row groups of a multi-row-group file match the footer', async () => {
    const source = parquetSource(join(DATA, 'floating_orders_nan_count.parquet'));
    expect(await source.rowGroups()).toEqual([10, 10, 10, 10, 10]);
    const batches = await collect(source.batches());
    expect(batches.map((b) => b.rowOffset)).toEqual([0, 10, 20, 30, 40]);
  });

  it('parquetRowCount reads the footer only', async () => {
    expect(await parquetRowCount(join(DATA, 'alltypes_tiny_pages.parquet'))).toBe(7300);
  });
});

/** Parses a parquet-testing *_expect.csv: header names, then cells (unquoted empty = null). */
function readExpectCsv(name: string): { header: string[]; rows: (string | null)[][] } {
  const lines = readFileSync(join(DATA, name), 'utf8').trimEnd().split('\n');
  const cells = (line: string) =>
    [...line.matchAll(/(?:^|,)(?:"([^"]*)"|([^,]*))/g)].map(
      (m) => m[1] ?? (m[2] === '' ? null : m[2]) ?? null,
    );
  return { header: cells(lines[0] as string) as string[], rows: lines.slice(1).map(cells) };
}

describe('parquet-testing *_expect.csv', () => {
  it.each([
    ['delta_binary_packed', 'BigInt'],
    ['delta_byte_array', 'string'],
    ['delta_encoding_optional_column', 'string'],
    ['delta_encoding_required_column', 'string'],
  ])('%s.parquet holds exactly the values of its expect file', async (base) => {
    const { header, rows } = readExpectCsv(`${base}_expect.csv`);
    const source = parquetSource(join(DATA, `${base}.parquet`));
    const schema = await source.schema();
    // delta_encoding_required_column's Spark writer named its columns with a trailing ':' (see its .md).
    const names = schema.fields.map((f) => f.name.replace(/:$/, ''));
    expect(names).toEqual(header.map((h) => h.trim()));
    const got: (string | null)[][] = [];
    for await (const { batch } of source.batches()) {
      for (let r = 0; r < batch.numRows; r++) {
        got.push(
          schema.fields.map((_, c) => {
            const v = batch.getChildAt(c)?.get(r);
            return v === null || v === undefined ? null : String(v);
          }),
        );
      }
    }
    expect(got.length).toBe(rows.length);
    expect(got).toEqual(rows);
  });

  it('int64 values beyond 2^53 stay exact (BigInt64Array)', async () => {
    const source = parquetSource(join(DATA, 'delta_binary_packed.parquet'));
    const { header, rows } = readExpectCsv('delta_binary_packed_expect.csv');
    const c = header.indexOf('bitwidth64');
    const [first] = await collect(source.batches(['bitwidth64']));
    const col = first?.batch.getChildAt(0);
    expect(col && typeName(col.type)).toBe('int64');
    expect(col?.data[0]?.values).toBeInstanceOf(BigInt64Array);
    const values = rows.map((r) => BigInt(r[c] as string));
    expect(values.some((v) => v > 2n ** 53n || v < -(2n ** 53n))).toBe(true);
    expect([...(col?.toArray() ?? [])]).toEqual(values);
  });

  it('nulls, including a page of only nulls, stay null', async () => {
    const [b] = await collect(parquetSource(join(DATA, 'int32_with_null_pages.parquet')).batches());
    const col = b?.batch.getChildAt(0);
    expect(col?.nullCount).toBe(275);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of col ?? []) {
      if (v === null) continue;
      min = Math.min(min, v as number);
      max = Math.max(max, v as number);
    }
    expect([min, max]).toEqual([-2136906554, 2145722375]);
  });
});

describe('bad data', () => {
  const badFiles = readdirSync(BAD).filter((f) => f.endsWith('.parquet'));
  /** Readable by arrow-rs: a dictionary index page with RLE bit width 0, which crashed Arrow Go only. */
  const READABLE = new Set(['ARROW-GH-43605.parquet']);

  it('has the 8 bad_data files', () => expect(badFiles.length).toBe(8));

  it.each(badFiles)('%s ends in a ReadError, not a crash or a hang', async (f) => {
    const source = parquetSource(join(BAD, f));
    const read = async () => countRows(source.batches());
    if (READABLE.has(f)) {
      expect(await withTimeout(read(), 20_000, f)).toBe(await source.rowCount());
      return;
    }
    const e = await readErrorOf(withTimeout(read(), 20_000, f));
    expect(e.code).toBe('bad_parquet');
    expect(e.file).toBe(join(BAD, f));
    expect(e.message.startsWith(`${join(BAD, f)}: `)).toBe(true);
    expect(e.message).not.toContain('\n');
  });

  it('names the row group and the column of a page that fails to decode', async () => {
    const f = join(BAD, 'ARROW-GH-47662.parquet');
    const message = await expectReadError(countRows(parquetSource(f).batches()), 'bad_parquet');
    expect(message).toBe(
      `${f}: cannot decode the data: the decoder aborted on corrupt or unsupported data ` +
        '(row group 0, column "flba_field" of type fixed_size_binary[4])',
    );
  });

  it('a truncated copy of a good file is a ReadError', async () => {
    const bytes = readFileSync(join(DATA, 'alltypes_plain.parquet'));
    for (const keep of [bytes.length - 1, bytes.length - 8, Math.floor(bytes.length / 2), 4, 0]) {
      const f = join(tmp.dir, `truncated-${keep}.parquet`);
      writeFileSync(f, bytes.subarray(0, keep));
      const message = await expectReadError(withTimeout(parquetSource(f).schema(), 20_000, f), 'bad_parquet');
      expect(message).toBe(
        keep === 0
          ? `${f}: empty file`
          : `${f}: cannot read the Parquet footer: the file is truncated (it does not end with PAR1)`,
      );
    }
  });

  it('a corrupt compressed page is a ReadError naming its row group and column', async () => {
    // Four identical row groups of one column: the column chunks are equally long and lie end to end
    // between the leading magic and the footer, so the third chunk's middle is easy to hit.
    const groups = 4;
    const table = tableFromArrays({
      a: Float64Array.from({ length: groups * 500 }, (_, i) => (i % 500) / 3),
    });
    const good = join(tmp.dir, 'zstd.parquet');
    await writeParquetFile(table, good, { compression: 'zstd', rowGroupSize: 500 });
    const bytes = Buffer.from(readFileSync(good));
    const footer = bytes.readUInt32LE(bytes.length - 8);
    const chunk = (bytes.length - 8 - footer - 4) / groups;
    expect(Number.isInteger(chunk)).toBe(true);
    const middle = 4 + 2 * chunk + chunk / 2;
    bytes.fill(0xff, middle - 20, middle + 20);
    const bad = join(tmp.dir, 'zstd-corrupt.parquet');
    writeFileSync(bad, bytes);
    const message = await expectReadError(countRows(parquetSource(bad).batches()), 'bad_parquet');
    expect(message).toBe(
      `${bad}: cannot decode the data: the decoder aborted on corrupt or unsupported data (row group 2, column "a" of type float64)`,
    );
  });

  it('a column compressed with a codec parquet-wasm lacks is unsupported, other columns still read', async () => {
    const table = tableFromArrays({
      a: Int32Array.from({ length: 100 }, (_, i) => i),
      b: Float64Array.from({ length: 100 }, (_, i) => i / 2),
    });
    const plain = join(tmp.dir, 'plain.parquet');
    await writeParquetFile(table, plain, { compression: 'uncompressed', rowGroupSize: 50 });
    // In each footer ColumnMetaData of column "a" (Thrift compact), path_in_schema ["a"] (list header 0x18,
    // length 1, "a") is followed by field 4, codec (header 0x15), UNCOMPRESSED (0); 6 is LZO (3, zigzag).
    const bytes = Buffer.from(readFileSync(plain));
    const codecOfA = Buffer.from([0x18, 0x01, 0x61, 0x15, 0x00]);
    let patched = 0;
    for (let i = bytes.indexOf(codecOfA); i >= 0; i = bytes.indexOf(codecOfA, i + 1), patched++)
      bytes[i + 4] = 6;
    expect(patched).toBe(2);
    const lzo = join(tmp.dir, 'lzo.parquet');
    writeFileSync(lzo, bytes);
    const source = parquetSource(lzo);
    expect(await countRows(source.batches(['b']))).toBe(100);
    expect(await expectReadError(countRows(source.batches()), 'unsupported_type')).toBe(
      `${lzo}: column "a" is compressed with LZO, which parquet-wasm cannot decompress (row group 0)`,
    );
  });

  it('a missing file, a directory and a non-Parquet file', async () => {
    await expectReadError(parquetSource(join(tmp.dir, 'nope.parquet')).schema(), 'file_not_found');
    await expectReadError(parquetSource(tmp.dir).schema(), 'unreadable');
    const readme = join(DATA, 'README.md');
    expect(await expectReadError(parquetSource(readme).schema(), 'bad_parquet')).toBe(
      `${readme}: not a Parquet file (it does not start with PAR1)`,
    );
  });

  it('the reader keeps working after a decoder crash, and other streams carry on', async () => {
    const table = tableFromArrays({ x: Int32Array.from({ length: 5000 }, (_, i) => i) });
    const good = join(tmp.dir, 'carry-on.parquet');
    await writeParquetFile(table, good, { rowGroupSize: 1000 });
    const it = parquetSource(good, { batchSize: 250 }).batches()[Symbol.asyncIterator]();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await it.next();
      if (!r.done) seen.push(...(r.value.batch.getChild('x')?.toArray() ?? []));
    }
    // This crashes the wasm instance that holds the open stream of `good`.
    await expectReadError(
      countRows(parquetSource(join(BAD, 'ARROW-GH-45185.parquet')).batches()),
      'bad_parquet',
    );
    for (let r = await it.next(); !r.done; r = await it.next()) {
      seen.push(...(r.value.batch.getChild('x')?.toArray() ?? []));
    }
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});

describe('parquetSource', () => {
  const n = 10_000;
  const table = new Table({
    id: vectorFromArray(BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 1_000_000_007n + 2n ** 60n)),
    price: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i / 4)),
      new Float64(),
    ),
    name: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : `n${i % 97}`)),
      new Utf8(),
    ),
  });
  const file = join(tmp.dir, 'multi.parquet');
  const written = writeParquetFile(table, file, { rowGroupSize: 3000 });

  it('reads row group by row group with global row offsets and the batch size', async () => {
    await written;
    const source = parquetSource(file, { batchSize: 1000 });
    expect(await source.rowGroups()).toEqual([3000, 3000, 3000, 1000]);
    expect(await source.rowCount()).toBe(n);
    const batches = await collect(source.batches());
    expect(batches.map((b) => b.rowOffset)).toEqual(Array.from({ length: 10 }, (_, i) => i * 1000));
    expect(rowsOf(batches.map((b) => b.batch))).toEqual(rowsOf([table]));
  });

  it('never merges row groups into one batch', async () => {
    await written;
    const batches = await collect(parquetSource(file, { batchSize: 2500 }).batches());
    expect(batches.map((b) => b.batch.numRows)).toEqual([2500, 500, 2500, 500, 2500, 500, 1000]);
  });

  it('decodes only the asked columns, in the asked order', async () => {
    await written;
    const batches = await collect(parquetSource(file).batches(['name', 'id', 'nope', 'name']));
    for (const { batch } of batches) expect(batch.schema.fields.map((f) => f.name)).toEqual(['name', 'id']);
    const want = rowsOf([table.select(['name', 'id'])]);
    expect(rowsOf(batches.map((b) => b.batch))).toEqual(want);
  });

  it('an empty projection still gives every row', async () => {
    await written;
    const batches = await collect(parquetSource(file).batches([]));
    expect(batches.every((b) => b.batch.numCols === 0)).toBe(true);
    expect(batches.reduce((s, b) => s + b.batch.numRows, 0)).toBe(n);
  });

  it.each([
    [1000, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]],
    [700, [700, 700, 700, 700, 200, 700, 700, 700, 700, 200, 700, 700, 700, 700, 200, 700, 300]],
  ])('row groups read in slices (batch size %i) give the same batches as whole', async (size, sizes) => {
    await written;
    const whole = await collect(parquetSource(file, { batchSize: size }).batches());
    // one byte per slice: every slice is one batch, so each row group is opened as many times
    const sliced = await collect(parquetSource(file, { batchSize: size, sliceBytes: 1 }).batches());
    expect(sliced.map((b) => b.batch.numRows)).toEqual(sizes);
    expect(sliced.map((b) => b.rowOffset)).toEqual(whole.map((b) => b.rowOffset));
    expect(rowsOf(sliced.map((b) => b.batch))).toEqual(rowsOf([table]));
  });

  it('a consumer that stops early leaves the reader usable', async () => {
    await written;
    const source = parquetSource(file, { batchSize: 100 });
    for await (const { rowOffset } of source.batches(['id'])) if (rowOffset >= 500) break;
    expect(await countRows(source.batches(['price']))).toBe(n);
  });

  it('WebAssembly memory does not grow with the number of row groups read', async () => {
    const many = join(tmp.dir, 'many-row-groups.parquet');
    const big = tableFromArrays({
      a: Float64Array.from({ length: 200_000 }, (_, i) => i * 1.5),
      b: BigInt64Array.from({ length: 200_000 }, (_, i) => BigInt(i)),
    });
    await writeParquetFile(big, many, { rowGroupSize: 5000 });
    const source = parquetSource(many);
    expect((await source.rowGroups()).length).toBe(40);
    await countRows(source.batches());
    const after1 = await parquetReaderMemory();
    for (let i = 0; i < 3; i++) await countRows(source.batches());
    const after4 = await parquetReaderMemory();
    // Each pass decodes ~3.2 MB; a leak of the decoded batches or the file handles would show as growth.
    expect(after4).toBeLessThanOrEqual(after1);
    expect(after1).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('writeParquetFile', () => {
  const table = tableFromArrays({
    i: Int32Array.from([1, 2, 3, 4, 5]),
    big: BigInt64Array.from([2n ** 62n, -(2n ** 62n), 0n, 1n, -1n]),
  });
  const codecs: ParquetCompression[] = ['uncompressed', 'snappy', 'gzip', 'brotli', 'zstd', 'lz4_raw'];
  it.each(codecs)('writes %s files that read back the same', async (compression) => {
    const f = join(tmp.dir, `codec-${compression}.parquet`);
    await writeParquetFile(table, f, { compression, rowGroupSize: 2 });
    const source = parquetSource(f);
    expect(await source.rowGroups()).toEqual([2, 2, 1]);
    expect(rowsOf((await collect(source.batches())).map((b) => b.batch))).toEqual(rowsOf([table]));
  });
});

type SourceBatchList = Awaited<ReturnType<typeof collect>>;

describe("parquet-testing data/ against each file's own footer", () => {
  const readable = dataFiles.filter((f) => !UNREADABLE[f]);
  let nullChecks = 0;

  it.each(readable)('%s: rows, columns and null counts match the footer', async (f) => {
    const path = join(DATA, f);
    const facts = await footerFacts(path);
    const source = parquetSource(path);
    expect((await source.schema()).fields.map((x) => x.name)).toEqual(facts.columns);
    const nulls = new Map<string, number>();
    let rows = 0;
    for await (const { batch } of source.batches()) {
      rows += batch.numRows;
      for (const name of facts.nulls.keys()) {
        nulls.set(name, (nulls.get(name) ?? 0) + (batch.getChild(name)?.nullCount ?? Number.NaN));
      }
    }
    expect(rows).toBe(facts.rows);
    if (facts.rows > 0) expect(nulls).toEqual(facts.nulls);
    nullChecks += facts.nulls.size;
  });

  it('checked the null counts of many columns', () => {
    // the flat columns of the files above whose footers carry null counts
    expect(nullChecks).toBeGreaterThan(150);
  });
});

describe('the fallback reader (hyparquet) for footers parquet-wasm refuses', () => {
  it('reads dict-page-offset-zero.parquet: 39 rows of 1552, as its footer statistics say', async () => {
    const path = join(DATA, 'dict-page-offset-zero.parquet');
    const source = parquetSource(path);
    const schema = await source.schema();
    expect(schema.fields.map((x) => [x.name, typeName(x.type)])).toEqual([['l_partkey', 'int32']]);
    expect(await source.rowCount()).toBe(39);
    expect(await source.rowGroups()).toEqual([39]);
    const facts = await footerFacts(path);
    expect(facts.nulls.get('l_partkey')).toBe(0);
    const values = rowsOf((await collect(source.batches())).map((b) => b.batch)).flat();
    expect(values).toEqual(Array.from({ length: 39 }, () => 1552));
  });

  const outcomes = new Map<string, 'same' | 'unsupported'>();
  const candidates = dataFiles.filter((x) => !UNREADABLE[x] && x !== 'dict-page-offset-zero.parquet');
  it.concurrent.for(candidates)(
    '%s: read as parquet-wasm reads it, or refused naming a column',
    async (f, { expect }) => {
      const path = join(DATA, f);
      const fallback = hyparquetSource(path, { batchSize: 1000 });
      let schema: Awaited<ReturnType<typeof fallback.schema>>;
      try {
        schema = await fallback.schema();
      } catch (e) {
        expect((e as { code?: string }).code).toBe('unsupported_type');
        outcomes.set(f, 'unsupported');
        return;
      }
      const names = (s: typeof schema) => s.fields.map((x) => `${x.name}:${typeName(x.type)}`);
      expect(names(schema)).toEqual(names(await parquetSource(path).schema()));
      const got = await collect(fallback.batches());
      const want = await collect(parquetSource(path, { batchSize: 1000 }).batches());
      const layout = (bs: SourceBatchList) => bs.map((b) => [b.rowOffset, b.batch.numRows]);
      expect(layout(got)).toEqual(layout(want));
      expect(rowsOf(got.map((b) => b.batch))).toEqual(rowsOf(want.map((b) => b.batch)));
      outcomes.set(f, 'same');
    },
  );

  it('reads most data/ files exactly as parquet-wasm does', () => {
    const count = (o: string) => [...outcomes.values()].filter((x) => x === o).length;
    expect(outcomes.size).toBe(candidates.length);
    expect(count('same')).toBeGreaterThanOrEqual(30);
    expect(count('unsupported')).toBeGreaterThan(0);
  });

  it('names a column it cannot convert, with its Parquet type', async () => {
    const path = join(DATA, 'byte_stream_split_extended.gzip.parquet');
    expect(await expectReadError(hyparquetSource(path).schema(), 'unsupported_type')).toBe(
      `${path}: column "float16_plain" has Parquet type FIXED_LEN_BYTE_ARRAY (FLOAT16), which the fallback reader (hyparquet) cannot turn into Arrow`,
    );
  });

  it.each([join(DATA, 'nation.dict-malformed.parquet'), join(BAD, 'ARROW-RS-GH-6229-DICTHEADER.parquet')])(
    'corrupt data in %s is a one-line ReadError, in its own thread',
    async (path) => {
      const message = await expectReadError(
        withTimeout(countRows(hyparquetSource(path).batches()), 20_000, path),
        'bad_parquet',
      );
      expect(message).toMatch(
        new RegExp(
          `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot decode the data: .* \\(row group 0, read by the fallback reader\\)$`,
        ),
      );
      expect(message).not.toContain('\n');
    },
  );
});

describe('maxBatchBytes: decompression bombs and huge row groups', () => {
  const MiB = 2 ** 20;
  const n = 2_000_000;
  /** 16 MB of one repeated float as a few KB of zstd, in one row group, beside a small column. */
  async function bomb(name: string, dictionary: boolean): Promise<string> {
    const pw = await import('parquet-wasm/node');
    const table = tableFromArrays({
      big: new Float64Array(n).fill(1.5),
      small: new Int8Array(n),
    });
    const props = new pw.WriterPropertiesBuilder()
      .setCompression(pw.Compression.ZSTD)
      .setDictionaryEnabled(dictionary)
      .setMaxRowGroupSize(n)
      .build();
    const path = join(tmp.dir, name);
    writeFileSync(path, pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, 'stream')), props));
    return path;
  }

  it.each([
    ['dictionary-encoded', true],
    ['plain', false],
  ])(
    'a %s zstd bomb is refused from the footer, before a page is read',
    async (name, dictionary) => {
      const path = await bomb(`bomb-${name}.parquet`, dictionary as boolean);
      expect(readFileSync(path).length).toBeLessThan(200_000);
      const before = await parquetReaderMemory();
      const message = await expectReadError(
        countRows(parquetSource(path, { maxBatchBytes: 12 * MiB }).batches()),
        'too_large',
      );
      // the small int8 column takes 1 byte a value decoded, 4 in plain INT32 pages
      const total = dictionary ? '17.2' : '22.9';
      expect(message).toBe(
        `${path}: row group 0 would decode to about ${total} MiB (column "big": 15.3 MiB), over the limit of 12 MiB per batch ` +
          '(maxBatchBytes, --max-batch-bytes); write the file with smaller row groups, or read fewer columns',
      );
      // decoding the row group would have taken 18 MB of WebAssembly memory
      expect((await parquetReaderMemory()) - before).toBeLessThan(8 * MiB);
      // the limit counts the asked columns only, and the default limit lets the whole file through
      expect(await countRows(parquetSource(path, { maxBatchBytes: 12 * MiB }).batches(['small']))).toBe(n);
      expect(await countRows(parquetSource(path).batches())).toBe(n);
    },
    60_000,
  );

  it('an option that is not a positive integer is refused', () => {
    expect(() => parquetSource(join(DATA, 'binary.parquet'), { maxBatchBytes: 0 })).toThrow(
      'maxBatchBytes must be a positive integer, got 0',
    );
  });
});
