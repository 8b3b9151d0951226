import { JsonSyntaxError, parsePythonJson } from '../../src/suite/python-json.js';

/**
 * GX's fixtures are read by Python's json module, which keeps facts JSON.parse loses: `2.0` is a float
 * (pandas makes a float64 column of it, str() prints it as "2.0"), dict keys keep their written order
 * (a column named "0" stays where it is), and bare NaN / Infinity / -Infinity are numbers. The suite
 * parser reads the values and reports those facts, which are kept here beside them.
 */

const floatMembers = new WeakMap<object, Set<string | number>>();
const keyOrder = new WeakMap<object, string[]>();

/** True when `container[key]` was written as a float literal (`2.0`, `1e3`, `NaN`, `Infinity`). */
export function isFloatMember(container: object, key: string | number): boolean {
  return floatMembers.get(container)?.has(key) ?? false;
}

/** The keys of a parsed object in the order they were written (Object.keys for other objects). */
export function keysInOrder(o: object): string[] {
  return keyOrder.get(o) ?? Object.keys(o);
}

function note(container: object, key: string | number, float: boolean): void {
  if (typeof key === 'string') {
    const keys = keyOrder.get(container) ?? [];
    keyOrder.set(container, keys);
    // a repeated key keeps its first place and takes the last value, as in a Python dict
    if (!keys.includes(key)) keys.push(key);
  }
  if (float) {
    const members = floatMembers.get(container) ?? new Set();
    floatMembers.set(container, members);
    members.add(key);
  } else floatMembers.get(container)?.delete(key);
}

/** Parses Python-flavoured JSON (bare NaN, Infinity, -Infinity allowed); `where` names the source in errors. */
export function parsePyJson(text: string, where: string): unknown {
  try {
    return parsePythonJson(text, { onMember: note });
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new SyntaxError(`${where}:${e.line}: ${e.message}`);
    throw e;
  }
}

/** Python's repr() of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant = '', expPart = '0'] = x.toExponential().split('e');
  const exp = Number(expPart);
  const sign = mant.startsWith('-') ? '-' : '';
  const digits = mant.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}.${frac || '0'}`;
}

function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return quote + out + quote;
}

/**
 * Python's repr() of a JSON-shaped value. `float` says a number is a Python float; inside parsed
 * containers the parser's records decide, elsewhere an integral number reads as an int.
 */
export function pyRepr(v: unknown, float = false): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return float || !Number.isInteger(v) ? pyFloatRepr(v) : String(v);
  if (typeof v === 'string') return pyStringRepr(v);
  if (Array.isArray(v)) return `[${v.map((x, k) => pyRepr(x, isFloatMember(v, k))).join(', ')}]`;
  const o = v as Record<string, unknown>;
  return `{${keysInOrder(o)
    .map((k) => `${pyStringRepr(k)}: ${pyRepr(o[k], isFloatMember(o, k))}`)
    .join(', ')}}`;
}

/** Python's str(): repr() except that a string is itself. */
export function pyStr(v: unknown, float = false): string {
  return typeof v === 'string' ? v : pyRepr(v, float);
}
