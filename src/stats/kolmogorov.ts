import { lnGamma } from './special.js';

/**
 * The one-sample Kolmogorov–Smirnov test: the statistic D = sup |F_n(x) − F(x)| and its two-sided
 * p-value Pr(D_n >= d), computed as scipy.stats.kstwo.sf does (Simard & L'Ecuyer 2011, "Computing the
 * two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11)): exact formulas at the ends of
 * the range, Durbin's matrix (as programmed by Marsaglia, Tsang & Wang 2003) for the centre, twice the
 * exact one-sided Smirnov tail where that tail is small, and the Pelz–Good (1976) asymptotic series for
 * large samples in the centre. See docs/statistics.md.
 */

/** The statistic and its p-value. */
export interface KsResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * D = max(D⁺, D⁻) of ascending values against a CDF, with D⁺ = max(i/n − F(x_i)) and
 * D⁻ = max(F(x_i) − (i − 1)/n) over the sample (ties need no special case: the extremes fall on
 * their last and first copies). NaN for an empty sample.
 */
export function ksStatistic(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    const plus = (i + 1) / n - f;
    const minus = f - i / n;
    if (plus > d) d = plus;
    if (minus > d) d = minus;
  }
  return d;
}

/** The one-sample test of ascending values against a CDF (p-value NaN for an empty sample). */
export function ksTest(sorted: ArrayLike<number>, cdf: (x: number) => number): KsResult {
  const statistic = ksStatistic(sorted, cdf);
  return { statistic, pValue: sorted.length ? kolmogorovSf(sorted.length, statistic) : Number.NaN };
}

const clip = (p: number) => Math.min(Math.max(p, 0), 1);

/**
 * Smirnov's one-sided tail Pr(D⁺_n >= d), exactly (Birnbaum & Tingey 1951):
 * d Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (d + j/n)^(j−1) (1 − d − j/n)^(n−j), summed in logarithms.
 */
export function smirnovSf(n: number, d: number): number {
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  const last = Math.floor(n * (1 - d));
  const lnN1 = lnGamma(n + 1);
  const lnD = Math.log(d);
  let sum = 0;
  let lnBinom = 0;
  for (let j = 0; j <= last; j++) {
    // C(n, j) is carried from term to term and re-anchored now and then so its rounding cannot build up
    if (j % 256 === 0) lnBinom = lnN1 - lnGamma(j + 1) - lnGamma(n - j + 1);
    else lnBinom += Math.log((n - j + 1) / j);
    const rest = 1 - d - j / n;
    if (rest <= 0 && n - j > 0) continue;
    const lnTerm =
      lnBinom + lnD + (j - 1) * Math.log(d + j / n) + (n - j === 0 ? 0 : (n - j) * Math.log(rest));
    sum += Math.exp(lnTerm);
  }
  return clip(sum);
}

const E128 = 2 ** 128;
const EM128 = 2 ** -128;

/** x · 2^e without overflow or underflow of 2^e on the way. */
function ldexp(x: number, e: number): number {
  let out = x;
  let rest = e;
  while (rest > 512) {
    out *= 2 ** 512;
    rest -= 512;
  }
  while (rest < -512) {
    out *= 2 ** -512;
    rest += 512;
  }
  return out * 2 ** rest;
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      const row = k * m;
      const out = i * m;
      for (let j = 0; j < m; j++) c[out + j] = (c[out + j] as number) + aik * (b[row + j] as number);
    }
  }
  return c;
}

