import { parseIsoToBigNanos } from '../engine/temporal.js';
import { setOwn } from '../own.js';

/**
 * GX suite parameters: a kwarg written as `{"$PARAMETER": "<expression>"}` takes its value when the suite
 * runs. The expression language is GX's (great_expectations/core/suite_parameters.py, a pyparsing grammar)
 * and no more: numbers, `+ - * / ^` (`^` binds right to left; a sign binds tighter than `^`, so `-2^2` is
 * 4 as in GX), parentheses, the constants PI and E, runtime parameters by name, and the functions sin, cos,
 * tan, exp, abs, trunc, round, sgn, now, datetime and timedelta, called with either positional or keyword
 * arguments. A small tokenizer and a recursive-descent parser build a tree that is evaluated here: nothing
 * reaches eval, and a name resolves only against the function table or the parameters' own keys.
 *
 * Date-times are naive and read as UTC, like Arrow timestamps without a time zone, exact to the
 * microsecond over Python's range (years 1 to 9999); durations are microseconds in a double, exact up to
 * about 285 years.
 */

/** The key that marks a kwarg as a suite parameter. */
export const PARAMETER_KEY = '$PARAMETER';

/** A kwarg written as a suite parameter. */
export interface ParameterRef {
  $PARAMETER: unknown;
  [key: string]: unknown;
}

/** True for a kwarg value written as `{"$PARAMETER": ...}`. */
export function isParameterRef(v: unknown): v is ParameterRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, PARAMETER_KEY);
}

const NAME = /[A-Za-z][A-Za-z0-9_$]*/y;
const NUMBER = /(?:\d+|\.\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const PUNCTUATION = '+-*/^(),=';

/** True for a name an expression can refer to (a letter, then letters, digits, `_` or `$`). */
export function isParameterName(name: string): boolean {
  NAME.lastIndex = 0;
  return NAME.exec(name)?.[0] === name;
}

/** An expression that does not parse. */
export class ParameterSyntaxError extends Error {
  readonly code = 'parameter_syntax';
  constructor(
    /** What is wrong, without the place. */
    readonly reason: string,
    /** 1-based column of the problem in the expression. */
    readonly column: number,
    readonly expression: string,
  ) {
    super(`invalid expression ${JSON.stringify(expression)}: ${reason} at column ${column}`);
  }
}

/** An expression that cannot be evaluated: a runtime parameter without a value, a type error, a date out of range. */
export class ParameterError extends Error {
  readonly code = 'parameter_error';
}

type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** A node of a parsed expression. */
export type ParameterNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'negate'; readonly arg: ParameterNode }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly left: ParameterNode;
      readonly right: ParameterNode;
    }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly (ParameterNode | undefined)[] };

/** A parsed `$PARAMETER` expression. */
export interface ParameterExpression {
  readonly text: string;
  readonly root: ParameterNode;
  /** The runtime parameters it names, in order of first use. */
  readonly names: readonly string[];
}

interface Token {
  readonly kind: 'number' | 'name' | 'punct' | 'end';
  readonly text: string;
  /** 0-based offset in the expression. */
  readonly at: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const t = match(text, i, 'number', NUMBER) ?? match(text, i, 'name', NAME);
    if (t) tokens.push(t);
    else if (PUNCTUATION.includes(c)) tokens.push({ kind: 'punct', text: c, at: i });
    else {
      // GX's grammar has no string literals: quoted text is most likely meant as one
      const hint = c === "'" || c === '"' ? ' (expressions have no strings)' : '';
      throw new ParameterSyntaxError(`unexpected character ${JSON.stringify(c)}${hint}`, i + 1, text);
    }
    i += tokens.at(-1)?.text.length ?? 1;
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

function match(text: string, at: number, kind: Token['kind'], re: RegExp): Token | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? { kind, text: m[0], at } : undefined;
}

// ---- values

/** A naive date-time: whole seconds since 1970-01-01T00:00:00 and the microseconds within the second. */
interface DateTime {
  readonly kind: 'datetime';
  readonly sec: number;
  readonly us: number;
}

/** A duration in microseconds. */
interface TimeDelta {
  readonly kind: 'timedelta';
  readonly us: number;
}

type Value = number | DateTime | TimeDelta;

