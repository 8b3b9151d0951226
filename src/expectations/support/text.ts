import type { TypeFamily } from '../../arrow/types.js';
import { col, type Expr, regex } from '../../engine/expr.js';
import { compilePythonRegex } from '../../engine/regex.js';

/**
 * Column families of text expectations: strings, and Arrow's null type (all missing, so vacuously met).
 * Other types are refused at plan time rather than matched through a string form that would differ
 * from Python's (`str(1.0)` is "1.0", JS gives "1").
 */
export const TEXT: readonly TypeFamily[] = ['string', 'null'];

/** A regex search on a column, compiled now so that a bad pattern fails at plan time, before the scan. */
export function regexSearch(column: string, pattern: string): Expr {
  compilePythonRegex(pattern);
  return regex(col(column), pattern);
}
