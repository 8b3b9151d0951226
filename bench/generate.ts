/**
 * Deterministic benchmark data: every value is a function of its row number (no randomness, no
 * downloads), so the same row count always gives the same bytes, and the CSV holds the first rows of
 * the Parquet file. Columns: id (unique int64), key (int64 with duplicates), score and amount (float64,
 * amount with nulls), label (nullable int32), category (dictionary<utf8>), email (utf8 with nulls and a
 * few malformed values), created_at and updated_at (timestamp[us], updated_at > created_at but for a few).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  type Data,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';

/** Bumped whenever the data a row count yields changes, so that stale files are rebuilt. */
const GENERATOR_VERSION = 1;
/**
 * Rows per Parquet row group: 1M (pyarrow's default is 2^20) from 1M rows up, so that the memory cases
 * compare files that differ only in length (a reader's memory follows the row group, not the file);
 * a fifth of the rows below, so that CI-sized files still have several.
 */
export function rowGroupRows(rows: number): number {
  return rows >= 1_000_000 ? 1_000_000 : Math.max(1, Math.ceil(rows / 5));
}

/** Categories of the `category` column; `other` appears in about 1 row in 10 000. */
export const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'] as const;
const ALL_CATEGORIES = [...CATEGORIES, 'other'];
/** Distinct keys of the `key` column (so the 10M-row file holds each about twice). */
export const KEY_SPACE = 5_000_000;
const BASE_US = 1_704_067_200_000_000; // 2024-01-01T00:00:00Z in microseconds
const YEAR_S = 365 * 86_400;
const MONTH_S = 30 * 86_400;
const DOMAINS = ['example.com', 'mail.test', 'corp.example.org', 'data.example.net'];

/** A 32-bit hash of (row, stream): independent values per column from one row number. */
export function hash(i: number, stream: number): number {
  let h = Math.imul(i ^ Math.imul(stream, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The values of rows [start, start + n) as typed arrays (nulls as validity bytes). */
interface Chunk {
  n: number;
  id: Float64Array;
  key: Float64Array;
  score: Float64Array;
  amount: Float64Array;
  amountValid: Uint8Array;
  label: Int32Array;
  labelValid: Uint8Array;
  category: Int32Array;
  email: (string | null)[];
  created: Float64Array;
  updated: Float64Array;
}

function chunk(start: number, n: number): Chunk {
  const c: Chunk = {
    n,
    id: new Float64Array(n),
    key: new Float64Array(n),
    score: new Float64Array(n),
    amount: new Float64Array(n),
    amountValid: new Uint8Array(n),
    label: new Int32Array(n),
    labelValid: new Uint8Array(n),
    category: new Int32Array(n),
    email: new Array(n),
    created: new Float64Array(n),
    updated: new Float64Array(n),
  };
  for (let r = 0; r < n; r++) {
    const i = start + r;
    // multiplying by an odd constant is a bijection on 32 bits: unique ids in scrambled order
    c.id[r] = 1_000_000_000_000 + (Math.imul(i, 0x9e3779b1) >>> 0);
    c.key[r] = hash(i, 1) % KEY_SPACE;
    c.score[r] = (hash(i, 2) % 1_000_000) / 1_000_000;
    const a = hash(i, 3);
    c.amount[r] = 10 + (a % 100_000) / 100;
    c.amountValid[r] = a % 50 === 7 ? 0 : 1;
    const l = hash(i, 4);
    c.label[r] = l % 5;
    c.labelValid[r] = l % 20 === 3 ? 0 : 1;
    const k = hash(i, 5);
    c.category[r] = k % 10_000 === 0 ? 6 : k % 6;
    const e = hash(i, 6);
    const user = `user${e % 1_000_000}`;
    const domain = DOMAINS[e % DOMAINS.length] as string;
    c.email[r] = e % 100 === 1 ? null : e % 200 === 5 ? `${user} at ${domain}` : `${user}@${domain}`;
    const t = BASE_US + (hash(i, 7) % YEAR_S) * 1_000_000;
    c.created[r] = t;
    const u = hash(i, 8);
    c.updated[r] = u % 1000 === 0 ? t - 1_000_000 : t + (1 + (u % MONTH_S)) * 1_000_000;
  }
  return c;
}

function bitmap(valid: Uint8Array): { nullBitmap: Uint8Array; nullCount: number } {
  const bm = new Uint8Array((valid.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < valid.length; i++) {
    if (valid[i]) bm[i >> 3] = (bm[i >> 3] as number) | (1 << (i & 7));
    else nulls++;
  }
  return { nullBitmap: bm, nullCount: nulls };
}

/** Non-negative integers below 2^53 as int64, written through their 32-bit halves. */
function int64(values: Float64Array): BigInt64Array {
  const out = new BigInt64Array(values.length);
  const halves = new Uint32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const hi = Math.floor(v / 4294967296);
    halves[2 * i] = v - hi * 4294967296;
    halves[2 * i + 1] = hi;
  }
  return out;
}

/** ASCII strings (or nulls) as Arrow utf8 data. */
function utf8(values: readonly (string | null)[]): Data<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const valid = new Uint8Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) size += values[i]?.length ?? 0;
  const bytes = new Uint8Array(size);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v != null) {
      valid[i] = 1;
      for (let k = 0; k < v.length; k++) bytes[w++] = v.charCodeAt(k);
    }
    offsets[i + 1] = w;
  }
  return makeData({ type: new Utf8(), length: n, valueOffsets: offsets, data: bytes, ...bitmap(valid) });
}

