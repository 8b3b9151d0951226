import { z } from 'zod';
import { typeFamily } from '../arrow/types.js';
import { defineExpectation, type PlanContext } from '../engine/expectation.js';
import { type Crosstab, crosstab } from '../metrics/crosstab.js';
import { compareCodePoints } from '../metrics/min-max.js';
import { cramersV } from '../stats/contingency.js';
import { binIndex, histogramEdges } from '../stats/histogram.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { columnType } from './support/schema.js';

/** Bins: edges for a numeric column, or groups of values that count as one for a string column. */
const bins = z
  .union([z.array(z.number()).min(1), z.array(z.array(z.string()).min(1))])
  .nullable()
  .optional();
const nBins = z.number().int().min(1).nullable().optional();

const kwargs = z.strictObject({
  column_A: columnName,
  column_B: columnName,
  bins_A: bins,
  bins_B: bins,
  n_bins_A: nBins,
  n_bins_B: nBins,
  threshold: z.number().default(0.1),
  ...runtimeKeys,
});

const MISSING = '(missing)';
const OTHER = '(other)';

/** One column's categories: their labels in table order, and the category of each value code (0: missing). */
interface Binned {
  readonly labels: string[];
  readonly of: Int32Array;
}

/** The next double above x (numpy's nextafter(x, x + 1)). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** A bin edge as GX's label shows it: rounded to `digits` decimals, in Python's float form. */
function edgeLabel(x: number, digits: number): string {
  const r =
    digits >= 0 ? Number(x.toFixed(Math.min(digits, 100))) : Math.round(x / 10 ** -digits) * 10 ** -digits;
  return Number.isInteger(r) && Math.abs(r) < 1e16 ? `${r}.0` : String(r);
}

/**
 * GX 0.x's binning of a numeric column: the given edges (sorted, widened to the column's range) or n
 * equal-width bins (default 10) over the range, the last edge nudged up so the maximum falls inside;
 * missing values make a "(missing)" category.
 */
function binNumbers(
  values: readonly number[],
  hasMissing: boolean,
  edgesIn: number[] | undefined,
  n: number,
): Binned {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let edges: Float64Array;
  if (edgesIn) {
    const sorted = [...new Set(edgesIn)].sort((a, b) => a - b);
    if (values.length && min < (sorted[0] as number)) sorted.unshift(min);
    if (values.length && max > (sorted.at(-1) as number)) sorted.push(max);
    if (sorted.length < 2) throw new Error('the bins give no interval: give at least two edges');
    edges = Float64Array.from(sorted);
  } else {
    // numpy bins an empty column over [0, 1]
    edges = values.length ? histogramEdges(min, max, n) : histogramEdges(0, 1, n);
  }
  const last = edges.length - 1;
  edges[last] = nextUp(edges[last] as number);
  let width = Number.POSITIVE_INFINITY;
  for (let i = 0; i < last; i++) width = Math.min(width, (edges[i + 1] as number) - (edges[i] as number));
  const digits = Number.isFinite(Math.log10(width)) ? Math.trunc(Math.log10(width)) + 2 : 15;
  const labels = Array.from(
    { length: last },
    (_, i) => `[${edgeLabel(edges[i] as number, digits)}, ${edgeLabel(edges[i + 1] as number, digits)})`,
  );
  if (hasMissing) labels.push(MISSING);
  const of = new Int32Array(values.length + 1);
  of[0] = last;
  values.forEach((v, i) => {
    of[i + 1] = binIndex(edges, v);
  });
  return { labels, of };
}

/**
 * GX 0.x's binning of any other column: the given groups of values joined as one ("b, c"), else the
 * n most frequent values (default 10) with the rest as "(other)" once there are more than n; missing
 * values are "(missing)". Ties in frequency at the cut go to the smaller value (pandas' order there is
 * its sort's). Categories are in code-point order, as pandas sorts them.
 */
function binCategories(
  names: readonly string[],
  counts: Float64Array,
  groups: string[][] | undefined,
  n: number,
): Binned {
  const label = new Array<string>(names.length + 1);
  label[0] = MISSING;
  if (groups) {
    const joined = new Map<string, string>();
    for (const g of groups) for (const v of g) joined.set(v, g.join(', '));
    names.forEach((v, i) => {
      label[i + 1] = joined.get(v) ?? v;
    });
  } else {
    const kept = new Set<number>(names.map((_, i) => i));
    if (names.length >= n + 1) {
      const byCount = names
        .map((_, i) => i)
        .sort(
          (x, y) =>
            (counts[y + 1] as number) - (counts[x + 1] as number) ||
            compareCodePoints(names[x] as string, names[y] as string),
        );
      kept.clear();
      for (const i of byCount.slice(0, n)) kept.add(i);
    }
    names.forEach((v, i) => {
      label[i + 1] = kept.has(i) ? v : OTHER;
    });
  }
  const labels = [...new Set(label)].sort(compareCodePoints);
  const index = new Map(labels.map((l, i) => [l, i]));
  return { labels, of: Int32Array.from(label, (l) => index.get(l) as number) };
}

