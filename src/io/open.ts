import { extname } from 'node:path';
import type { Schema } from 'apache-arrow';
import { typeName } from '../arrow/types.js';
import { type CsvColumnType, type CsvOptions, csvSource } from './csv.js';
import { type Expanded, expandPath } from './files.js';
import { formatByExtension, type SourceFormat } from './formats.js';
import { ipcSource } from './ipc.js';
import { type ParquetOptions, parquetSource } from './parquet.js';
import { type DataSource, ReadError, type SourceBatch } from './types.js';

/** How `openSource` reads its files. */
export interface OpenOptions {
  /** Options of the CSV reader. */
  csv?: CsvOptions;
  /** Options of the Parquet reader. */
  parquet?: ParquetOptions;
  /** The format of every file, whatever its extension (`.txt` files count as CSV only with this). */
  format?: SourceFormat;
  /** Memory one batch may take once decoded (default 1 GiB), for every reader; theirs override it. */
  maxBatchBytes?: number;
}

interface DataFile {
  readonly path: string;
  readonly format: SourceFormat;
}

/** The data files an argument stands for: an explicit file always, others only of a known (or the asked) format. */
function dataFiles(e: Expanded, asked: SourceFormat | undefined): DataFile[] {
  if (e.kind === 'file') {
    const format = asked ?? formatByExtension(e.arg, undefined);
    if (!format) {
      throw new ReadError(
        'unknown_format',
        `${e.arg}: cannot tell the format from the extension "${extname(e.arg)}"; give the format (parquet, csv or arrow)`,
        e.arg,
      );
    }
    return [{ path: e.arg, format }];
  }
  const out: DataFile[] = [];
  for (const path of e.files) {
    const format = formatByExtension(path, asked);
    if (format && (!asked || format === asked)) out.push({ path, format });
  }
  return out;
}

/** The CSV column types that make a CSV file read with the column types of `like`. */
function csvTypesOf(like: Schema): Record<string, CsvColumnType> {
  const types: Record<string, CsvColumnType> = {};
  for (const f of like.fields) {
    const name = typeName(f.type);
    const kind = name.startsWith('timestamp') ? 'timestamp' : CSV_TYPES[name];
    if (kind) types[f.name] = kind;
  }
  return types;
}

const CSV_TYPES: Readonly<Record<string, CsvColumnType>> = {
  int64: 'int64',
  float64: 'float64',
  bool: 'bool',
  date32: 'date',
  utf8: 'utf8',
};

/**
 * The source of one file. With `like`, a CSV file takes its column types from that schema instead of
 * inferring them: parts of one CSV data set must not disagree only because one part's sample of a float
 * column held integers (explicit `csv.schema` types still win).
 */
function fileSource(path: string, format: SourceFormat, options: OpenOptions, like?: Schema): DataSource {
  const limit = options.maxBatchBytes === undefined ? {} : { maxBatchBytes: options.maxBatchBytes };
  switch (format) {
    case 'parquet':
      return parquetSource(path, { ...limit, ...options.parquet });
    case 'csv': {
      const csv = like
        ? { ...limit, ...options.csv, schema: { ...csvTypesOf(like), ...options.csv?.schema } }
        : { ...limit, ...options.csv };
      return csvSource(path, csv);
    }
    case 'arrow':
      return ipcSource(path);
  }
}

/**
 * Why `schema` (of `path`) differs from `first` (of `firstPath`), naming the first differing column;
 * with `namesOnly`, only column names and their order count.
 */
function schemaDifference(
  path: string,
  schema: Schema,
  firstPath: string,
  first: Schema,
  namesOnly = false,
): string | undefined {
  const n = Math.max(schema.fields.length, first.fields.length);
  for (let i = 0; i < n; i++) {
    const a = schema.fields[i];
    const b = first.fields[i];
    if (!a) return `${path}: column "${b?.name}" of ${firstPath} is missing here`;
    if (!b) return `${path}: column "${a.name}" is not in ${firstPath}`;
    if (a.name !== b.name)
      return `${path}: column ${i + 1} is "${a.name}" here but "${b.name}" in ${firstPath}`;
  }
  if (namesOnly) return undefined;
  for (let i = 0; i < n; i++) {
    const a = schema.fields[i]?.type;
    const b = first.fields[i]?.type;
    const ta = a ? typeName(a) : '';
    const tb = b ? typeName(b) : '';
    if (ta !== tb)
      return `${path}: column "${schema.fields[i]?.name}" is ${ta} here but ${tb} in ${firstPath}`;
  }
  return undefined;
}

