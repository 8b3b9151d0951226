import type { ColumnView } from '../arrow/column.js';
import { nanosPerUnit, type TypeFamily } from '../arrow/types.js';
import type { BatchView } from './batch.js';
import { isDateutilParseable } from './dateutil.js';
import type { CmpOp, Expr, Literal, LiteralPair } from './expr.js';
import { exprKey } from './expr.js';
import { compileJsonSchema, parsePythonJson } from './json.js';
import { likeToRegExp } from './like.js';
import { compilePythonRegex, type PythonRegex } from './regex.js';
import { UNDECIDED } from './regex-dfa.js';
import { compileStrptime } from './strptime.js';
import { LiteralTypeError, temporalLiteral } from './temporal.js';

/** A value-producing operand, evaluated for a whole batch. */
type Operand =
  | { readonly k: 'col'; readonly col: ColumnView }
  | { readonly k: 'lit'; readonly v: Literal }
  | { readonly k: 'num'; readonly values: Float64Array; readonly valid: Uint8Array | null }
  | { readonly k: 'bool'; readonly values: Uint8Array };

const TEMPORAL: ReadonlySet<TypeFamily> = new Set(['date', 'timestamp', 'time', 'duration']);
const NUMERIC: ReadonlySet<TypeFamily> = new Set(['integer', 'float', 'decimal', 'boolean']);

/**
 * Evaluates a predicate over a batch: 1 where it holds, 0 where it does not. A comparison, membership
 * or match with a missing operand (null, NaN) is false, as in pandas. Results are memoised per batch,
 * so expectations sharing a predicate share the work.
 */
export function evaluatePredicate(e: Expr, batch: BatchView): Uint8Array {
  return batch.memo(`pred:${keyOf(e)}`, () => evalBool(e, batch));
}

// Expressions live as long as their plan, and every batch asks for their keys again.
const keys = new WeakMap<Expr, string>();

function keyOf(e: Expr): string {
  let k = keys.get(e);
  if (k === undefined) {
    k = exprKey(e);
    keys.set(e, k);
  }
  return k;
}

function evalBool(e: Expr, b: BatchView): Uint8Array {
  const n = b.numRows;
  switch (e.op) {
    case 'true':
      return new Uint8Array(n).fill(1);
    case 'and':
      return conjunction(e.args, b);
    case 'or': {
      const parts = e.args.map((a) => evaluatePredicate(a, b));
      const out = parts[0]?.slice() ?? new Uint8Array(n);
      for (const p of parts.slice(1)) {
        for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (p[i] as number);
      }
      return out;
    }
    case 'not': {
      // not-null is the presence flags themselves (masks are read-only, so they may be shared)
      if (e.arg.op === 'is_null') return validOf(operand(e.arg.arg, b), n) ?? new Uint8Array(n).fill(1);
      const p = evaluatePredicate(e.arg, b);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = 1 - (p[i] as number);
      return out;
    }
    case 'is_null': {
      const v = validOf(operand(e.arg, b), n);
      const out = new Uint8Array(n);
      if (v) for (let i = 0; i < n; i++) out[i] = 1 - (v[i] as number);
      return out;
    }
    case 'cmp':
      return compare(e.cmp, operand(e.left, b), operand(e.right, b), n);
    case 'in':
      return membership(operand(e.arg, b), e.values, n);
    case 'regex':
      return matchRegex(operand(e.arg, b), e.pattern, n);
    case 'like':
    case 'strftime':
    case 'dateutil':
    case 'json':
      return stringTest(operand(e.arg, b), e, n);
    case 'pair_in':
      return pairMembership(operand(e.args[0], b), operand(e.args[1], b), e.pairs, n);
    case 'distinct_in_row':
      return distinctInRow(
        e.args.map((a) => operand(a, b)),
        n,
      );
    default: {
      const o = operand(e, b);
      if (o.k === 'bool') return o.values;
      throw new LiteralTypeError(`expression ${e.op} is not a condition`);
    }
  }
}

