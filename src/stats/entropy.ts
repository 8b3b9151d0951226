/**
 * The Kullback–Leibler divergence D(p ‖ q) = Σ p_i ln(p_i / q_i) in nats, as scipy.stats.entropy(pk, qk)
 * computes it: both vectors are first scaled to sum to 1; a term with p_i = 0 and q_i >= 0 is 0; a term
 * with p_i > 0 and q_i = 0 (or any negative entry) makes the divergence +Infinity; NaN anywhere (an
 * empty column's weights) gives NaN.
 */
export function klDivergence(pk: readonly number[], qk: readonly number[]): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < pk.length; i++) {
    sp += pk[i] as number;
    sq += qk[i] as number;
  }
  let total = 0;
  for (let i = 0; i < pk.length; i++) {
    const x = (pk[i] as number) / sp;
    const y = (qk[i] as number) / sq;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
    if (x > 0 && y > 0) total += x * Math.log(x / y);
    else if (!(x === 0 && y >= 0)) total += Number.POSITIVE_INFINITY;
  }
  return total;
}
