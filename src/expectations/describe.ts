import type { ExpectationConfig } from '../result/types.js';
import { registry } from './index.js';

/**
 * The plain-English sentence of a configured expectation ("values in `fare` are between 0 and 500"),
 * or its type and kwargs when the type is unknown or the kwargs do not parse.
 */
export function describeExpectation(config: Pick<ExpectationConfig, 'type' | 'kwargs'>): string {
  const def = registry.get(config.type);
  const parsed = def?.kwargs.safeParse(config.kwargs);
  if (def && parsed?.success) return def.sentence(parsed.data);
  return `${config.type}(${JSON.stringify(config.kwargs)})`;
}

/** The column(s) an expectation is about, for grouping in reports ('' for table-level ones). */
export function expectationColumns(config: Pick<ExpectationConfig, 'kwargs'>): string[] {
  const k = config.kwargs;
  if (typeof k.column === 'string') return [k.column];
  if (typeof k.column_A === 'string' && typeof k.column_B === 'string') return [k.column_A, k.column_B];
  if (Array.isArray(k.column_list)) return k.column_list.filter((c): c is string => typeof c === 'string');
  return [];
}
