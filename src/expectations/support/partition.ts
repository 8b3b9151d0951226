import { z } from 'zod';
import type { ResultValue } from '../../arrow/column.js';
import type { TypeFamily } from '../../arrow/types.js';
import type { Literal } from '../../engine/expr.js';
import type { ValueCount } from '../../metrics/distinct.js';
import { literal } from '../../suite/kwargs.js';

/**
 * GX's partition objects, which the distributional expectations compare a column with: categorical
 * `{values, weights}` (a share per value) or continuous `{bins, weights, tail_weights?}` (a share per bin
 * between ascending edges, and optionally the shares below and above them). Validity follows GX's
 * `is_valid_categorical_partition_object` / `is_valid_continuous_partition_object`, plus a few checks GX
 * leaves to chance (negative weights, repeated values).
 */

/** A categorical partition: the expected share of each value. */
export interface CategoricalPartition {
  readonly kind: 'categorical';
  readonly values: readonly Literal[];
  readonly weights: readonly number[];
}

/** A continuous partition: the expected share of each bin, and of each tail when given. */
export interface ContinuousPartition {
  readonly kind: 'continuous';
  readonly bins: readonly number[];
  readonly weights: readonly number[];
  readonly tail_weights?: readonly [number, number];
}

/** A partition object, classified. */
export type Partition = CategoricalPartition | ContinuousPartition;

/** Column families a categorical partition can describe (values compared as Python compares them). */
export const CATEGORICAL: readonly TypeFamily[] = ['null', 'boolean', 'integer', 'float', 'string'];

const edge = z.union([z.number(), z.literal([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])]);
const weight = z.number().min(0, 'partition weights must be >= 0');

const sumOf = (ws: readonly number[]) => ws.reduce((a, b) => a + b, 0);

/** numpy.allclose(total, 1): GX's tolerance for weights that should add up to 1. */
const sumsToOne = (weights: readonly number[]) => Math.abs(sumOf(weights) - 1) <= 1e-8 + 1e-5;

function categoricalProblem(values: readonly Literal[], weights: readonly number[]): string | undefined {
  if (values.length !== weights.length)
    return `values and weights must have the same length (${values.length} values, ${weights.length} weights)`;
  if (!sumsToOne(weights)) return `weights must add up to 1 (they add up to ${sumOf(weights)})`;
  const seen = new Set<string>();
  for (const v of values) {
    const key = valueKey(v);
    if (seen.has(key)) return `value ${JSON.stringify(v)} is listed twice`;
    seen.add(key);
  }
  return undefined;
}

function continuousProblem(
  bins: readonly number[],
  weights: readonly number[],
  tails: readonly number[] | undefined,
): string | undefined {
  if (tails && tails.length !== 2)
    return `tail_weights must have 2 entries (below and above), not ${tails.length}`;
  if (bins.length !== weights.length + 1)
    return `bins must have one more entry than weights (${bins.length} bins, ${weights.length} weights)`;
  for (let i = 1; i < bins.length; i++) {
    if (!((bins[i] as number) > (bins[i - 1] as number))) return 'bins must increase strictly';
  }
  const all = [...(tails ?? []), ...weights];
  if (!sumsToOne(all)) return `weights and tail_weights must add up to 1 (they add up to ${sumOf(all)})`;
  return undefined;
}

/**
 * A partition_object kwarg: checked as GX checks it and classified (categorical when it has valid values
 * and weights, else continuous when it has valid bins and weights).
 */
export const partitionObject = z
  .strictObject({
    values: z.array(literal).optional(),
    bins: z.array(edge).optional(),
    weights: z.array(weight).optional(),
    tail_weights: z.array(weight).optional(),
  })
  .transform((p, ctx): Partition => {
    const { values, bins, weights, tail_weights } = p;
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message: `invalid partition_object: ${message}` });
      return z.NEVER;
    };
    if (!weights) return fail('it needs weights, and values (categorical) or bins (continuous)');
    const categorical = values ? categoricalProblem(values, weights) : 'no values';
    if (values && !categorical) return { kind: 'categorical', values, weights };
    const continuous = bins ? continuousProblem(bins, weights, tail_weights) : 'no bins';
    if (bins && !continuous)
      return {
        kind: 'continuous',
        bins,
        weights,
        ...(tail_weights ? { tail_weights: tail_weights as [number, number] } : {}),
      };
    return fail((values ? categorical : continuous) ?? 'it needs values or bins');
  });

/** A partition_object kwarg that may be null (then the expectation builds one from the data). */
export const optionalPartitionObject = partitionObject.nullable().default(null);

/** A weight holdout kwarg: a share between 0 and 1, default 0. */
export function holdout(name: string) {
  const message = `${name} must be between 0 and 1`;
  return z.number().min(0, message).max(1, message).default(0);
}

/** True when a continuous partition has an infinite first or last edge. */
export function infiniteEnds(p: ContinuousPartition): { low: boolean; high: boolean } {
  return { low: p.bins[0] === Number.NEGATIVE_INFINITY, high: p.bins.at(-1) === Number.POSITIVE_INFINITY };
}

/** Python equality as a key: 1, 1.0 and True are one value; strings stand apart from numbers. */
function valueKey(v: Literal | ResultValue): string {
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'boolean') return `n:${v ? 1 : 0}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `n:${String(v)}`;
  return `o:${JSON.stringify(v)}`;
}

/** A categorical partition aligned with a column's value counts. */
export interface AlignedCategories {
  /** The partition's values in its order, then the values it does not list, in value order. */
  readonly values: (Literal | ResultValue)[];
  /** Rows per value. */
  readonly observed: number[];
  /** Expected share per value (the partition's weights, after the tail holdout). */
  readonly expected: number[];
}

/**
 * Lines the partition up with the observed value counts, as GX's outer join of the two does: values
 * the partition lists but no row has are observed 0 times; when rows have values the partition does
 * not list, the partition's weights are scaled by (1 − tail_weight_holdout) and those values share the
 * holdout equally (without holdout they are expected 0 times).
 */
export function alignCategories(
  p: CategoricalPartition,
  counts: readonly ValueCount[],
  tailWeightHoldout: number,
): AlignedCategories {
  const index = new Map(p.values.map((v, i) => [valueKey(v), i]));
  const observed = p.values.map(() => 0);
  const extra: ValueCount[] = [];
  for (const vc of counts) {
    const i = index.get(valueKey(vc.value));
    if (i === undefined) extra.push(vc);
    else observed[i] = (observed[i] as number) + vc.count;
  }
  const expected = extra.length
    ? [
        ...p.weights.map((w) => w * (1 - tailWeightHoldout)),
        ...extra.map(() => tailWeightHoldout / extra.length),
      ]
    : [...p.weights];
  return {
    values: [...p.values, ...extra.map((vc) => vc.value)],
    observed: [...observed, ...extra.map((vc) => vc.count)],
    expected,
  };
}

/** The categorical partition of a column's own values (each value's share of the non-missing rows). */
export function observedCategories(counts: readonly ValueCount[], n: number): CategoricalPartition {
  return {
    kind: 'categorical',
    values: counts.map((vc) => vc.value as Literal),
    weights: counts.map((vc) => vc.count / n),
  };
}

/** "the expected categories" / "the expected partition of 10 bins", for sentences. */
export function partitionPhrase(p: Partition | null): string {
  if (!p) return 'a partition built from its own values';
  return p.kind === 'categorical'
    ? `the expected shares of ${p.values.length} ${p.values.length === 1 ? 'value' : 'values'}`
    : `the expected partition of ${p.weights.length} ${p.weights.length === 1 ? 'bin' : 'bins'}`;
}
