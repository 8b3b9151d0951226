/**
 * Byte-level parsers of CSV field values over [s, e) of a Uint8Array: no JS strings on the fast paths.
 * Every parser accepts leading and trailing spaces or tabs around the value, as pandas does for numbers.
 */
import { COLON, DOT, MINUS, PLUS, QUOTE, SPACE, TAB } from './ascii.js';

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;
const TWO26 = 67108864;
const INV_TWO32 = 1 / TWO32;
const INV_TWO26 = 1 / TWO26;
const INT64_HI_LIMIT = 0x80000000;

/** Exact powers of ten 10^0 .. 10^22 (the range where Clinger's fast path is correctly rounded). */
export const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Skips spaces and tabs forward from p. */
function skipSpaces(buf: Uint8Array, p: number, e: number): number {
  while (p < e) {
    const b = buf[p] as number;
    if (b !== SPACE && b !== TAB) break;
    p++;
  }
  return p;
}

/** Drops spaces and tabs backward from e. */
function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s) {
    const b = buf[e - 1] as number;
    if (b !== SPACE && b !== TAB) break;
    e--;
  }
  return e;
}

/** True when the byte at p, within [.., e), is a minus sign. */
function isMinus(buf: Uint8Array, p: number, e: number): boolean {
  return p < e && buf[p] === MINUS;
}

/** 1 when the byte at p, within [.., e), is a sign (+ or -), else 0: how many bytes the sign takes. */
function signLength(buf: Uint8Array, p: number, e: number): number {
  const b = p < e ? buf[p] : 0;
  return b === MINUS || b === PLUS ? 1 : 0;
}

/** The bytes [s, e) as a string, one char per byte (callers pass ASCII only). */
function ascii(buf: Uint8Array, s: number, e: number): string {
  return String.fromCharCode.apply(null, buf.subarray(s, e) as unknown as number[]);
}