function operand(e: Expr, b: BatchView): Operand {
  switch (e.op) {
    case 'col':
      return { k: 'col', col: b.column(e.name) };
    case 'lit':
      return { k: 'lit', v: e.value };
    case 'length':
      return b.memo(`len:${keyOf(e)}`, () => lengths(operand(e.arg, b), b.numRows));
    case 'add':
      return b.memo(`add:${keyOf(e)}`, () =>
        sum(
          e.args.map((a) => operand(a, b)),
          b.numRows,
        ),
      );
    default:
      return { k: 'bool', values: evaluatePredicate(e, b) };
  }
}

function validOf(o: Operand, n: number): Uint8Array | null {
  switch (o.k) {
    case 'col':
      return o.col.validity();
    case 'num':
      return o.valid;
    case 'lit':
      return o.v == null || (typeof o.v === 'number' && Number.isNaN(o.v)) ? new Uint8Array(n) : null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------- numbers

/** Numbers of an operand in a shared unit, with the unit's size in ns for temporal columns (else 0). */
interface Nums {
  values: ArrayLike<number>;
  valid: Uint8Array | null;
  scale: number;
  exactI64?: BigInt64Array | BigUint64Array;
}

function isNumericLike(o: Operand): boolean {
  return o.k === 'num' || (o.k === 'col' && (NUMERIC.has(o.col.family) || TEMPORAL.has(o.col.family)));
}

function nums(o: Operand): Nums {
  if (o.k === 'num') return { values: o.values, valid: o.valid, scale: 0 };
  if (o.k === 'col') {
    const nv = o.col.numbers();
    return {
      values: nv.values,
      valid: o.col.validity(),
      scale: scaleOf(o),
      exactI64: nv.exact ? undefined : nv.i64,
    };
  }
  throw new LiteralTypeError('not a numeric operand');
}

/** The size in ns of a temporal column's unit, else 0 (plain numbers). */
function scaleOf(o: Operand): number {
  return o.k === 'col' && TEMPORAL.has(o.col.family) ? nanosPerUnit(o.col.type) : 0;
}

function numericLiteral(v: Literal, target: Operand): number | bigint {
  if (target.k === 'col' && TEMPORAL.has(target.col.family)) {
    return temporalLiteral(v, nanosPerUnit(target.col.type), target.col.name);
  }
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const what = target.k === 'col' ? `column ${target.col.name} (${target.col.typeName})` : 'a number';
  throw new LiteralTypeError(`cannot compare ${what} with ${JSON.stringify(v)}`);
}

/**
 * Which outcomes of comparing a with b pass each operator, as bits: 1 a < b, 2 a == b, 4 a > b, 8
 * unordered (NaN, which only != passes), so that a loop looks its answer up instead of calling per row.
 */
const PASS: Record<CmpOp, number> = { '<': 1, '<=': 3, '>': 4, '>=': 6, '==': 2, '!=': 13 };

/** The outcome of comparing two numbers as a PASS bit index: 0 p < q, 1 equal, 2 p > q, 3 unordered. */
function orderOf(p: number, q: number): number {
  return p < q ? 0 : p > q ? 2 : p === q ? 1 : 3;
}

const FLIP: Record<CmpOp, CmpOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

/** A comparison of row values with a literal as the range that passes: lo <= x <= hi where x is present. */
interface Range {
  readonly values: ArrayLike<number>;
  readonly valid: Uint8Array | null;
  readonly lo: number;
  readonly hi: number;
}

/** True when a comparison with a literal compares strings (temporal columns read strings as instants). */
function comparesStrings(o: Operand, v: Literal): boolean {
  return o.k === 'col' && (o.col.family === 'string' || typeof v === 'string') && !TEMPORAL.has(o.col.family);
}

/**
 * The comparison of row values with a literal as a Range when it takes the plain numeric path; undefined
 * for everything compare does otherwise ('!=', strings, nulls, 64-bit values beyond 2^53, errors).
 */
function literalRange(op: CmpOp, left: Operand, right: Operand): Range | undefined {
  if (left.k === 'lit' && right.k !== 'lit') return literalRange(FLIP[op], right, left);
  if (right.k !== 'lit' || left.k === 'lit' || op === '!=' || right.v == null || allMissing(left)) {
    return undefined;
  }
  if (comparesStrings(left, right.v) || !isNumericLike(left)) return undefined;
  const x = nums(left);
  if (x.exactI64) return undefined;
  const c = Number(numericLiteral(right.v, left));
  // x > c is x >= the next double above c, for every double x (NaN bounds pass nothing)
  const lo = op === '>' ? nextUp(c) : op === '>=' || op === '==' ? c : Number.NEGATIVE_INFINITY;
  const hi = op === '<' ? -nextUp(-c) : op === '<=' || op === '==' ? c : Number.POSITIVE_INFINITY;
  return { values: x.values, valid: x.valid, lo, hi };
}

const bits = new Float64Array(1);
const bitsInt = new BigInt64Array(bits.buffer);

/** The least double above x (NaN above +Infinity, where nothing is). */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return Number.NaN;
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x;
  bitsInt[0] = (bitsInt[0] as bigint) + (x > 0 ? 1n : -1n);
  return bits[0] as number;
}

function rangeMask(r: Range, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const { values, valid, lo, hi } = r;
  if (valid) {
    for (let i = 0; i < n; i++) {
      const x = values[i] as number;
      out[i] = (x >= lo && x <= hi ? 1 : 0) & (valid[i] as number);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = values[i] as number;
      out[i] = x >= lo && x <= hi ? 1 : 0;
    }
  }
  return out;
}

/** `and`: comparisons of the same values with literals intersect into one range (`between` is one pass). */
function conjunction(args: readonly Expr[], b: BatchView): Uint8Array {
  const n = b.numRows;
  let range: Range | undefined;
  const masks: Uint8Array[] = [];
  for (const a of args) {
    const r = a.op === 'cmp' ? literalRange(a.cmp, operand(a.left, b), operand(a.right, b)) : undefined;
    if (r && !range) range = r;
    else if (r && range && r.values === range.values && r.valid === range.valid) {
      range = { ...range, lo: Math.max(range.lo, r.lo), hi: Math.min(range.hi, r.hi) };
    } else masks.push(r ? rangeMask(r, n) : evaluatePredicate(a, b));
  }
  const out = range ? rangeMask(range, n) : (masks.shift()?.slice() ?? new Uint8Array(n).fill(1));
  for (const p of masks) for (let i = 0; i < n; i++) out[i] = (out[i] as number) & (p[i] as number);
  return out;
}

function compare(op: CmpOp, left: Operand, right: Operand, n: number): Uint8Array {
  if (left.k === 'lit' && right.k !== 'lit') return compare(FLIP[op], right, left, n);
  const range = literalRange(op, left, right);
  if (range) return rangeMask(range, n);
  const out = new Uint8Array(n);
  if (allMissing(left) || allMissing(right)) return out;
  if (right.k === 'lit') {
    if (left.k === 'lit') throw new LiteralTypeError('a comparison needs a column');
    if (right.v == null) return out;
    if (left.k === 'col' && comparesStrings(left, right.v)) return compareStrings(op, left.col, right.v, n);
    if (!isNumericLike(left)) throw new LiteralTypeError(`cannot compare with ${JSON.stringify(right.v)}`);
    const x = nums(left);
    const lit = numericLiteral(right.v, left);
    if (x.exactI64) return compareBig(op, x.exactI64, x.valid, lit, out);
    // only != gets here (literalRange takes the other operators), but the loop holds for any
    const c = Number(lit);
    const pass = PASS[op];
    const vals = x.values;
    for (let i = 0; i < n; i++) out[i] = (pass >> orderOf(vals[i] as number, c)) & 1;
    return maskInvalid(out, x.valid);
  }
  // two row-wise operands
  if (
    left.k === 'col' &&
    right.k === 'col' &&
    left.col.family === 'string' &&
    right.col.family === 'string'
  ) {
    const a = left.col.strings();
    const b = right.col.strings();
    const f = CMP_STR[op];
    const va = left.col.validity();
    const vb = right.col.validity();
    for (let i = 0; i < n; i++) {
      if ((va && !va[i]) || (vb && !vb[i])) continue;
      out[i] = f(a.get(i), b.get(i)) ? 1 : 0;
    }
    return out;
  }
  if (!isNumericLike(left) || !isNumericLike(right)) {
    throw new LiteralTypeError(`cannot compare ${describe(left)} with ${describe(right)}`);
  }
  const sa = scaleOf(left);
  const sb = scaleOf(right);
  if ((sa === 0) !== (sb === 0)) {
    throw new LiteralTypeError(`cannot compare ${describe(left)} with ${describe(right)}`);
  }
  const pass = PASS[op];
  const x64 = left.k === 'col' && sa === sb ? left.col.bigints() : null;
  const y64 = right.k === 'col' && sa === sb ? right.col.bigints() : null;
  if (x64 && y64) {
    // 64-bit integers in one unit compare exactly, without converting them to numbers
    compareInt64(pass, x64, y64, out);
  } else {
    const a = nums(left);
    const b = nums(right);
    const ka = sa && sb ? sa / Math.min(sa, sb) : 1;
    const kb = sa && sb ? sb / Math.min(sa, sb) : 1;
    const x = a.values;
    const y = b.values;
    for (let i = 0; i < n; i++) out[i] = (pass >> orderOf((x[i] as number) * ka, (y[i] as number) * kb)) & 1;
  }
  maskInvalid(out, validOf(left, n));
  return maskInvalid(out, validOf(right, n));
}

/**
 * Compares int64/uint64 values row by row through their 32-bit halves, high words first: no BigInt and
 * no conversion to numbers. `pass` holds PASS bits.
 */
function compareInt64(
  pass: number,
  x: BigInt64Array | BigUint64Array,
  y: BigInt64Array | BigUint64Array,
  out: Uint8Array,
): void {
  const n = out.length;
  const a = new Int32Array(x.buffer, x.byteOffset, 2 * n);
  const b = new Int32Array(y.buffer, y.byteOffset, 2 * n);
  const lt = pass & 1;
  const eq = (pass >> 1) & 1;
  const gt = (pass >> 2) & 1;
  const sx = x instanceof BigInt64Array;
  const sy = y instanceof BigInt64Array;
  if (sx === sy) {
    // flipping the top bit of unsigned words orders them as signed ones
    const f = sx ? 0 : SIGN;
    for (let i = 0, j = 0; i < n; i++, j += 2) {
      const hx = (a[j + 1] as number) ^ f;
      const hy = (b[j + 1] as number) ^ f;
      out[i] = hx !== hy ? (hx < hy ? lt : gt) : lowOrder(a[j] as number, b[j] as number, lt, eq, gt);
    }
    return;
  }
  // int64 against uint64: high words as numbers, signed on one side and unsigned on the other
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const hx = sx ? (a[j + 1] as number) : (a[j + 1] as number) >>> 0;
    const hy = sy ? (b[j + 1] as number) : (b[j + 1] as number) >>> 0;
    out[i] = hx !== hy ? (hx < hy ? lt : gt) : lowOrder(a[j] as number, b[j] as number, lt, eq, gt);
  }
}

