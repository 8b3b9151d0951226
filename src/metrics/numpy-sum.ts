/**
 * numpy's sum of a float64 array, bit for bit, so that figures pandas computes in floating point (the
 * mean, the two-pass variance behind `Series.std`) come out here exactly as GX's pandas engine has them.
 */

/** numpy's PW_BLOCKSIZE: ranges up to this long are summed in eight interleaved accumulators. */
const BLOCK = 128;
/** numpy's iterator buffer: a reduction adds the pairwise sums of consecutive runs this long, in order. */
const BUFFER = 8192;

/** numpy's `pairwise_sum` of a[lo, lo + n). */
function pairwise(a: Float64Array, lo: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i] as number;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[lo] as number;
    let r1 = a[lo + 1] as number;
    let r2 = a[lo + 2] as number;
    let r3 = a[lo + 3] as number;
    let r4 = a[lo + 4] as number;
    let r5 = a[lo + 5] as number;
    let r6 = a[lo + 6] as number;
    let r7 = a[lo + 7] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const j = lo + i;
      r0 += a[j] as number;
      r1 += a[j + 1] as number;
      r2 += a[j + 2] as number;
      r3 += a[j + 3] as number;
      r4 += a[j + 4] as number;
      r5 += a[j + 5] as number;
      r6 += a[j + 6] as number;
      r7 += a[j + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i] as number;
    return res;
  }
  // halves split at a multiple of 8, as numpy keeps its unrolled blocks whole
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2);
}

/**
 * The sum of the first n values as `numpy.add.reduce` computes it for a contiguous float64 array: from 0,
 * adding the pairwise sum of each run of 8192 values in turn.
 */
export function numpySum(a: Float64Array, n = a.length): number {
  let res = 0;
  for (let start = 0; start < n; start += BUFFER) res += pairwise(a, start, Math.min(BUFFER, n - start));
  return res;
}