/** True when bytes [p, e) equal the lower-case ASCII word, ignoring case. */
function equalsIgnoreCase(buf: Uint8Array, p: number, e: number, word: string): boolean {
  if (e - p !== word.length) return false;
  for (let k = 0; k < word.length; k++)
    if (((buf[p + k] as number) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Parses a float64: `[+-]digits[.digits][e[+-]digits]` (either digit run may be empty, not both), or
 * inf / infinity / nan in any case with an optional sign. Returns NaN when the bytes are not a float;
 * callers tell that from a NaN token with isNaNToken. Results equal Number() of the same text.
 */
export function parseF64(buf: Uint8Array, s: number, e: number): number {
  let p = skipSpaces(buf, s, e);
  const neg = isMinus(buf, p, e);
  p += signLength(buf, p, e);
  const d0 = p;
  // one run of digits with at most one dot in it: the mantissa, and where its fraction starts
  let m = 0;
  let dot = -1;
  for (; p < e; p++) {
    const b = buf[p] as number;
    const d = b - 48;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (b === DOT && dot < 0) dot = p + 1;
    else break;
  }
  const digits = p - d0 - (dot < 0 ? 0 : 1);
  let exp = dot < 0 ? 0 : dot - p;
  if (digits === 0) return special(buf, d0, e, neg);
  if (p < e && ((buf[p] as number) | 32) === 101) {
    p++;
    const eneg = isMinus(buf, p, e);
    p += signLength(buf, p, e);
    const x0 = p;
    let x = 0;
    for (; p < e; p++) {
      const d = (buf[p] as number) - 48;
      if (d < 0 || d > 9) break;
      // beyond 1e6 the value is 0 or infinite anyway; the slow path below decides which
      if (x < 1_000_000) x = x * 10 + d;
    }
    if (p === x0) return Number.NaN;
    exp += eneg ? -x : x;
  }
  if (skipSpaces(buf, p, e) !== e) return Number.NaN;
  // Clinger's fast path: an exact mantissa and an exact power of ten give one correctly rounded operation
  if (m < TWO53 && exp >= -22 && exp <= 22) {
    const v = exp < 0 ? m / (POW10[-exp] as number) : m * (POW10[exp] as number);
    return neg ? -v : v;
  }
  return Number(ascii(buf, s, e));
}

/** inf / infinity / nan after an optional sign; NaN when none of them. */
function special(buf: Uint8Array, p: number, e: number, neg: boolean): number {
  const q = trimEnd(buf, p, e);
  if (equalsIgnoreCase(buf, p, q, 'inf') || equalsIgnoreCase(buf, p, q, 'infinity')) {
    return neg ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return Number.NaN;
}

/** True when [s, e) is a NaN token (`nan` in any case, optionally signed), which parseF64 reads as NaN. */
export function isNaNToken(buf: Uint8Array, s: number, e: number): boolean {
  const p = skipSpaces(buf, s, e);
  const q = p + signLength(buf, p, e);
  return equalsIgnoreCase(buf, q, trimEnd(buf, q, e), 'nan');
}

/**
 * Parses a decimal integer `[+-]digits` into out[2i] (low 32 bits) and out[2i+1] (high 32 bits) of an
 * int64, exactly. False when the bytes are not an integer or lie outside the int64 range.
 */
export function parseI64(buf: Uint8Array, s: number, e: number, out: Int32Array, i: number): boolean {
  let p = skipSpaces(buf, s, e);
  const neg = isMinus(buf, p, e);
  p += signLength(buf, p, e);
  const d0 = p;
  // 15 digits always fit a double exactly; longer runs continue in 32-bit halves
  const fastEnd = Math.min(e, d0 + 15);
  let m = 0;
  for (; p < fastEnd; p++) {
    const d = (buf[p] as number) - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
  }
  if (p === d0) return false;
  if (p === fastEnd && p < e) {
    const d = (buf[p] as number) - 48;
    if (d >= 0 && d <= 9) return parseLongI64(buf, p, e, m, neg, out, i);
  }
  if (skipSpaces(buf, p, e) !== e) return false;
  writeI64(out, i, neg ? -m : m);
  return true;
}

/**
 * Four bytes (a little-endian int32) with each byte that is not an ASCII digit nonzero: its high nibble
 * is not 3, or its low nibble is above 9 (tested without a carry between bytes).
 */
export function nonDigits(x: number): number {
  return ((x & 0xf0f0f0f0) ^ 0x30303030) | (((x & 0x0f0f0f0f) + 0x06060606) & 0x10101010);
}

/** The value of four ASCII digits loaded as a little-endian int32 (the first digit in the low byte), unchecked. */
export function digitsValue(x: number): number {
  let v = x - 0x30303030;
  v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff;
  return (Math.imul(v, 100) + (v >>> 16)) & 0xffff;
}

/** The first k (1 to 3) bytes of x as the last digits of four, after leading zeros (for digitsValue). */
export function leadingDigits(x: number, k: number): number {
  const shift = (4 - k) << 3;
  return (x << shift) | (0x30303030 >>> (32 - shift));
}

/**
 * The value of four ASCII digits loaded as a little-endian int32 (the first digit in the low byte), or -1
 * when a byte is not a digit: SWAR, so that long numbers take a quarter of the steps.
 */
export function digits4(x: number): number {
  return nonDigits(x) === 0 ? digitsValue(x) : -1;
}

/**
 * The fast path of parseI64 for the common shape `-?digits` with at most 15 digits and nothing around
 * them; false for anything else, which the caller then hands to parseI64 (so false says nothing about
 * validity). `view` is a DataView over all of buf. Small enough for V8 to inline into the column loops.
 */
export function fastI64(
  buf: Uint8Array,
  view: DataView,
  s: number,
  e: number,
  out: Int32Array,
  i: number,
): boolean {
  let p = s;
  const neg = p < e && buf[p] === MINUS;
  if (neg) p++;
  // (an escaped field has e < 0 and falls back here)
  if (p >= e || e - p > 15) return false;
  let m = 0;
  for (; p + 4 <= e; p += 4) {
    const v = digits4(view.getInt32(p, true));
    if (v < 0) return false;
    m = m * 10000 + v;
  }
  for (; p < e; p++) {
    const d = (buf[p] as number) - 48;
    if (d < 0 || d > 9) return false;
    m = m * 10 + d;
  }
  writeI64(out, i, neg ? -m : m);
  return true;
}

/**
 * The fast path of parseF64 for `-?digits[.digits]` with at most 15 digits and nothing around them:
 * an exact mantissa divided by an exact power of ten is one correctly rounded operation, so the result
 * equals Number() of the text. NaN for anything else, which the caller then hands to parseF64. (A byte
 * loop: the usual float is too short for four-digit steps to pay.)
 */
export function fastF64(buf: Uint8Array, s: number, e: number): number {
  let p = s;
  const neg = p < e && buf[p] === MINUS;
  if (neg) p++;
  const d0 = p;
  // (an escaped field has e < 0 and falls back here)
  if (p >= e || e - p > 16) return Number.NaN;
  let m = 0;
  let dot = -1;
  for (; p < e; p++) {
    const d = (buf[p] as number) - 48;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (d === DOT - 48 && dot < 0) dot = p + 1;
    else return Number.NaN;
  }
  const digits = e - d0 - (dot < 0 ? 0 : 1);
  if (digits === 0 || digits > 15) return Number.NaN;
  const v = dot < 0 ? m : m / (POW10[e - dot] as number);
  return neg ? -v : v;
}

function parseLongI64(
  buf: Uint8Array,
  p: number,
  e: number,
  m: number,
  neg: boolean,
  out: Int32Array,
  i: number,
): boolean {
  let hi = Math.floor(m / TWO32);
  let lo = m - hi * TWO32;
  for (; p < e; p++) {
    const d = (buf[p] as number) - 48;
    if (d < 0 || d > 9) break;
    const l = lo * 10 + d;
    const carry = Math.floor(l / TWO32);
    lo = l - carry * TWO32;
    hi = hi * 10 + carry;
    if (hi > INT64_HI_LIMIT) return false;
  }
  if (skipSpaces(buf, p, e) !== e) return false;
  // magnitude limit: 2^63 - 1, or 2^63 for a negative value
  if (hi === INT64_HI_LIMIT && (lo !== 0 || !neg)) return false;
  if (neg) {
    if (lo === 0) hi = -hi;
    else {
      lo = TWO32 - lo;
      hi = -hi - 1;
    }
  }
  out[2 * i] = lo;
  out[2 * i + 1] = hi;
  return true;
}

/** Writes a safe integer as the two 32-bit halves of an int64 (two's complement). */
export function writeI64(out: Int32Array, i: number, v: number): void {
  if (v >= -INT64_HI_LIMIT && v < INT64_HI_LIMIT) {
    // an int32: no floating-point split (-0 stores as 0)
    out[2 * i] = v;
    out[2 * i + 1] = v < 0 ? -1 : 0;
    return;
  }
  // scaling by a power of two is exact, so hi is exactly floor(v / 2^32) and lo lies in [0, 2^32)
  const hi = Math.floor(v * INV_TWO32);
  out[2 * i] = v - hi * TWO32;
  out[2 * i + 1] = hi;
}

/** Writes sec * 1e6 + us exactly as int64 halves, for |sec| < 2^47 and 0 <= us < 1e6. */
export function writeMicros(out: Int32Array, i: number, sec: number, us: number): void {
  // 1e6 = 15625 * 2^6: sec * 15625 stays exact, and the shift by 6 bits is split across the halves
  const a = sec * 15625;
  let hi = Math.floor(a * INV_TWO26);
  let lo = (a - hi * TWO26) * 64 + us;
  if (lo >= TWO32) {
    lo -= TWO32;
    hi++;
  }
  out[2 * i] = lo;
  out[2 * i + 1] = hi;
}

const BOOL_TOKENS: readonly [string, number][] = [
  ['true', 1],
  ['True', 1],
  ['TRUE', 1],
  ['false', 0],
  ['False', 0],
  ['FALSE', 0],
];

/** Parses true/True/TRUE (1) or false/False/FALSE (0); -1 when neither. */
export function parseBool(buf: Uint8Array, s: number, e: number): number {
  const p = skipSpaces(buf, s, e);
  const q = trimEnd(buf, p, e);
  const n = q - p;
  if (n !== 4 && n !== 5) return -1;
  for (const [word, value] of BOOL_TOKENS) {
    if (word.length !== n) continue;
    let k = 0;
    while (k < n && buf[p + k] === word.charCodeAt(k)) k++;
    if (k === n) return value;
  }
  return -1;
}

/** The value of the two ASCII digits at p, or -1 when one is not a digit (unrolled: timestamps are hot). */
function twoDigits(buf: Uint8Array, p: number): number {
  const a = (buf[p] as number) - 48;
  const b = (buf[p + 1] as number) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  // int32 arithmetic (`| 0` divisions by constants compile to multiplications); y may be any int32
  y = (y - (m <= 2 ? 1 : 0)) | 0;
  const era = ((y >= 0 ? y : y - 399) / 400) | 0;
  const yoe = (y - era * 400) | 0;
  const doy = (((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m (1-12) of year y. */
function monthDays(y: number, m: number): number {
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return (MONTH_DAYS[m - 1] as number) + (leap ? 1 : 0);
}

/** Days since the epoch of the `YYYY-MM-DD` at p (10 bytes, caller checks the length); NaN when invalid. */
function ymd(buf: Uint8Array, p: number): number {
  const y1 = twoDigits(buf, p);
  const y2 = twoDigits(buf, p + 2);
  const y = y1 * 100 + y2;
  const m = twoDigits(buf, p + 5);
  const d = twoDigits(buf, p + 8);
  if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || buf[p + 4] !== MINUS || buf[p + 7] !== MINUS)
    return Number.NaN;
  if (d > monthDays(y, m)) return Number.NaN;
  return daysFromCivil(y, m, d);
}

/** Parses a `YYYY-MM-DD` date into days since 1970-01-01; NaN when invalid. */
export function parseDate(buf: Uint8Array, s: number, e: number): number {
  const p = skipSpaces(buf, s, e);
  if (trimEnd(buf, p, e) - p !== 10) return Number.NaN;
  return ymd(buf, p);
}

/** A parsed timestamp: whole seconds since the epoch (UTC when `aware`), and the microseconds. */
export interface TimestampParts {
  sec: number;
  us: number;
  /** True when the text carried `Z` or a UTC offset (then `sec` is already normalised to UTC). */
  aware: boolean;
}

/** A fresh scratch record for parseTimestamp. */
export function timestampParts(): TimestampParts {
  return { sec: 0, us: 0, aware: false };
}

/**
 * Parses `YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z|±HH[[:]MM]]` into `out`; false when invalid.
 * The fraction takes up to 9 digits; digits past the microsecond are dropped (truncated).
 */
export function parseTimestamp(buf: Uint8Array, s: number, e: number, out: TimestampParts): boolean {
  let p = skipSpaces(buf, s, e);
  const q = trimEnd(buf, p, e);
  if (q - p < 10) return false;
  const days = ymd(buf, p);
  if (Number.isNaN(days)) return false;
  p += 10;
  let sec = days * 86400;
  let us = 0;
  let aware = false;
  if (p < q) {
    const sep = buf[p];
    if ((sep !== 84 && sep !== SPACE) || q - p < 6) return false;
    const h = twoDigits(buf, p + 1);
    const mi = twoDigits(buf, p + 4);
    if (h < 0 || h > 23 || buf[p + 3] !== COLON || mi < 0 || mi > 59) return false;
    sec += h * 3600 + mi * 60;
    p += 6;
    if (p < q && buf[p] === COLON) {
      const ss = q - p >= 3 ? twoDigits(buf, p + 1) : -1;
      if (ss < 0 || ss > 59) return false;
      sec += ss;
      p += 3;
      if (p < q && buf[p] === DOT) {
        const f0 = ++p;
        let scale = 100000;
        for (; p < q; p++) {
          const d = (buf[p] as number) - 48;
          if (d < 0 || d > 9) break;
          us += d * scale;
          scale = Math.floor(scale / 10);
        }
        if (p === f0 || p - f0 > 9) return false;
      }
    }
    if (p < q) {
      const z = buf[p];
      if (z === 90 || z === 122) {
        aware = true;
        p++;
      } else if (z === PLUS || z === MINUS) {
        const oh = q - p >= 3 ? twoDigits(buf, p + 1) : -1;
        p += 3;
        let om = 0;
        if (p < q) {
          if (buf[p] === COLON) p++;
          om = q - p >= 2 ? twoDigits(buf, p) : -1;
          p += 2;
        }
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
        sec -= (z === PLUS ? 1 : -1) * (oh * 3600 + om * 60);
        aware = true;
      }
    }
    if (p !== q) return false;
  }
  out.sec = sec;
  out.us = us;
  out.aware = aware;
  return true;
}

/** First year of MONTH_START. */
const TABLE_YEAR = 1900;
/** Months in MONTH_START (300 years), past which fastTimestamp computes the date. */
const TABLE_MONTHS = 300 * 12;
/** Days since the epoch of the first of each month from TABLE_YEAR on (one month more: the last one's length). */
const MONTH_START = Int32Array.from({ length: TABLE_MONTHS + 1 }, (_, k) =>
  daysFromCivil(TABLE_YEAR + Math.floor(k / 12), (k % 12) + 1, 1),
);

/** Two two-digit numbers from four ASCII digits (first digit in the low byte): the first in the low 16 bits. */
function pairs(x: number): number {
  const v = x - 0x30303030;
  return Math.imul(v & 0x000f000f, 10) + ((v >>> 8) & 0x000f000f);
}

/**
 * The fast path of parseTimestamp for `YYYY-MM-DD HH:MM:SS` (or with `T`), followed by `Z` when `utc`:
 * writes the microseconds as int64 halves at i. False for anything else, which the caller then hands
 * to parseTimestamp. `view` is a DataView over all of buf. Five word loads check and read all of it.
 */
export function fastTimestamp(
  buf: Uint8Array,
  view: DataView,
  s: number,
  e: number,
  utc: boolean,
  out: Int32Array,
  i: number,
): boolean {
  if (e - s !== (utc ? 20 : 19) || (utc && buf[s + 19] !== 90)) return false;
  const y = digits4(view.getInt32(s, true));
  // "-MM-", "DD H", "H:MM" and (from byte 15) "M:SS"
  const w1 = view.getInt32(s + 4, true);
  const w2 = view.getInt32(s + 8, true);
  const w3 = view.getInt32(s + 12, true);
  const w4 = view.getInt32(s + 15, true);
  const sep = (w2 >>> 16) & 0xff;
  if (
    y < 0 ||
    (w1 & 0xff0000ff) !== 0x2d00002d ||
    (sep !== SPACE && sep !== 84) ||
    (w3 & 0xff00) !== 0x3a00 ||
    (w4 & 0xff00) !== 0x3a00
  )
    return false;
  // the other digits four to a word: MMDD, HHMM and 00SS
  const a = ((w1 >>> 8) & 0xffff) | (w2 << 16);
  const b = (w2 >>> 24) | ((w3 & 0xff) << 8) | (w3 & 0xffff0000);
  const c = (w4 & 0xffff0000) | 0x3030;
  if ((nonDigits(a) | nonDigits(b) | nonDigits(c)) !== 0) return false;
  const md = pairs(a);
  const hm = pairs(b);
  const m = md & 0xffff;
  const d = md >>> 16;
  const h = hm & 0xffff;
  const mi = hm >>> 16;
  const ss = pairs(c) >>> 16;
  if (m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || ss > 59) return false;
  const k = (y - TABLE_YEAR) * 12 + m - 1;
  let days: number;
  if (k >= 0 && k < TABLE_MONTHS) {
    const first = MONTH_START[k] as number;
    if (d > (MONTH_START[k + 1] as number) - first) return false;
    days = first + d - 1;
  } else {
    if (d > monthDays(y, m)) return false;
    days = daysFromCivil(y, m, d);
  }
  // (from 1900 to 2199 the microseconds stay below 2^53: exact in a double)
  const sec = days * 86400 + h * 3600 + mi * 60 + ss;
  if (k >= 0 && k < TABLE_MONTHS) writeI64(out, i, sec * 1e6);
  else writeMicros(out, i, sec, 0);
  return true;
}

/** Matches fields against the null tokens; a field with escaped quotes never matches. */
export class NullTokens {
  /** Bit n set when some token has n bytes (n < 32). */
  private readonly lengths: number;
  private readonly byLength: Uint8Array[][];
  private readonly long: Uint8Array[];

  constructor(tokens: readonly string[]) {
    const enc = new TextEncoder();
    this.byLength = Array.from({ length: 32 }, () => []);
    this.long = [];
    let lengths = 0;
    for (const t of tokens) {
      const bytes = enc.encode(t);
      if (bytes.length < 32) {
        lengths |= 1 << bytes.length;
        (this.byLength[bytes.length] as Uint8Array[]).push(bytes);
      } else this.long.push(bytes);
    }
    this.lengths = lengths;
  }

  /** True when some token's bytes pass `test` (which takes a buffer and a byte range). */
  some(test: (buf: Uint8Array, s: number, e: number) => boolean): boolean {
    return [...this.byLength.flat(), ...this.long].some((t) => test(t, 0, t.length));
  }

  /** True when bytes [s, e) equal a null token (e < 0 marks an escaped field: never null). */
  test(buf: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    if (n < 32) {
      if (n < 0 || ((this.lengths >>> n) & 1) === 0) return false;
      return matchAny(buf, s, n, this.byLength[n] as Uint8Array[]);
    }
    return this.long.length > 0 && matchAny(buf, s, n, this.long);
  }
}

function matchAny(buf: Uint8Array, s: number, n: number, tokens: readonly Uint8Array[]): boolean {
  for (const t of tokens) {
    if (t.length !== n) continue;
    let k = 0;
    while (k < n && buf[s + k] === t[k]) k++;
    if (k === n) return true;
  }
  return false;
}

/**
 * The bytes of a field with its doubled quotes undone, for a field end `e` that may carry the escape mark
 * (negative: ~end). Returns a view when there is nothing to undo.
 */
export function fieldBytes(buf: Uint8Array, s: number, e: number): Uint8Array {
  if (e >= 0) return buf.subarray(s, e);
  const end = ~e;
  const out = new Uint8Array(end - s);
  let w = 0;
  for (let k = s; k < end; k++) {
    const b = buf[k] as number;
    out[w++] = b;
    if (b === QUOTE) k++;
  }
  return out.subarray(0, w);
}