/** The answer for equal high words: the low words compare unsigned (top bits flipped to compare signed). */
function lowOrder(lx: number, ly: number, lt: number, eq: number, gt: number): number {
  const p = lx ^ SIGN;
  const q = ly ^ SIGN;
  return p < q ? lt : p > q ? gt : eq;
}

const SIGN = -0x80000000;

function describe(o: Operand): string {
  return o.k === 'col' ? `column ${o.col.name} (${o.col.typeName})` : o.k;
}

function compareBig(
  op: CmpOp,
  values: BigInt64Array | BigUint64Array,
  valid: Uint8Array | null,
  lit: number | bigint,
  out: Uint8Array,
): Uint8Array {
  // Exact comparison of 64-bit integers against a literal that may be fractional.
  let c: bigint;
  let frac = 0;
  if (typeof lit === 'bigint') c = lit;
  else if (!Number.isFinite(lit)) {
    const all = (op === '<' || op === '<=' || op === '!=') === lit > 0;
    out.fill(all ? 1 : 0);
    return maskInvalid(out, valid);
  } else {
    const fl = Math.floor(lit);
    c = BigInt(fl);
    frac = lit - fl;
  }
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] as bigint;
    let r: boolean;
    if (frac === 0) {
      r =
        op === '<'
          ? v < c
          : op === '<='
            ? v <= c
            : op === '>'
              ? v > c
              : op === '>='
                ? v >= c
                : op === '=='
                  ? v === c
                  : v !== c;
    } else {
      // lit lies strictly between c and c + 1
      r = op === '<' || op === '<=' ? v <= c : op === '>' || op === '>=' ? v > c : op === '!=';
    }
    out[i] = r ? 1 : 0;
  }
  return maskInvalid(out, valid);
}

