import { isUtf8 } from 'node:buffer';
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
  private valid: Uint8Array | null = null;
  private nullCount = 0;

  constructor(
    protected readonly col: CsvColumn,
    protected readonly label: string,
    protected readonly nulls: NullTokens,
    private readonly what: string,
  ) {}

  /** Appends the values of column c in records [0, n) of f, whose offsets point into buf. */
  abstract append(buf: Uint8Array, f: Fields, c: number, n: number): void;

  /** Bytes the rows appended since the last finish take in Arrow buffers. */
  abstract byteSize(): number;

  /** Replaces the value buffers by ones of `cap` rows holding the first `length` rows. */
  protected abstract grow(cap: number): void;

  /** The Arrow data of the rows so far. */
  protected abstract make(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): Data;

  /** The rows appended since the last finish as Arrow data; the builder starts afresh. */
  finish(): Data {
    const n = this.length;
    const bitmap = this.nullCount > 0 && this.valid ? this.valid.subarray(0, (n + 7) >> 3) : undefined;
    const data = this.make(n, this.nullCount, bitmap);
    this.hint = Math.max(1024, n);
    this.length = 0;
    this.cap = 0;
    this.valid = null;
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
    if (this.valid) {
      const v = new Uint8Array((cap + 7) >> 3).fill(255);
      v.set(this.valid.subarray(0, (this.length + 7) >> 3));
      this.valid = v;
    }
    this.cap = cap;
  }

  /** True, with row j marked null, when field [s, e) is a null token. */
  protected isNull(buf: Uint8Array, s: number, e: number, j: number): boolean {
    if (!this.nulls.test(buf, s, e)) return false;
    this.setNull(j);
    return true;
  }

  protected setNull(i: number): void {
    if (!this.valid) this.valid = new Uint8Array((this.cap + 7) >> 3).fill(255);
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

/** One value per row in a typed array whose element is the column's Arrow value (the type is arrowType's). */
abstract class FixedWidthBuilder<A extends Float64Array | Int32Array | BigInt64Array> extends ColumnBuilder {
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

  /** Any field the fast path does not take: a null, another shape of number, NaN, or an error. */
  private slow(buf: Uint8Array, s: number, e: number, f: Fields, r: number, j: number): void {
    if (this.isNull(buf, s, e, j)) return;
    const v = parseF64(buf, s, e);
    if (Number.isNaN(v) && !isNaNToken(buf, s, e)) this.fail(buf, s, e, f, r);
    this.values[j] = v;
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

  /** Any field the fast path does not take: a null, another shape of integer, or an error. */
  private slow(buf: Uint8Array, s: number, e: number, f: Fields, r: number, j: number): void {
    if (!this.isNull(buf, s, e, j) && !parseI64(buf, s, e, this.halves, j)) this.fail(buf, s, e, f, r);
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

  /** Any field the fast path does not take: a null, another shape of timestamp, or an error. */
  private slow(buf: Uint8Array, s: number, e: number, f: Fields, r: number, j: number): void {
    if (this.isNull(buf, s, e, j)) return;
    const parts = this.parts;
    const utc = this.col.utc;
    if (!parseTimestamp(buf, s, e, parts)) this.fail(buf, s, e, f, r);
    if (parts.aware !== utc) {
      const what = utc ? 'a timestamp with a UTC offset' : 'a timestamp without a UTC offset';
      this.fail(buf, s, e, f, r, what);
    }
    writeMicros(this.halves, j, parts.sec, parts.us);
  }
}

class DateBuilder extends FixedWidthBuilder<Int32Array> {
  protected values = new Int32Array(0);

  append(buf: Uint8Array, f: Fields, c: number, n: number): void {
    const { starts, ends } = f;
    const base = f.base(c);
    let j = this.begin(n);
    const out = this.values;
    for (let r = 0; r < n; r++, j++) {
      const s = starts[base + r] as number;
      const e = ends[base + r] as number;
      if (this.isNull(buf, s, e, j)) continue;
      const days = parseDate(buf, s, e);
      if (Number.isNaN(days)) this.fail(buf, s, e, f, r);
      out[j] = days;
    }
  }
}

class BoolBuilder extends ColumnBuilder {
  private bits = new Uint8Array(0);

  byteSize(): number {
    return (this.length + 7) >> 3;
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
    const bits = this.bits;
    for (let r = 0; r < n; r++, j++) {
      const s = starts[base + r] as number;
      const e = ends[base + r] as number;
      if (this.isNull(buf, s, e, j)) continue;
      const v = parseBool(buf, s, e);
      if (v < 0) this.fail(buf, s, e, f, r);
      if (v === 1) bits[j >> 3] = (bits[j >> 3] as number) | (1 << (j & 7));
    }
  }
}

class Utf8Builder extends ColumnBuilder {
  private offsets = new Int32Array(1);
  private bytes = new Uint8Array(0);
  private size = 0;
  /** Text bytes of the last batch plus an eighth, the first allocation of the next. */
  private byteHint = 65536;

  byteSize(): number {
    return this.size + 4 * this.length;
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
    this.byteHint = Math.max(65536, this.size + (this.size >> 3));
    this.size = 0;
    return data;
  }

  private reserveBytes(n: number): void {
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
      if (!isUtf8(fieldBytes(buf, s, e))) {
        throw new CellError(`${this.place(f.lines[r])}: invalid UTF-8`, this.label, r);
      }
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
