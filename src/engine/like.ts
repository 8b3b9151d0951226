/** Error raised when a suite's LIKE pattern cannot be used. */
export class LikeError extends Error {
  readonly code = 'invalid_like_pattern';
}

const cache = new Map<string, RegExp>();

/**
 * Translates a SQL LIKE pattern into an anchored RegExp, once per pattern: `%` matches any run of
 * characters (newlines too), `_` exactly one character (a code point), and a backslash makes the next
 * character literal (`\%`, `\_`, `\\`), as PostgreSQL and MySQL read LIKE without an ESCAPE clause.
 * Everything else is literal and case-sensitive, brackets included (SQL Server's `[a-c]` classes are
 * not LIKE in the standard). A pattern ending in a lone backslash is an error, as in PostgreSQL.
 */
export function likeToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let body = '';
  let escaped = false;
  for (const ch of pattern) {
    if (escaped) {
      body += literal(ch);
      escaped = false;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === '%') {
      // a run of % means the same as one, and one group keeps backtracking linear
      if (!body.endsWith('.*')) body += '.*';
    } else if (ch === '_') {
      body += '.';
    } else {
      body += literal(ch);
    }
  }
  if (escaped) throw new LikeError(`invalid LIKE pattern ${JSON.stringify(pattern)}: it ends with an escape`);
  const re = new RegExp(`^(?:${body})$`, 'su');
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}

function literal(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}
