/**
 * Exact sums of doubles and of their squares, so that sums, means and variances do not depend on how
 * rows are split into batches, row groups or files, nor on the order states merge in: floating-point
 * addition is not associative, an exact sum is. Every finite double is an integer multiple of 2^-1074
 * (and its square of 2^-2148), so a sum is held as that integer in base-2^32 digits kept in a
 * Float64Array (a fixed-point superaccumulator, as in Neal's "small superaccumulator").
 *
 * Values go in without BigInt or allocation: a double is ±m * 2^(s - 1074) with an integer m below 2^53,
 * so m cut into 27- and 26-bit parts adds into float buckets indexed by s (and by the part's place) as
 * small integers, exactly, with no shift per value; the square m^2 * 2^(2s - 2148) goes in the same way
 * as the five partial products of m's three 18-bit parts. A bucket stays exact for 2^16 values (its
 * integer stays below 2^53), after which the buckets are folded into the digits and carries propagated.
 * Buckets are scratch, emptied before any call returns: a state is its digits, small and mergeable.
 */

const DIGIT = 2 ** 32;
/** Bits of a 27/26-bit cut of a significand for sums, and of its 18-bit parts for squares. */
const LOW = 27;
const PART = 18;
/** The largest s of a finite double (biased exponent 2046). */
const TOP_SHIFT = 2045;
/** Values between folds: each adds below 2^37 to a square bucket, which must stay below 2^53. */
const FOLD = 2 ** 16;

/** Per-s buckets of the sums' parts, in units of 2^(index - 1074). */
const sumBuckets = new Float64Array(TOP_SHIFT + LOW + 1);
/** Per-2s buckets of the squares' partial products, in units of 2^(index - 2148). */
const squareBuckets = new Float64Array(2 * TOP_SHIFT + 4 * PART + 1);
/** The +∞ and -∞ a bucketing pass skipped. */
const infinities = new Float64Array(2);
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);
const POWERS = Float64Array.from({ length: 32 }, (_, i) => 2 ** i);

/** An exact running sum (structured-cloneable). */
export interface ExactSum {
  /** The sum / 2^unit in base-2^32 digits, least significant first, carries propagated. */
  digits: Float64Array;
  /** The exponent of the least significant digit's unit: -1074 for sums of doubles, -2148 for squares. */
  unit: number;
}

/** Digits for integers of `bits` bits, plus two to hold the carries of sums of up to 2^64 values. */
function sumOf(unit: number, bits: number): ExactSum {
  return { digits: new Float64Array(Math.ceil(bits / 32) + 2), unit };
}

/** An empty sum of doubles (below 2^1024: integers of 2098 bits in units of 2^-1074). */
export function exactSum(): ExactSum {
  return sumOf(-1074, 2098);
}

/** An empty sum of squares of doubles (below 2^2048: integers of 4196 bits in units of 2^-2148). */
export function exactSquareSum(): ExactSum {
  return sumOf(-2148, 4196);
}

/** Propagates carries so that every digit but the top one lies in [0, 2^32). */
function normalize(s: ExactSum): void {
  const d = s.digits;
  const top = d.length - 1;
  let carry = 0;
  for (let j = 0; j < top; j++) {
    const v = (d[j] as number) + carry;
    carry = Math.floor(v / DIGIT);
    d[j] = v - carry * DIGIT;
  }
  d[top] = (d[top] as number) + carry;
}

/**
 * Buckets the values of words (a Float64Array's 32-bit halves) from start to end, skipping rows whose
 * flag is 0, NaN and infinities (counted in `infinities`); with squares false only the sums' buckets.
 * Nothing follows the loop: code that runs only after a long first loop has no type feedback when the
 * loop gets optimised, and would deoptimise it on every call.
 */
function bucket(
  words: Int32Array,
  valid: Uint8Array | null,
  start: number,
  end: number,
  squares: boolean,
): void {
  const sums = sumBuckets;
  const sq = squareBuckets;
  for (let i = start; i < end; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const lo = words[2 * i] as number;
    const hi = words[2 * i + 1] as number;
    const biased = (hi >>> 20) & 0x7ff;
    if (biased === 0x7ff) {
      const j = hi < 0 ? 1 : 0;
      if ((hi & 0xfffff) === 0 && lo === 0) infinities[j] = (infinities[j] as number) + 1;
      continue;
    }
    // x = ±m * 2^(s - 1074), m = top * 2^32 + lo (subnormals have no implicit bit and s = 0)
    const top = biased === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
    const s = biased === 0 ? 0 : biased - 1;
    const sign = (hi >> 31) | 1;
    sums[s] = (sums[s] as number) + sign * (lo & 0x7ffffff);
    sums[s + LOW] = (sums[s + LOW] as number) + sign * ((top << 5) | (lo >>> LOW));
    if (!squares) continue;
    // m = a * 2^36 + b * 2^18 + c: m^2 as five partial products, each below 2^37
    const a = top >>> 4;
    const b = (lo >>> PART) | ((top & 0xf) << 14);
    const c = lo & 0x3ffff;
    const k = 2 * s;
    sq[k] = (sq[k] as number) + c * c;
    sq[k + PART] = (sq[k + PART] as number) + 2 * b * c;
    sq[k + 2 * PART] = (sq[k + 2 * PART] as number) + (2 * a * c + b * b);
    sq[k + 3 * PART] = (sq[k + 3 * PART] as number) + 2 * a * b;
    sq[k + 4 * PART] = (sq[k + 4 * PART] as number) + a * a;
  }
}

