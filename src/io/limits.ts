import type { RecordBatch, Schema } from 'apache-arrow';
import { fixedValueBytes } from '../arrow/types.js';
import { ReadError } from './types.js';
import { formatBytes } from './watch.js';

/** Memory one batch of decoded data may take, unless `maxBatchBytes` says otherwise: 1 GiB. */
export const DEFAULT_MAX_BATCH_BYTES = 2 ** 30;

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Reads a size such as `1048576`, `64MiB`, `1.5 GiB` or `500MB` as bytes; undefined when it is not one. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] as string).toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** The limit to apply: the option when given (it must be a positive integer), else the default. */
export function maxBatchBytes(option: number | undefined): number {
  if (option === undefined) return DEFAULT_MAX_BATCH_BYTES;
  if (!Number.isSafeInteger(option) || option < 1) {
    throw new RangeError(`maxBatchBytes must be a positive integer, got ${option}`);
  }
  return option;
}

/**
 * The error for data that would take more memory than the limit: `where` is the file or `file:line`,
 * `what` names the data and its size (`row group 3 would decode to about 2 GiB`), `advice` says what to
 * do besides raising the limit.
 */
export function tooLarge(
  file: string,
  where: string,
  what: string,
  limit: number,
  advice?: string,
): ReadError {
  return new ReadError(
    'too_large',
    `${where}: ${what}, over the limit of ${formatBytes(limit)} per batch (maxBatchBytes, --max-batch-bytes)${advice ? `; ${advice}` : ''}`,
    file,
  );
}

/** A column chunk of a row group as a Parquet footer describes it. */
export interface ColumnChunk {
  /** The top-level column it belongs to (a struct has a chunk per leaf). */
  readonly column: string;
  /** Uncompressed size of its pages. */
  readonly bytes: number;
  /** Values, nulls included. */
  readonly values: number;
}

/**
 * Refuses, before any page is read, a row group whose asked columns would take more than `limit` bytes
 * once decompressed and decoded (the Parquet readers hold a whole row group): by the footer, each chunk
 * takes its uncompressed size, or its values times the decoded width of a fixed-width column when that
 * is more (a dictionary or run-length encoding decodes to more than it takes in the pages).
 */
export function checkRowGroup(
  path: string,
  rowGroup: number,
  chunks: readonly ColumnChunk[],
  schema: Schema,
  columns: readonly string[],
  limit: number,
): void {
  const asked = new Set(columns);
  const widths = new Map(schema.fields.map((f) => [f.name, fixedValueBytes(f.type)]));
  const byColumn = new Map<string, number>();
  for (const c of chunks) {
    if (!asked.has(c.column)) continue;
    const decoded = Math.max(c.bytes, Math.ceil(c.values * (widths.get(c.column) ?? 0)));
    byColumn.set(c.column, (byColumn.get(c.column) ?? 0) + decoded);
  }
  let total = 0;
  for (const b of byColumn.values()) total += b;
  if (total <= limit) return;
  const [largest, bytes] = [...byColumn].reduce((a, b) => (b[1] > a[1] ? b : a));
  const what = `row group ${rowGroup} would decode to about ${formatBytes(total)} (column ${JSON.stringify(largest)}: ${formatBytes(bytes)})`;
  throw tooLarge(path, path, what, limit, 'write the file with smaller row groups, or read fewer columns');
}

/**
 * Refuses a batch, once read, whose column buffers take more than `limit` bytes (dictionaries, shared
 * between batches, left out): the check for readers that cannot tell before reading.
 */
export function checkBatch(description: string, batch: RecordBatch, rowOffset: number, limit: number): void {
  const bytes = batch.data.byteLength;
  if (bytes <= limit) return;
  const rows = `rows ${rowOffset} to ${rowOffset + batch.numRows - 1}`;
  throw tooLarge(description, description, `the batch of ${rows} takes ${formatBytes(bytes)}`, limit);
}

/**
 * Memory a decode in a reader thread may add to the process before it is stopped: the batch it makes
 * (at most `limit`, or the run refuses it anyway), its copy on the way to this thread, and room for what
 * this thread allocates meanwhile. A decoder's own memory is out of this thread's sight, and a footer
 * cannot tell what a dictionary-encoded text column decodes to (a few KB of file can hold one long string
 * and a million rows pointing at it), so the process's resident memory is what is watched.
 */
export function decodeBudget(limit: number): number {
  return 2 * limit + 256 * 2 ** 20;
}
