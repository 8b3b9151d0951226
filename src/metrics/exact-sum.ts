/**
 * Exact sums of doubles, so that sums, means and variances do not depend on how rows are split into
 * batches, row groups or files, nor on the order states merge in: floating-point addition is not
 * associative, an exact sum is. Every finite double is an integer multiple of 2^-1074, so a sum is held
 * as that integer in base-2^32 digits kept in a Float64Array (a fixed-point superaccumulator, as in
 * Neal's "small superaccumulator"): adding a double touches three digits with exact integer arithmetic,
 * with no BigInt and no allocation per value. Carries are propagated every few hundred thousand values.
 */

const DIGIT = 2 ** 32;
/** Digits of 32 bits from 2^-1074 up: 66 cover every double, two more hold the carries of huge sums. */
const DIGITS = 68;
/** Values added between carry passes: each adds under 2^33 to a digit, which must stay below 2^53. */
const CAPACITY = 2 ** 19;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** An exact running sum of finite doubles (structured-cloneable). */
export interface ExactSum {
  /** The sum / 2^-1074 in base-2^32 digits, least significant first; each digit may run ahead of its carries. */
  digits: Float64Array;
  /** Values added since the last carry pass. */
  pending: number;
}

/** An empty sum. */
export function exactSum(): ExactSum {
  return { digits: new Float64Array(DIGITS), pending: 0 };
}

/** Propagates carries so that every digit but the top one lies in [0, 2^32). */
function normalize(s: ExactSum): void {
  const d = s.digits;
  let carry = 0;
  for (let j = 0; j < DIGITS - 1; j++) {
    const v = (d[j] as number) + carry;
    carry = Math.floor(v / DIGIT);
    d[j] = v - carry * DIGIT;
  }
  d[DIGITS - 1] = (d[DIGITS - 1] as number) + carry;
  s.pending = 0;
}

/**
 * Adds the double whose 32-bit halves are lo and hi: x = ±m * 2^(shift - 1074) with the 53-bit m split
 * into its high 21 and low 32 bits, shifted into three digits with integer operations only.
 */
function addWords(d: Float64Array, lo: number, hi: number): void {
  const biased = (hi >>> 20) & 0x7ff;
  const mhi = biased === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  const shift = biased === 0 ? 0 : biased - 1;
  const at = shift >>> 5;
  const o = shift & 31;
  let c0 = lo;
  let c1 = mhi;
  let c2 = 0;
  if (o !== 0) {
    c0 = (lo << o) >>> 0;
    c1 = (lo >>> (32 - o)) + ((mhi << o) >>> 0);
    c2 = mhi >>> (32 - o);
  }
  if (hi >>> 31) {
    d[at] = (d[at] as number) - c0;
    d[at + 1] = (d[at + 1] as number) - c1;
    d[at + 2] = (d[at + 2] as number) - c2;
  } else {
    d[at] = (d[at] as number) + c0;
    d[at + 1] = (d[at + 1] as number) + c1;
    d[at + 2] = (d[at + 2] as number) + c2;
  }
}

/** Adds one finite double exactly (infinities and NaN are the caller's to count). */
export function addExact(s: ExactSum, x: number): void {
  scratch[0] = x;
  addWords(s.digits, scratchWords[0] as number, scratchWords[1] as number);
  if (++s.pending === CAPACITY) normalize(s);
}

/** Adds the first n values of a Float64Array of finite doubles exactly. */
export function addExactAll(s: ExactSum, values: Float64Array, n: number): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const d = s.digits;
  for (let start = 0; start < n; ) {
    const end = Math.min(n, start + CAPACITY - s.pending);
    for (let i = start; i < end; i++) addWords(d, words[2 * i] as number, words[2 * i + 1] as number);
    s.pending += end - start;
    if (s.pending === CAPACITY) normalize(s);
    start = end;
  }
}

/** The sum of two exact sums (consumes both). */
export function mergeExact(a: ExactSum, b: ExactSum): ExactSum {
  normalize(a);
  normalize(b);
  for (let j = 0; j < DIGITS; j++) a.digits[j] = (a.digits[j] as number) + (b.digits[j] as number);
  // each digit now holds up to two normalised digits: as much as two additions
  a.pending = 2;
  return a;
}

/** The sum as an integer count of 2^-1074. */
export function exactToBigInt(s: ExactSum): bigint {
  normalize(s);
  let total = 0n;
  for (let j = DIGITS - 1; j >= 0; j--) total = (total << 32n) + BigInt(s.digits[j] as number);
  return total;
}

const VELTKAMP = 134_217_729; // 2^27 + 1
const BIG = 2 ** 500;
const DOWN = 2 ** -600;

/** Exact sums of squares: x^2 as the exact pair hi + lo (Dekker), huge values scaled by 2^-600 first. */
export interface ExactSquares {
  normal: ExactSum;
  /** Squares of values of magnitude 2^500 and more, divided by 2^1200 (so that they cannot overflow). */
  scaled: ExactSum;
}

/** An empty sum of squares. */
export function exactSquares(): ExactSquares {
  return { normal: exactSum(), scaled: exactSum() };
}

let parts = new Float64Array(0);

/**
 * Adds the squares of the first n values of a Float64Array of finite doubles exactly: each square is
 * the pair hi + lo (Dekker's product, exact barring squares below 2^-1074), written to a buffer that is
 * then summed, so that no value goes through a scratch word per half.
 */
export function addSquares(s: ExactSquares, values: Float64Array, n: number): void {
  if (parts.length < 2 * n) parts = new Float64Array(2 * n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x >= BIG || x <= -BIG) {
      addScaledSquare(s, x);
      continue;
    }
    const c = VELTKAMP * x;
    const xh = c - (c - x);
    const xl = x - xh;
    const h = x * x;
    parts[m++] = h;
    parts[m++] = xh * xh - h + 2 * xh * xl + xl * xl;
  }
  addExactAll(s.normal, parts, m);
}

/** Adds the square of a value of magnitude 2^500 or more, scaled down by 2^1200 (exact). */
function addScaledSquare(s: ExactSquares, x: number): void {
  const y = x * DOWN;
  const c = VELTKAMP * y;
  const yh = c - (c - y);
  const yl = y - yh;
  const h = y * y;
  addExact(s.scaled, h);
  addExact(s.scaled, yh * yh - h + 2 * yh * yl + yl * yl);
}

/** The sum of two sums of squares (consumes both). */
export function mergeSquares(a: ExactSquares, b: ExactSquares): ExactSquares {
  return { normal: mergeExact(a.normal, b.normal), scaled: mergeExact(a.scaled, b.scaled) };
}

/** The sum of squares as an integer count of 2^-1074. */
export function squaresToBigInt(s: ExactSquares): bigint {
  return exactToBigInt(s.normal) + (exactToBigInt(s.scaled) << 1200n);
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