/**
 * Moves the buckets (integers below 2^53 in units of 2^(index + offset)) into the digits, empties them
 * and propagates carries: a bucket adds below 2^32 to each of three digits, 96 buckets at most meet in a
 * digit, so digits stay far below 2^53.
 */
function fold(buckets: Float64Array, s: ExactSum, offset: number): void {
  const d = s.digits;
  for (let j = 0; j < buckets.length; j++) {
    const v = buckets[j] as number;
    if (v === 0) continue;
    buckets[j] = 0;
    const bit = j + offset;
    const at = bit >>> 5;
    // |v| * 2^(bit mod 32) is an integer below 2^85 whose 53 significant bits cut into digits exactly
    // (a negative one would not: its two's complement needs more bits), the sign going on each digit
    const sign = v < 0 ? -1 : 1;
    const t = sign * v * (POWERS[bit & 31] as number);
    const high = Math.floor(t * 2 ** -64);
    const rest = t - high * 2 ** 64;
    const mid = Math.floor(rest * 2 ** -32);
    d[at] = (d[at] as number) + sign * (rest - mid * DIGIT);
    d[at + 1] = (d[at + 1] as number) + sign * mid;
    d[at + 2] = (d[at + 2] as number) + sign * high;
  }
  normalize(s);
}

/** Adds one finite double exactly (infinities and NaN are the caller's to count). */
export function addExact(s: ExactSum, x: number): void {
  scratch[0] = x;
  bucket(scratchWords, null, 0, 1, false);
  fold(sumBuckets, s, -1074 - s.unit);
}

/** Exact sums of a column's finite values and of their squares, and its infinities (structured-cloneable). */
export interface ExactMoments {
  sum: ExactSum;
  squares: ExactSum;
  posInf: number;
  negInf: number;
}

/** Empty exact moments. */
export function exactMoments(): ExactMoments {
  return { sum: exactSum(), squares: exactSquareSum(), posInf: 0, negInf: 0 };
}

/**
 * Adds the first n values of a Float64Array to exact moments, skipping rows whose flag in valid is 0
 * (valid null: every row) and NaN, and counting infinities.
 */
export function addMoments(m: ExactMoments, values: Float64Array, valid: Uint8Array | null, n: number): void {
  const words = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  infinities.fill(0);
  for (let start = 0; start < n; start += FOLD) {
    bucket(words, valid, start, Math.min(n, start + FOLD), true);
    fold(sumBuckets, m.sum, 0);
    fold(squareBuckets, m.squares, 0);
  }
  m.posInf += infinities[0] as number;
  m.negInf += infinities[1] as number;
}

/** The sum of two exact sums of the same unit (consumes both). */
export function mergeExact(a: ExactSum, b: ExactSum): ExactSum {
  for (let j = 0; j < a.digits.length; j++) a.digits[j] = (a.digits[j] as number) + (b.digits[j] as number);
  normalize(a);
  return a;
}

/** The sum of two exact moments (consumes both). */
export function mergeMoments(a: ExactMoments, b: ExactMoments): ExactMoments {
  return {
    sum: mergeExact(a.sum, b.sum),
    squares: mergeExact(a.squares, b.squares),
    posInf: a.posInf + b.posInf,
    negInf: a.negInf + b.negInf,
  };
}

/** The sum as an integer count of 2^unit. */
export function exactToBigInt(s: ExactSum): bigint {
  let total = 0n;
  for (let j = s.digits.length - 1; j >= 0; j--) total = (total << 32n) + BigInt(s.digits[j] as number);
  return total;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * The double nearest to num / den * 2^exp2 (den > 0): the quotient is taken to 66 bits with the remainder
 * as a sticky bit, so that Number() rounds once (a result in the subnormal range may round twice).
 */
export function ratioToNumber(num: bigint, den: bigint, exp2: number): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = neg ? -num : num;
  const shift = 66 - (bitLength(a) - bitLength(den));
  const n = shift >= 0 ? a << BigInt(shift) : a;
  const d = shift >= 0 ? den : den << BigInt(-shift);
  let q = n / d;
  if (n % d !== 0n) q |= 1n;
  let x = Number(q);
  let e = exp2 - shift;
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  x *= 2 ** e;
  return neg ? -x : x;
}