const US_PER_SECOND = 1_000_000;
const US_PER_DAY = 86_400 * US_PER_SECOND;
// Python's range: date-times from 0001-01-01 up to (not including) 10000-01-01, durations under 10^9 days.
const MIN_DATETIME_SEC = -62_135_596_800;
const END_DATETIME_SEC = 253_402_300_800;
const END_TIMEDELTA_US = 1e9 * US_PER_DAY;

function datetimeValue(sec: number, us = 0): DateTime {
  const carry = Math.floor(us / US_PER_SECOND);
  const whole = sec + carry;
  if (!(whole >= MIN_DATETIME_SEC && whole < END_DATETIME_SEC))
    throw new ParameterError('date value out of range');
  return { kind: 'datetime', sec: whole, us: us - carry * US_PER_SECOND };
}

function datetimeFromMs(ms: number): DateTime {
  const sec = Math.floor(ms / 1000);
  return datetimeValue(sec, Math.round((ms - sec * 1000) * 1000));
}

function shift(dt: DateTime, deltaUs: number): DateTime {
  const sec = Math.floor(deltaUs / US_PER_SECOND);
  return datetimeValue(dt.sec + sec, dt.us + (deltaUs - sec * US_PER_SECOND));
}

function timedeltaValue(us: number): TimeDelta {
  const rounded = roundHalfEven(us);
  if (!(Math.abs(rounded) < END_TIMEDELTA_US)) throw new ParameterError('timedelta out of range');
  return { kind: 'timedelta', us: rounded };
}

const isDatetime = (v: Value | undefined): v is DateTime => typeof v === 'object' && v.kind === 'datetime';
const isTimedelta = (v: Value | undefined): v is TimeDelta => typeof v === 'object' && v.kind === 'timedelta';
const typeOf = (v: Value): string => (typeof v === 'number' ? 'number' : v.kind);

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Python's round(x, ndigits): x rounded to ndigits decimals, halves of the exact binary value to even. */
function roundDigits(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0 || ndigits > 330) return x;
  if (ndigits < -330) return 0 * x;
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, Math.abs(x));
  const raw = bits.getBigUint64(0);
  const biased = Number(raw >> 52n);
  const fraction = raw & ((1n << 52n) - 1n);
  // |x| = mantissa * 2^exponent exactly; scale by 10^ndigits as the fraction p/q
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  let p = exponent >= 0 ? mantissa << BigInt(exponent) : mantissa;
  let q = exponent >= 0 ? 1n : 1n << BigInt(-exponent);
  if (ndigits >= 0) p *= 10n ** BigInt(ndigits);
  else q *= 10n ** BigInt(-ndigits);
  let n = p / q;
  const twice = 2n * (p % q);
  if (twice > q || (twice === q && n % 2n === 1n)) n += 1n;
  return Number(`${x < 0 ? '-' : ''}${n}e${-ndigits}`);
}

function requireNumber(fn: string, v: Value | undefined, what = 'argument'): number {
  if (typeof v !== 'number')
    throw new ParameterError(`${fn}() ${what} must be a number, got a ${typeOf(v as Value)}`);
  return v;
}

function requireInteger(fn: string, name: string, v: Value | undefined, fallback = 0): number {
  if (v === undefined) return fallback;
  const n = requireNumber(fn, v, name);
  if (!Number.isInteger(n)) throw new ParameterError(`${fn}() ${name} must be an integer, got ${n}`);
  return n;
}

function inRange(fn: string, name: string, n: number, lo: number, hi: number): number {
  if (n < lo || n > hi) throw new ParameterError(`${fn}() ${name} must be in ${lo}..${hi}, got ${n}`);
  return n;
}

function makeDatetime(args: readonly (Value | undefined)[]): DateTime {
  const int = (i: number, name: string, lo: number, hi: number) =>
    inRange('datetime', name, requireInteger('datetime', name, args[i]), lo, hi);
  const year = int(0, 'year', 1, 9999);
  const month = int(1, 'month', 1, 12);
  const day = int(2, 'day', 1, 31);
  const hour = int(3, 'hour', 0, 23);
  const minute = int(4, 'minute', 0, 59);
  const second = int(5, 'second', 0, 59);
  const microsecond = int(6, 'microsecond', 0, 999_999);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCMonth() !== month - 1)
    throw new ParameterError(`datetime() day ${day} is out of range for the month`);
  return datetimeValue(d.getTime() / 1000 + (hour * 60 + minute) * 60 + second, microsecond);
}

