import { open, stat } from 'node:fs/promises';
import { type Schema, Table } from 'apache-arrow';
import type { CsvColumnType } from './csv/builders.js';
import {
  ConvertPass,
  type CsvLayout,
  type CsvOptions,
  convertChunks,
  type Pass,
  resolveOptions,
  SamplePass,
  sampleChunks,
} from './csv/reader.js';
import { type DataSource, ReadError, type SourceBatch, type SourcePart } from './types.js';

export type { CsvColumnType, CsvOptions };

/**
 * Bytes per file read: small enough that a chunk is still in the CPU cache when it is parsed, soon after
 * its read, large enough to amortise an async read and the record cut at each chunk's end.
 */
const CHUNK_BYTES = 1024 * 1024;
/**
 * Reads in flight ahead of the chunk being parsed: on a busy machine the thread that reads may run
 * late, and a queue of reads keeps the parse from waiting on each one.
 */
const READ_AHEAD = 4;
/** Bytes per file read while sampling the column types. */
const SAMPLE_CHUNK_BYTES = 1024 * 1024;
/** Bytes kept free before each chunk read, where the record cut at the previous chunk's end is joined on. */
const ROOM = 256 * 1024;

function fileError(path: string, e: unknown): ReadError {
  if (e instanceof ReadError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new ReadError('file_not_found', `${path}: file not found`, path);
  const why = e instanceof Error ? e.message : String(e);
  return new ReadError('unreadable', `${path}: cannot read the file (${why})`, path);
}

/**
 * Feeds a file to a pass and yields after each chunk (the caller takes batches or stops early); the end
 * of input is fed last. `ahead` reads are in flight while a chunk is parsed, each at its own offset,
 * into a ring of ahead + 2 buffers: the one parsed, the one before it (the tokenizer may hold its last,
 * partial record until this one is fed) and those being read into.
 */
async function* feedFile(path: string, pass: Pass, chunkBytes: number, ahead: number): AsyncGenerator<void> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw fileError(path, e);
  }
  const ring = ahead + 2;
  const buffers = Array.from({ length: ring }, () => new Uint8Array(ROOM + chunkBytes));
  const read = async (k: number): Promise<Uint8Array> => {
    const buf = buffers[k % ring] as Uint8Array;
    let got = 0;
    try {
      // a read may return less than asked before the end of the file: the chunk is filled up
      while (got < chunkBytes) {
        const { bytesRead } = await fh.read(buf, ROOM + got, chunkBytes - got, k * chunkBytes + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
    } catch (e) {
      throw fileError(path, e);
    }
    return buf.subarray(ROOM, ROOM + got);
  };
  const reads: Promise<Uint8Array>[] = [];
  let issued = 0;
  while (issued < ahead) reads.push(read(issued++));
  try {
    for (;;) {
      const chunk = await (reads.shift() as Promise<Uint8Array>);
      if (chunk.length === 0) break;
      reads.push(read(issued++));
      pass.feed(chunk, ROOM);
      yield;
    }
    pass.feed(null);
    yield;
  } finally {
    // reads still in flight must finish before the file is closed
    await Promise.allSettled(reads);
    await fh.close();
  }
}

/**
 * A CSV file as a data source, read in chunks of chunkBytes (csvSource uses 1 MiB; tests use tiny
 * chunks to cut records anywhere).
 */
export function openCsv(path: string, options: CsvOptions = {}, chunkBytes = CHUNK_BYTES): DataSource {
  const opts = resolveOptions(path, options, path);
  let layout: Promise<CsvLayout> | undefined;
  const sample = async (): Promise<CsvLayout> => {
    const pass = new SamplePass(path, opts);
    // the sample wants only the first rows: smaller reads waste less on the chunk read ahead
    for await (const _ of feedFile(path, pass, Math.min(chunkBytes, SAMPLE_CHUNK_BYTES), 1))
      if (pass.done) break;
    return pass.layout();
  };
  const getLayout = () => {
    layout ??= sample();
    return layout;
  };
  return {
    description: path,
    format: 'csv',
    files: [path],
    async schema(): Promise<Schema> {
      return (await getLayout()).schema;
    },
    // the whole file, for a worker that reads other columns of it beside this thread
    async parts(count: number): Promise<SourcePart[]> {
      if (count !== 1) return [];
      let bytes: number;
      try {
        bytes = (await stat(path)).size;
      } catch (e) {
        throw fileError(path, e);
      }
      return [{ format: 'csv', path, options, rows: 0, bytes }];
    },
    async *batches(columns): AsyncIterable<SourceBatch> {
      const pass = new ConvertPass(path, opts, await getLayout(), columns);
      let rowOffset = 0;
      for await (const _ of feedFile(path, pass, chunkBytes, READ_AHEAD)) {
        for (const batch of pass.batches()) {
          yield { batch, rowOffset };
          rowOffset += batch.numRows;
        }
      }
    },
  };
}

/**
 * A CSV file (UTF-8, RFC 4180 quoting; LF, CRLF or CR line ends; a BOM is dropped) as a data source.
 * - Names: the header row, made unique as pandas does (an empty name becomes `Unnamed: i`, repeats get
 *   `.1`, `.2`, ...); with `header: false` the columns are `f0`, `f1`, ...
 * - Types: inferred once from the first `inferRows` rows unless `schema` sets them: int64 (exact), float64
 *   (`1e5`, `inf`, `NaN`; int64 overflow), bool (true/false, True/False, TRUE/FALSE), date (`YYYY-MM-DD`,
 *   date32), timestamp (`YYYY-MM-DD[ T]HH:MM[:SS[.f]]`, microseconds; all values with `Z` or an offset
 *   give timestamp[us, UTC]), else utf8, which is also the type of an all-null sample.
 * - Nulls: fields equal to a `nullValues` token (default `''`, `NA`, `null`; so an empty string is null);
 *   `NaN` in a float64 column is NaN, which validity counts as missing.
 * - Errors are ReadErrors naming file and line: `file_not_found`, and `bad_csv` for ragged rows, unclosed
 *   quotes, invalid UTF-8 and a value that does not fit its column type (never a silent conversion).
 *   Columns not asked for by batches() are split into fields but not converted or checked.
 * `.tsv` files default to tab-delimited.
 */
export function csvSource(path: string, options?: CsvOptions): DataSource {
  return openCsv(path, options);
}

/** Reads CSV text or bytes into an Arrow Table with the same parser as csvSource (for in-memory data and tests). */
export function readCsvTable(text: string | Uint8Array, options: CsvOptions = {}): Table {
  return readCsvChunks([typeof text === 'string' ? new TextEncoder().encode(text) : text], options);
}

/** readCsvTable over input cut into chunks (the result never depends on where they are cut). */
export function readCsvChunks(
  input: readonly Uint8Array[],
  options: CsvOptions = {},
  label = '<csv text>',
): Table {
  // plain Uint8Array views: a Buffer among them would make the tokenizer's byte loads polymorphic
  const chunks = input.map((c) =>
    c.constructor === Uint8Array ? c : new Uint8Array(c.buffer, c.byteOffset, c.byteLength),
  );
  const opts = resolveOptions(label, options);
  const layout = sampleChunks(label, opts, chunks);
  return new Table(layout.schema, [...convertChunks(label, opts, layout, chunks)]);
}
