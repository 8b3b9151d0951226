import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordBatch, Table } from 'apache-arrow';
import { asyncBufferFromFile, type FileMetaData, parquetMetadataAsync } from 'hyparquet';
import { ReadError, type ReadErrorCode, type SourceBatch } from '../../src/io/types.js';

/** Folder of the parquet-testing fixtures (apache/parquet-testing, Apache-2.0). */
export const PARQUET_TESTING = join(import.meta.dirname, '../fixtures/parquet-testing');

/**
 * data/ files parquet-wasm 0.8 (arrow-rs 59) cannot read, with the error they give. The test fails when
 * one of them becomes readable or a new file stops being readable, so this list stays true.
 */
export const PARQUET_UNREADABLE: Readonly<Record<string, string>> = {
  // (dict-page-offset-zero.parquet, whose footer parquet-wasm refuses, is read by the fallback reader.)
  // Meant to fail (INVENTORY: "EXPECT ERROR: malformed dictionary page"): the decoder aborts.
  'nation.dict-malformed.parquet': 'bad_parquet',
};
/** The .parquet files of parquet-testing's data/, sorted. */
export const PARQUET_DATA_FILES = readdirSync(join(PARQUET_TESTING, 'data'))
  .filter((f) => f.endsWith('.parquet'))
  .sort();

/** The facts of a file's own footer, as hyparquet's Thrift parser (not arrow-rs's) reads them. */
export interface FooterFacts {
  rows: number;
  /** Top-level columns, in order. */
  columns: string[];
  /** Nulls of each flat column whose every column chunk states its null_count. */
  nulls: Map<string, number>;
  /** The Parquet type of each flat column: physical, then logical (`FIXED_LEN_BYTE_ARRAY/FLOAT16`). */
  physical: Map<string, string>;
}

export async function footerFacts(path: string): Promise<FooterFacts> {
  const md: FileMetaData = await parquetMetadataAsync(await asyncBufferFromFile(path));
  const columns: string[] = [];
  const physical = new Map<string, string>();
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (md.schema[at]?.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  for (let c = 0; c < (md.schema[0]?.num_children ?? 0); c++) {
    const e = md.schema[i];
    if (!e) break;
    columns.push(e.name);
    const logical = e.logical_type?.type;
    if (!e.num_children && e.repetition_type !== 'REPEATED')
      physical.set(e.name, `${e.type}${logical ? `/${logical}` : ''}`);
    i = skip(i);
  }
  const nulls = new Map<string, number>();
  for (const name of physical.keys()) {
    let sum = 0;
    let known = md.row_groups.length > 0;
    for (const rg of md.row_groups) {
      const chunk = rg.columns.find((col) => col.meta_data?.path_in_schema.join('.') === name);
      const n = chunk?.meta_data?.statistics?.null_count;
      if (n === undefined) known = false;
      else sum += Number(n);
    }
    if (known) nulls.set(name, sum);
  }
  return { rows: Number(md.num_rows), columns, nulls, physical };
}

/** A fresh temporary folder, and a function that removes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'expect-check-io-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** All batches of a source, with their offsets. */
export async function collect(batches: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const b of batches) out.push(b);
  return out;
}

/** Rejects when `p` has not settled within `ms`, so a hanging reader fails its test instead of stalling it. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The ReadError that `p` rejects with (fails when it resolves or throws anything else). */
export async function readErrorOf(p: Promise<unknown>): Promise<ReadError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw new Error(
      `expected a ReadError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
    );
  }
  throw new Error('expected a ReadError, but the read succeeded');
}

/** Reads a whole source and counts its rows, checking that offsets continue batch after batch. */
export async function countRows(batches: AsyncIterable<SourceBatch>): Promise<number> {
  let rows = 0;
  for await (const { batch, rowOffset } of batches) {
    if (rowOffset !== rows) throw new Error(`row offset ${rowOffset}, expected ${rows}`);
    rows += batch.numRows;
  }
  return rows;
}

/** A cell as a comparable value: typed-array-backed vectors give their elements, nested values JSON. */
function cell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'object' && 'toJSON' in (v as object))
    return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
  return v;
}

/** Rows of batches as arrays of cells, column by column (BigInt stays BigInt). */
export function rowsOf(batches: readonly (RecordBatch | Table)[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const b of batches) {
    const cols = b.schema.fields.map((_, i) => b.getChildAt(i));
    for (let r = 0; r < b.numRows; r++) rows.push(cols.map((c) => cell(c?.get(r))));
  }
  return rows;
}

/** Expects `p` to reject with a ReadError of this code; returns its message. */
export async function expectReadError(p: Promise<unknown>, code: ReadErrorCode): Promise<string> {
  const e = await readErrorOf(p);
  if (e.code !== code) throw new Error(`expected ReadError ${code}, got ${e.code}: ${e.message}`);
  return e.message;
}