/**
 * Several files of one format as one source: the first file's schema, which every other file must
 * repeat (all checked before the first batch), and batches file after file with continuing row offsets.
 */
function multiFileSource(
  description: string,
  format: SourceFormat,
  files: readonly string[],
  options: OpenOptions,
): DataSource {
  interface Checked {
    schema: Schema;
    sources: DataSource[];
  }
  let checked: Promise<Checked> | undefined;
  async function check(): Promise<Checked> {
    const [firstPath, ...rest] = files as [string, ...string[]];
    const head = fileSource(firstPath, format, options);
    const first = await head.schema();
    const sources = [head];
    for (const path of rest) {
      let s = fileSource(path, format, options);
      let difference = schemaDifference(path, await s.schema(), firstPath, first, format === 'csv');
      if (!difference && format === 'csv') {
        s = fileSource(path, format, options, first);
        difference = schemaDifference(path, await s.schema(), firstPath, first);
      }
      if (difference) throw new ReadError('schema_mismatch', difference, path);
      sources.push(s);
    }
    return { schema: first, sources };
  }
  const getChecked = () => {
    checked ??= check();
    return checked;
  };
  return {
    description,
    format,
    files,
    schema: async () => (await getChecked()).schema,
    async *batches(columns, options): AsyncIterable<SourceBatch> {
      let base = 0;
      for (const s of (await getChecked()).sources) {
        let rows = 0;
        for await (const { batch, rowOffset } of s.batches(columns, options)) {
          yield { batch, rowOffset: base + rowOffset };
          rows = rowOffset + batch.numRows;
        }
        base += rows;
      }
    },
  };
}

/**
 * Opens files, directories (recursively, hidden and `_`-prefixed entries skipped) and globs as one data
 * source; the format comes from the extensions or `options.format`, and several files must share a format
 * and a schema. A file named twice is read twice; a file that directories or globs reach again is not.
 */
export async function openSource(
  paths: string | readonly string[],
  options: OpenOptions = {},
): Promise<DataSource> {
  const args = typeof paths === 'string' ? [paths] : [...paths];
  const label = args.join(', ');
  if (args.length === 0) throw new ReadError('no_files', 'no paths given');
  const expanded = await Promise.all(args.map(expandPath));
  const seen = new Set<string>();
  const files: DataFile[] = [];
  for (const e of expanded) {
    for (const f of dataFiles(e, options.format)) {
      // A file named twice is read twice, as `cat a a` would; directories and globs that overlap do not
      // read a file again.
      if (e.kind !== 'file' && seen.has(f.path)) continue;
      seen.add(f.path);
      files.push(f);
    }
  }
  if (files.length === 0) {
    const what = options.format ?? 'parquet, csv or arrow';
    const unmatched = expanded.every((e) => e.kind === 'glob' && e.files.length === 0);
    throw new ReadError(
      'no_files',
      unmatched ? `${label}: no file matches` : `${label}: no ${what} files found`,
      args[0],
    );
  }
  const formats = [...new Set(files.map((f) => f.format))];
  if (formats.length > 1) {
    const examples = formats.map((format) => files.find((f) => f.format === format)?.path).join(', ');
    throw new ReadError(
      'unknown_format',
      `${label}: mixes ${formats.join(' and ')} files (${examples}); one source reads one format`,
      args[0],
    );
  }
  const format = formats[0] as SourceFormat;
  if (expanded.length === 1 && expanded[0]?.kind === 'file') {
    return fileSource((files[0] as DataFile).path, format, options);
  }
  const n = files.length;
  const description = `${label} (${n} ${format} file${n === 1 ? '' : 's'})`;
  return multiFileSource(
    description,
    format,
    files.map((f) => f.path),
    options,
  );
}
