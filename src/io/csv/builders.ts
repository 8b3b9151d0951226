import { isAscii, isUtf8 } from 'node:buffer';
import {
  Bool,
  type Data,
  type DataType,
  DateDay,
  Float64,
  Int64,
  makeData,
  TimestampMicrosecond,
  Utf8,
} from 'apache-arrow';
import { ReadError } from '../types.js';
import type { Sink } from './rows.js';
import type { Fields } from './tokenizer.js';
import {
  fastF64,
  fastI64,
  fastTimestamp,
  fieldBytes,
  isNaNToken,
  type NullTokens,
  parseBool,
  parseDate,
  parseF64,
  parseI64,
  parseTimestamp,
  timestampParts,
  writeMicros,
} from './values.js';

/** The column types a CSV column can be read as. */
export type CsvColumnType = 'int64' | 'float64' | 'bool' | 'timestamp' | 'date' | 'utf8';

/** One column of a CSV file as it will be read. */
export interface CsvColumn {
  readonly name: string;
  readonly kind: CsvColumnType;
  /** Timestamps only: values carry a UTC offset and are stored normalised to UTC. */
  readonly utc: boolean;
  /** Why the column has this type, for messages. */
  readonly origin: string;
}

/** The Arrow type a CSV column is read into. */
export function arrowType(col: CsvColumn): DataType {
  switch (col.kind) {
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMicrosecond(col.utc ? 'UTC' : null);
    case 'utf8':
      return new Utf8();
  }
}

