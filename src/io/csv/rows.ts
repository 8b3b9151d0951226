import { CR, DOT, LF, MINUS, QUOTE } from './ascii.js';
import { type ColumnBuilder, type CsvColumn, type TypedBuilder, Utf8Builder } from './builders.js';
import { fieldEnd, type Tokenizer } from './tokenizer.js';
import {
  digitsValue,
  fastF64,
  fastI64,
  fastTimestamp,
  leadingDigits,
  type NullTokens,
  nonDigits,
  POW10,
  parseBool,
  parseDate,
  writeI64,
} from './values.js';

/** How the row reader takes each column: split off only (a column not asked for), or converted. */
const SKIP = 0;
const INT = 1;
const FLOAT = 2;
const TS = 3;
const TSZ = 4;
const DATE = 5;
const BOOL = 6;
const TEXT = 7;

/** Delimiters the row reader takes: none can occur inside the number, date and timestamp shapes it reads. */
const DELIMITERS = new Set([',', ';', '\t', '|'].map((d) => d.charCodeAt(0)));
/**
 * Bytes kept after the last newline the row reader may reach: its loads go at most 24 bytes past a
 * field's start (a timestamp and the byte after it; four-byte loads elsewhere), never past the input.
 */
const SLACK = 24;
/**
 * Bytes of input one read takes at most (whole records only): so each text column needs at most that
 * much room, made before the read, and its copy loop never checks for room.
 */
const READ_BYTES = 64 * 1024;

const NO_I32 = new Int32Array(0);
const NO_F64 = new Float64Array(0);
const NO_U8 = new Uint8Array(0);
const NO_VIEW = new DataView(new ArrayBuffer(0));

/**
 * The buffers the row reader writes each column's values into, by column of the file; the column
 * builders fill in their slots (ColumnBuilder.sink) before each read. Arrays of one element type each,
 * so that the reader's loads stay monomorphic.
 */
export class Sink {
  /** int64 and timestamp values as 32-bit halves, date days, text offsets. */
  readonly i32: Int32Array[];
  readonly f64: Float64Array[];
  /** Bool bits, text bytes. */
  readonly u8: Uint8Array[];
  /** Text bytes again, for four-byte stores. */
  readonly views: DataView[];
  /** Text bytes written so far. */
  readonly sizes: Int32Array;

  constructor(ncols: number) {
    this.i32 = Array.from({ length: ncols }, () => NO_I32);
    this.f64 = Array.from({ length: ncols }, () => NO_F64);
    this.u8 = Array.from({ length: ncols }, () => NO_U8);
    this.views = Array.from({ length: ncols }, () => NO_VIEW);
    this.sizes = new Int32Array(ncols);
  }
}

/** The state readRows works with, gathered in one object so that it takes few arguments. */
interface RowState {
  readonly kinds: Uint8Array;
  readonly sink: Sink;
  /** Builders by column of the file (those not asked for are never called). */
  readonly builders: readonly ColumnBuilder[];
  readonly nulls: NullTokens;
  /** Whether an empty field is null (else a typed column's empty field is left to the column builders). */
  readonly emptyNull: boolean;
  readonly delim: number;
  /** The delimiter in every byte. */
  readonly delims: number;
  /** Longest record taken, in bytes (maxBatchBytes: a longer one is left to the caller, which refuses it). */
  readonly maxRecord: number;
  /** Columns of the current record that are null, listed when the record is taken whole. */
  readonly nullCols: Int32Array;
  /**
   * The nulls of the records taken, as (column, row) pairs: marked after the loop, so that it never
   * calls into the builders.
   */
  readonly nullList: Int32Array;
  /** The position after the last record taken, and the length of nullList used. */
  readonly io: Int32Array;
}

/**
 * Reads the common record straight into the column builders' buffers, in one pass over its bytes:
 * unquoted fields on one line. A typed field of its column's fast shape (the shapes the builders' fast
 * paths take) is converted as its end is found; any other is handed to the builder's full parser
 * (TypedBuilder.cell). Any other record (quotes, blank lines, ragged rows, a field that does not fit
 * its column) is left to the tokenizer and the builders, which then read it the usual way; so the
 * values never depend on which of the two read a record.
 */
export class RowReader {
  /** True when the last read stopped at a record it does not take (rather than at the input's end). */
  stuck = false;
  /** The text columns in file order, whose UTF-8 is checked after each read. */
  private readonly texts: Utf8Builder[] = [];

