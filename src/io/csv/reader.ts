import { Field, makeData, RecordBatch, Schema, Struct } from 'apache-arrow';
import { DEFAULT_MAX_BATCH_BYTES, tooLarge } from '../limits.js';
import { ReadError } from '../types.js';
import { formatBytes } from '../watch.js';
import {
  arrowType,
  CellError,
  type ColumnBuilder,
  type CsvColumn,
  type CsvColumnType,
  columnBuilder,
} from './builders.js';
import { headerNames, TypeSampler } from './infer.js';
import { RowReader } from './rows.js';
import { Fields, Tokenizer } from './tokenizer.js';
import { NullTokens } from './values.js';

/** Options of the CSV reader (see csvSource). */
export interface CsvOptions {
  /** Field delimiter, one ASCII character; default `,` (tab for `.tsv` files). */
  delimiter?: string;
  /** Whether the first record names the columns; default true (else the names are f0, f1, ...). */
  header?: boolean;
  /** Field texts read as null; default `['', 'NA', 'null']`. `NaN` in a float64 column is NaN. */
  nullValues?: string[];
  /** Column types by name, overriding inference. */
  schema?: Record<string, CsvColumnType>;
  /** Rows sampled for type inference; default 10 000. */
  inferRows?: number;
  /** Rows per record batch; default 65 536. */
  batchSize?: number;
  /**
   * Memory one batch may take (default 1 GiB): a batch that reaches it ends early, and a record longer
   * than it is a `too_large` ReadError (an unclosed quote or a runaway field, say).
   */
  maxBatchBytes?: number;
}

/** CSV options with defaults applied and checked. */
export interface ReadOptions {
  readonly delimiter: number;
  readonly header: boolean;
  readonly nulls: NullTokens;
  readonly schema: Readonly<Record<string, CsvColumnType>>;
  readonly inferRows: number;
  readonly batchSize: number;
  readonly maxBatchBytes: number;
}

/** The columns of a CSV input, from its header and the type sample. */
export interface CsvLayout {
  readonly columns: readonly CsvColumn[];
  readonly schema: Schema;
}

const KINDS: readonly CsvColumnType[] = ['int64', 'float64', 'bool', 'timestamp', 'date', 'utf8'];
/**
 * Field offsets kept per tokenizer call (rows * columns): 256 KiB of offsets, so that they and the bytes
 * they point into stay in the CPU cache while each column is converted from them.
 */
const FIELD_SLOTS = 1 << 15;
/** Records the row reader must take at once for the tokenizer to go back to reading one record at a time. */
const MANY_ROWS = 64;

function optionError(label: string, what: string): ReadError {
  return new ReadError('bad_csv', `${label}: CSV options: ${what}`, label);
}

function positiveInt(label: string, name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw optionError(label, `${name} must be a positive integer, got ${v}`);
  return v;
}

/** Applies defaults (a `.tsv` path defaults to tab-delimited) and checks the options. */
export function resolveOptions(label: string, o: CsvOptions = {}, path?: string): ReadOptions {
  const delim = o.delimiter ?? (path && /\.tsv$/i.test(path) ? '\t' : ',');
  const code = delim.charCodeAt(0);
  if (delim.length !== 1 || code > 127 || code === 34 || code === 10 || code === 13) {
    throw optionError(
      label,
      `delimiter must be one ASCII character other than a quote or newline, got ${JSON.stringify(delim)}`,
    );
  }
  const schema = o.schema ?? {};
  for (const [name, kind] of Object.entries(schema)) {
    if (!KINDS.includes(kind)) {
      throw optionError(
        label,
        `schema: column ${JSON.stringify(name)} has unknown type ${JSON.stringify(kind)} (use ${KINDS.join(', ')})`,
      );
    }
  }
  return {
    delimiter: code,
    header: o.header ?? true,
    nulls: new NullTokens(o.nullValues ?? ['', 'NA', 'null']),
    schema,
    inferRows: positiveInt(label, 'inferRows', o.inferRows, 10_000),
    batchSize: positiveInt(label, 'batchSize', o.batchSize, 65_536),
    maxBatchBytes: positiveInt(label, 'maxBatchBytes', o.maxBatchBytes, DEFAULT_MAX_BATCH_BYTES),
  };
}

/** One reading of a CSV input, fed chunk by chunk: the header first, then records in groups. */
export abstract class Pass {
  protected readonly tok: Tokenizer;
  protected fields: Fields | undefined;
  protected names: string[] = [];

  constructor(
    protected readonly label: string,
    protected readonly opts: ReadOptions,
  ) {
    this.tok = new Tokenizer(label, opts.delimiter, opts.maxBatchBytes);
  }

  /** Records the pass takes next (0 when it wants no more). */
  protected abstract room(): number;
  /** Consumes records [0, n) of f. */
  protected abstract take(buf: Uint8Array, f: Fields, n: number): void;
  /** Called once the header is known. */
  protected abstract started(): void;

