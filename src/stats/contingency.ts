/**
 * Pearson's chi-squared statistic of a contingency table and Cramér's V (phi for 2 x 2 tables), as
 * scipy.stats.chi2_contingency computes the statistic: expected counts from the margins, and Yates'
 * continuity correction when the table has one degree of freedom.
 *
 * References: K. Pearson, "On the criterion that a given system of deviations ...", Phil. Mag. 50 (1900);
 * F. Yates, "Contingency tables involving small numbers and the chi-squared test", JRSS Suppl. 1 (1934);
 * H. Cramér, "Mathematical Methods of Statistics" (1946), section 21.9.
 */

/** A table of counts, row-major: `counts[i * cols + j]`; every row and column has a positive total. */
export interface Contingency {
  readonly rows: number;
  readonly cols: number;
  readonly counts: Float64Array;
}

/**
 * Pearson's chi-squared statistic, sum (O - E)^2 / E with E = row total * column total / n. With one
 * degree of freedom (a 2 x 2 table) each observed count first moves up to 0.5 towards its expected
 * count (Yates). With none (one row or one column) it is 0, as scipy has it.
 */
export function chiSquared(t: Contingency): number {
  const { rows, cols, counts } = t;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const o = counts[i * cols + j] as number;
      rowSum[i] = (rowSum[i] as number) + o;
      colSum[j] = (colSum[j] as number) + o;
      n += o;
    }
  }
  const dof = (rows - 1) * (cols - 1);
  if (dof === 0) return 0;
  let chi2 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const e = ((rowSum[i] as number) * (colSum[j] as number)) / n;
      let o = counts[i * cols + j] as number;
      if (dof === 1) o += Math.sign(e - o) * Math.min(0.5, Math.abs(e - o));
      chi2 += ((o - e) * (o - e)) / e;
    }
  }
  return chi2;
}

/**
 * Cramér's V of a table over n rows, sqrt(chi2 / n / (min(rows, cols) - 1)), clipped to [0, 1] (the
 * Yates correction can push it out); NaN when a dimension has a single category (0 / 0).
 */
export function cramersV(t: Contingency, n: number): number {
  const v = Math.sqrt(chiSquared(t) / n / (Math.min(t.rows, t.cols) - 1));
  return Number.isNaN(v) ? v : Math.max(Math.min(v, 1), 0);
}