function maskInvalid(out: Uint8Array, valid: Uint8Array | null): Uint8Array {
  if (valid) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) & (valid[i] as number);
  return out;
}

// ---------------------------------------------------------------- strings

/** Python orders strings by code point; JS by UTF-16 unit. They differ only beyond the BMP. */
function codePointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

const CMP_STR: Record<CmpOp, (a: string, b: string) => boolean> = {
  '<': (a, b) => codePointCompare(a, b) < 0,
  '<=': (a, b) => codePointCompare(a, b) <= 0,
  '>': (a, b) => codePointCompare(a, b) > 0,
  '>=': (a, b) => codePointCompare(a, b) >= 0,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function compareStrings(op: CmpOp, col: ColumnView, v: Literal, n: number): Uint8Array {
  if (col.family !== 'string' || typeof v !== 'string') {
    if (op === '==' || op === '!=') {
      // Python: values of different kinds are never equal
      const out = new Uint8Array(n).fill(op === '!=' ? 1 : 0);
      return maskInvalid(out, col.validity());
    }
    throw new LiteralTypeError(
      `cannot compare column ${col.name} (${col.typeName}) with ${JSON.stringify(v)}`,
    );
  }
  const f = CMP_STR[op];
  return perString(col, n, (s) => f(s, v));
}

/** Applies a string test to each present row; dictionary columns test each dictionary entry once. */
function perString(col: ColumnView, n: number, test: (s: string) => boolean): Uint8Array {
  return eachString(col, new Uint8Array(n), (s) => (test(s) ? 1 : 0));
}

/** Writes f(string) for each present row into out (0 elsewhere); dictionary entries are computed once. */
function eachString<A extends Uint8Array | Float64Array>(
  col: ColumnView,
  out: A,
  f: (s: string) => number,
): A {
  const n = out.length;
  const sv = col.strings();
  const valid = col.validity();
  const dict = sv.dictionary;
  if (dict) {
    const memo = new Float64Array(dict.size).fill(Number.NaN);
    const indices = dict.indices;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const k = indices[i] as number;
      let r = memo[k] as number;
      if (Number.isNaN(r)) {
        r = f(dict.strings.get(k));
        memo[k] = r;
      }
      out[i] = r;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    if (valid && !valid[i]) continue;
    out[i] = f(sv.get(i));
  }
  return out;
}

/** True for a column of Arrow's null type: every row is missing, so every test on it is false. */
function allMissing(o: Operand): boolean {
  return o.k === 'col' && o.col.family === 'null';
}

// ---------------------------------------------------------------- membership, regex, length, sum

function membership(o: Operand, values: readonly Literal[], n: number): Uint8Array {
  if (allMissing(o)) return new Uint8Array(n);
  if (o.k === 'col' && o.col.family === 'string') {
    const set = new Set(values.filter((v): v is string => typeof v === 'string'));
    return perString(o.col, n, (s) => set.has(s));
  }
  if (!isNumericLike(o)) throw new LiteralTypeError(`cannot test membership of ${describe(o)}`);
  const x = nums(o);
  const out = new Uint8Array(n);
  const usable = values.filter(
    (v) => v != null && (typeof v !== 'string' || (o.k === 'col' && TEMPORAL.has(o.col.family))),
  );
  if (x.exactI64) {
    const set = new Set<bigint>();
    for (const v of usable) {
      const c = numericLiteral(v, o);
      if (typeof c === 'bigint') set.add(c);
      else if (Number.isInteger(c)) set.add(BigInt(c));
    }
    const xs = x.exactI64;
    for (let i = 0; i < n; i++) out[i] = set.has(BigInt(xs[i] as bigint)) ? 1 : 0;
    return maskInvalid(out, x.valid);
  }
  const set = new Set<number>(usable.map((v) => Number(numericLiteral(v, o))));
  const vals = x.values;
  for (let i = 0; i < n; i++) out[i] = set.has(vals[i] as number) ? 1 : 0;
  return maskInvalid(out, x.valid);
}

/**
 * Searches a plain (not dictionary) utf8 column's bytes in place when the pattern runs on the DFA, so
 * that no string is made per row; undefined when it cannot (the caller tests strings instead).
 */
function utf8Matches(col: ColumnView, n: number, re: PythonRegex): Uint8Array | undefined {
  const offsets = col.data.valueOffsets;
  if (!re.testUtf8Rows || col.isDictionary || !(offsets instanceof Int32Array)) return undefined;
  const out = new Uint8Array(n);
  re.testUtf8Rows(col.data.values as Uint8Array, offsets, col.validity(), out);
  for (let i = 0; i < n; i++) if (out[i] === UNDECIDED) out[i] = re.test(col.strings().get(i)) ? 1 : 0;
  return out;
}

function matchRegex(o: Operand, pattern: string, n: number): Uint8Array {
  const re = compilePythonRegex(pattern);
  if (o.k !== 'col') throw new LiteralTypeError('a regular expression applies to a column');
  if (o.col.family === 'string') return utf8Matches(o.col, n, re) ?? perString(o.col, n, (s) => re.test(s));
  // GX's pandas engine matches the string form of other values
  const out = new Uint8Array(n);
  const valid = o.col.validity();
  for (let i = 0; i < n; i++) {
    if (valid && !valid[i]) continue;
    out[i] = re.test(String(o.col.value(i))) ? 1 : 0;
  }
  return out;
}

function lengths(o: Operand, n: number): Operand {
  if (allMissing(o)) return { k: 'num', values: new Float64Array(n), valid: new Uint8Array(n) };
  if (o.k !== 'col' || o.col.family !== 'string') {
    throw new LiteralTypeError(`lengths need a string column, got ${describe(o)}`);
  }
  return {
    k: 'num',
    values: eachString(o.col, new Float64Array(n), codePointLength),
    valid: o.col.validity(),
  };
}

/** Length in code points, as Python's len(). */
export function codePointLength(s: string): number {
  let len = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) len--;
  }
  return len;
}