  private constructor(
    private readonly state: RowState,
    private readonly wanted: readonly ColumnBuilder[],
    private readonly index: readonly number[],
  ) {
    for (const builder of state.builders) if (builder instanceof Utf8Builder) this.texts.push(builder);
  }

  /**
   * A reader of up to maxRows records at once for the columns `index` of the file (converted by
   * `builders`), or undefined when it cannot
   * read them the way the builders do: a delimiter that may occur inside a value, or a null token that
   * it would read as a value of its column.
   */
  static create(
    columns: readonly CsvColumn[],
    index: readonly number[],
    builders: readonly ColumnBuilder[],
    delim: number,
    nulls: NullTokens,
    maxRecord: number,
    maxRows: number,
  ): RowReader | undefined {
    if (!DELIMITERS.has(delim)) return undefined;
    const ncols = columns.length;
    const kinds = new Uint8Array(ncols);
    const byColumn: ColumnBuilder[] = [];
    index.forEach((c, k) => {
      kinds[c] = kindOf(columns[c] as CsvColumn);
      byColumn[c] = builders[k] as ColumnBuilder;
    });
    const state: RowState = {
      kinds,
      sink: new Sink(ncols),
      builders: byColumn,
      nulls,
      emptyNull: nulls.test(NO_U8, 0, 0),
      delim,
      delims: Math.imul(0x01010101, delim),
      maxRecord,
      nullCols: new Int32Array(ncols),
      nullList: new Int32Array(2 * maxRows * index.length),
      io: new Int32Array(2),
    };
    for (const c of index) {
      const kind = kinds[c] as number;
      if (nulls.some((b, s, e) => readsValue(kind, b, s, e))) return undefined;
    }
    return new RowReader(state, builders, index);
  }

  /**
   * Reads up to maxRows records (at most create's) from the tokenizer's position into the builders and moves the tokenizer
   * past them; returns how many. Reads nothing when the next record is not one it takes (then `stuck`)
   * or may run past the input read so far.
   */
  read(tok: Tokenizer, maxRows: number): number {
    const st = this.state;
    const buf = tok.buf;
    const p = tok.position;
    const end = tok.limit;
    this.stuck = false;
    const stop = lastNewline(buf, p, Math.min(end - SLACK, p + READ_BYTES)) + 1;
    if (p >= stop) return 0;
    const { wanted, index } = this;
    let j = 0;
    // text room for all the bytes read, and the four-byte stores past a field's end
    for (const t of this.texts) t.reserveBytes(READ_BYTES + 4);
    for (let k = 0; k < wanted.length; k++) {
      const b = wanted[k] as ColumnBuilder;
      j = b.openRows(maxRows);
      b.sink(st.sink, index[k] as number);
    }
    st.io[0] = p;
    st.io[1] = 0;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const n = readRows(st, buf, view, p, stop, j, maxRows);
    for (const b of wanted) b.closeRows(j + n);
    const { nullList, builders } = st;
    for (let k = 0; k < (st.io[1] as number); k += 2) {
      (builders[nullList[k] as number] as ColumnBuilder).markNull(nullList[k + 1] as number);
    }
    this.stuck = n < maxRows && (st.io[0] as number) < stop;
    const line = tok.nextLine;
    tok.skip(st.io[0] as number, n);
    this.checkText(j, n, line);
    return n;
  }

  /** Checks the text of rows [j, j + n) as UTF-8; reports the first bad field (then the first column). */
  private checkText(j: number, n: number, line: number): void {
    let row = n;
    let bad: Utf8Builder | undefined;
    for (const builder of this.texts) {
      // (an earlier column wins a tie: a later one need only be checked before the bad row found)
      const r = builder.badText(j, row);
      if (r >= 0) {
        row = r;
        bad = builder;
      }
    }
    bad?.failText(line + row, row);
  }
}

function kindOf(col: CsvColumn): number {
  switch (col.kind) {
    case 'int64':
      return INT;
    case 'float64':
      return FLOAT;
    case 'timestamp':
      return col.utc ? TSZ : TS;
    case 'date':
      return DATE;
    case 'bool':
      return BOOL;
    case 'utf8':
      return TEXT;
  }
}

/**
 * Whether the row reader takes null token [s, e) as a value of a column of this kind: when it has the
 * kind's fast shape (the builders then test such fields for null first, the row reader does not).
 */