// Python's timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks), in microseconds.
const TIMEDELTA_UNITS = [US_PER_DAY, 1_000_000, 1, 1000, 60_000_000, 3_600_000_000, 7 * US_PER_DAY];

function makeTimedelta(args: readonly (Value | undefined)[], params: readonly string[]): TimeDelta {
  let us = 0;
  for (const [i, v] of args.entries()) {
    if (v !== undefined) us += requireNumber('timedelta', v, params[i]) * (TIMEDELTA_UNITS[i] as number);
  }
  return timedeltaValue(us);
}

function mathFunction(name: string, f: (x: number) => number): FunctionSpec {
  return {
    params: ['x'],
    required: 1,
    keywords: false,
    apply: ([v]) => {
      const x = requireNumber(name, v);
      const r = f(x);
      if (Number.isNaN(r) && !Number.isNaN(x)) throw new ParameterError(`${name}(${x}): math domain error`);
      if (!Number.isFinite(r) && Number.isFinite(x))
        throw new ParameterError(`${name}(${x}): math range error`);
      return r;
    },
  };
}

function toInteger(fn: string, x: number, round: (x: number) => number): number {
  if (!Number.isFinite(x)) throw new ParameterError(`${fn}(): cannot convert ${x} to an integer`);
  return round(x) + 0; // + 0 turns -0 into 0
}

interface FunctionSpec {
  /** Parameter names in positional order (keyword calls use them too). */
  readonly params: readonly string[];
  /** How many leading params must be given. */
  readonly required: number;
  readonly keywords: boolean;
  /** `now` is the run's start in epoch milliseconds. */
  readonly apply: (args: readonly (Value | undefined)[], now: number) => Value;
}

const DATETIME_PARAMS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
const TIMEDELTA_PARAMS = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];

// A Map, not an object: names such as `constructor` must not reach Object.prototype.
const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['sin', mathFunction('sin', Math.sin)],
  ['cos', mathFunction('cos', Math.cos)],
  ['tan', mathFunction('tan', Math.tan)],
  ['exp', mathFunction('exp', Math.exp)],
  [
    'abs',
    {
      params: ['x'],
      required: 1,
      keywords: false,
      apply: ([v]) => {
        if (isTimedelta(v)) return timedeltaValue(Math.abs(v.us));
        return Math.abs(requireNumber('abs', v));
      },
    },
  ],
  [
    'trunc',
    {
      params: ['x'],
      required: 1,
      keywords: false,
      apply: ([v]) => toInteger('trunc', requireNumber('trunc', v), Math.trunc),
    },
  ],
  [
    'round',
    {
      params: ['number', 'ndigits'],
      required: 1,
      keywords: false,
      apply: ([v, digits]) => {
        const x = requireNumber('round', v);
        if (digits === undefined) return toInteger('round', x, roundHalfEven);
        return roundDigits(x, requireInteger('round', 'ndigits', digits));
      },
    },
  ],
  [
    'sgn',
    {
      params: ['x'],
      required: 1,
      keywords: false,
      // GX's tolerance: within 1e-12 of zero is zero
      apply: ([v]) => {
        const x = requireNumber('sgn', v);
        return x < -1e-12 ? -1 : x > 1e-12 ? 1 : 0;
      },
    },
  ],
  ['now', { params: [], required: 0, keywords: false, apply: (_, now) => datetimeFromMs(now) }],
  ['datetime', { params: DATETIME_PARAMS, required: 3, keywords: true, apply: makeDatetime }],
  [
    'timedelta',
    {
      params: TIMEDELTA_PARAMS,
      required: 0,
      keywords: true,
      apply: (args) => makeTimedelta(args, TIMEDELTA_PARAMS),
    },
  ],
]);

// ---- parsing

const MAX_DEPTH = 100;
const MAX_LENGTH = 10_000;

class Parser {
  private i = 0;
  private depth = 0;
  readonly names: string[] = [];
  private readonly tokens: Token[];

