import { createRequire } from 'node:module';
import {
  Binary,
  Bool,
  type DataType,
  DateDay,
  Field,
  FixedSizeBinary,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Timestamp,
  TimeUnit,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
} from 'apache-arrow';
import { oneLine } from './files.js';
import { type ColumnChunk, checkRowGroup, decodeBudget, maxBatchBytes, tooLarge } from './limits.js';
import type { ParquetOptions, ParquetSource } from './parquet.js';
import { ReadError, type SourceBatch } from './types.js';
import { formatBytes } from './watch.js';
import { WorkerFailure, WorkerSession } from './worker-session.js';

/*
 * A second Parquet reader, hyparquet (pure JS, with hyparquet-compressors for every codec), for the files
 * whose footer parquet-wasm refuses although they are valid: old writers put Thrift values of a type the
 * Rust reader does not accept where a lenient reader reads on (parquet-testing's dict-page-offset-zero,
 * written by parquet-mr 1.12 for Dremio, is one). It reads flat columns of the primitive types; any other
 * column is an `unsupported_type` ReadError naming it.
 *
 * It runs in a worker thread of its own, as parquet-wasm does in parquet.ts: hyparquet decodes column
 * chunks concurrently, and on a corrupt file one of them can reject after the read has already failed,
 * which in the caller's thread would be an unhandled rejection that ends the process. In a worker it ends
 * the worker, and the request fails. One worker serves one footer read or one pass over the batches.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const load = (p) => import(pathToFileURL(p).href);
const same = (x) => x;
// raw values: bytes for text (made Arrow UTF-8 as is), days, and integers in the column's time unit
const parsers = {
  stringFromBytes: same, jsonFromBytes: same, uuidFromBytes: same, dateFromDays: same,
  timestampFromMilliseconds: same, timestampFromMicroseconds: same, timestampFromNanoseconds: same,
};
const ARRAYS = {
  int8: Int8Array, int16: Int16Array, int32: Int32Array, uint8: Uint8Array, uint16: Uint16Array,
  uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array, float32: Float32Array,
  float64: Float64Array, date32: Int32Array,
};
let file;
let metadata;

async function open(path) {
  const hp = await load(workerData.hyparquet);
  file = await hp.asyncBufferFromFile(path);
  metadata = await hp.parquetMetadataAsync(file, { geoparquet: false });
  return hp;
}

function bigToNumber(v) {
  return typeof v === 'bigint' ? Number(v) : v;
}

function meta() {
  const keys = ['name', 'type', 'type_length', 'repetition_type', 'num_children', 'converted_type', 'scale', 'precision'];
  const schema = metadata.schema.map((e) => {
    const out = {};
    for (const k of keys) if (e[k] !== undefined) out[k] = bigToNumber(e[k]);
    if (e.logical_type) out.logical_type = JSON.parse(JSON.stringify(e.logical_type, (_, v) => bigToNumber(v)));
    return out;
  });
  const rowGroups = metadata.row_groups.map((rg) => Number(rg.num_rows));
  const chunks = metadata.row_groups.map((rg) => rg.columns.map((c) => ({
    column: c.meta_data.path_in_schema[0],
    bytes: Number(c.meta_data.total_uncompressed_size),
    values: Number(c.meta_data.num_values),
  })));
  return [{ schema, rowGroups, numRows: Number(metadata.num_rows), chunks }, []];
}

/** One column of decoded values as Arrow buffers: values (or bytes and offsets) and a validity bitmap. */
function encode(values, kind, width) {
  const n = values.length;
  const valid = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else valid[i >> 3] |= 1 << (i & 7);
  }
  if (kind === 'bool') {
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3] |= 1 << (i & 7);
    return { values: bits, valid, nulls };
  }
  if (kind === 'utf8' || kind === 'binary' || kind === 'fixed') {
    const text = new TextEncoder();
    const parts = new Array(n);
    const offsets = new Int32Array(n + 1);
    let size = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const b = v === null || v === undefined ? new Uint8Array(kind === 'fixed' ? width : 0)
        : typeof v === 'string' ? text.encode(v) : v;
      if (kind === 'fixed' && b.length !== width) throw new Error('a value of ' + b.length + ' bytes in a column of ' + width);
      parts[i] = b;
      size += b.length;
      offsets[i + 1] = size;
    }
    const bytes = new Uint8Array(size);
    for (let i = 0; i < n; i++) bytes.set(parts[i], offsets[i]);
    return { values: bytes, offsets: kind === 'fixed' ? undefined : offsets, valid, nulls };
  }
  const Arr = ARRAYS[kind];
  const out = new Arr(n);
  const big = Arr === BigInt64Array || Arr === BigUint64Array;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    out[i] = big ? BigInt(v) : typeof v === 'bigint' ? Number(v) : v;
  }
  return { values: out, valid, nulls };
}