/** A DataView over all of buf, for the fast paths' four-byte loads. */
function viewOf(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A field that does not fit its column: `record` is its index in the group of records being converted. */
export class CellError extends ReadError {
  constructor(
    message: string,
    file: string,
    readonly record: number,
  ) {
    super('bad_csv', message, file);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const MAX_MESSAGE_VALUE = 60;
/** Fields shorter than this are copied 4 bytes at a time in JS; longer ones by a native set. */
const SHORT_COPY = 256;
const MAX_UTF8_BYTES = 0x7fffffff;
const NO_NULLS = new Uint8Array(0);

/**
 * Collects one column of a record batch straight into Arrow buffers: typed arrays that double as rows
 * arrive, and a validity bitmap allocated at the first null. Each subclass owns its own parse loop so
 * that the loop stays monomorphic.
 */
export abstract class ColumnBuilder {
  protected length = 0;
  protected cap = 0;
  /** Rows of the last batch: the next one likely has as many, so it is allocated at once. */
  private hint = 1024;
  /** The validity bitmap; NO_NULLS (one type for the field, so optimized code keeps it) until the first null. */
  private valid = NO_NULLS;
  private nullCount = 0;

  constructor(
    protected readonly col: CsvColumn,
    protected readonly label: string,
    protected readonly nulls: NullTokens,
    protected readonly what: string,
  ) {}

  /** Appends the values of column c in records [0, n) of f, whose offsets point into buf. */
  abstract append(buf: Uint8Array, f: Fields, c: number, n: number): void;

  /** Puts the buffers the row reader (rows.ts) writes this column into in slot c of s; valid until the next openRows. */
  abstract sink(s: Sink, c: number): void;

  /** Makes room for n rows that the row reader writes itself and returns the first; closeRows then sets the length. */
  openRows(n: number): number {
    return this.begin(n);
  }

  /** Ends the rows the row reader wrote: the column now holds `length` rows. */
  closeRows(length: number): void {
    this.length = length;
  }

  /** Marks row j null (for the row reader). */
  markNull(j: number): void {
    this.setNull(j);
  }

  /** Bytes the rows appended since the last finish take in Arrow buffers. */
  abstract byteSize(): number;

  /** Replaces the value buffers by ones of `cap` rows holding the first `length` rows. */
  protected abstract grow(cap: number): void;

  /** The Arrow data of the rows so far. */
  protected abstract make(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): Data;

  /** The rows appended since the last finish as Arrow data; the builder starts afresh. */
  finish(): Data {
    const n = this.length;
    const bitmap = this.nullCount > 0 ? this.valid.subarray(0, (n + 7) >> 3) : undefined;
    const data = this.make(n, this.nullCount, bitmap);
    this.hint = Math.max(1024, n);
    this.length = 0;
    this.cap = 0;
    this.valid = NO_NULLS;
    this.nullCount = 0;
    return data;
  }

  /**
   * Makes room for n more rows and counts them in; returns the index of the first. The length is stored
   * before the caller's loop: a property store after a loop that was optimized mid-way (OSR) has no type
   * feedback yet and would deoptimize the function at every exit.
   */
  protected begin(n: number): number {
    this.reserve(n);
    const j = this.length;
    this.length = j + n;
    return j;
  }

  private reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2, this.hint);
    this.grow(cap);
    if (this.valid !== NO_NULLS) {
      const v = new Uint8Array((cap + 7) >> 3).fill(255);
      v.set(this.valid.subarray(0, (this.length + 7) >> 3));
      this.valid = v;
    }
    this.cap = cap;
  }

  protected setNull(i: number): void {
    if (this.valid === NO_NULLS) this.valid = new Uint8Array((this.cap + 7) >> 3).fill(255);
    this.valid[i >> 3] = (this.valid[i >> 3] as number) & ~(1 << (i & 7));
    this.nullCount++;
  }

  /** The start of a message about this column: `file:line: column "name"`, or `file: column "name"`. */
  protected place(line?: number): string {
    return `${line === undefined ? this.label : `${this.label}:${line}`}: column ${JSON.stringify(this.col.name)}`;
  }

  /** Reports record r of f, whose field is [s, e), as not fitting the column. */
  protected fail(buf: Uint8Array, s: number, e: number, f: Fields, r: number, what = this.what): never {
    let text = decoder.decode(fieldBytes(buf, s, e));
    if (text.length > MAX_MESSAGE_VALUE) text = `${text.slice(0, MAX_MESSAGE_VALUE - 3)}...`;
    throw new CellError(
      `${this.place(f.lines[r])}: ${JSON.stringify(text)} is not ${what} (${this.col.origin})`,
      this.label,
      r,
    );
  }
}

/** A column of a type other than text: fields parsed one by one into values. */
export abstract class TypedBuilder extends ColumnBuilder {
  /**
   * Reads field [s, e) as row j by the column's full parser (not a fast path): 1 when it is a value,
   * 0 when it is a null token (the caller marks row j null), -1 when it does not fit the column (then
   * nothing is written).
   */
  abstract cell(buf: Uint8Array, s: number, e: number, j: number): number;

  /** What field [s, e), which does not fit the column, is not (for the message). */
  protected misfit(_buf: Uint8Array, _s: number, _e: number): string {
    return this.what;
  }

  /** Any field the fast path does not take, as record r of f: a value, a null, or an error. */
  protected slow(buf: Uint8Array, s: number, e: number, f: Fields, r: number, j: number): void {
    const v = this.cell(buf, s, e, j);
    if (v === 0) this.setNull(j);
    else if (v < 0) this.fail(buf, s, e, f, r, this.misfit(buf, s, e));
  }
}

/** One value per row in a typed array whose element is the column's Arrow value (the type is arrowType's). */
abstract class FixedWidthBuilder<A extends Float64Array | Int32Array | BigInt64Array> extends TypedBuilder {
  protected abstract values: A;

  byteSize(): number {
    return this.length * this.values.BYTES_PER_ELEMENT;
  }

  protected grow(cap: number): void {
    const v = new (this.values.constructor as new (length: number) => A)(cap);
    // (a typed array's set takes its own element type: the union of the three has no common signature)
    v.set(this.values.subarray(0, this.length) as never);
    this.values = v;
  }

  protected make(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): Data {
    // makeData dispatches on the runtime type; the cast only picks an overload
    const data = this.values.subarray(0, length);
    return makeData({ type: arrowType(this.col), length, nullCount, nullBitmap, data } as never);
  }
}

class Float64Builder extends FixedWidthBuilder<Float64Array> {
  protected values = new Float64Array(0);
  /** Whether a null token has the fast path's shape: then every field is tested for null first. */
  private readonly guard = this.nulls.some((b, s, e) => !Number.isNaN(fastF64(b, s, e)));

  sink(s: Sink, c: number): void {
    s.f64[c] = this.values;
  }

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const { starts, ends } = f;
    const base = f.base(c);
    let j = this.begin(n);
    const out = this.values;
    const guard = this.guard;
    for (let r = 0; r < n; r++, j++) {
      const s = starts[base + r] as number;
      const e = ends[base + r] as number;
      const v = guard ? Number.NaN : fastF64(buf, s, e);
      if (Number.isNaN(v)) this.slow(buf, s, e, f, r, j);
      else out[j] = v;
    }
  }

  cell(buf: Uint8Array, s: number, e: number, j: number): number {
    if (this.nulls.test(buf, s, e)) return 0;
    const v = parseF64(buf, s, e);
    if (Number.isNaN(v) && !isNaNToken(buf, s, e)) return -1;
    this.values[j] = v;
    return 1;
  }
}

