import type { AggregateSpec, PlanContext } from '../../engine/expectation.js';
import type { Literal } from '../../engine/expr.js';
import { type DistinctValues, distinctValues } from '../../metrics/distinct.js';
import { columnType } from './schema.js';

/** The distinct-values metric of a column, typed from the schema. */
export function distinctMetric(column: string, ctx: PlanContext) {
  return distinctValues(column, columnType(ctx, column));
}

/** GX's result of a distinct-values expectation: the sorted distinct values, and their counts. */
export function distinctResult(d: DistinctValues): Record<string, unknown> {
  const valueCounts = d.valueCounts();
  return { observed_value: valueCounts.map((vc) => vc.value), details: { value_counts: valueCounts } };
}

/**
 * A check of a column's distinct values against value_set, reported as GX does (the sorted distinct
 * values and their counts): `holds` decides success, and a null value_set lets anything pass.
 */
export function distinctSetCheck(
  holds: (d: DistinctValues, valueSet: readonly Literal[]) => boolean,
): AggregateSpec<{ column: string; value_set: readonly Literal[] | null }> {
  return {
    metrics: (k, ctx) => ({ d: distinctMetric(k.column, ctx) }),
    evaluate: ({ d }, k) => {
      const values = d as DistinctValues;
      return { success: k.value_set === null || holds(values, k.value_set), result: distinctResult(values) };
    },
  };
}

/** A value set in words: `{1, 2, "cash"}`. */
export function setPhrase(values: readonly Literal[]): string {
  return `{${values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}}`;
}
