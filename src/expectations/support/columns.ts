import type { PlanContext } from '../../engine/expectation.js';

/** The table's column names in schema order (schema-only expectations read no data). */
export function tableColumns(ctx: PlanContext): string[] {
  return ctx.schema.fields.map((f) => f.name);
}

/** Column names for sentences: "`a`", "`a` and `b`", "`a`, `b` and `c`". */
export function columnList(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