  /** Called after the end of input was fed and processed. */
  protected ended(): void {}

  /**
   * Either takes records itself and returns 0, or returns how many of the next `room` records the
   * tokenizer should hand to take.
   */
  protected direct(room: number): number {
    return room;
  }

  /** Feeds the next chunk, or null at the end of input; `room`: see Tokenizer.append. */
  feed(chunk: Uint8Array | null, room = 0): void {
    if (chunk) this.tok.append(chunk, room);
    else this.tok.finish();
    this.run();
    if (!chunk) this.ended();
  }

  /** A region of n bytes to read the next input into; then call wrote. */
  space(n: number): Uint8Array {
    return this.tok.space(n);
  }

  /** Takes n bytes read into the region from space. */
  wrote(n: number): void {
    this.tok.commit(n);
    this.run();
  }

  private run(): void {
    if (!this.fields && !this.start()) return;
    const f = this.fields as Fields;
    for (let room = this.room(); room > 0; room = this.room()) {
      const want = this.direct(room);
      if (want === 0) continue;
      const n = this.tok.next(f, want);
      if (n === 0) break;
      this.take(this.tok.buf, f, n);
    }
  }

  private start(): boolean {
    const count = this.tok.peekFieldCount();
    if (count < 0) return false;
    if (count === 0) {
      throw new ReadError(
        'bad_csv',
        `${this.label}: no ${this.opts.header ? 'header row' : 'records'}: the input is empty`,
        this.label,
      );
    }
    const cap = Math.max(1, Math.min(this.opts.batchSize, Math.floor(FIELD_SLOTS / count)));
    const f = new Fields(count, cap);
    if (this.opts.header) {
      this.tok.next(f, 1);
      this.names = headerNames(this.tok.buf, f, this.label);
    } else {
      this.names = Array.from({ length: count }, (_, i) => `f${i}`);
    }
    this.tok.names = this.names;
    this.fields = f;
    this.started();
    return true;
  }
}

/** Reads the header and up to inferRows records to learn the columns. */
export class SamplePass extends Pass {
  private sampler: TypeSampler | undefined;
  private sampled = 0;

  /** True once enough rows are sampled: the rest of the input is not needed. */
  get done(): boolean {
    return this.sampler !== undefined && this.sampled >= this.opts.inferRows;
  }

  protected room(): number {
    return this.opts.inferRows - this.sampled;
  }

  protected started(): void {
    const known = new Set(this.names);
    for (const name of Object.keys(this.opts.schema)) {
      if (!known.has(name)) {
        throw new ReadError(
          'schema_mismatch',
          `${this.label}: the schema option names column ${JSON.stringify(name)}, which is not in the header`,
          this.label,
        );
      }
    }
    this.sampler = new TypeSampler(this.names.length, this.opts.nulls);
  }

  protected take(buf: Uint8Array, f: Fields, n: number): void {
    (this.sampler as TypeSampler).add(buf, f, n);
    this.sampled += n;
  }

  /** The columns found (call after done, or after the end of input was fed). */
  layout(): CsvLayout {
    const sampler = this.sampler;
    if (!sampler) throw new ReadError('bad_csv', `${this.label}: the header was not read`, this.label);
    const inferred = `type inferred from the first ${this.opts.inferRows} rows; pass a schema to override`;
    const columns = this.names.map((name, c): CsvColumn => {
      const given = Object.hasOwn(this.opts.schema, name) ? this.opts.schema[name] : undefined;
      const kind = given ?? sampler.kind(c);
      return {
        name,
        kind,
        utc: kind === 'timestamp' && sampler.utc(c),
        origin: given ? 'type set by the schema option' : inferred,
      };
    });
    return { columns, schema: new Schema(columns.map((c) => new Field(c.name, arrowType(c), true))) };
  }
}

/**
 * Reads every record into record batches of the asked columns: the common records through the row
 * reader, the others through the tokenizer and the column builders.
 */
export class ConvertPass extends Pass {
  private readonly index: number[];
  private readonly builders: ColumnBuilder[];
  private readonly schema: Schema;
  private reader: RowReader | undefined;
  /**
   * Records the tokenizer reads when the row reader is stuck: doubled while the row reader keeps
   * taking few records between them (input it seldom takes), back to 1 once it takes many.
   */
  private span = 1;
  private pending = 0;
  private out: RecordBatch[] = [];

  constructor(
    label: string,
    opts: ReadOptions,
    private readonly layout: CsvLayout,
    columns?: readonly string[],
  ) {
    super(label, opts);
    const wanted = columns ? new Set(columns) : undefined;
    this.index = [];
    layout.columns.forEach((col, c) => {
      if (!wanted || wanted.has(col.name)) this.index.push(c);
    });
    this.builders = this.index.map((c) => columnBuilder(layout.columns[c] as CsvColumn, label, opts.nulls));
    this.schema = new Schema(this.index.map((c) => layout.schema.fields[c] as Field));
  }

