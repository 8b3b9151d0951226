/**
 * GX's fixtures are read by Python's json module, which keeps facts JSON.parse loses: `2.0` is a float
 * (pandas makes a float64 column of it, str() prints it as "2.0"), dict keys keep their written order
 * (a column named "0" stays where it is), and bare NaN / Infinity / -Infinity are numbers. This parser
 * returns plain JS values and records those facts beside them.
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

/** Parses Python-flavoured JSON (bare NaN, Infinity, -Infinity allowed); `where` names the source in errors. */
export function parsePyJson(text: string, where: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new SyntaxError(`${where}:${line}: ${what}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  // JSON.parse then checks the escapes and control characters
  const STRING = /"(?:[^"\\]|\\.)*"/y;
  const literals: [string, unknown, boolean][] = [
    ['true', true, false],
    ['false', false, false],
    ['null', null, false],
    ['NaN', Number.NaN, true],
    ['Infinity', Number.POSITIVE_INFINITY, true],
    ['-Infinity', Number.NEGATIVE_INFINITY, true],
  ];

  // Returns the value and whether it was a float literal.
  const value = (): [unknown, boolean] => {
    ws();
    const c = text[i];
    if (c === '{') return [object(), false];
    if (c === '[') return [array(), false];
    if (c === '"') {
      STRING.lastIndex = i;
      const m = STRING.exec(text) ?? fail('bad string');
      i += m[0].length;
      try {
        return [JSON.parse(m[0]), false];
      } catch {
        return fail('bad string');
      }
    }
    for (const [word, v, float] of literals) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return [v, float];
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text) ?? fail(`unexpected ${JSON.stringify(c ?? 'end of input')}`);
    i += m[0].length;
    return [Number(m[0]), m[1] !== undefined || m[2] !== undefined];
  };
  const note = (container: object, key: string | number, float: boolean) => {
    if (!float) return;
    const s = floatMembers.get(container) ?? new Set();
    floatMembers.set(container, s);
    s.add(key);
  };
  const expect = (ch: string) => {
    ws();
    if (text[i] !== ch) fail(`expected ${ch}`);
    i++;
  };
  const object = (): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    const keys: string[] = [];
    keyOrder.set(o, keys);
    expect('{');
    ws();
    if (text[i] === '}') {
      i++;
      return o;
    }
    for (;;) {
      ws();
      const [k] = text[i] === '"' ? value() : fail('expected a key');
      const key = k as string;
      expect(':');
      const [v, float] = value();
      if (!Object.hasOwn(o, key)) keys.push(key);
      o[key] = v;
      note(o, key, float);
      ws();
      if (text[i] === ',') i++;
      else break;
    }
    expect('}');
    return o;
  };
  const array = (): unknown[] => {
    const a: unknown[] = [];
    expect('[');
    ws();
    if (text[i] === ']') {
      i++;
      return a;
    }
    for (;;) {
      const [v, float] = value();
      note(a, a.length, float);
      a.push(v);
      ws();
      if (text[i] === ',') i++;
      else break;
    }
    expect(']');
    return a;
  };

  const [v] = value();
  ws();
  if (i < text.length) fail('trailing text');
  return v;
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
