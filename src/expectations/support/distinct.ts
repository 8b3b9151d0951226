import type { PlanContext } from '../../engine/expectation.js';
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

/** A value set in words: `{1, 2, "cash"}`. */
export function setPhrase(values: readonly Literal[]): string {
  return `{${values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}}`;
}