/** 64-bit values, written through their 32-bit halves (no BigInt per value). */
abstract class Int64Storage extends FixedWidthBuilder<BigInt64Array> {
  protected values = new BigInt64Array(0);
  protected halves = new Int32Array(0);

  protected override grow(cap: number): void {
    super.grow(cap);
    this.halves = new Int32Array(this.values.buffer);
  }

  sink(s: Sink, c: number): void {
    s.i32[c] = this.halves;
  }
}

class Int64Builder extends Int64Storage {
  /** Whether a null token has the fast path's shape: then every field is tested for null first. */
  private readonly guard = this.nulls.some((b, s, e) => fastI64(b, viewOf(b), s, e, new Int32Array(2), 0));

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const { starts, ends } = f;
    const base = f.base(c);
    let j = this.begin(n);
    const out = this.halves;
    const guard = this.guard;
    const view = viewOf(buf);
    for (let r = 0; r < n; r++, j++) {
      const s = starts[base + r] as number;
      const e = ends[base + r] as number;
      if (guard || !fastI64(buf, view, s, e, out, j)) this.slow(buf, s, e, f, r, j);
    }
  }

  cell(buf: Uint8Array, s: number, e: number, j: number): number {
    if (this.nulls.test(buf, s, e)) return 0;
    return parseI64(buf, s, e, this.halves, j) ? 1 : -1;
  }
}

class TimestampBuilder extends Int64Storage {
  private readonly parts = timestampParts();
  /** Whether a null token has the fast path's shape: then every field is tested for null first. */
  private readonly guard = this.nulls.some((b, s, e) =>
    fastTimestamp(b, viewOf(b), s, e, this.col.utc, new Int32Array(2), 0),
  );

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const { starts, ends } = f;
    const base = f.base(c);
    let j = this.begin(n);
    const out = this.halves;
    const utc = this.col.utc;
    const guard = this.guard;
    const view = viewOf(buf);
    for (let r = 0; r < n; r++, j++) {
      const s = starts[base + r] as number;
      const e = ends[base + r] as number;
      if (guard || !fastTimestamp(buf, view, s, e, utc, out, j)) this.slow(buf, s, e, f, r, j);
    }
  }

  cell(buf: Uint8Array, s: number, e: number, j: number): number {
    if (this.nulls.test(buf, s, e)) return 0;
    const parts = this.parts;
    if (!parseTimestamp(buf, s, e, parts) || parts.aware !== this.col.utc) return -1;
    writeMicros(this.halves, j, parts.sec, parts.us);
    return 1;
  }

  /** A timestamp that misfits only by its UTC offset (there or missing, against the column's) says so. */
  protected override misfit(buf: Uint8Array, s: number, e: number): string {
    if (!parseTimestamp(buf, s, e, this.parts)) return this.what;
    return this.col.utc ? 'a timestamp with a UTC offset' : 'a timestamp without a UTC offset';
  }
}

class DateBuilder extends FixedWidthBuilder<Int32Array> {
  protected values = new Int32Array(0);

  sink(s: Sink, c: number): void {
    s.i32[c] = this.values;
  }

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const { starts, ends } = f;
    const base = f.base(c);
    let j = this.begin(n);
    for (let r = 0; r < n; r++, j++)
      this.slow(buf, starts[base + r] as number, ends[base + r] as number, f, r, j);
  }

  cell(buf: Uint8Array, s: number, e: number, j: number): number {
    if (this.nulls.test(buf, s, e)) return 0;
    const days = parseDate(buf, s, e);
    if (Number.isNaN(days)) return -1;
    this.values[j] = days;
    return 1;
  }
}

