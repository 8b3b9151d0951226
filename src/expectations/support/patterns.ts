import { and, col, type Expr, like, or } from '../../engine/expr.js';
import { likeToRegExp } from '../../engine/like.js';

/** What the pattern expectations share: the LIKE predicate compiled at plan time, and their sentences. */

/** A LIKE match on a column, translated now so that a bad pattern fails at plan time, before the scan. */
export function likeMatch(column: string, pattern: string): Expr {
  likeToRegExp(pattern);
  return like(col(column), pattern);
}

/** One condition per pattern, combined as match_on says. */
export function combine(parts: readonly Expr[], on: 'any' | 'all'): Expr {
  return on === 'all' ? and(...parts) : or(...parts);
}

/**
 * The verb phrase of a pattern expectation: "match the LIKE pattern `a%`", "match any of the LIKE
 * patterns `a%`, `b%`", "match all of ...", "do not match the LIKE pattern `a%`", "match none of ...".
 */
export function matchPhrase(
  noun: string,
  patterns: readonly string[],
  on: 'any' | 'all',
  negated: boolean,
): string {
  const quoted = patterns.map((p) => `\`${p}\``).join(', ');
  if (patterns.length === 1) return `${negated ? 'do not match' : 'match'} the ${noun} ${quoted}`;
  return `match ${negated ? 'none' : on} of the ${noun}s ${quoted}`;
}