  constructor(private readonly text: string) {
    // long operator chains make deep trees too; no real bound needs anywhere near this many characters
    if (text.length > MAX_LENGTH)
      throw new ParameterSyntaxError(`longer than ${MAX_LENGTH} characters`, 1, text);
    this.tokens = tokenize(text);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private error(reason: string, t: Token): ParameterSyntaxError {
    return new ParameterSyntaxError(reason, t.at + 1, this.text);
  }

  private unexpected(t: Token, expected: string): ParameterSyntaxError {
    const found = t.kind === 'end' ? 'the end' : JSON.stringify(t.text);
    return this.error(`expected ${expected}, found ${found}`, t);
  }

  private is(t: Token, ...punct: string[]): boolean {
    return t.kind === 'punct' && punct.includes(t.text);
  }

  parse(): ParameterNode {
    if (this.peek().kind === 'end') throw new ParameterSyntaxError('empty expression', 1, this.text);
    const root = this.expr();
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.unexpected(rest, 'an operator');
    return root;
  }

  private binaryChain(ops: readonly string[], operand: () => ParameterNode): ParameterNode {
    let left = operand();
    while (this.is(this.peek(), ...ops)) {
      const op = this.next().text as BinaryOp;
      left = { kind: 'binary', op, left, right: operand() };
    }
    return left;
  }

  private expr(): ParameterNode {
    return this.binaryChain(['+', '-'], () => this.term());
  }

  private term(): ParameterNode {
    return this.binaryChain(['*', '/'], () => this.factor());
  }

  // Every recursion (parentheses, arguments, ^ chains) passes here: the depth limit keeps a hostile
  // expression from overflowing the stack.
  private factor(): ParameterNode {
    if (++this.depth > MAX_DEPTH) throw this.error('expression nested too deeply', this.peek());
    const base = this.atom();
    let node = base;
    if (this.is(this.peek(), '^')) {
      this.next();
      node = { kind: 'binary', op: '^', left: base, right: this.factor() };
    }
    this.depth--;
    return node;
  }

  private atom(): ParameterNode {
    let negative = false;
    while (this.is(this.peek(), '+', '-')) negative = this.next().text === '-' ? !negative : negative;
    const operand = this.primary();
    return negative ? { kind: 'negate', arg: operand } : operand;
  }

  private primary(): ParameterNode {
    const t = this.next();
    if (t.kind === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.kind === 'name') {
      if (this.is(this.peek(), '(')) return this.call(t);
      const upper = t.text.toUpperCase();
      if (upper === 'PI') return { kind: 'number', value: Math.PI };
      if (upper === 'E') return { kind: 'number', value: Math.E };
      if (!this.names.includes(t.text)) this.names.push(t.text);
      return { kind: 'name', name: t.text };
    }
    if (this.is(t, '(')) {
      const inner = this.expr();
      const close = this.next();
      if (!this.is(close, ')')) throw this.unexpected(close, '")"');
      return inner;
    }
    throw this.unexpected(t, 'a number, a name or "("');
  }

  private call(name: Token): ParameterNode {
    const fn = name.text;
    const spec = FUNCTIONS.get(fn);
    if (!spec) {
      throw this.error(`unknown function ${fn}() (functions: ${[...FUNCTIONS.keys()].join(', ')})`, name);
    }
    this.next(); // (
    const args: (ParameterNode | undefined)[] = spec.params.map(() => undefined);
    let positional = 0;
    let keywords: boolean | undefined;
    if (this.is(this.peek(), ')')) this.next();
    else {
      for (;;) {
        const t = this.peek();
        if (t.kind === 'end')
          throw this.unexpected(t, keywords === undefined ? 'an argument or ")"' : 'an argument');
        const isKeyword = t.kind === 'name' && this.is(this.peek(1), '=');
        if (keywords !== undefined && keywords !== isKeyword)
          throw this.error(`${fn}() takes positional or keyword arguments, not both`, t);
        keywords = isKeyword;
        if (isKeyword) {
          const slot = spec.params.indexOf(t.text);
          if (!spec.keywords) throw this.error(`${fn}() takes no keyword arguments`, t);
          if (slot < 0) throw this.error(`${fn}() has no argument ${t.text} (${spec.params.join(', ')})`, t);
          if (args[slot] !== undefined) throw this.error(`${fn}() argument ${t.text} given twice`, t);
          this.next();
          this.next();
          args[slot] = this.expr();
        } else {
          if (positional >= spec.params.length) {
            const most = spec.params.length;
            throw this.error(`${fn}() takes ${most === 0 ? 'no' : `at most ${most}`} arguments`, t);
          }
          args[positional++] = this.expr();
        }
        const sep = this.next();
        if (this.is(sep, ')')) break;
        if (!this.is(sep, ',')) throw this.unexpected(sep, '"," or ")"');
      }
    }
    const missing = spec.params.slice(0, spec.required).filter((_, k) => args[k] === undefined);
    if (missing.length) throw this.error(`${fn}() needs ${missing.join(', ')}`, name);
    return { kind: 'call', fn, args };
  }
}

/** Parses a `$PARAMETER` expression; throws a ParameterSyntaxError with the column of the problem. */
export function parseParameterExpression(text: string): ParameterExpression {
  const parser = new Parser(text);
  const root = parser.parse();
  return { text, root, names: parser.names };
}

// ---- evaluation

/** What an expression is evaluated with. */
export interface ParameterScope {
  /** Runtime parameter values by name. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The run's start time, as now() returns it (naive UTC). */
  readonly now: Date;
}

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * A runtime parameter as an operand. GX substitutes `str(value)` and reads it as an int, a float or a
 * date-time; here numbers, numeric strings, ISO date-time strings and Dates are accepted.
 */
function operand(name: string, value: unknown): Value {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return datetimeFromMs(value.getTime());
  if (typeof value === 'string') {
    const s = value.trim();
    if (FLOAT.test(s)) return Number(s);
    const special = SPECIAL_FLOAT.exec(s);
    if (special) {
      if ((special[2] as string).toLowerCase() === 'nan') return Number.NaN;
      return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    const ns = parseIsoToBigNanos(s);
    if (ns !== undefined) {
      const sec = ns / 1_000_000_000n - (ns % 1_000_000_000n < 0n ? 1n : 0n);
      return datetimeValue(Number(sec), Math.floor(Number(ns - sec * 1_000_000_000n) / 1000));
    }
  }
  throw new ParameterError(
    `suite parameter ${name} is ${JSON.stringify(value) ?? String(value)}: only numbers and ISO date-times can be computed with`,
  );
}

function arithmetic(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ParameterError('division by zero');
      return a / b;
    case '^': {
      if (a === 0 && b < 0) throw new ParameterError('0 cannot be raised to a negative power');
      const r = a ** b;
      if (Number.isNaN(r) && !Number.isNaN(a) && !Number.isNaN(b))
        throw new ParameterError(`${a} ^ ${b} is not a real number`);
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b))
        throw new ParameterError(`${a} ^ ${b} is too large`);
      return r;
    }
  }
}