class BoolBuilder extends TypedBuilder {
  private bits = new Uint8Array(0);

  byteSize(): number {
    return (this.length + 7) >> 3;
  }

  sink(s: Sink, c: number): void {
    s.u8[c] = this.bits;
  }

  protected grow(cap: number): void {
    const v = new Uint8Array((cap + 7) >> 3);
    v.set(this.bits.subarray(0, (this.length + 7) >> 3));
    this.bits = v;
  }

  protected make(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): Data {
    return makeData({
      type: new Bool(),
      length,
      nullCount,
      nullBitmap,
      data: this.bits.subarray(0, (length + 7) >> 3),
    });
  }

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const { starts, ends } = f;
    const base = f.base(c);
    let j = this.begin(n);
    for (let r = 0; r < n; r++, j++)
      this.slow(buf, starts[base + r] as number, ends[base + r] as number, f, r, j);
  }

  cell(buf: Uint8Array, s: number, e: number, j: number): number {
    if (this.nulls.test(buf, s, e)) return 0;
    const v = parseBool(buf, s, e);
    if (v === 1) this.bits[j >> 3] = (this.bits[j >> 3] as number) | (1 << (j & 7));
    return v < 0 ? -1 : 1;
  }
}

/** Text columns (exported for the row reader, which checks their UTF-8). */
export class Utf8Builder extends ColumnBuilder {
  private offsets = new Int32Array(1);
  private bytes = new Uint8Array(0);
  /** A DataView over bytes, for the row reader. */
  private view = new DataView(this.bytes.buffer);
  private size = 0;
  /** Text bytes of the last batch plus an eighth, the first allocation of the next. */
  private byteHint = 65536;

  byteSize(): number {
    return this.size + 4 * this.length;
  }

  sink(s: Sink, c: number): void {
    s.i32[c] = this.offsets;
    s.u8[c] = this.bytes;
    s.views[c] = this.view;
    s.sizes[c] = this.size;
  }

  /** The text size follows from the offsets the row reader wrote. */
  override closeRows(length: number): void {
    super.closeRows(length);
    this.size = this.offsets[length] as number;
  }

  /**
   * The first of rows [j, j + n) (as an index from j) whose text is not UTF-8, or -1: the rows' text as
   * a whole (ASCII is), then each field's first byte (valid text can join fields that are not), then
   * each field.
   */
  badText(j: number, n: number): number {
    const { offsets, bytes } = this;
    const text = bytes.subarray(offsets[j] as number, offsets[j + n] as number);
    if (isAscii(text)) return -1;
    let ok = isUtf8(text);
    for (let r = 0; r < n && ok; r++) {
      const s = offsets[j + r] as number;
      if (s < (offsets[j + r + 1] as number) && ((bytes[s] as number) & 0xc0) === 0x80) ok = false;
    }
    if (ok) return -1;
    for (let r = 0; r < n; r++) {
      if (!isUtf8(bytes.subarray(offsets[j + r] as number, offsets[j + r + 1] as number))) return r;
    }
    return -1;
  }

  /** Reports row r of a group of rows, on `line`, as not UTF-8. */
  failText(line: number, r: number): never {
    throw new CellError(`${this.place(line)}: invalid UTF-8`, this.label, r);
  }

  protected grow(cap: number): void {
    const v = new Int32Array(cap + 1);
    v.set(this.offsets.subarray(0, this.length + 1));
    this.offsets = v;
  }

