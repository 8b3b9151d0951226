import { z } from 'zod';
import { familiesExcept, typeFamily } from '../../arrow/types.js';
import type { PlanContext } from '../../engine/expectation.js';
import { col, type Expr, isIn, type Literal } from '../../engine/expr.js';
import { temporalLiteral } from '../../engine/temporal.js';
import { literal } from '../../suite/kwargs.js';

/** Column families a value set can be compared with (time-of-day and durations have no literal form). */
export const SET_FAMILIES = familiesExcept('binary', 'time', 'duration', 'interval', 'nested');

/** GX's value_set: a list (default empty); null is rejected as GX's pydantic model does. */
export const valueSetKwarg = z.array(literal, { error: 'value_set must be a list of values' }).default([]);

/** Membership of a column's values in a set, checked first with checkTemporalSet. */
export function inSet(column: string, values: readonly Literal[], ctx: PlanContext): Expr {
  checkTemporalSet(column, values, ctx);
  return isIn(col(column), values);
}

/**
 * Checks at plan time that every value of a set can be compared with a date or timestamp column (an ISO
 * date string), so a typo fails the expectation before the scan rather than in the middle of it.
 */
export function checkTemporalSet(column: string, values: readonly Literal[], ctx: PlanContext): void {
  const field = ctx.schema.fields.find((f) => f.name === column);
  const family = field ? typeFamily(field.type) : undefined;
  if (family !== 'date' && family !== 'timestamp') return;
  for (const v of values) if (v != null) temporalLiteral(v, 1, column);
}

function show(v: Literal): string {
  if (typeof v === 'string') return v === '' ? '""' : v;
  return String(v);
}

/** "A, B, C", or the first `max` values and "and N more" for long sets. */
export function listPhrase(values: readonly Literal[], max = 8): string {
  const shown = values.slice(0, max).map(show).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** "one of A, B, C" (or "none of ..." when negated), with the empty set spelled out. */
export function memberPhrase(values: readonly Literal[], negated: boolean): string {
  if (values.length === 0) {
    return negated ? 'not in an empty set (so every value passes)' : 'in an empty set (so every value fails)';
  }
  return `${negated ? 'none' : 'one'} of ${listPhrase(values)}`;
}