/** Python's datetime and timedelta arithmetic; undefined where Python raises a TypeError. */
function temporalArithmetic(op: BinaryOp, a: Value, b: Value): Value | undefined {
  switch (op) {
    case '+':
      if (isDatetime(a) && isTimedelta(b)) return shift(a, b.us);
      if (isTimedelta(a) && isDatetime(b)) return shift(b, a.us);
      if (isTimedelta(a) && isTimedelta(b)) return timedeltaValue(a.us + b.us);
      return undefined;
    case '-':
      if (isDatetime(a) && isTimedelta(b)) return shift(a, -b.us);
      if (isDatetime(a) && isDatetime(b))
        return timedeltaValue((a.sec - b.sec) * US_PER_SECOND + (a.us - b.us));
      if (isTimedelta(a) && isTimedelta(b)) return timedeltaValue(a.us - b.us);
      return undefined;
    case '*':
      if (isTimedelta(a) && typeof b === 'number') return timedeltaValue(a.us * b);
      if (typeof a === 'number' && isTimedelta(b)) return timedeltaValue(a * b.us);
      return undefined;
    case '/':
      if (isTimedelta(a) && (typeof b === 'number' || isTimedelta(b))) {
        const divisor = typeof b === 'number' ? b : b.us;
        if (divisor === 0) throw new ParameterError('division by zero');
        return typeof b === 'number' ? timedeltaValue(a.us / b) : a.us / divisor;
      }
      return undefined;
    case '^':
      return undefined;
  }
}