/**
 * Pr(D_n <= d) exactly, by Durbin's matrix method in Marsaglia, Tsang & Wang's form ("Evaluating
 * Kolmogorov's distribution", J. Stat. Softw. 8(18), 2003): the (k, k) entry of Hⁿ times n!/nⁿ, where
 * H is (2k − 1)² with k = ⌈nd⌉, powers scaled by 2^128 to stay in range. Cost O(k³ log n).
 */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * fac;
  let H: Float64Array<ArrayBuffer> = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1] as number;
  for (let r = 0; r < m; r++) H[r * m] = v[r] as number;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c] as number;

  let power: Float64Array<ArrayBuffer> | null = null;
  let expPower = 0;
  let expH = 0;
  let rest = n;
  const centre = (k - 1) * m + (k - 1);
  while (rest > 0) {
    if (rest % 2) {
      power = power ? matmul(power, H, m) : H.slice();
      expPower += expH;
    }
    rest = Math.floor(rest / 2);
    if (rest === 0) break;
    H = matmul(H, H, m);
    expH *= 2;
    if (Math.abs(H[centre] as number) > E128) {
      for (let i = 0; i < H.length; i++) H[i] = (H[i] as number) * EM128;
      expH += 128;
    }
  }
  let p = (power as Float64Array)[centre] as number;
  let e = expPower;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      e -= 128;
    }
  }
  return clip(ldexp(p, e));
}

const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);

/**
 * Pr(D_n <= d) by the Pelz–Good (1976) asymptotic series K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5 with
 * z = d√n, in the theta-function form that suits small z (as scipy evaluates it). Its absolute error
 * shrinks about as 1/n²: below 4e-6 at n = 141, 2e-8 at n = 2000 (docs/statistics.md).
 */
export function pelzGoodCdf(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  // Horner's scheme over the odd terms: Σ c_k q^((2k−1)²)
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qp + (coeffs[i] as number);
  }
  const div = [z, 6 * z4, 72 * z6 * z, 6480 * z6 * z4];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * SQRT2PI) / (div[i] as number);
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    k2extra += k2 * qk;
    k3extra += (SQRT3 * z + Math.PI * k) * (SQRT3 * z - Math.PI * k) * k2 * qk;
  }
  K[2] = (K[2] as number) + (k2extra * PI2 * SQRT2PI) / (-36 * z3);
  K[3] = (K[3] as number) + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] as number) / n ** (i / 2);
  return clip(sum);
}

/**
 * A test of many statistics from samples of n against one level: `d -> Pr(D_n >= d) >= p`. The p-value
 * falls as d grows, so the statistics that pass are those up to a critical value, found once by
 * bisection; a statistic within the final bracket is decided by its own p-value.
 */
export function kolmogorovPasses(n: number, p: number): (d: number) => boolean {
  let lo = 0;
  let hi = 1;
  if (kolmogorovSf(n, hi) >= p) return () => true;
  for (let i = 0; i < 60 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (kolmogorovSf(n, mid) >= p) lo = mid;
    else hi = mid;
  }
  return (d) => (d <= lo ? true : d >= hi ? false : kolmogorovSf(n, d) >= p);
}

/**
 * The two-sided p-value Pr(D_n >= d) for a sample of n, with the regions of Simard & L'Ecuyer (2011)
 * as scipy draws them (Durbin's matrix stands in for Pomeranz's recursion for n <= 140, both exact).
 */
export function kolmogorovSf(n: number, d: number): number {
  if (Number.isNaN(d)) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  // Ruben & Gambino (1982): exact below 1/n and above 1 − 1/n
  if (t <= 1) {
    if (t <= 0.5) return 1;
    const cdf =
      n <= 140
        ? Array.from({ length: n }, (_, i) => ((i + 1) / n) * (2 * t - 1)).reduce((a, b) => a * b, 1)
        : Math.exp(lnGamma(n + 1) - n * Math.log(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - d) ** n);
  // from d = 1/2 up, the one-sided excursions exclude each other: the two-sided tail is twice one side
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) return nd2 <= 4 ? clip(1 - durbinCdf(n, d)) : clip(2 * smirnovSf(n, d));
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip(2 * smirnovSf(n, d));
  const cdf = n <= 100_000 && n * d ** 1.5 <= 1.4 ? durbinCdf(n, d) : pelzGoodCdf(n, d);
  return clip(1 - cdf);
}