async function read(m) {
  const hp = await load(workerData.hyparquet);
  // hyparquet reads snappy itself; the other codecs' decoders load only when a file needs them
  const codecs = new Set(metadata.row_groups.flatMap((rg) => rg.columns.map((c) => c.meta_data.codec)));
  const plain = [...codecs].every((c) => c === 'UNCOMPRESSED' || c === 'SNAPPY');
  const compressors = plain ? undefined : (await load(workerData.compressors)).compressors;
  let start = 0;
  for (let i = 0; i < m.rowGroup; i++) start += Number(metadata.row_groups[i].num_rows);
  const end = start + Number(metadata.row_groups[m.rowGroup].num_rows);
  const columns = {};
  await hp.parquetRead({
    file, metadata, compressors, parsers, utf8: false, rowStart: start, rowEnd: end,
    columns: m.columns.map((c) => c.name),
    onChunk(chunk) {
      const parts = (columns[chunk.columnName] ??= []);
      parts.push(chunk);
    },
  });
  const out = [];
  const transfer = [];
  for (const c of m.columns) {
    // chunks may reach outside the asked rows: keep exactly [start, end)
    const values = new Array(end - start);
    for (const chunk of columns[c.name] ?? []) {
      for (let r = Math.max(chunk.rowStart, start); r < Math.min(chunk.rowEnd, end); r++) {
        values[r - start] = chunk.columnData[r - chunk.rowStart];
      }
    }
    const e = encode(values, c.kind, c.width);
    out.push(e);
    transfer.push(e.values.buffer, e.valid.buffer);
    if (e.offsets) transfer.push(e.offsets.buffer);
  }
  return [{ rows: end - start, columns: out }, transfer];
}