  protected override direct(room: number): number {
    const reader = this.reader;
    if (!reader || !this.fields) return room;
    const cap = this.fields.cap;
    const n = reader.read(this.tok, Math.min(room, cap));
    if (n > 0) {
      if (n >= MANY_ROWS) this.span = 1;
      // (the row reader leaves a record longer than maxBatchBytes to take, which refuses it)
      this.added(n);
      return 0;
    }
    if (!reader.stuck) return room;
    const span = this.span;
    this.span = Math.min(2 * span, cap);
    return Math.min(room, span);
  }

  protected room(): number {
    return this.opts.batchSize - this.pending;
  }

  protected started(): void {
    const want = this.layout.columns.map((c) => c.name).join('\u0000');
    if (this.names.join('\u0000') !== want) {
      throw new ReadError(
        'schema_mismatch',
        `${this.label}: the header changed since the schema was read`,
        this.label,
      );
    }
    const { opts, index } = this;
    const cap = (this.fields as Fields).cap;
    this.reader = RowReader.create(
      this.layout.columns,
      index,
      this.builders,
      opts.delimiter,
      opts.nulls,
      opts.maxBatchBytes,
      cap,
    );
  }

  protected take(buf: Uint8Array, f: Fields, n: number): void {
    // a record longer than maxBatchBytes fits no batch: the records before it are converted (an error
    // among them comes first), then it is refused, whatever group it comes in
    const long = this.firstLong(f, n);
    const { builders, index } = this;
    for (let k = 0; k < builders.length; k++) {
      try {
        (builders[k] as ColumnBuilder).append(buf, f, index[k] as number, long);
      } catch (e) {
        throw e instanceof CellError ? this.earliest(buf, f, k, e) : e;
      }
    }
    if (long < n) {
      const size = recordSize(f, long);
      const where = `${this.label}:${f.lines[long]}`;
      throw tooLarge(this.label, where, `a record of ${formatBytes(size)}`, this.opts.maxBatchBytes);
    }
    this.added(n);
  }

  /** The first of records [0, n) of f longer than maxBatchBytes, or n. */
  private firstLong(f: Fields, n: number): number {
    const limit = this.opts.maxBatchBytes;
    for (let r = 0; r < n; r++) if (recordSize(f, r) > limit) return r;
    return n;
  }

  /** Counts n rows in, and ends the batch at batchSize rows or maxBatchBytes. */
  private added(n: number): void {
    this.pending += n;
    if (this.pending === this.opts.batchSize || this.bytes() >= this.opts.maxBatchBytes) this.flush();
  }

  private bytes(): number {
    let sum = 0;
    for (const b of this.builders) sum += b.byteSize();
    return sum;
  }

  /**
   * The error of the first bad record (then the first column) of the group, given that columns before
   * k converted cleanly and column k failed with err: the same error whatever the chunking.
   */
  private earliest(buf: Uint8Array, f: Fields, k: number, err: CellError): CellError {
    let first = err;
    for (let j = k + 1; j < this.index.length && first.record > 0; j++) {
      const c = this.index[j] as number;
      try {
        columnBuilder(this.layout.columns[c] as CsvColumn, this.label, this.opts.nulls).append(
          buf,
          f,
          c,
          first.record,
        );
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        first = e;
      }
    }
    return first;
  }

  private flush(): void {
    const children = this.builders.map((b) => b.finish());
    const data = makeData({
      type: new Struct(this.schema.fields),
      length: this.pending,
      nullCount: 0,
      children,
    });
    this.out.push(new RecordBatch(this.schema, data));
    this.pending = 0;
  }

  protected override ended(): void {
    if (this.pending > 0) this.flush();
  }

  /** The batches completed since the last call. */
  batches(): RecordBatch[] {
    const done = this.out;
    this.out = [];
    return done;
  }
}

/** Bytes of record r of f, from its first field's start to its last field's end. */
function recordSize(f: Fields, r: number): number {
  const end = f.ends[f.base(f.ncols - 1) + r] as number;
  return (end < 0 ? ~end : end) - (f.starts[f.base(0) + r] as number);
}

/** Learns the layout from in-memory chunks, reading only as far as the sample needs. */
export function sampleChunks(label: string, opts: ReadOptions, chunks: Iterable<Uint8Array>): CsvLayout {
  const pass = new SamplePass(label, opts);
  for (const chunk of chunks) {
    pass.feed(chunk);
    if (pass.done) return pass.layout();
  }
  pass.feed(null);
  return pass.layout();
}

/** Reads in-memory chunks into record batches (the chunks may be cut anywhere). */
export function* convertChunks(
  label: string,
  opts: ReadOptions,
  layout: CsvLayout,
  chunks: Iterable<Uint8Array>,
  columns?: readonly string[],
): Generator<RecordBatch> {
  const pass = new ConvertPass(label, opts, layout, columns);
  for (const chunk of chunks) {
    pass.feed(chunk);
    yield* pass.batches();
  }
  pass.feed(null);
  yield* pass.batches();
}
