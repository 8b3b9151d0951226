import type { DataType } from 'apache-arrow';
import type { PlanContext } from '../../engine/expectation.js';

/** The Arrow type of a column an expectation names (the plan has already checked that it exists). */
export function columnType(ctx: PlanContext, column: string): DataType {
  const field = ctx.schema.fields.find((f) => f.name === column);
  if (!field) throw new Error(`column ${JSON.stringify(column)} does not exist in ${ctx.source}`);
  return field.type;
}