  protected make(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): Data {
    const data = makeData({
      type: new Utf8(),
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.size),
    });
    this.offsets = new Int32Array(1);
    this.bytes = new Uint8Array(0);
    this.view = new DataView(this.bytes.buffer);
    this.byteHint = Math.max(65536, this.size + (this.size >> 3));
    this.size = 0;
    return data;
  }

  /** Makes room for n more bytes of text. */
  reserveBytes(n: number): void {
    const need = this.size + n;
    if (need <= this.bytes.length) return;
    if (need > MAX_UTF8_BYTES) {
      throw new ReadError(
        'too_large',
        `${this.place()}: more than 2 GiB of text in one batch; lower batchSize`,
        this.label,
      );
    }
    const v = new Uint8Array(Math.min(MAX_UTF8_BYTES, Math.max(need, this.bytes.length * 2, this.byteHint)));
    v.set(this.bytes.subarray(0, this.size));
    this.bytes = v;
    this.view = new DataView(v.buffer);
  }

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const j = this.begin(n);
    const base = f.base(c);
    this.reserveBytes(textBytes(f.starts, f.ends, base, n));
    const from = this.size;
    const w = copyText(buf, f.starts, f.ends, base, n, this.bytes, this.offsets, j, from, this.nulls, this);
    this.size = w < 0 ? ~w : w;
    if (w < 0 || !isUtf8(this.bytes.subarray(from, this.size))) this.badUtf8(buf, f, c, n);
  }

  /** Marks row j null (for copyText). */
  null(j: number): void {
    this.setNull(j);
  }

  /** Finds the first field that is not valid UTF-8 (a cold path) and reports its line. */
  private badUtf8(buf: Uint8Array, f: Fields, c: number, n: number): never {
    const base = f.base(c);
    for (let r = 0; r < n; r++) {
      const s = f.starts[base + r] as number;
      const e = f.ends[base + r] as number;
      if (!isUtf8(fieldBytes(buf, s, e))) this.failText(f.lines[r] as number, r);
    }
    throw new ReadError('bad_csv', `${this.place()}: invalid UTF-8`, this.label);
  }
}

/** Upper bound of the text bytes of n fields (doubled quotes count twice). */
function textBytes(starts: Int32Array, ends: Int32Array, base: number, n: number): number {
  let need = 0;
  for (let r = 0; r < n; r++) {
    const e = ends[base + r] as number;
    need += (e < 0 ? ~e : e) - (starts[base + r] as number);
  }
  return need;
}

/**
 * Copies the text of n fields to out from byte w on, writing offsets from row j on; returns the new end,
 * or ~end when a field starts with a UTF-8 continuation byte (invalid even if the joined bytes are
 * valid). A function of its own so that nothing runs after the loop in an OSR-optimized frame.
 */
function copyText(
  buf: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
  n: number,
  out: Uint8Array,
  offsets: Int32Array,
  j: number,
  w: number,
  nulls: NullTokens,
  builder: Utf8Builder,
): number {
  const src = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dst = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let split = false;
  for (let r = 0; r < n; r++, j++) {
    const s = starts[base + r] as number;
    const e = ends[base + r] as number;
    if (nulls.test(buf, s, e)) {
      builder.null(j);
    } else if (e < 0) {
      const end = ~e;
      for (let k = s; k < end; k++) {
        const b = buf[k] as number;
        out[w++] = b;
        if (b === 34) k++;
      }
    } else if (e - s < SHORT_COPY) {
      // unaligned 32-bit moves through DataViews (a native set() costs a subarray object per field);
      // the last word overlaps the previous one instead of a byte loop for the tail
      const len = e - s;
      if (len >= 4) {
        for (let k = 0; k < len - 4; k += 4) dst.setInt32(w + k, src.getInt32(s + k, true), true);
        dst.setInt32(w + len - 4, src.getInt32(e - 4, true), true);
        w += len;
      } else {
        for (let k = s; k < e; k++) out[w++] = buf[k] as number;
      }
    } else {
      out.set(buf.subarray(s, e), w);
      w += e - s;
    }
    // (w > offsets[j]: the field is not null and not empty, so buf[s] is its first byte)
    if (w > (offsets[j] as number) && ((buf[s] as number) & 0xc0) === 0x80) split = true;
    offsets[j + 1] = w;
  }
  return split ? ~w : w;
}

/** A builder for one column of the given kind. */
export function columnBuilder(col: CsvColumn, label: string, nulls: NullTokens): ColumnBuilder {
  switch (col.kind) {
    case 'int64':
      return new Int64Builder(col, label, nulls, 'an int64');
    case 'float64':
      return new Float64Builder(col, label, nulls, 'a float64');
    case 'bool':
      return new BoolBuilder(col, label, nulls, 'a bool (true or false)');
    case 'date':
      return new DateBuilder(col, label, nulls, 'a date (YYYY-MM-DD)');
    case 'timestamp':
      return new TimestampBuilder(col, label, nulls, 'a timestamp');
    case 'utf8':
      return new Utf8Builder(col, label, nulls, 'UTF-8 text');
  }
}
