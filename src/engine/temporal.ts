/** Error for a kwarg value that cannot be compared with a column's values. */
export class LiteralTypeError extends Error {
  readonly code = 'type_mismatch';
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO-8601 date or date-time (`2019-01-15`, `2019-01-15 03:36:12.123456`, with optional `Z` or
 * offset) into nanoseconds since the Unix epoch, as a number (exact to the microsecond in this century).
 * A value without an offset is read as UTC, the convention for Arrow timestamps without a time zone.
 */
export function parseIsoToNanos(s: string): number | undefined {
  const p = parseIso(s);
  return p && p.ms * 1_000_000 + p.fracNanos;
}

/** parseIsoToNanos as an exact bigint, for 64-bit nanosecond values beyond 2^53. */
export function parseIsoToBigNanos(s: string): bigint | undefined {
  const p = parseIso(s);
  return p && BigInt(p.ms) * 1_000_000n + BigInt(p.fracNanos);
}

/** An ISO date-time as UTC milliseconds and the nanoseconds below them. */
function parseIso(s: string): { ms: number; fracNanos: number } | undefined {
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', tz] = m;
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as written
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)));
  const ms = date.setUTCFullYear(Number(y));
  if (Number.isNaN(ms)) return undefined;
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return undefined;
  let offsetMin = 0;
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const fracNanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return { ms: ms - offsetMin * 60_000, fracNanos };
}

/** Converts a kwarg to a number in a temporal column's unit (`nanosPerUnit` nanoseconds per unit). */
export function temporalLiteral(value: unknown, nanosPerUnit: number, column: string): number {
  if (typeof value === 'string') {
    const ns = parseIsoToNanos(value);
    if (ns === undefined) {
      throw new LiteralTypeError(
        `cannot compare column ${column} with ${JSON.stringify(value)}: not an ISO date`,
      );
    }
    return ns / nanosPerUnit;
  }
  if (value instanceof Date) return (value.getTime() * 1_000_000) / nanosPerUnit;
  throw new LiteralTypeError(
    `cannot compare date/time column ${column} with ${JSON.stringify(value)}: give an ISO date string`,
  );
}
