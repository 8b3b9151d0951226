import { open, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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
import {
  type ColumnChunk,
  checkRowGroup,
  decodeBudget,
  formatBytes,
  maxBatchBytes,
  tooLarge,
  watchMemory,
} from './limits.js';
import { project } from './memory.js';
import { hyparquetSource, withFallback } from './parquet-fallback.js';
import {
  type DataSource,
  ReadError,
  type ReadErrorCode,
  type SourceBatch,
  type SourcePart,
} from './types.js';

/*
 * parquet-wasm runs in one worker thread, never in the caller's thread. `ParquetFile.stream()` unwraps
 * every decode error, so corrupt pages, unsupported codecs and the like are Rust panics, and its reader
 * polls Rust futures from microtasks: a panic surfaces as an uncaught `RuntimeError: unreachable` that no
 * `await` can catch (it would end the process) and leaves the read promise pending forever (measured on
 * parquet-testing's bad_data files). The instance itself kept reading good files after such a panic in
 * those measurements, but a trap skips Rust's unwinding, so nothing guarantees its state. In a worker the
 * panic ends only the worker: its `error` event fails the request that was running, the next request
 * starts a fresh worker (a fresh wasm instance, about 60 ms), and the crashed instance is never reused.
 * The panic carries no message, so the failing row group is read again column by column to name the
 * column, and the column's codec is checked to tell "unsupported" from "corrupt".
 *
 * The worker is stateless as far as callers can tell: every `next` request carries what is needed to
 * (re)open its stream at the right row offset, so a restarted worker picks up the streams of other files
 * where they were. Requests run one at a time, so a crash is always charged to the request that caused it.
 * parquet-wasm fetches and holds the whole column chunks (of the projected columns) of the row groups a
 * stream reads, so a row group is read in slices of rows (see `next` below) and the wasm memory peaks at
 * about one slice. Batches of flat columns cross to this thread in the flat form (arrow-flat.ts: their
 * buffers copied once out of the wasm memory, into memory a caller that reuses batches hands back), others
 * as Arrow IPC.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { open: openFile, stat } = require('node:fs/promises');

// What ParquetFile.fromFile needs of a Blob (size, slice, arrayBuffer), reading each range with one
// positioned read: Node's file Blob assembles every range from small chunks, which cost about a third of
// the decode time in profiles.
function fileRange(path, start, end) {
  return {
    size: end - start,
    slice(a = 0, b = end - start) {
      return fileRange(path, start + a, start + Math.min(b, end - start));
    },
    async arrayBuffer() {
      const bytes = new Uint8Array(end - start);
      fetched += bytes.length;
      const fh = await handleOf(path);
      for (let at = 0; at < bytes.length; ) {
        const { bytesRead } = await fh.read(bytes, at, bytes.length - at, start + at);
        if (bytesRead === 0) throw new Error('the file is shorter than its footer says');
        at += bytesRead;
      }
      return bytes.buffer;
    },
  };
}
// One open handle per open file, for all its range reads (opening one per read cost ~5% of the decode).
const handles = new Map();
function handleOf(path) {
  let h = handles.get(path);
  if (!h) {
    h = openFile(path, 'r');
    handles.set(path, h);
    h.catch(() => handles.delete(path));
  }
  return h;
}
function closeHandle(path) {
  const h = handles.get(path);
  handles.delete(path);
  if (h) h.then((fh) => fh.close(), () => undefined).catch(() => undefined);
}
const pw = require(workerData.wasmPath);
const MAX_OPEN_FILES = 4;
const files = new Map();
const streams = new Map();
// Bytes read from files so far, and the files whose slices read whole column chunks (no page index).
let fetched = 0;
const unsliced = new Set();

async function open(path) {
  let file = files.get(path);
  if (file) files.delete(path);
  else {
    try {
      file = await pw.ParquetFile.fromFile(fileRange(path, 0, (await stat(path)).size));
    } catch (e) {
      closeHandle(path);
      throw e;
    }
  }
  files.set(path, file);
  for (const [p, f] of files) {
    if (files.size <= MAX_OPEN_FILES) break;
    files.delete(p);
    f.free();
    closeHandle(p);
  }
  return file;
}

function release(path) {
  const file = files.get(path);
  if (file) file.free();
  files.delete(path);
  closeHandle(path);
}

async function meta(path) {
  const file = await open(path);
  const md = file.metadata();
  const fmd = md.fileMetadata();
  const rowGroups = md.rowGroups().map((rg) => {
    const n = rg.numRows();
    rg.free();
    return n;
  });
  const numRows = fmd.numRows();
  fmd.free();
  const chunks = md.rowGroups().map((rg) => {
    const sizes = rg.columns().map((c) => {
      const chunk = { column: c.columnPath()[0], bytes: c.uncompressedSize(), values: c.numValues() };
      c.free();
      return chunk;
    });
    rg.free();
    return sizes;
  });
  md.free();
  const schema = file.schema().intoIPCStream();
  return [{ schema, rowGroups, numRows, chunks }, [schema.buffer]];
}

// Compressed bytes of a row group's chunks of these columns (all when undefined).
function chunkBytes(file, rowGroup, columns) {
  const md = file.metadata();
  const rg = md.rowGroup(rowGroup);
  let bytes = 0;
  for (const c of rg.columns()) {
    if (!columns || columns.includes(c.columnPath()[0])) bytes += c.compressedSize();
    c.free();
  }
  rg.free();
  md.free();
  return bytes;
}

// Batches in the flat form (arrow-flat.ts): each buffer of the batch's C data interface export copied
// once out of the wasm memory into one ArrayBuffer, taken from those the caller handed back when one is
// large enough (so that a caller that reuses them makes no fresh memory per batch).
const POOL = 4;
const pool = [];
function takeBuffer(bytes, reuse) {
  if (!reuse) return new ArrayBuffer(bytes);
  let best = -1;
  for (let i = 0; i < pool.length; i++) {
    if (pool[i].byteLength >= bytes && (best < 0 || pool[i].byteLength < pool[best].byteLength)) best = i;
  }
  if (best >= 0) return pool.splice(best, 1)[0];
  // room to spare, so that a somewhat larger batch later still fits
  return new ArrayBuffer(Math.ceil((bytes * 1.25) / 65536) * 65536);
}
function giveBack(buffers) {
  for (const b of buffers) pool.push(b);
  pool.sort((a, b) => b.byteLength - a.byteLength);
  pool.length = Math.min(pool.length, POOL);
}
function cString(u8, at, encoding) {
  let end = at;
  while (u8[end] !== 0) end++;
  return Buffer.from(u8.buffer, u8.byteOffset + at, end - at).toString(encoding);
}
const int64 = (dv, at) => Number(dv.getBigInt64(at, true));
// ArrowSchema (wasm32): format 0, name 4, metadata 8, flags 16, n_children 24, children 32, dictionary 36.
function sameFormat(dv, u8, schema, want) {
  if (cString(u8, dv.getUint32(schema, true), 'latin1') !== want.format) return false;
  if (int64(dv, schema + 24) !== 0) return false;
  const dictionary = dv.getUint32(schema + 36, true);
  if (!want.dictionary) return dictionary === 0;
  return dictionary !== 0 && sameFormat(dv, u8, dictionary, want.dictionary);
}
// The layout of each column of a stream's batches, in their order, when every column declares the
// format the caller expects of it; null otherwise (the stream's batches then cross as IPC).
function flatLayout(dv, u8, schema, wants) {
  const n = int64(dv, schema + 24);
  const children = dv.getUint32(schema + 32, true);
  const names = [];
  const layout = [];
  for (let c = 0; c < n; c++) {
    const child = dv.getUint32(children + 4 * c, true);
    const name = cString(u8, dv.getUint32(child + 4, true), 'utf8');
    const want = Object.prototype.hasOwnProperty.call(wants, name) ? wants[name] : undefined;
    if (!want || !sameFormat(dv, u8, child, want)) return null;
    names.push(name);
    layout.push(want);
  }
  return { names, layout };
}
// ArrowArray (wasm32): length 0, null_count 8, offset 16, n_buffers 24, n_children 32, buffers 40,
// children 44, dictionary 48. Lists the copies an array needs and returns its description.
function planArray(dv, array, want, place) {
  const length = int64(dv, array);
  const nullCount = int64(dv, array + 8);
  const offset = int64(dv, array + 16);
  const buffers = dv.getUint32(array + 40, true);
  const pointer = (i) => dv.getUint32(buffers + 4 * i, true);
  const end = offset + length;
  const out = [nullCount === 0 ? null : place(pointer(0), (end + 7) >> 3)];
  if (want.layout === 'bits') out.push(place(pointer(1), (end + 7) >> 3));
  else if (want.layout === 'fixed') out.push(place(pointer(1), want.width * end));
  else {
    const wide = want.layout === 'var64';
    const offsets = pointer(1);
    const bytes = offsets === 0 ? 0 : wide ? int64(dv, offsets + 8 * end) : dv.getInt32(offsets + 4 * end, true);
    out.push(place(offsets, (wide ? 8 : 4) * (end + 1)), place(pointer(2), bytes));
  }
  const dictionary = want.dictionary ? planArray(dv, dv.getUint32(array + 48, true), want.dictionary, place) : null;
  return { length, nullCount, offset, buffers: out, dictionary };
}
function flatReply(ffi, s) {
  const memory = pw.wasmMemory().buffer;
  const dv = new DataView(memory);
  const u8 = new Uint8Array(memory);
  if (s.flat === undefined) s.flat = flatLayout(dv, u8, ffi.schemaAddr(), s.wants);
  if (!s.flat) return undefined;
  const root = ffi.arrayAddr();
  const { names, layout } = s.flat;
  if (int64(dv, root + 32) !== layout.length || int64(dv, root + 16) !== 0) {
    throw new Error('a batch does not have the columns of its stream');
  }
  const children = dv.getUint32(root + 44, true);
  const copies = [];
  let size = 0;
  const place = (pointer, bytes) => {
    if (pointer === 0) return null;
    const at = size;
    size += (bytes + 7) & ~7;
    copies.push(pointer, bytes, at);
    return [at, bytes];
  };
  const columns = layout.map((want, c) => planArray(dv, dv.getUint32(children + 4 * c, true), want, place));
  const buffer = takeBuffer(size, s.reuse);
  const out = new Uint8Array(buffer);
  for (let i = 0; i < copies.length; i += 3) {
    out.set(u8.subarray(copies[i], copies[i] + copies[i + 1]), copies[i + 2]);
  }
  return [{ done: false, flat: { length: int64(dv, root), names, columns }, buffer }, [buffer]];
}
// A batch as the reply to \`next\`: flat when the stream's columns allow it, else an IPC stream.
function batchReply(batch, s) {
  if (s.wants) {
    const ffi = batch.toFFI();
    let reply;
    try {
      reply = flatReply(ffi, s);
    } finally {
      ffi.free();
    }
    if (reply) {
      batch.free();
      return reply;
    }
  }
  const ipc = batch.intoIPCStream();
  return [{ done: false, ipc }, [ipc.buffer]];
}

// A row group is read in slices of rows (one stream each): with a page index the decoder fetches only a
// slice's pages, so its memory follows the slice, not the row group. Without one every slice would fetch
// and skip through whole column chunks, so a file whose first slice fetched them is read unsliced.
async function next(m) {
  if (m.give) giveBack(m.give);
  for (;;) {
    let s = streams.get(m.stream);
    if (!s) {
      const file = await open(m.path);
      const whole = unsliced.has(m.path) || m.offset + m.slice >= m.rows;
      const options = { rowGroups: [m.rowGroup], batchSize: m.batchSize, offset: m.offset };
      if (!whole) options.limit = m.slice;
      if (m.columns) options.columns = m.columns;
      const reader = (await file.stream(options)).getReader();
      s = {
        reader,
        yielded: 0,
        from: fetched,
        first: !whole && m.offset === 0,
        wants: m.wants,
        reuse: m.reuse,
        flat: undefined,
      };
      streams.set(m.stream, s);
    }
    const r = await s.reader.read();
    if (!r.done) {
      s.yielded += r.value.numRows;
      return batchReply(r.value, s);
    }
    streams.delete(m.stream);
    if (s.first && fetched - s.from >= 0.9 * chunkBytes(await open(m.path), m.rowGroup, m.columns)) {
      unsliced.add(m.path);
    }
    // the next slice starts where the caller is (m.offset counts the rows it has received)
    if (m.offset >= m.rows || s.yielded === 0) return [{ done: true }, []];
  }
}

async function handle(m) {
  switch (m.op) {
    case 'meta':
      return meta(m.path);
    case 'next':
      return next(m);
    case 'close': {
      const s = streams.get(m.stream);
      streams.delete(m.stream);
      if (s) await s.reader.cancel();
      return [{}, []];
    }
    case 'release':
      release(m.path);
      // a source is done: the thread holds no batch memory while it waits for the next one
      pool.length = 0;
      return [{}, []];
    case 'codecs': {
      const md = (await open(m.path)).metadata();
      const rg = md.rowGroup(m.rowGroup);
      const codecs = rg.columns().map((c) => {
        const codec = { column: c.columnPath()[0], codec: pw.Compression[c.compression()] };
        c.free();
        return codec;
      });
      rg.free();
      md.free();
      return [{ codecs }, []];
    }
    case 'memory':
      return [{ bytes: pw.wasmMemory().buffer.byteLength }, []];
    default:
      throw new Error('unknown request ' + m.op);
  }
}

parentPort.on('message', (m) => {
  handle(m).then(
    ([reply, transfer]) => parentPort.postMessage({ id: m.id, ok: true, reply }, transfer),
    (e) => parentPort.postMessage({ id: m.id, ok: false, error: String((e && e.message) || e) }),
  );
});
`;

type Request =
  | { op: 'meta'; path: string }
  | {
      op: 'next';
      stream: number;
      path: string;
      rowGroup: number;
      columns: string[] | undefined;
      batchSize: number;
      offset: number;
      /** How to read each column in the flat form, by name (absent: batches cross as IPC). */
      wants?: Record<string, FlatWant>;
      /** Buffers of earlier flat batches, handed back for later ones. */
      give?: ArrayBuffer[];
      /** The caller hands buffers back: a batch's may be larger than it needs, to fit later ones. */
      reuse?: boolean;
      /** Rows of the row group. */
      rows: number;
      /** Rows per slice of the row group (a multiple of batchSize). */
      slice: number;
    }
  | { op: 'close'; stream: number }
  | { op: 'release'; path: string }
  | { op: 'codecs'; path: string; rowGroup: number }
  | { op: 'memory' };

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

