/**
 * The Parquet reader thread: the worker that runs parquet-wasm, and the queue of requests to it. This
 * module loads nothing but Node's own (the thread loads parquet-wasm itself), so that the CLI can start
 * the thread before it loads the engine (src/cli/early.ts); parquet.ts speaks its protocol.
 */
import { createRequire } from 'node:module';
import type { FlatWant } from './arrow-flat.js';
import { WorkerSession } from './worker-session.js';

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

/** A request to the reader thread (its reply types are the caller's). */
export type Request =
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

let thread: WorkerSession | undefined;
let queue: Promise<unknown> = Promise.resolve();

function newThread(): WorkerSession {
  return new WorkerSession(WORKER_SOURCE, {
    wasmPath: createRequire(import.meta.url).resolve('parquet-wasm/node'),
  });
}

/** Runs one request on the reader thread, after the ones before it; a crashed thread is replaced. */
export function callReader<T>(req: Request, budget?: number, transfer?: ArrayBuffer[]): Promise<T> {
  const run = () => {
    if (!thread || thread.dead) thread = newThread();
    return thread.request<T>(req, budget, transfer);
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
  if (!thread || thread.dead) thread = newThread();
}

/** Bytes of WebAssembly memory held by the Parquet reader thread (for memory diagnostics). */
export async function parquetReaderMemory(): Promise<number> {
  return (await callReader<{ bytes: number }>({ op: 'memory' })).bytes;
}
