/**
 * Values as TypeScript source, in the project's style (single quotes, `{ a: 1 }`): the text of builder
 * calls, which names checks in failure cases and makes up the code `expect-check infer` writes.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quote(s: string): string {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

/** A property key as code: bare when it is an identifier, quoted otherwise. */
export function keyCode(k: string): string {
  return IDENTIFIER.test(k) ? k : quote(k);
}

/** A value as a TypeScript expression (numbers, bigints, strings, RegExps, Dates, arrays, plain objects). */
export function valueCode(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof RegExp) return String(v);
  if (v instanceof Date) return `new Date(${quote(v.toISOString())})`;
  if (Array.isArray(v)) return `[${v.map(valueCode).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.length
      ? `{ ${entries.map(([k, x]) => `${keyCode(k)}: ${valueCode(x)}`).join(', ')} }`
      : '{}';
  }
  return String(v);
}

function isEmpty(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof RegExp || v instanceof Date) {
    return false;
  }
  return Object.values(v).every((x) => x === undefined);
}

/** A call as code: `between(0, 1)`; trailing arguments that are undefined or empty options are left out. */
export function callCode(name: string, args: readonly unknown[]): string {
  const used = [...args];
  while (used.length && isEmpty(used[used.length - 1])) used.pop();
  return `${name}(${used.map(valueCode).join(', ')})`;
}