function sum(ops: readonly Operand[], n: number): Operand {
  const out = new Float64Array(n);
  let valid: Uint8Array | null = null;
  for (const o of ops) {
    if (o.k === 'lit') {
      const c = Number(o.v);
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) + c;
      continue;
    }
    const x = nums(o);
    const vals = x.values;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (vals[i] as number);
    if (x.valid) {
      valid ??= new Uint8Array(n).fill(1);
      for (let i = 0; i < n; i++) valid[i] = (valid[i] as number) & (x.valid[i] as number);
    }
  }
  return { k: 'num', values: out, valid };
}

// ---------------------------------------------------------------- per-string tests, pairs, rows

type StringTestExpr = Extract<Expr, { op: 'like' | 'strftime' | 'dateutil' | 'json' }>;

/** The test a per-string predicate stands for; patterns, formats and schemas are compiled once and cached. */
function stringTestOf(e: StringTestExpr): (s: string) => boolean {
  switch (e.op) {
    case 'like': {
      const re = likeToRegExp(e.pattern);
      return (s) => re.test(s);
    }
    case 'strftime':
      return compileStrptime(e.format);
    case 'dateutil':
      return isDateutilParseable;
    default: {
      if (e.schema === undefined) return (s) => parsePythonJson(s) !== undefined;
      const valid = compileJsonSchema(e.schema);
      return (s) => {
        const doc = parsePythonJson(s);
        return doc !== undefined && valid(doc.value);
      };
    }
  }
}