/** The worker failed to answer: it crashed (a wasm panic), reported an error or was stopped for its memory. */
class WorkerFailure extends Error {
  constructor(
    message: string,
    readonly crashed: boolean,
    /** Bytes the process had grown by when the decode was stopped for taking too much memory. */
    readonly grown?: number,
  ) {
    super(message);
  }
}

/** One worker thread and the single request it is running. */
class ReaderThread {
  private readonly worker: Worker;
  private pending: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  private lastId = 0;
  private unwatch: (() => void) | undefined;
  dead = false;

  constructor() {
    const wasmPath = createRequire(import.meta.url).resolve('parquet-wasm/node');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { wasmPath } });
    this.worker.on('message', (m: { id: number; ok: boolean; reply?: unknown; error?: string }) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.settle();
      if (m.ok) p.resolve(m.reply);
      else p.reject(new WorkerFailure(m.error ?? 'unknown error', false));
    });
    this.worker.on('error', (e) => this.fail(`${e.name}: ${e.message}`));
    this.worker.on('exit', (code) => this.fail(`the reader thread exited with code ${code}`));
    // after the listeners: adding a 'message' listener refs the thread's port again, and a thread started
    // ahead of its first request (warmParquetReader) would then keep the process alive
    this.worker.unref();
  }

  /**
   * Runs a request (moving the `transfer` buffers to the thread); with a `budget`, the thread is stopped
   * when the process grows by more meanwhile.
   */
  request(req: Request, budget?: number, transfer: ArrayBuffer[] = []): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(new WorkerFailure('the reader thread has stopped', true));
      this.pending = { id: ++this.lastId, resolve, reject };
      this.worker.ref();
      this.worker.postMessage({ ...req, id: this.lastId }, transfer);
      if (budget !== undefined) {
        this.unwatch = watchMemory(budget, (grown) => {
          this.fail(`the decoder took more than ${formatBytes(budget)} of memory`, grown);
          void this.worker.terminate();
        });
      }
    });
  }

  private settle(): void {
    this.pending = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    this.worker.unref();
  }

  private fail(message: string, grown?: number): void {
    if (this.dead) return;
    this.dead = true;
    const p = this.pending;
    this.settle();
    p?.reject(new WorkerFailure(message, true, grown));
  }
}

let thread: ReaderThread | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Runs one request on the reader thread, after the ones before it; a crashed thread is replaced. */
function call<T>(req: Request, budget?: number, transfer?: ArrayBuffer[]): Promise<T> {
  const run = () => {
    if (!thread || thread.dead) thread = new ReaderThread();
    return thread.request(req, budget, transfer) as Promise<T>;
  };
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}

/**
 * Starts the reader thread (and its WebAssembly instance, about 0.1 s) ahead of the first read, so that a
 * caller about to read Parquet can overlap that start with its own work.
 */
export function warmParquetReader(): void {
  if (!thread || thread.dead) thread = new ReaderThread();
}

/** Bytes of WebAssembly memory held by the Parquet reader thread (for memory diagnostics). */
export async function parquetReaderMemory(): Promise<number> {
  return (await call<{ bytes: number }>({ op: 'memory' })).bytes;
}

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