parentPort.on('message', (m) => {
  const run = async () => {
    if (!metadata) await open(m.path);
    return m.op === 'meta' ? meta() : read(m);
  };
  run().then(
    ([reply, transfer]) => parentPort.postMessage({ id: m.id, ok: true, reply }, transfer),
    (e) => parentPort.postMessage({ id: m.id, ok: false, error: String((e && e.message) || e) }),
  );
});
`;

/** A Parquet schema element, as the worker passes it on. */
interface SchemaElement {
  name: string;
  type?: string;
  type_length?: number;
  repetition_type?: string;
  num_children?: number;
  converted_type?: string;
  logical_type?: {
    type?: string;
    bitWidth?: number;
    isSigned?: boolean;
    isAdjustedToUTC?: boolean;
    unit?: string;
  };
}

interface MetaReply {
  schema: SchemaElement[];
  rowGroups: number[];
  numRows: number;
  chunks: ColumnChunk[][];
}

/** How a column's values travel from the worker: the typed array (or byte layout) they fill. */
type Kind =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'date32'
  | 'utf8'
  | 'binary'
  | 'fixed';

interface Column {
  name: string;
  kind: Kind;
  width?: number;
  field: Field;
}

interface Encoded {
  values: Uint8Array | Int32Array;
  offsets?: Int32Array;
  valid: Uint8Array;
  nulls: number;
}

/** A Parquet schema element's type as read in messages: `INT32 (DATE)`, `FIXED_LEN_BYTE_ARRAY (DECIMAL)`. */
function parquetTypeName(e: SchemaElement): string {
  if (e.num_children !== undefined && e.num_children > 0)
    return `group (${e.converted_type ?? e.logical_type?.type ?? 'struct'})`;
  const annotation = e.logical_type?.type ?? e.converted_type;
  const repeated = e.repetition_type === 'REPEATED' ? 'repeated ' : '';
  return `${repeated}${e.type ?? 'unknown'}${annotation ? ` (${annotation})` : ''}`;
}

const INTEGER_KINDS: Readonly<Record<string, [Kind, DataType]>> = {
  '8,true': ['int8', new Int8()],
  '16,true': ['int16', new Int16()],
  '32,true': ['int32', new Int32()],
  '64,true': ['int64', new Int64()],
  '8,false': ['uint8', new Uint8()],
  '16,false': ['uint16', new Uint16()],
  '32,false': ['uint32', new Uint32()],
  '64,false': ['uint64', new Uint64()],
};
const CONVERTED_INTEGERS: Readonly<Record<string, string>> = {
  INT_8: '8,true',
  INT_16: '16,true',
  INT_32: '32,true',
  INT_64: '64,true',
  UINT_8: '8,false',
  UINT_16: '16,false',
  UINT_32: '32,false',
  UINT_64: '64,false',
};
const TIME_UNITS: Readonly<Record<string, TimeUnit>> = {
  MILLIS: TimeUnit.MILLISECOND,
  MICROS: TimeUnit.MICROSECOND,
  NANOS: TimeUnit.NANOSECOND,
  TIMESTAMP_MILLIS: TimeUnit.MILLISECOND,
  TIMESTAMP_MICROS: TimeUnit.MICROSECOND,
};
const TEXT = new Set(['STRING', 'UTF8', 'ENUM', 'JSON']);

/** The Arrow type of a flat Parquet column as parquet-wasm would give it, if the fallback can read it. */
function arrowTypeOf(e: SchemaElement): [Kind, DataType, number?] | undefined {
  if ((e.num_children ?? 0) > 0 || e.repetition_type === 'REPEATED') return undefined;
  const lt = e.logical_type;
  const annotation = lt?.type ?? e.converted_type;
  switch (e.type) {
    case 'BOOLEAN':
      return annotation ? undefined : ['bool', new Bool()];
    case 'FLOAT':
      return annotation ? undefined : ['float32', new Float32()];
    case 'DOUBLE':
      return annotation ? undefined : ['float64', new Float64()];
    case 'INT32':
    case 'INT64': {
      const bits = e.type === 'INT32' ? 32 : 64;
      if (annotation === undefined) return INTEGER_KINDS[`${bits},true`];
      if (annotation === 'DATE' && bits === 32) return ['date32', new DateDay()];
      const integer =
        lt?.type === 'INTEGER' ? `${lt.bitWidth},${lt.isSigned}` : CONVERTED_INTEGERS[e.converted_type ?? ''];
      if (integer) return INTEGER_KINDS[integer];
      const unit = TIME_UNITS[lt?.type === 'TIMESTAMP' ? (lt.unit ?? '') : (e.converted_type ?? '')];
      if (unit === undefined || bits !== 64) return undefined;
      const utc = lt?.type === 'TIMESTAMP' ? lt.isAdjustedToUTC : true;
      return ['int64', new Timestamp(unit, utc ? 'UTC' : null)];
    }
    case 'BYTE_ARRAY':
      if (annotation === undefined) return ['binary', new Binary()];
      return TEXT.has(annotation) ? ['utf8', new Utf8()] : undefined;
    case 'FIXED_LEN_BYTE_ARRAY':
      return annotation === undefined || annotation === 'UUID'
        ? ['fixed', new FixedSizeBinary(e.type_length ?? 0), e.type_length ?? 0]
        : undefined;
    default:
      return undefined;
  }
}

/** The top-level columns of a Parquet schema (a flattened tree: the root, then children depth first). */
function columnsOf(path: string, schema: readonly SchemaElement[]): Column[] {
  const out: Column[] = [];
  const root = schema[0];
  let i = 1;
  for (let c = 0; c < (root?.num_children ?? 0); c++) {
    const e = schema[i] as SchemaElement;
    const t = arrowTypeOf(e);
    if (!t) {
      throw new ReadError(
        'unsupported_type',
        `${path}: column ${JSON.stringify(e.name)} has Parquet type ${parquetTypeName(e)}, which the fallback reader (hyparquet) cannot turn into Arrow`,
        path,
      );
    }
    const [kind, type, width] = t;
    out.push({
      name: e.name,
      kind,
      ...(width === undefined ? {} : { width }),
      field: new Field(e.name, type, e.repetition_type !== 'REQUIRED'),
    });
    i = skipElement(schema, i);
  }
  return out;
}

/** Index of the schema element after element i and all its descendants. */
function skipElement(schema: readonly SchemaElement[], i: number): number {
  let next = i + 1;
  for (let c = 0; c < (schema[i]?.num_children ?? 0); c++) next = skipElement(schema, next);
  return next;
}

function toBatch(columns: readonly Column[], rows: number, encoded: readonly Encoded[]): RecordBatch {
  const fields = columns.map((c) => c.field);
  const children = columns.map((c, k) => {
    const e = encoded[k] as Encoded;
    return makeData({
      type: c.field.type,
      length: rows,
      nullCount: e.nulls,
      nullBitmap: e.nulls > 0 ? e.valid : undefined,
      data: e.values,
      ...(e.offsets ? { valueOffsets: e.offsets } : {}),
    } as never);
  });
  const data = makeData({ type: new Struct(fields), length: rows, nullCount: 0, children });
  return new RecordBatch(new Schema(fields), data);
}

interface Footer extends MetaReply {
  columns: Column[];
  arrow: Schema;
}

/** Reads a Parquet file with hyparquet (see the note at the top of this file). */
export function hyparquetSource(path: string, options: ParquetOptions = {}): ParquetSource {
  const batchSize = options.batchSize ?? 65_536;
  const limit = maxBatchBytes(options.maxBatchBytes);
  const budget = decodeBudget(limit);
  // one worker from the footer to the end of a pass over the batches (loading hyparquet takes a while)
  let session: WorkerSession | undefined;
  const open = () => {
    if (!session) {
      const require = createRequire(import.meta.url);
      session = new WorkerSession(WORKER_SOURCE, {
        hyparquet: require.resolve('hyparquet'),
        compressors: require.resolve('hyparquet-compressors'),
      });
    }
    return session;
  };
  const close = async () => {
    const s = session;
    session = undefined;
    await s?.close();
  };
  let footer: Promise<Footer> | undefined;
  const readFooter = async (): Promise<Footer> => {
    let reply: MetaReply;
    try {
      reply = await open().request<MetaReply>({ op: 'meta', path });
    } catch (e) {
      await close();
      throw new ReadError('bad_parquet', `${path}: cannot read the Parquet footer: ${oneLine(e)}`, path);
    }
    const columns = columnsOf(path, reply.schema);
    return { ...reply, columns, arrow: new Schema(columns.map((c) => c.field)) };
  };
  const getFooter = () => {
    footer ??= readFooter();
    return footer;
  };
  return {
    description: path,
    format: 'parquet',
    files: [path],
    schema: async () => (await getFooter()).arrow,
    rowCount: async () => (await getFooter()).numRows,
    rowGroups: async () => (await getFooter()).rowGroups,
    async *batches(names): AsyncIterable<SourceBatch> {
      const f = await getFooter();
      const wanted = names
        ? [...new Set(names)].flatMap((n) => f.columns.filter((c) => c.name === n))
        : f.columns;
      const reader = open();
      let rowOffset = 0;
      try {
        for (let rowGroup = 0; rowGroup < f.rowGroups.length; rowGroup++) {
          const rows = f.rowGroups[rowGroup] as number;
          checkRowGroup(
            path,
            rowGroup,
            f.chunks[rowGroup] ?? [],
            f.arrow,
            wanted.map((c) => c.name),
            limit,
          );
          let reply: { rows: number; columns: Encoded[] };
          try {
            const columns = wanted.map(({ name, kind, width }) => ({ name, kind, width }));
            reply = await reader.request({ op: 'read', path, rowGroup, columns }, budget);
          } catch (e) {
            if (e instanceof WorkerFailure && e.grown !== undefined) {
              const what = `decoding row group ${rowGroup} made the process grow by ${formatBytes(e.grown)} before it was stopped (read by the fallback reader)`;
              throw tooLarge(
                path,
                path,
                what,
                limit,
                'read fewer columns, or write the file with smaller row groups',
              );
            }
            throw new ReadError(
              'bad_parquet',
              `${path}: cannot decode the data: ${oneLine(e)} (row group ${rowGroup}, read by the fallback reader)`,
              path,
            );
          }
          const batch = toBatch(wanted, reply.rows, reply.columns);
          for (let at = 0; at < rows; at += batchSize) {
            const part = batch.slice(at, Math.min(rows, at + batchSize));
            yield { batch: part, rowOffset };
            rowOffset += part.numRows;
          }
        }
      } finally {
        await close();
      }
    },
  };
}

/**
 * A Parquet source that reads with `primary` (parquet-wasm) and, when that refuses the file's footer,
 * with the fallback reader if that can read the footer and convert every column; otherwise the primary's
 * error stands (the file is most likely corrupt, which the fallback's complaint would hide).
 */
export function withFallback(primary: ParquetSource, fallback: () => ParquetSource): ParquetSource {
  let chosen: Promise<ParquetSource> | undefined;
  const choose = () => {
    chosen ??= primary.schema().then(
      () => primary,
      async (e: unknown) => {
        if (!(e instanceof ReadError) || e.code !== 'bad_parquet') throw e;
        const other = fallback();
        try {
          await other.schema();
        } catch {
          throw e;
        }
        return other;
      },
    );
    return chosen;
  };
  return {
    description: primary.description,
    format: primary.format,
    files: primary.files,
    schema: async () => (await choose()).schema(),
    rowCount: async () => (await choose()).rowCount(),
    rowGroups: async () => (await choose()).rowGroups(),
    parts: async (count) => (await choose()).parts?.(count) ?? [],
    async *batches(columns, options): AsyncIterable<SourceBatch> {
      yield* (await choose()).batches(columns, options);
    },
  };
}
