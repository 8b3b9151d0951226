import type { RecordBatch, Schema } from 'apache-arrow';
import type { CsvOptions } from './csv/reader.js';

/** A record batch and the number of its first row within the whole data. */
export interface SourceBatch {
  readonly batch: RecordBatch;
  readonly rowOffset: number;
}

/**
 * Data to validate: a schema known before the scan, and batches read with only the columns asked for.
 * Every reader (Parquet, CSV, Arrow IPC, in-memory) and every multi-file source implements this.
 */
export interface DataSource {
  /** Human description for results and messages (a path, a glob, "Arrow table"). */
  readonly description: string;
  /** `parquet`, `csv`, `arrow`, `table` or `stream`. */
  readonly format: string;
  /** Files behind the source, in reading order (empty for in-memory data). */
  readonly files: readonly string[];
  /** The full schema (all columns). */
  schema(): Promise<Schema>;
  /** Streams batches with only these columns (all columns when omitted), with global row offsets. */
  batches(columns?: readonly string[], options?: BatchOptions): AsyncIterable<SourceBatch>;
  /**
   * The exact row count from the format's metadata, without reading any data (a Parquet footer); absent
   * when the format has none.
   */
  rowCount?(): Promise<number>;
  /**
   * Splits the data into at most `count` parts that other threads can read by themselves (openPart),
   * in order; absent or fewer than two when the source cannot be split.
   */
  parts?(count: number): Promise<SourcePart[]>;
}

/** How a caller of DataSource.batches uses the batches. */
export interface BatchOptions {
  /**
   * The caller is done with each batch (and every view of its memory) once it asks for the next one, so
   * that the reader may reuse that memory for a later batch (the Parquet reader does).
   */
  reuse?: boolean;
}

/** A part of a data source as plain data (structured-cloneable), for a worker thread to open. */
export type SourcePart = ParquetPart | CsvPart;

/** Row groups [from, to) of a Parquet file. */
export interface ParquetPart {
  readonly format: 'parquet';
  readonly path: string;
  /** The reader's options for this part (ParquetOptions with its `rowGroups`). */
  readonly options: { readonly batchSize?: number; readonly rowGroups: readonly [number, number] };
  /** Rows in the part. */
  readonly rows: number;
}

/** A whole CSV file (a CSV file does not split, but another thread may read it for other columns). */
export interface CsvPart {
  readonly format: 'csv';
  readonly path: string;
  /** The reader's options (CsvOptions), so that the other thread reads the same columns and types. */
  readonly options: CsvOptions;
  /** Rows are only known once read: 0. */
  readonly rows: 0;
  /** The file's size in bytes. */
  readonly bytes: number;
}

/** Error codes of data that cannot be read (CLI exit code 3). */
export type ReadErrorCode =
  | 'file_not_found'
  | 'unreadable'
  | 'bad_parquet'
  | 'bad_csv'
  | 'bad_arrow'
  | 'unsupported_type'
  | 'schema_mismatch'
  | 'no_files'
  | 'unknown_format'
  | 'too_large';

/** Data could not be read: names the file and the place in it. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(
    readonly code: ReadErrorCode,
    message: string,
    /** The file, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}