function readsValue(kind: number, b: Uint8Array, s: number, e: number): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const scratch = new Int32Array(2);
  switch (kind) {
    case INT:
      return fastI64(b, view, s, e, scratch, 0);
    case FLOAT:
      return !Number.isNaN(fastF64(b, s, e));
    case TS:
    case TSZ:
      return fastTimestamp(b, view, s, e, kind === TSZ, scratch, 0);
    case DATE:
      return e - s === 10 && !Number.isNaN(parseDate(b, s, e));
    case BOOL:
      return (e - s === 4 || e - s === 5) && parseBool(b, s, e) >= 0;
    default:
      return false;
  }
}

/** The last LF or CR in [from, to), or -1. */
function lastNewline(buf: Uint8Array, from: number, to: number): number {
  for (let q = to - 1; q >= from; q--) {
    const b = buf[q];
    if (b === LF || b === CR) return q;
  }
  return -1;
}

/**
 * The loop of RowReader.read: records from p while they start before `stop` (right after a newline
 * with SLACK bytes after it, so no field runs past it), as rows j, j + 1, ...; returns how many, with
 * the position after the last in st.io[0]. Nothing but `return` follows the loop, and the rare exits
 * only break out of it: code that a loop optimized mid-way (OSR) never ran has no type feedback, and
 * would deoptimize it. A record left half-read is left to the caller, which rereads it whole: its values
 * are overwritten, its text bytes dropped (the builders take the text size from the offsets), and its
 * nulls are only marked once the record is taken.
 */