function stringTest(o: Operand, e: StringTestExpr, n: number): Uint8Array {
  const test = stringTestOf(e);
  if (o.k !== 'col') throw new LiteralTypeError(`${e.op} applies to a column`);
  if (o.col.family === 'string') return perString(o.col, n, test);
  // Python's json.loads refuses anything but text, and GX counts that as not JSON
  if (allMissing(o) || e.op === 'json') return new Uint8Array(n);
  throw new LiteralTypeError(`${e.op} needs a string column, got ${describe(o)}`);
}

/** A value as a key that equals another key exactly when Python's == would hold (null: missing). */
type Key = number | string | null;

/** Row keys of a column, and the key a literal has in its domain (undefined: equal to no value). */
interface Keyed {
  readonly at: (i: number) => Key;
  readonly literal: (v: Literal) => Key | undefined;
}

function keyed(o: Operand): Keyed {
  if (o.k !== 'col') throw new LiteralTypeError('a pair of values comes from two columns');
  const col = o.col;
  const valid = col.validity();
  if (col.family === 'null') return { at: () => null, literal: (v) => (v === null ? null : undefined) };
  if (col.family === 'string') {
    const sv = col.strings();
    return {
      at: (i) => (valid && !valid[i] ? null : sv.get(i)),
      literal: (v) => (v === null || typeof v === 'string' ? v : undefined),
    };
  }
  if (!isNumericLike(o)) throw new LiteralTypeError(`cannot compare ${describe(o)} with a value pair`);
  const values = col.numbers().values;
  const at = (i: number): Key => (valid && !valid[i] ? null : (values[i] as number));
  // dates and timestamps equal ISO strings only; numbers, booleans (True == 1) and bigints equal numbers
  const temporal = TEMPORAL.has(col.family);
  const literal = (v: Literal): Key | undefined => {
    if (v === null) return null;
    if (temporal) return typeof v === 'string' ? Number(numericLiteral(v, o)) : undefined;
    return typeof v === 'string' ? undefined : Number(v);
  };
  return { at, literal };
}