const SCHEMA = new Schema([
  new Field('id', new Int64(), false),
  new Field('key', new Int64(), false),
  new Field('score', new Float64(), false),
  new Field('amount', new Float64(), true),
  new Field('label', new Int32(), true),
  new Field('category', new Dictionary(new Utf8(), new Int32()), false),
  new Field('email', new Utf8(), true),
  new Field('created_at', new TimestampMicrosecond(), false),
  new Field('updated_at', new TimestampMicrosecond(), false),
]);

const categoryDictionary = vectorFromArray(ALL_CATEGORIES, new Utf8());

/** A chunk as an Arrow record batch of SCHEMA. */
function toBatch(c: Chunk): RecordBatch {
  const n = c.n;
  const f = SCHEMA.fields;
  const children = [
    makeData({ type: new Int64(), length: n, data: int64(c.id) }),
    makeData({ type: new Int64(), length: n, data: int64(c.key) }),
    makeData({ type: new Float64(), length: n, data: c.score }),
    makeData({ type: new Float64(), length: n, data: c.amount, ...bitmap(c.amountValid) }),
    makeData({ type: new Int32(), length: n, data: c.label, ...bitmap(c.labelValid) }),
    makeData({
      type: f[5]?.type as Dictionary<Utf8, Int32>,
      length: n,
      data: c.category,
      dictionary: makeVector(categoryDictionary.data),
    }),
    utf8(c.email),
    makeData({ type: new TimestampMicrosecond(), length: n, data: int64(c.created) }),
    makeData({ type: new TimestampMicrosecond(), length: n, data: int64(c.updated) }),
  ];
  const data = makeData({ type: new Struct(f), length: n, nullCount: 0, children: children as never });
  return new RecordBatch(SCHEMA, data);
}

/** `YYYY-MM-DD HH:MM:SS` of whole seconds in microseconds since the epoch (UTC, no zone: a naive timestamp). */
function isoSeconds(us: number): string {
  const sec = us / 1_000_000;
  const day = Math.floor(sec / 86_400);
  let date = dayNames.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dayNames.set(day, date);
  }
  const s = sec - day * 86_400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  return `${date} ${TWO[h]}:${TWO[m]}:${TWO[s - h * 3600 - m * 60]}`;
}

const dayNames = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function csvLines(c: Chunk): string {
  const out: string[] = [];
  for (let r = 0; r < c.n; r++) {
    const amount = c.amountValid[r] ? String(c.amount[r]) : '';
    const label = c.labelValid[r] ? String(c.label[r]) : '';
    out.push(
      `${c.id[r]},${c.key[r]},${c.score[r]},${amount},${label},${ALL_CATEGORIES[c.category[r] as number]},${c.email[r] ?? ''},${isoSeconds(c.created[r] as number)},${isoSeconds(c.updated[r] as number)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Writes a Parquet file of `rows` rows in row groups of rowGroupRows(rows), chunk by chunk (bounded memory). */
async function writeParquet(path: string, rows: number): Promise<void> {
  const pw = createRequire(import.meta.url)('parquet-wasm/node') as typeof import('parquet-wasm/node');
  const groupRows = rowGroupRows(rows);
  let start = 0;
  const batches = new ReadableStream({
    pull(controller) {
      if (start >= rows) {
        controller.close();
        return;
      }
      const n = Math.min(groupRows, rows - start);
      const ipc = tableToIPC(new Table([toBatch(chunk(start, n))]), 'stream');
      const table = pw.Table.fromIPCStream(ipc);
      for (const b of table.recordBatches()) controller.enqueue(b);
      start += n;
    },
  });
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.SNAPPY)
    .setMaxRowGroupSize(groupRows)
    .build();
  const out = await pw.transformParquetStream(batches, props);
  const fd = openSync(path, 'w');
  try {
    for await (const part of out as unknown as AsyncIterable<Uint8Array>) writeSync(fd, part);
  } finally {
    closeSync(fd);
  }
}

function writeCsv(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${SCHEMA.fields.map((f) => f.name).join(',')}\n`);
    for (let start = 0; start < rows; start += 250_000) {
      writeSync(fd, csvLines(chunk(start, Math.min(250_000, rows - start))));
    }
  } finally {
    closeSync(fd);
  }
}

/** What generate() made. */
export interface Generated {
  parquet: string;
  csv: string;
  parquetRows: number;
  csvRows: number;
}

/**
 * Makes (or reuses, when a manifest says they match) `<dir>/bench-<rows>.parquet` and
 * `<dir>/bench-<csvRows>.csv`.
 */
export async function generate(dir: string, parquetRows: number, csvRows: number): Promise<Generated> {
  mkdirSync(dir, { recursive: true });
  const parquet = `${dir}/bench-${parquetRows}.parquet`;
  const csv = `${dir}/bench-${csvRows}.csv`;
  const made = (path: string, rows: number, write: () => Promise<void> | void) => async () => {
    const manifest = `${path}.json`;
    const want = JSON.stringify({ version: GENERATOR_VERSION, rows, rowGroupRows: rowGroupRows(rows) });
    if (existsSync(path) && existsSync(manifest) && readFileSync(manifest, 'utf8') === want) return;
    mkdirSync(dirname(path), { recursive: true });
    await write();
    writeFileSync(manifest, want);
  };
  await made(parquet, parquetRows, () => writeParquet(parquet, parquetRows))();
  await made(csv, csvRows, () => writeCsv(csv, csvRows))();
  return { parquet, csv, parquetRows, csvRows };
}
