import { isAscii } from 'node:buffer';
import {
  type Data,
  type DataType,
  DateUnit,
  makeVector,
  Type as T,
  TimeUnit,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { setOwn } from '../own.js';
import { type TypeFamily, typeFamily, typeName, valueType } from './types.js';

const TWO32 = 4294967296;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Numbers of a column chunk in its native unit, and whether every value is exactly representable. */
export interface NumberView {
  readonly values: ArrayLike<number>;
  /** False when some 64-bit value lies beyond 2^53 (then `i64` holds the exact values). */
  readonly exact: boolean;
  /** The raw 64-bit values, for exact paths over int64, timestamps and date64. */
  readonly i64?: BigInt64Array | BigUint64Array;
}

/**
 * One column of one record batch, with the typed-array accessors kernels need.
 * This class (with the rest of src/arrow) is the only code that looks at Arrow type ids.
 */
export class ColumnView {
  readonly type: DataType;
  readonly family: TypeFamily;
  readonly length: number;
  private _validity: Uint8Array | null | undefined;
  private _missing = -1;
  private _numbers: NumberView | undefined;
  private _strings: StringView | undefined;
  private _dict: ColumnView | undefined;

  constructor(
    readonly name: string,
    readonly data: Data,
  ) {
    this.type = data.type;
    this.family = typeFamily(data.type);
    this.length = data.length;
  }

  /** The canonical Arrow type name (see typeName). */
  get typeName(): string {
    return typeName(this.type);
  }

  /** True when the column is dictionary encoded. */
  get isDictionary(): boolean {
    return this.type.typeId === T.Dictionary;
  }

  /** Arrow null flags only (NaN not included): 1 = valid. Null when there are no nulls. */
  nullFlags(): Uint8Array | null {
    return this.arrowNulls().flags;
  }

  /** Arrow null flags (null when there are no nulls) and how many rows are null. */
  private arrowNulls(): { flags: Uint8Array | null; nulls: number } {
    const { data } = this;
    if (data.type.typeId === T.Null) return { flags: new Uint8Array(this.length), nulls: this.length };
    if (!data.nullBitmap || data.nullCount === 0) return { flags: null, nulls: 0 };
    const flags = new Uint8Array(this.length);
    return { flags, nulls: this.length - unpackBits(data.nullBitmap, data.offset, flags) };
  }

  /**
   * Presence flags as GX counts them: 1 = a value, 0 = missing (Arrow null, or NaN in a float column,
   * or a null/NaN dictionary entry). Null when every row is present: the fast path.
   */
  validity(): Uint8Array | null {
    if (this._validity === undefined) this.computeValidity();
    return this._validity as Uint8Array | null;
  }

  /** Number of missing rows (nulls and NaN). */
  missingCount(): number {
    if (this._validity === undefined) this.computeValidity();
    return this._missing;
  }

  /** Builds the presence flags and counts the missing rows as it goes (no second pass to count them). */
  private computeValidity(): void {
    let { flags, nulls: missing } = this.arrowNulls();
    const vt = valueType(this.type);
    if (this.isDictionary) {
      const dict = this.dictionary();
      const dictValid = dict.validity();
      if (dictValid) {
        const idx = this.indices();
        flags ??= new Uint8Array(this.length).fill(1);
        for (let i = 0; i < flags.length; i++) {
          if (flags[i] && !dictValid[idx[i] as number]) {
            flags[i] = 0;
            missing++;
          }
        }
      }
    } else if (vt.typeId === T.Float) {
      const v = this.data.values as Float64Array | Float32Array | Uint16Array;
      if (vt instanceof Object && (vt as unknown as { precision: number }).precision === 0) {
        // float16: NaN when exponent bits are all ones and mantissa is non-zero
        for (let i = 0; i < this.length; i++) {
          const h = v[i] as number;
          if ((h & 0x7c00) === 0x7c00 && (h & 0x03ff) !== 0) {
            flags ??= new Uint8Array(this.length).fill(1);
            missing += flags[i] as number;
            flags[i] = 0;
          }
        }
      } else {
        for (let i = 0; i < this.length; i++) {
          if (Number.isNaN(v[i] as number)) {
            flags ??= new Uint8Array(this.length).fill(1);
            missing += flags[i] as number;
            flags[i] = 0;
          }
        }
      }
    }
    this._validity = flags;
    this._missing = missing;
  }

  /** Dictionary indices (dictionary columns only). */
  indices(): Int32Array | Int8Array | Int16Array | Uint8Array | Uint16Array | Uint32Array {
    return this.data.values as Int32Array;
  }

  /** The dictionary of a dictionary column, as a column of its own. */
  dictionary(): ColumnView {
    if (!this._dict) {
      const dict = this.data.dictionary;
      if (!dict) throw new Error(`column ${this.name} has no dictionary`);
      const chunk =
        dict.data.length === 1 ? dict.data[0] : dict.data.length ? concatData(dict.data) : undefined;
      if (!chunk) throw new Error(`column ${this.name} has an empty dictionary`);
      this._dict = new ColumnView(this.name, chunk);
    }
    return this._dict;
  }

  /**
   * The values as numbers in the column's native unit: integers and floats as they are, timestamps,
   * times and durations in their unit since the epoch, date32 in days, date64 in ms, booleans as 0/1,
   * decimals scaled to their value (approximate). Dictionary columns are expanded.
   */
  numbers(): NumberView {
    if (this._numbers) return this._numbers;
    this._numbers = this.computeNumbers();
    return this._numbers;
  }

  private computeNumbers(): NumberView {
    if (this.isDictionary) {
      const d = this.dictionary().numbers();
      const idx = this.indices();
      const out = new Float64Array(this.length);
      for (let i = 0; i < out.length; i++) out[i] = d.values[idx[i] as number] as number;
      return { values: out, exact: d.exact };
    }
    const t = this.type as DataType & { bitWidth?: number; precision?: number; scale?: number };
    const values = this.data.values;
    switch (t.typeId) {
      case T.Int:
      case T.Timestamp:
      case T.Time:
      case T.Duration:
      case T.Date: {
        if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
          return int64ToNumbers(values, this.length);
        }
        return { values: values as Int32Array, exact: true };
      }
      case T.Float: {
        if (t.precision === 0) {
          const h = values as Uint16Array;
          const out = new Float64Array(this.length);
          for (let i = 0; i < out.length; i++) out[i] = halfToFloat(h[i] as number);
          return { values: out, exact: true };
        }
        return { values: values as Float64Array, exact: true };
      }
      case T.Bool: {
        const out = new Float64Array(this.length);
        const off = this.data.offset;
        const bits = values as Uint8Array;
        for (let i = 0; i < out.length; i++) {
          const j = off + i;
          out[i] = ((bits[j >> 3] as number) >> (j & 7)) & 1;
        }
        return { values: out, exact: true };
      }
      case T.Decimal: {
        const out = new Float64Array(this.length);
        const scale = 10 ** (t.scale ?? 0);
        for (let i = 0; i < out.length; i++) out[i] = Number(this.decimalUnscaled(i)) / scale;
        return { values: out, exact: false };
      }
      default:
        throw new Error(`column ${this.name} of type ${this.typeName} has no numeric values`);
    }
  }

  /**
   * Row i's number as a view and the index to read it at: reporting one 64-bit value converts only that
   * value, not the whole column (unless the column's numbers are already there).
   */
  private numberAt(i: number): [NumberView, number] {
    const raw = this._numbers ? null : this.bigints();
    return raw ? [int64ToNumbers(raw.subarray(i, i + 1), 1), 0] : [this.numbers(), i];
  }

  /** The raw 64-bit integers of an int64/uint64/timestamp/date64 column (exact paths), else null. */
  bigints(): BigInt64Array | BigUint64Array | null {
    const v = this.isDictionary ? null : this.data.values;
    return v instanceof BigInt64Array || v instanceof BigUint64Array ? v : null;
  }

  /** String access for utf8 columns (and dictionaries of utf8). */
  strings(): StringView {
    if (!this._strings) this._strings = new StringView(this);
    return this._strings;
  }

  /** The boolean value at row i (bool columns). */
  bool(i: number): boolean {
    const j = this.data.offset + i;
    return (((this.data.values as Uint8Array)[j >> 3] as number) & (1 << (j & 7))) !== 0;
  }

  /** True when row i is an Arrow null (NaN is not a null here). */
  isNull(i: number): boolean {
    const bm = this.data.nullBitmap;
    if (!bm || this.data.nullCount === 0) return this.data.type.typeId === T.Null;
    const j = this.data.offset + i;
    return (((bm[j >> 3] as number) >> (j & 7)) & 1) === 0;
  }

  /** The unscaled integer of a decimal at row i (two's complement over 32-bit little-endian words). */
  private decimalUnscaled(i: number): bigint {
    const words = this.data.values as Uint32Array;
    const width = ((this.type as unknown as { bitWidth?: number }).bitWidth ?? 128) / 32;
    let v = 0n;
    for (let w = width - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[i * width + w] as number);
    return BigInt.asIntN(width * 32, v);
  }

  /** A decimal as results report it: a number when it round-trips exactly, else its exact digits. */
  private decimalValue(i: number): number | string {
    const scale = (this.type as unknown as { scale?: number }).scale ?? 0;
    const raw = this.decimalUnscaled(i);
    const neg = raw < 0n;
    const digits = (neg ? -raw : raw).toString().padStart(scale + 1, '0');
    const text = `${neg ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
    const n = Number(text);
    return String(n) === text.replace(/\.?0+$/, '') || n.toFixed(scale) === text ? n : text;
  }

  /**
   * The value at row i as results report it: numbers, exact bigint beyond 2^53, strings, booleans,
   * ISO strings for dates and timestamps, null for nulls; NaN stays NaN.
   */
  value(i: number): ResultValue {
    if (this.isNull(i)) return null;
    if (this.isDictionary) return this.dictionary().value(this.indices()[i] as number);
    const vt = this.type;
    switch (vt.typeId) {
      case T.Bool:
        return this.bool(i);
      case T.Int: {
        const v = this.data.values as ArrayLike<number | bigint>;
        const x = v[i] as number | bigint;
        return typeof x === 'bigint' ? bigintOut(x) : x;
      }
      case T.Float: {
        const x = this.numbers().values[i] as number;
        // NaN is a missing value (as in GX); results show it as null
        return Number.isNaN(x) ? null : x;
      }
      case T.Decimal:
        return this.decimalValue(i);
      case T.Utf8:
      case T.LargeUtf8:
        return this.strings().get(i);
      case T.Timestamp: {
        const [nv, k] = this.numberAt(i);
        return formatTimestamp(nv, k, vt as DataType & { unit: number; timezone?: string | null });
      }
      case T.Date: {
        const [nv, k] = this.numberAt(i);
        const days = (vt as unknown as { unit: number }).unit === DateUnit.DAY;
        const ms = days ? (nv.values[k] as number) * 86_400_000 : (nv.values[k] as number);
        return new Date(ms).toISOString().slice(0, 10);
      }
      default: {
        const vec = vectorOf(this.data);
        const x = vec.get(i) as unknown;
        return toResultValue(x);
      }
    }
  }
}

/** A value as it appears in results: JSON scalars, plus bigint for exact int64 beyond 2^53. */
export type ResultValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | ResultValue[]
  | { [k: string]: ResultValue };

function bigintOut(x: bigint): number | bigint {
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
}

function toResultValue(x: unknown): ResultValue {
  if (x == null) return null;
  if (typeof x === 'bigint') return bigintOut(x);
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  if (x instanceof Date) return x.toISOString();
  if (x instanceof Uint8Array) return Array.from(x, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof (x as { toJSON?: () => unknown }).toJSON === 'function') {
    return toResultValue((x as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(x)) return x.map(toResultValue);
  if (typeof x === 'object') {
    const out: Record<string, ResultValue> = {};
    for (const [k, v] of Object.entries(x as object)) setOwn(out, k, toResultValue(v));
    return out;
  }
  return String(x);
}

function formatTimestamp(nv: NumberView, i: number, t: { unit: number; timezone?: string | null }): string {
  const per = unitPerMs(t.unit);
  // whole milliseconds (floored, so instants before 1970 keep a positive sub-millisecond part) and the rest
  let ms: number;
  let rem = 0;
  if (per < 1) {
    ms = (nv.values[i] as number) * 1000;
  } else if (!nv.exact && nv.i64) {
    // beyond 2^53 the double is not the value: split the exact 64-bit integer instead
    const raw = BigInt(nv.i64[i] as bigint);
    const p = BigInt(per);
    const r = ((raw % p) + p) % p;
    ms = Number((raw - r) / p);
    rem = Number(r);
  } else {
    const v = nv.values[i] as number;
    ms = Math.floor(v / per);
    rem = v - ms * per;
    // v / per may round across a whole millisecond when v is large
    if (rem < 0) {
      ms -= 1;
      rem += per;
    } else if (rem >= per) {
      ms += 1;
      rem -= per;
    }
  }
  const digits = t.unit === TimeUnit.MICROSECOND ? 3 : t.unit === TimeUnit.NANOSECOND ? 6 : 0;
  const sub = digits ? String(rem).padStart(digits, '0') : '';
  const iso = new Date(ms).toISOString(); // 2019-01-15T03:36:12.000Z
  let base = iso.slice(0, 23);
  if (sub && /[1-9]/.test(sub)) base += sub.replace(/0+$/, '');
  else if (base.endsWith('.000')) base = base.slice(0, 19);
  return t.timezone ? `${base}Z` : base;
}

function unitPerMs(unit: number): number {
  switch (unit) {
    case TimeUnit.SECOND:
      return 0.001;
    case TimeUnit.MILLISECOND:
      return 1;
    case TimeUnit.MICROSECOND:
      return 1000;
    default:
      return 1_000_000;
  }
}

/** Converts 64-bit integers to numbers through their 32-bit halves (no BigInt per value). */
export function int64ToNumbers(values: BigInt64Array | BigUint64Array, length: number): NumberView {
  const halves = new Int32Array(values.buffer, values.byteOffset, length * 2);
  const out = new Float64Array(length);
  // the high halves' range tells whether every value lies within 2^53
  let minHi = 0;
  let maxHi = 0;
  if (values instanceof BigUint64Array) {
    for (let i = 0; i < length; i++) {
      const hi = (halves[2 * i + 1] as number) >>> 0;
      out[i] = hi * TWO32 + ((halves[2 * i] as number) >>> 0);
      if (hi > maxHi) maxHi = hi;
    }
  } else {
    for (let i = 0; i < length; i++) {
      const hi = halves[2 * i + 1] as number;
      out[i] = hi * TWO32 + ((halves[2 * i] as number) >>> 0);
      if (hi > maxHi) maxHi = hi;
      else if (hi < minHi) minHi = hi;
    }
  }
  const exact = maxHi < 0x200000 && minHi >= -0x200000;
  return exact ? { values: out, exact } : { values: out, exact, i64: values };
}

// For each bitmap byte, its 8 bits as 8 bytes of 0/1, read as two 32-bit words (written through bytes,
// so the words hold the right bytes whatever the platform's byte order); and each byte's count of ones.
const UNPACKED = new Uint32Array(512);
const POPCOUNT = new Uint8Array(256);
{
  const bytes = new Uint8Array(UNPACKED.buffer);
  for (let b = 0; b < 256; b++) {
    for (let k = 0; k < 8; k++) {
      bytes[8 * b + k] = (b >> k) & 1;
      POPCOUNT[b] = (POPCOUNT[b] as number) + ((b >> k) & 1);
    }
  }
}

/**
 * Unpacks bits from bit `offset` into one byte per bit of `out`, eight at a time through a table (two
 * word stores per bitmap byte); returns the number of ones.
 */
function unpackBits(bm: Uint8Array, offset: number, out: Uint8Array): number {
  const n = out.length;
  const groups = out.byteOffset % 4 === 0 ? n >> 3 : 0;
  const words = groups ? new Uint32Array(out.buffer, out.byteOffset, 2 * groups) : new Uint32Array(0);
  const first = offset >> 3;
  const shift = offset & 7;
  let ones = 0;
  for (let k = 0; k < groups; k++) {
    const at = first + k;
    // an offset within a byte takes each group's bits from two bitmap bytes (both exist: the rows do)
    const byte =
      shift === 0
        ? (bm[at] as number)
        : (((bm[at] as number) >> shift) | ((bm[at + 1] as number) << (8 - shift))) & 0xff;
    words[2 * k] = UNPACKED[2 * byte] as number;
    words[2 * k + 1] = UNPACKED[2 * byte + 1] as number;
    ones += POPCOUNT[byte] as number;
  }
  for (let i = 8 * groups; i < n; i++) {
    const j = offset + i;
    const bit = ((bm[j >> 3] as number) >> (j & 7)) & 1;
    out[i] = bit;
    ones += bit;
  }
  return ones;
}

/**
 * Number of rows where the 0/1 flags `a` (and `b`, when given) are 1. Sums four flags per 32-bit word:
 * bytes of 0/1 cannot carry into each other's lanes within 255 words.
 */
export function countOnes(a: Uint8Array, b: Uint8Array | null = null): number {
  const n = a.length;
  const aligned = a.byteOffset % 4 === 0 && (b === null || b.byteOffset % 4 === 0);
  const m = aligned ? n >> 2 : 0;
  const wa = m ? new Int32Array(a.buffer, a.byteOffset, m) : new Int32Array(0);
  const wb = b && m ? new Int32Array(b.buffer, b.byteOffset, m) : wa;
  let total = 0;
  for (let k = 0; k < m; ) {
    const end = Math.min(m, k + 255);
    let lanes = 0;
    for (; k < end; k++) lanes = (lanes + ((wa[k] as number) & (wb[k] as number))) | 0;
    total += (lanes & 0xff) + ((lanes >>> 8) & 0xff) + ((lanes >>> 16) & 0xff) + (lanes >>> 24);
  }
  for (let i = 4 * m; i < n; i++) total += (a[i] as number) & (b ? (b[i] as number) : 1);
  return total;
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x03ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** String access over utf8 offsets and bytes, with an ASCII fast path. */
export class StringView {
  private readonly offsets: Int32Array | BigInt64Array | undefined;
  private readonly bytes: Uint8Array | undefined;
  private readonly dict: StringView | undefined;
  private readonly idx: ArrayLike<number> | undefined;
  private ascii: string | undefined;
  private readonly col: ColumnView;

  constructor(col: ColumnView) {
    this.col = col;
    if (col.isDictionary) {
      this.dict = col.dictionary().strings();
      this.idx = col.indices();
      return;
    }
    const tid = col.type.typeId;
    if (tid !== T.Utf8 && tid !== T.LargeUtf8) {
      throw new Error(`column ${col.name} of type ${col.typeName} is not a string column`);
    }
    this.offsets = col.data.valueOffsets as Int32Array | BigInt64Array;
    this.bytes = col.data.values as Uint8Array;
    if (isAscii(this.bytes)) this.ascii = latin1(this.bytes);
  }

  /** The string at row i (callers check validity first). */
  get(i: number): string {
    if (this.dict) return this.dict.get(this.idx![i] as number);
    const start = Number(this.offsets![i]);
    const end = Number(this.offsets![i + 1]);
    if (this.ascii !== undefined) return this.ascii.substring(start, end);
    return decoder.decode(this.bytes!.subarray(start, end));
  }

  /** For dictionary columns: the dictionary's strings and the row indices into it. */
  get dictionary(): { strings: StringView; indices: ArrayLike<number>; size: number } | undefined {
    if (!this.dict || !this.idx) return undefined;
    return { strings: this.dict, indices: this.idx, size: this.col.dictionary().length };
  }

  /** UTF-8 byte range of row i (non-dictionary columns). */
  byteRange(i: number): [Uint8Array, number, number] {
    return [this.bytes!, Number(this.offsets![i]), Number(this.offsets![i + 1])];
  }
}

/** The bytes as a one-byte string, decoded natively (callers pass ASCII only, where latin1 is UTF-8). */
function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

const vecCache = new WeakMap<Data, Vector>();
function vectorOf(data: Data): Vector {
  let v = vecCache.get(data);
  if (!v) {
    v = makeVector(data);
    vecCache.set(data, v);
  }
  return v;
}

/** Joins dictionary chunks (delta dictionaries) into one chunk. Rare, so it goes through JS values. */
function concatData(chunks: readonly Data[]): Data {
  const v = makeVector(chunks as Data[]);
  return vectorFromArray(Array.from(v), v.type).data[0] as Data;
}

/** The column's native value type id, for callers that must tell int64 timestamps from int32 dates. */
export function valueTypeOf(col: ColumnView): DataType {
  return valueType(col.type);
}