/** Rows whose (a, b) is one of the pairs; missing values compare as null, as GX's pandas metric does. */
function pairMembership(a: Operand, b: Operand, pairs: readonly LiteralPair[], n: number): Uint8Array {
  const ka = keyed(a);
  const kb = keyed(b);
  const wanted = new Map<Key, Set<Key>>();
  for (const [x, y] of pairs) {
    const p = ka.literal(x);
    const q = kb.literal(y);
    if (p === undefined || q === undefined) continue;
    const set = wanted.get(p) ?? new Set<Key>();
    set.add(q);
    wanted.set(p, set);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = wanted.get(ka.at(i))?.has(kb.at(i)) ? 1 : 0;
  return out;
}

/** A column's values as (kind, value) per row, so that values of different kinds never compare equal. */
interface RowValues {
  readonly kind: string;
  readonly valid: Uint8Array | null;
  readonly values: ArrayLike<number | string>;
}

function rowValues(o: Operand, n: number): RowValues {
  if (o.k !== 'col') throw new LiteralTypeError('row values come from columns');
  const col = o.col;
  const valid = col.family === 'null' ? new Uint8Array(n) : col.validity();
  if (col.family === 'null') return { kind: 'null', valid, values: [] };
  if (col.family === 'string') {
    const sv = col.strings();
    const values = new Array<string>(n);
    for (let i = 0; i < n; i++) values[i] = valid && !valid[i] ? '' : sv.get(i);
    return { kind: 'string', valid, values };
  }
  if (NUMERIC.has(col.family)) return { kind: 'number', valid, values: col.numbers().values };
  if (TEMPORAL.has(col.family)) {
    // instants compare across units; a zoned timestamp never equals a naive one
    const scale = nanosPerUnit(col.type);
    const values = col.numbers().values;
    const zoned = /, .+\]$/.test(col.typeName);
    const ns = new Float64Array(n);
    for (let i = 0; i < n; i++) ns[i] = (values[i] as number) * scale;
    return { kind: `${col.family}${zoned ? '+tz' : ''}`, valid, values: ns };
  }
  const json = new Array<string>(n);
  for (let i = 0; i < n; i++) json[i] = valid && !valid[i] ? '' : JSON.stringify(col.value(i), bigintJson);
  return { kind: col.family, valid, values: json };
}

const bigintJson = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/**
 * Rows whose values are pairwise distinct, as pandas' `nunique(dropna=False, axis=1) == len(columns)`:
 * missing values (null, NaN) equal each other, 1 equals 1.0 and True, "1" does not equal 1.
 */
function distinctInRow(ops: readonly Operand[], n: number): Uint8Array {
  const cols = ops.map((o) => rowValues(o, n));
  const out = new Uint8Array(n).fill(1);
  for (let x = 0; x < cols.length; x++) {
    const a = cols[x] as RowValues;
    for (let y = x + 1; y < cols.length; y++) {
      const b = cols[y] as RowValues;
      const sameKind = a.kind === b.kind;
      for (let i = 0; i < n; i++) {
        const ma = a.valid !== null && !a.valid[i];
        const mb = b.valid !== null && !b.valid[i];
        if (ma || mb ? ma && mb : sameKind && a.values[i] === b.values[i]) out[i] = 0;
      }
    }
  }
  return out;
}
