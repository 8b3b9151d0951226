import { open, writeFile } from 'node:fs/promises';
import {
  type Field,
  type RecordBatch,
  type Schema,
  type Table,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow';
import { typeName } from '../arrow/types.js';
import { batchFromFlat, type FlatBatch, type FlatWant, wantOf } from './arrow-flat.js';
import { assertFile, oneLine } from './files.js';
import { type ColumnChunk, checkRowGroup, decodeBudget, maxBatchBytes, tooLarge } from './limits.js';
import { project } from './memory.js';
import { hyparquetSource, withFallback } from './parquet-fallback.js';
import { callReader as call } from './parquet-thread.js';
import {
  type DataSource,
  ReadError,
  type ReadErrorCode,
  type SourceBatch,
  type SourcePart,
} from './types.js';
import { formatBytes } from './watch.js';
import { WorkerFailure } from './worker-session.js';

interface MetaReply {
  schema: Uint8Array;
  rowGroups: number[];
  numRows: number;
  chunks: ColumnChunk[][];
}
type NextReply =
  | { done: true }
  | { done: false; ipc: Uint8Array; flat?: undefined }
  | { done: false; flat: FlatBatch; buffer: ArrayBuffer };

const UNSUPPORTED =
  /not (yet )?(supported|implemented)|unsupported|\bNYI\b|unable to convert|unrecognized type/i;

/** The ReadError for a failure of `what`, at `place` (row group, column) when known. */
function readError(
  path: string,
  what: string,
  e: unknown,
  place?: string,
  code: ReadErrorCode = 'bad_parquet',
): ReadError {
  const crashed = e instanceof WorkerFailure && e.crashed;
  const cause = crashed ? 'the decoder aborted on corrupt or unsupported data' : oneLine(e);
  if (!crashed && UNSUPPORTED.test(cause)) code = 'unsupported_type';
  return new ReadError(code, `${path}: ${what}: ${cause}${place ? ` (${place})` : ''}`, path);
}

interface Footer {
  schema: Schema;
  rowGroups: number[];
  numRows: number;
  chunks: ColumnChunk[][];
}

/**
 * Checks the magic bytes that start and end every Parquet file, so that the two commonest failures, a
 * file of another kind and a truncated copy, are named as such rather than by the decoder's riddles.
 */
async function checkMagic(path: string): Promise<void> {
  let size: number;
  const head = Buffer.alloc(4);
  const tail = Buffer.alloc(4);
  try {
    const fh = await open(path, 'r');
    try {
      size = (await fh.stat()).size;
      await fh.read(head, 0, 4, 0);
      if (size >= 8) await fh.read(tail, 0, 4, size - 4);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw readError(path, 'cannot read the file', e, undefined, 'unreadable');
  }
  if (size === 0) throw new ReadError('bad_parquet', `${path}: empty file`, path);
  if (head.toString('latin1') !== 'PAR1') {
    throw new ReadError('bad_parquet', `${path}: not a Parquet file (it does not start with PAR1)`, path);
  }
  // the smallest file is PAR1, a 4-byte footer length and PAR1
  if (size < 12 || tail.toString('latin1') !== 'PAR1') {
    throw new ReadError(
      'bad_parquet',
      `${path}: cannot read the Parquet footer: the file is truncated (it does not end with PAR1)`,
      path,
    );
  }
}

async function readFooter(path: string): Promise<Footer> {
  await assertFile(path);
  await checkMagic(path);
  let reply: MetaReply;
  try {
    reply = await call<MetaReply>({ op: 'meta', path });
  } catch (e) {
    throw readError(path, 'cannot read the Parquet footer', e);
  }
  let schema: Schema;
  try {
    schema = tableFromIPC(reply.schema).schema;
  } catch (e) {
    throw readError(path, 'apache-arrow cannot decode the schema', e, undefined, 'unsupported_type');
  }
  return { schema, rowGroups: reply.rowGroups, numRows: reply.numRows, chunks: reply.chunks };
}

/** The exact number of rows of a Parquet file, from its footer (no data is read). */
export async function parquetRowCount(path: string): Promise<number> {
  return (await readFooter(path)).numRows;
}

/** A Parquet file as a data source, with footer facts the engine can use without a scan. */
export interface ParquetSource extends DataSource {
  /** Exact row count from the footer. */
  rowCount(): Promise<number>;
  /** Rows of each row group, in file order. */
  rowGroups(): Promise<readonly number[]>;
}

/** Options of the Parquet reader. */
export interface ParquetOptions {
  /** Maximum rows per batch (row groups are never merged): default 65,536. */
  batchSize?: number;
  /** Memory a row group's asked columns may take once decoded (default 1 GiB), checked from the footer first. */
  maxBatchBytes?: number;
  /**
   * Uncompressed bytes of the asked columns per slice of a row group (default 16 MiB): with a page index
   * the decoder holds one slice at a time, so its memory follows this rather than the row group size.
   */
  sliceBytes?: number;
  /**
   * Only row groups [from, to), with the row numbers they have in the whole file: the share of the file
   * one thread of a parallel run reads (see `parts`).
   */
  rowGroups?: readonly [from: number, to: number];
}

const DEFAULT_BATCH_SIZE = 65_536;
/**
 * Uncompressed bytes of the asked columns that one slice of a row group spans: the decoder's memory
 * follows the slice (measured: 44 MB of wasm memory for the benchmark's 1M-row groups in slices of
 * 262,144 rows, 122 MB unsliced, and no slower).
 */
const SLICE_BYTES = 16 << 20;
let lastStream = 0;

/** One row group to read: where it is, its rows, and how (batch and slice rows, memory budget). */
interface GroupRead {
  path: string;
  rowGroup: number;
  rows: number;
  /** Rows per slice: a multiple of batchSize, so that batches never straddle two slices. */
  slice: number;
  batchSize: number;
  budget: number;
}

/** Rows per slice of a row group whose asked columns' chunks are these, spanning about `sliceBytes`. */
function sliceRows(
  chunks: readonly ColumnChunk[],
  columns: readonly string[],
  rows: number,
  batchSize: number,
  sliceBytes: number,
): number {
  const asked = new Set(columns);
  let bytes = 0;
  for (const c of chunks) if (asked.has(c.column)) bytes += c.bytes;
  const batches = bytes > 0 ? Math.floor((sliceBytes * rows) / (bytes * batchSize)) : Infinity;
  return Math.min(Math.max(1, batches) * batchSize, Math.max(rows, batchSize));
}

/**
 * How batches of a file cross from the reader thread in the flat form (arrow-flat.ts): the layout of
 * each column by name, the file's fields to type them, and (when the caller reuses batches) the buffers
 * of batches it is done with, to hand back.
 */
interface FlatRead {
  wants: Record<string, FlatWant>;
  fieldOf: (name: string) => Field | undefined;
  give: ArrayBuffer[] | undefined;
}

/** The flat reading of a file's columns; undefined when its column names repeat (batches then cross as IPC). */
function flatRead(schema: Schema, reuse: boolean): FlatRead | undefined {
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  if (byName.size !== schema.fields.length) return undefined;
  const wants: Record<string, FlatWant> = {};
  for (const f of schema.fields) {
    const want = wantOf(f.type);
    if (want) wants[f.name] = want;
  }
  return { wants, fieldOf: (name) => byName.get(name), give: reuse ? [] : undefined };
}

/**
 * Streams the batches of one row group with these columns (all when undefined), one batch decoded ahead,
 * each decode within the memory budget (decodeBudget). Throws the worker's failure as is, for the caller to place.
 */
async function* rowGroupBatches(
  g: GroupRead,
  columns: string[] | undefined,
  flat?: FlatRead,
): AsyncGenerator<RecordBatch> {
  const stream = ++lastStream;
  const { path, rowGroup, rows, slice, batchSize, budget } = g;
  let offset = 0;
  let done = false;
  const fetch = () => {
    const give = flat?.give?.splice(0) ?? [];
    const req = { op: 'next', stream, path, rowGroup, columns, batchSize, offset, rows, slice } as const;
    const reuse = flat?.give !== undefined;
    return call<NextReply>({ ...req, wants: flat?.wants, give, reuse }, budget, give);
  };
  let ahead = fetch();
  try {
    for (;;) {
      const r = await ahead;
      if (r.done) {
        done = true;
        return;
      }
      const batch = r.flat
        ? batchFromFlat(r.flat, r.buffer, (flat as FlatRead).fieldOf)
        : tableFromIPC(r.ipc).batches[0];
      if (!batch) continue;
      offset += batch.numRows;
      ahead = fetch();
      if (batch.numRows > 0) yield batch;
      // the caller asked for the next batch: with `reuse`, it is done with this one
      if (r.flat) flat?.give?.push(r.buffer);
    }
  } finally {
    if (!done) {
      // Stopped early (by the consumer or an error): let the prefetch land, then drop the worker's stream.
      await ahead.catch(() => undefined);
      await call({ op: 'close', stream }).catch(() => undefined);
    }
  }
}

/** The first of these columns that cannot be read alone in this row group: where a failure lies. */
async function failingColumn(g: GroupRead, columns: readonly string[]): Promise<string | undefined> {
  for (const column of columns) {
    try {
      for await (const _ of rowGroupBatches({ ...g, slice: g.rows }, [column]));
    } catch {
      return column;
    }
  }
  return undefined;
}

/** Codecs of the Parquet format that parquet-wasm 0.8 is built without. */
const MISSING_CODECS = new Set(['LZO']);

/**
 * The codec parquet-wasm lacks that a column's chunks use in a row group, if any: its stream aborts on them
 * without a message, so a failed column is checked here to tell "unsupported" from "corrupt".
 */
async function missingCodec(path: string, rowGroup: number, column: string): Promise<string | undefined> {
  const reply = await call<{ codecs: { column: string; codec: string }[] }>({ op: 'codecs', path, rowGroup });
  return reply.codecs.find((c) => c.column === column && MISSING_CODECS.has(c.codec))?.codec;
}

/**
 * Reads a Parquet file row group by row group with parquet-wasm (in a worker thread), decoding only the
 * asked columns; int64 stays BigInt64Array. A file whose footer parquet-wasm refuses is read by the
 * fallback reader (parquet-fallback.ts) when that can read it.
 */
export function parquetSource(path: string, options: ParquetOptions = {}): ParquetSource {
  return withFallback(wasmSource(path, options), () => hyparquetSource(path, options));
}

function wasmSource(path: string, options: ParquetOptions): ParquetSource {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const limit = maxBatchBytes(options.maxBatchBytes);
  const budget = decodeBudget(limit);
  const sliceBytes = options.sliceBytes ?? SLICE_BYTES;
  let footer: Promise<Footer> | undefined;
  const getFooter = () => {
    footer ??= readFooter(path);
    return footer;
  };

  return {
    description: path,
    format: 'parquet',
    files: [path],
    schema: async () => (await getFooter()).schema,
    rowCount: async () => (await getFooter()).numRows,
    rowGroups: async () => (await getFooter()).rowGroups,
    parts: async (count) => partsOf(path, options, (await getFooter()).rowGroups, count),
    async *batches(columns, batchOptions): AsyncIterable<SourceBatch> {
      const { schema, rowGroups, chunks } = await getFooter();
      const flat = flatRead(schema, batchOptions?.reuse === true);
      const fields = schema.fields.map((f) => f.name);
      // parquet-wasm matches names as dotted path prefixes and fails on unknown names, so only known
      // names are asked for and `project` then keeps exactly (and in order) the asked columns.
      const wanted = columns ? [...new Set(columns)].filter((c) => fields.includes(c)) : undefined;
      const [from, to] = options.rowGroups ?? [0, rowGroups.length];
      let rowOffset = sum(rowGroups.slice(0, from));
      let rowGroup = from;
      let group: GroupRead | undefined;
      try {
        for (; rowGroup < Math.min(to, rowGroups.length); rowGroup++) {
          const groupChunks = chunks[rowGroup] ?? [];
          checkRowGroup(path, rowGroup, groupChunks, schema, wanted ?? fields, limit);
          const rows = rowGroups[rowGroup] as number;
          const slice = sliceRows(groupChunks, wanted ?? fields, rows, batchSize, sliceBytes);
          group = { path, rowGroup, rows, slice, batchSize, budget };
          for await (const batch of rowGroupBatches(group, wanted, flat)) {
            yield { batch: wanted ? project(batch, wanted) : batch, rowOffset };
            rowOffset += batch.numRows;
          }
        }
      } catch (e) {
        if (e instanceof ReadError) throw e;
        if (e instanceof WorkerFailure && e.grown !== undefined) {
          // A footer cannot foresee this (text columns whose dictionary repeats long values), so it is
          // measured; reading the columns one by one to name the culprit would decode it again.
          const what = `decoding row group ${rowGroup} made the process grow by ${formatBytes(e.grown)} before it was stopped`;
          throw tooLarge(
            path,
            path,
            what,
            limit,
            'read fewer columns, or write the file with smaller row groups',
          );
        }
        const column = group && (await failingColumn(group, wanted ?? fields));
        const type = schema.fields.find((f) => f.name === column)?.type;
        const place = column
          ? `row group ${rowGroup}, column "${column}"${type ? ` of type ${typeName(type)}` : ''}`
          : `row group ${rowGroup}`;
        // A batch that parquet-wasm produced but apache-arrow cannot decode is a type gap, not bad data.
        if (!(e instanceof WorkerFailure)) {
          throw readError(path, 'apache-arrow cannot decode the data', e, place, 'unsupported_type');
        }
        const codec = column === undefined ? undefined : await missingCodec(path, rowGroup, column);
        if (codec) {
          const what = `column "${column}" is compressed with ${codec}, which parquet-wasm cannot decompress`;
          throw new ReadError('unsupported_type', `${path}: ${what} (row group ${rowGroup})`, path);
        }
        throw readError(path, 'cannot decode the data', e, place);
      } finally {
        await call({ op: 'release', path }).catch(() => undefined);
      }
    },
  };
}

function sum(xs: readonly number[]): number {
  let n = 0;
  for (const x of xs) n += x;
  return n;
}

/**
 * Splits a file into at most `count` runs of whole row groups with about equal rows, each readable by
 * itself (in another thread) through `rowGroups`; fewer parts when there are fewer row groups.
 */
function partsOf(
  path: string,
  options: ParquetOptions,
  rowGroups: readonly number[],
  count: number,
): SourcePart[] {
  const total = sum(rowGroups);
  const parts: SourcePart[] = [];
  let from = 0;
  let done = 0;
  for (let k = 1; k <= count && from < rowGroups.length; k++) {
    // part k ends at the first row group that brings it to k / count of the rows (the last takes the rest)
    let to = from;
    do {
      done += rowGroups[to] as number;
      to++;
    } while (to < rowGroups.length && (k === count || done * count < total * k));
    parts.push({
      format: 'parquet',
      path,
      options: { ...options, rowGroups: [from, to] },
      rows: sum(rowGroups.slice(from, to)),
    });
    from = to;
  }
  return parts;
}

/** Compression codecs `writeParquetFile` accepts. */
export type ParquetCompression = 'uncompressed' | 'snappy' | 'gzip' | 'brotli' | 'zstd' | 'lz4_raw';

/** Options of `writeParquetFile`. */
export interface WriteParquetOptions {
  /** Maximum rows per row group (parquet-wasm's default is 1,048,576). */
  rowGroupSize?: number;
  /** Codec of every column: default snappy. */
  compression?: ParquetCompression;
}

/** Writes an apache-arrow Table as a Parquet file (for fixtures, examples and benchmarks). */
export async function writeParquetFile(
  table: Table,
  path: string,
  options: WriteParquetOptions = {},
): Promise<void> {
  // Writing runs here, not in the reader thread: the synchronous writer throws (a catchable error) on
  // failure, and the reader thread's wasm memory stays sized for reading.
  const pw = await import('parquet-wasm/node');
  let props = new pw.WriterPropertiesBuilder().setCompression(
    pw.Compression[(options.compression ?? 'snappy').toUpperCase() as keyof typeof pw.Compression],
  );
  if (options.rowGroupSize !== undefined) props = props.setMaxRowGroupSize(options.rowGroupSize);
  const bytes = pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, 'stream')), props.build());
  await writeFile(path, bytes);
}