function evaluateNode(node: ParameterNode, scope: ParameterScope, nowMs: number): Value {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'name':
      return operand(node.name, scope.values[node.name]);
    case 'negate': {
      const v = evaluateNode(node.arg, scope, nowMs);
      if (typeof v === 'number') return -v;
      if (isTimedelta(v)) return timedeltaValue(-v.us);
      throw new ParameterError('cannot negate a datetime');
    }
    case 'binary': {
      const a = evaluateNode(node.left, scope, nowMs);
      const b = evaluateNode(node.right, scope, nowMs);
      if (typeof a === 'number' && typeof b === 'number') return arithmetic(node.op, a, b);
      const r = temporalArithmetic(node.op, a, b);
      if (r === undefined) throw new ParameterError(`cannot compute ${typeOf(a)} ${node.op} ${typeOf(b)}`);
      return r;
    }
    case 'call': {
      const spec = FUNCTIONS.get(node.fn) as FunctionSpec;
      const args = node.args.map((a) => (a === undefined ? undefined : evaluateNode(a, scope, nowMs)));
      return spec.apply(args, nowMs);
    }
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A date-time as Python's isoformat() writes it: `2024-05-01T12:00:00`, with `.ffffff` when needed. */
function isoformat(dt: DateTime): string {
  const d = new Date(dt.sec * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return `${date}T${time}${dt.us ? `.${pad(dt.us, 6)}` : ''}`;
}

/** A runtime value as it goes into kwargs and the result: Dates become ISO strings, as GX serialises them. */
export function jsonParameterValue(v: unknown): unknown {
  if (v instanceof Date) return isoformat(datetimeFromMs(v.getTime()));
  if (Array.isArray(v)) return v.map(jsonParameterValue);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonParameterValue(x)]));
  }
  return v;
}

/** True when the scope has a value for the runtime parameter (an own key, so `toString` is no parameter). */
function hasValue(scope: ParameterScope, name: string): boolean {
  return Object.hasOwn(scope.values, name) && scope.values[name] !== undefined;
}

/**
 * Evaluates a parsed expression. An expression that is one parameter name yields that parameter's value
 * as given, of any type (GX does the same); any other yields a number, or a date-time as an ISO string.
 */
export function evaluateParameterExpression(expr: ParameterExpression, scope: ParameterScope): unknown {
  const missing = expr.names.filter((n) => !hasValue(scope, n));
  if (missing.length) {
    const list = missing.map((n) => JSON.stringify(n)).join(', ');
    throw new ParameterError(`no value for suite parameter${missing.length > 1 ? 's' : ''} ${list}`);
  }
  if (expr.root.kind === 'name') return jsonParameterValue(scope.values[expr.root.name]);
  const v = evaluateNode(expr.root, scope, scope.now.getTime());
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new ParameterError(`${JSON.stringify(expr.text)} evaluates to NaN`);
    return v;
  }
  if (v.kind === 'datetime') return isoformat(v);
  throw new ParameterError(
    `${JSON.stringify(expr.text)} evaluates to a timedelta; a kwarg takes a number or a date-time (add the timedelta to a date-time, e.g. now() - timedelta(days=1))`,
  );
}

/** The expression of a `$PARAMETER` kwarg, parsed; throws a ParameterError when it is not a string. */
export function parameterExpressionOf(ref: ParameterRef): ParameterExpression {
  const text = ref[PARAMETER_KEY];
  if (typeof text !== 'string') {
    throw new ParameterError(`expected an expression string, got ${JSON.stringify(text) ?? String(text)}`);
  }
  return parseParameterExpression(text);
}

/**
 * The kwargs with every `{"$PARAMETER": ...}` replaced by its value (the same object when there is none);
 * throws a ParameterError naming the kwarg (`kwargs.max_value: ...`) for the first that cannot be resolved.
 */
export function resolveKwargs(
  kwargs: Record<string, unknown>,
  scope: ParameterScope,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(kwargs)) {
    if (!isParameterRef(v)) continue;
    out ??= { ...kwargs };
    try {
      setOwn(out, key, evaluateParameterExpression(parameterExpressionOf(v), scope));
    } catch (e) {
      if (e instanceof ParameterError || e instanceof ParameterSyntaxError)
        throw new ParameterError(`kwargs.${key}: ${e.message}`);
      throw e;
    }
  }
  return out ?? kwargs;
}