function readRows(
  st: RowState,
  buf: Uint8Array,
  view: DataView,
  p: number,
  stop: number,
  j: number,
  maxRows: number,
): number {
  const { kinds, nulls, emptyNull, delim, delims, maxRecord, nullCols, nullList, io, builders } = st;
  const { i32, f64, u8, views, sizes } = st.sink;
  const last = kinds.length - 1;
  let r = 0;
  let listed = 0;
  rows: for (; r < maxRows && p < stop; r++, j++) {
    // a blank line is no record
    const b0 = buf[p];
    if (b0 === LF || b0 === CR) break;
    const start = p;
    let nn = 0;
    let q = p;
    for (let c = 0; ; c++) {
      const kind = kinds[c] as number;
      // a column not asked for is only split off (tested first: a switch tests its cases in turn)
      if (kind === SKIP) {
        if (buf[p] === QUOTE) break rows;
        q = fieldEnd(buf, view, p, stop, delims, delim);
        if (q < 0) break rows;
      } else {
        switch (kind) {
          case INT: {
            // fastI64's shape, inlined by hand (as the others: V8's inlining budget would not take them
            // all): -?digits, at most 15 of them, read four at a time
            let e = p;
            const neg = buf[e] === MINUS;
            if (neg) e++;
            const d0 = e;
            let m = 0;
            for (;;) {
              const x = view.getInt32(e, true);
              const t = nonDigits(x);
              if (t === 0) {
                m = m * 10000 + digitsValue(x);
                e += 4;
                continue;
              }
              // the digits before the first other byte
              const k = (31 - Math.clz32(t & -t)) >> 3;
              if (k > 0) {
                m = m * (POW10[k] as number) + digitsValue(leadingDigits(x, k));
                e += k;
              }
              break;
            }
            q = -1;
            if (e - d0 <= 15 && isEnd(buf[e], delim)) {
              if (e > d0) {
                writeI64(i32[c] as Int32Array, j, neg ? -m : m);
                q = e;
              } else if (!neg) q = p;
            }
            break;
          }
          case FLOAT: {
            // fastF64's shape: -?digits[.digits], at most 15 digits; an exact mantissa over an exact
            // power of ten is one correctly rounded division, so the value equals Number() of the text
            let e = p;
            const neg = buf[e] === MINUS;
            if (neg) e++;
            const d0 = e;
            let m = 0;
            let dot = -1;
            for (;;) {
              const x = view.getInt32(e, true);
              const t = nonDigits(x);
              if (t === 0) {
                m = m * 10000 + digitsValue(x);
                e += 4;
                continue;
              }
              const k = (31 - Math.clz32(t & -t)) >> 3;
              if (k > 0) {
                m = m * (POW10[k] as number) + digitsValue(leadingDigits(x, k));
                e += k;
              }
              if (buf[e] !== DOT || dot >= 0) break;
              dot = ++e;
            }
            q = -1;
            const len = e - d0;
            const digits = len - (dot < 0 ? 0 : 1);
            if (isEnd(buf[e], delim)) {
              if (len === 0) {
                if (!neg) q = p;
              } else if (len <= 16 && digits > 0 && digits <= 15) {
                const v = dot < 0 ? m : m / (POW10[e - dot] as number);
                (f64[c] as Float64Array)[j] = neg ? -v : v;
                q = e;
              }
            }
            break;
          }
          case TS:
          case TSZ: {
            // fastTimestamp's shape: 19 bytes, or 20 ending in Z
            q = -1;
            if (isEnd(buf[p], delim)) q = p;
            else {
              const e = p + (kind === TSZ ? 20 : 19);
              if (
                isEnd(buf[e], delim) &&
                fastTimestamp(buf, view, p, e, kind === TSZ, i32[c] as Int32Array, j)
              )
                q = e;
            }
            break;
          }
          case DATE:
            q = dateField(buf, p, delim, i32[c] as Int32Array, j);
            break;
          case BOOL:
            q = boolField(buf, p, delim, u8[c] as Uint8Array, j);
            break;
          case TEXT: {
            if (buf[p] === QUOTE) break rows;
            // copied four bytes at a time while its end is searched (as fieldEnd); the bytes past the end
            // are copied too, and overwritten by the next field (the builder made room for READ_BYTES)
            const w = sizes[c] as number;
            const out = views[c] as DataView;
            let e = p;
            for (;;) {
              const x = view.getInt32(e, true);
              out.setInt32(w + e - p, x, true);
              const y = x ^ delims;
              const m = (((x - 0x0e0e0e0e) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080;
              if (m === 0) {
                e += 4;
                continue;
              }
              e += (31 - Math.clz32(m & -m)) >> 3;
              const b = buf[e];
              if (b === delim || b === LF || b === CR) break;
              e++;
            }
            if (nulls.test(buf, p, e)) nullCols[nn++] = c;
            else sizes[c] = w + e - p;
            (i32[c] as Int32Array)[j + 1] = sizes[c] as number;
            q = e;
            break;
          }
        }
      }
      if (q < 0) {
        // a typed field of another shape: the column's full parser reads it (a typed builder: the
        // other kinds never get here)
        if (buf[p] === QUOTE) break rows;
        q = fieldEnd(buf, view, p, stop, delims, delim);
        const v = q < 0 ? -1 : (builders[c] as TypedBuilder).cell(buf, p, q, j);
        if (v < 0) break rows;
        if (v === 0) nullCols[nn++] = c;
      } else if (q === p && kind !== TEXT && kind !== SKIP) {
        // an empty typed field: null, or left to the builders, which refuse it
        if (!emptyNull) break rows;
        nullCols[nn++] = c;
      }
      const b = buf[q];
      if (c === last) {
        if (b === delim) break rows;
        break;
      }
      if (b !== delim) break rows;
      p = q + 1;
    }
    // (as ConvertPass.take measures a record: from its first field's start to its last field's end)
    if (q - start > maxRecord) break;
    // the field parsers stop only at a delimiter, LF or CR: here LF or CR
    p = q + 1;
    if (buf[q] === CR && buf[p] === LF) p++;
    for (let k = 0; k < nn; k++) {
      nullList[listed++] = nullCols[k] as number;
      nullList[listed++] = j;
    }
    io[0] = p;
    io[1] = listed;
  }
  return r;
}

/** True when b ends a field: the delimiter, LF or CR. */
function isEnd(b: number | undefined, delim: number): boolean {
  return b === delim || b === LF || b === CR;
}

/** The `YYYY-MM-DD` date field at p: its days as row j of out, returning where it ends; p when empty; else -1. */
function dateField(buf: Uint8Array, p: number, delim: number, out: Int32Array, j: number): number {
  if (isEnd(buf[p], delim)) return p;
  const q = p + 10;
  if (!isEnd(buf[q], delim)) return -1;
  const days = parseDate(buf, p, q);
  if (Number.isNaN(days)) return -1;
  out[j] = days;
  return q;
}

/** The bool field at p (4 or 5 bytes): a set bit j of bits when true, returning where it ends; p when empty; else -1. */
function boolField(buf: Uint8Array, p: number, delim: number, bits: Uint8Array, j: number): number {
  if (isEnd(buf[p], delim)) return p;
  const q = isEnd(buf[p + 4], delim) ? p + 4 : p + 5;
  const v = isEnd(buf[q], delim) ? parseBool(buf, p, q) : -1;
  if (v < 0) return -1;
  if (v === 1) bits[j >> 3] = (bits[j >> 3] as number) | (1 << (j & 7));
  return q;
}