/** Bins one side of the crosstab as its column's kind asks. */
function binSide(
  values: readonly (number | string)[],
  counts: Float64Array,
  numeric: boolean,
  boolean: boolean,
  given: number[] | string[][] | null | undefined,
  n: number | null | undefined,
  which: 'A' | 'B',
): Binned {
  const wanted = n ?? 10;
  const numericBins = given?.length ? typeof given[0] === 'number' : undefined;
  if (numeric) {
    if (numericBins === false)
      throw new Error(`bins_${which} groups values, but column_${which} is numeric: give edges`);
    return binNumbers(values as number[], (counts[0] as number) > 0, given as number[] | undefined, wanted);
  }
  if (numericBins === true)
    throw new Error(`bins_${which} gives edges, but column_${which} is not numeric: give groups`);
  const names = boolean ? values.map((v) => (v ? 'True' : 'False')) : (values as string[]);
  return binCategories(names, counts, given as string[][] | undefined, wanted);
}

/** GX's crosstab of the binned columns, with the categories no row falls into left out. */
function table(ct: Crosstab, a: Binned, b: Binned) {
  const full = new Float64Array(a.labels.length * b.labels.length);
  const cols = b.labels.length;
  ct.forEach((ca, cb, n) => {
    const at = (a.of[ca] as number) * cols + (b.of[cb] as number);
    full[at] = (full[at] as number) + n;
  });
  const rowUsed = a.labels.map((_, i) => full.subarray(i * cols, (i + 1) * cols).some((x) => x > 0));
  const colUsed = b.labels.map((_, j) => a.labels.some((__, i) => (full[i * cols + j] as number) > 0));
  const rows = a.labels.flatMap((_, i) => (rowUsed[i] ? [i] : []));
  const columns = b.labels.flatMap((_, j) => (colUsed[j] ? [j] : []));
  const counts = rows.map((i) => columns.map((j) => full[i * cols + j] as number));
  return {
    index: rows.map((i) => a.labels[i] as string),
    columns: columns.map((j) => b.labels[j] as string),
    counts,
  };
}

/** Rows per value code of one side (code 0: missing). */
function sideCounts(ct: Crosstab, side: 'a' | 'b'): Float64Array {
  const out = new Float64Array(ct[side].length + 1);
  ct.forEach((ca, cb, n) => {
    const c = side === 'a' ? ca : cb;
    out[c] = (out[c] as number) + n;
  });
  return out;
}

const FAMILIES = ['integer', 'float', 'string', 'boolean'] as const;

/** The kind of a pair column: binned by range (numbers) or by value. */
function kind(ctx: PlanContext, column: string) {
  const family = typeFamily(columnType(ctx, column));
  return { numeric: family === 'integer' || family === 'float', boolean: family === 'boolean' };
}

/** Cramér's phi (V) between two columns, after binning, is at most threshold. */
export const expectColumnPairCramersPhiValueToBeLessThan = defineExpectation({
  type: 'expect_column_pair_cramers_phi_value_to_be_less_than',
  description:
    "Cramér's phi (V) of the two columns' crosstab is at most threshold (default 0.1): near 0 the columns are independent, 1 is full association. As GX 0.x computed it (GX 1.x leaves it unimplemented): numeric columns binned into n_bins equal-width bins (default 10) or by bins edges; other columns by value, the n_bins most frequent kept and the rest as \"(other)\", or grouped by bins; missing values form their own category; chi-squared with Yates' correction for a 2 x 2 table.",
  domain: 'column_pair',
  accepts: FAMILIES,
  kwargs,
  sentence: (k) =>
    `\`${k.column_A}\` and \`${k.column_B}\` are nearly independent: Cramér's phi is at most ${k.threshold}`,
  examples: [
    { kwargs: { column_A: 'payment_type', column_B: 'vendor_id' } },
    { kwargs: { column_A: 'fare', column_B: 'tip', n_bins_A: 5, n_bins_B: 5, threshold: 0.3 } },
  ],
  aggregate: {
    metrics: (k) => ({ ct: crosstab(k.column_A, k.column_B) }),
    evaluate: ({ ct }, k, ctx) => {
      const c = ct as Crosstab;
      const ka = kind(ctx, k.column_A);
      const kb = kind(ctx, k.column_B);
      const a = binSide(c.a, sideCounts(c, 'a'), ka.numeric, ka.boolean, k.bins_A, k.n_bins_A, 'A');
      const b = binSide(c.b, sideCounts(c, 'b'), kb.numeric, kb.boolean, k.bins_B, k.n_bins_B, 'B');
      const t = table(c, a, b);
      const v = c.rows
        ? cramersV(
            { rows: t.index.length, cols: t.columns.length, counts: Float64Array.from(t.counts.flat()) },
            c.rows,
          )
        : Number.NaN;
      const observed = Number.isNaN(v) ? null : v;
      return {
        success: observed !== null && observed <= k.threshold,
        result: { observed_value: observed, details: { crosstab: t } },
      };
    },
  },
});
