import {
  always,
  and,
  type CmpOp,
  cmp,
  col,
  type Expr,
  isIn,
  isNull,
  type Literal,
  lit,
  not,
} from './expr.js';

/**
 * GX's `row_condition`: text that keeps only the rows where it holds before an expectation sees the
 * data. `condition_parser` picks the syntax:
 * - `pandas`: a `DataFrame.query` expression: `a > 5 & b == "x"`, `not (a < 3)`, `~flag`, `a in [1, 2]`,
 *   `a.isnull()`, `` `my col` >= 0 ``, chained `1 < a <= 5`. As in pandas, `&`/`|` bind like `and`/`or`, a
 *   comparison with a missing value is false, and `!=`, `not in`, `not` and `~` are true for missing values.
 * - `great_expectations` (also GX's older `great_expectations__experimental__`): GX's own grammar,
 *   `col("a") > 5`, `col("b") == "x"`, `col("d") <= date("2024-01-31")`, `col("c").notNull()`; combining
 *   conditions with `and`, `or`, `not` and parentheses goes beyond GX (which reads one condition). As on
 *   GX's SQL and Spark engines, every comparison, `!=` included, is false where the value is missing.
 */

/** The condition parsers GX names (in its ConditionParser enum) that this engine runs. */
export const CONDITION_PARSERS = [
  'great_expectations',
  'great_expectations__experimental__',
  'pandas',
] as const;

/** A condition parser name. */
export type ConditionParser = (typeof CONDITION_PARSERS)[number];

/** A row condition that cannot be used: the kwarg at fault and, for syntax errors, the offset in the text. */
export class ConditionError extends Error {
  readonly code = 'invalid_row_condition';
  constructor(
    message: string,
    readonly kwarg: 'row_condition' | 'condition_parser',
    readonly position?: number,
  ) {
    super(message);
  }
}

/**
 * The row condition of an expectation's kwargs as a predicate, or undefined when there is none (GX
 * ignores an empty or null row_condition). Throws a ConditionError for a missing parser or bad syntax.
 */
export function rowConditionOf(k: { row_condition?: unknown; condition_parser?: unknown }): Expr | undefined {
  const text = k.row_condition;
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') throw new ConditionError('expected a string', 'row_condition');
  const parser = k.condition_parser;
  if (!CONDITION_PARSERS.includes(parser as ConditionParser)) {
    throw new ConditionError(
      "condition_parser is required when setting a row_condition, and must be 'great_expectations' or 'pandas'",
      'condition_parser',
    );
  }
  return parseCondition(text, parser as ConditionParser);
}

/** Parses a condition in the given syntax into a predicate; throws a ConditionError naming the position. */
export function parseCondition(text: string, parser: ConditionParser): Expr {
  const p = new Parser(tokenize(text, parser === 'pandas'), text);
  return parser === 'pandas' ? p.pandas() : p.gx();
}

// ---------------------------------------------------------------- tokens

type TokenKind = 'name' | 'quoted_name' | 'number' | 'string' | 'op' | 'end';

interface Token {
  readonly kind: TokenKind;
  /** The name, operator or string value; the source text of a number. */
  readonly text: string;
  /** Where the token starts and ends in the condition. */
  readonly pos: number;
  readonly end: number;
}

const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '**',
  '<',
  '>',
  '&',
  '|',
  '~',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '=',
];
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const NUMBER = /^(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/;

function fail(message: string, pos: number): never {
  throw new ConditionError(`${message} at character ${pos + 1}`, 'row_condition', pos);
}

/** Splits a condition into tokens; `python` strings take Python's backslash escapes. */
function tokenize(text: string, python: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      const [value, end] = readString(text, i, python);
      out.push({ kind: 'string', text: value, pos: start, end });
      i = end;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) fail('unclosed backtick', start);
      out.push({ kind: 'quoted_name', text: text.slice(i + 1, end), pos: start, end: end + 1 });
      i = end + 1;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(text[i + 1] ?? ''))) {
      const m = NUMBER.exec(text.slice(i)) as RegExpExecArray;
      out.push({ kind: 'number', text: m[0], pos: start, end: start + m[0].length });
      i += m[0].length;
      if (NAME_PART.test(text[i] ?? ''))
        fail(`invalid number ${JSON.stringify(text.slice(start, i + 1))}`, start);
    } else if (NAME_START.test(c)) {
      while (i < text.length && NAME_PART.test(text[i] as string)) i++;
      out.push({ kind: 'name', text: text.slice(start, i), pos: start, end: i });
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) fail(`unexpected character ${JSON.stringify(c)}`, start);
      out.push({ kind: 'op', text: op, pos: start, end: start + op.length });
      i += op.length;
    }
  }
  out.push({ kind: 'end', text: '', pos: text.length, end: text.length });
  return out;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/** A quoted string from position i: its value and the position after the closing quote. */
function readString(text: string, i: number, python: boolean): [string, number] {
  const quote = text[i] as string;
  let out = '';
  let j = i + 1;
  while (j < text.length) {
    const c = text[j] as string;
    if (c === quote) return [out, j + 1];
    if (c === '\\' && python) {
      const e = text[j + 1] ?? '';
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hex) {
        const digits = text.slice(j + 2, j + 2 + hex);
        if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) fail(`invalid \\${e} escape`, j);
        out += String.fromCodePoint(Number.parseInt(digits, 16));
        j += 2 + hex;
      } else if (e in ESCAPES) {
        out += ESCAPES[e];
        j += 2;
      } else {
        // Python keeps unknown escapes as written
        out += c;
        j += 1;
      }
      continue;
    }
    out += c;
    j++;
  }
  return fail('unclosed string', i);
}

// ---------------------------------------------------------------- parser

/** A parsed piece: a column, a literal, a list of literals, or a condition. */
type Node =
  | { readonly k: 'col'; readonly name: string; readonly pos: number }
  | { readonly k: 'lit'; readonly value: Literal; readonly pos: number }
  | { readonly k: 'list'; readonly values: readonly Literal[]; readonly pos: number }
  | { readonly k: 'cond'; readonly expr: Expr; readonly pos: number };

const CMP_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
const NULL_TESTS: Record<string, boolean> = { isnull: true, isna: true, notnull: false, notna: false };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

class Parser {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
  ) {}

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  /** A keyword: case-sensitive in Python, either case in GX's grammar. */
  private isWord(word: string, caseless = false, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'name' && (caseless ? t.text.toLowerCase() === word : t.text === word);
  }

  private unexpected(what: string, t: Token = this.peek()): never {
    const got = t.kind === 'end' ? 'the end of the condition' : JSON.stringify(this.text.slice(t.pos, t.end));
    if (t.kind === 'op' && ['+', '-', '*', '/', '%', '**'].includes(t.text)) {
      return fail(`arithmetic (${t.text}) is not supported in a row_condition`, t.pos);
    }
    if (t.kind === 'op' && t.text === '=') return fail('"=" assigns; compare with "=="', t.pos);
    if (t.kind === 'op' && t.text === '@') return fail('local variables (@name) are not supported', t.pos);
    return fail(`expected ${what}, got ${got}`, t.pos);
  }

  private expectOp(text: string, what = JSON.stringify(text)): Token {
    if (!this.isOp(text)) this.unexpected(what);
    return this.next();
  }

  private finish(e: Expr): Expr {
    if (this.peek().kind !== 'end') this.unexpected('"and", "or" or the end of the condition');
    return e;
  }

  // ------------------------------------------------------------ pandas (DataFrame.query)

  pandas(): Expr {
    return this.finish(this.asCondition(this.pdOr()));
  }

  private pdOr(): Node {
    let left = this.pdAnd();
    while (this.isWord('or') || this.isOp('|')) {
      this.next();
      const right = this.pdAnd();
      left = cond(join('or', this.asCondition(left), this.asCondition(right)), left.pos);
    }
    return left;
  }

  private pdAnd(): Node {
    let left = this.pdNot();
    while (this.isWord('and') || this.isOp('&')) {
      this.next();
      const right = this.pdNot();
      left = cond(join('and', this.asCondition(left), this.asCondition(right)), left.pos);
    }
    return left;
  }

  private pdNot(): Node {
    if (this.isWord('not')) {
      const t = this.next();
      return cond(not(this.asCondition(this.pdNot())), t.pos);
    }
    return this.pdComparison();
  }

  private pdComparison(): Node {
    const first = this.pdUnary();
    const parts: Expr[] = [];
    let left = first;
    for (;;) {
      const t = this.peek();
      let op: string | undefined;
      if (t.kind === 'op' && CMP_OPS.has(t.text)) op = t.text;
      else if (this.isWord('in')) op = 'in';
      else if (this.isWord('not') && this.isWord('in', false, 1)) op = 'not in';
      if (!op) break;
      this.next();
      if (op === 'not in') this.next();
      const right = this.pdUnary();
      parts.push(this.pdCompare(op, left, right, t));
      left = right;
    }
    return parts.length ? cond(and(...parts), first.pos) : first;
  }

  /** One comparison with pandas' meaning (`!=` and `not in` hold for missing values, as NaN != x). */
  private pdCompare(op: string, a: Node, b: Node, at: Token): Expr {
    if (op === 'in' || op === 'not in') {
      if (b.k !== 'list') fail(`"${op}" needs a list of values, as in [1, 2]`, b.pos);
      const member = isIn(this.column(a, op, at), b.values);
      return op === 'in' ? member : not(member);
    }
    if (a.k === 'list' || b.k === 'list') {
      // pandas reads `a == [1, 2]` as membership
      if (op !== '==' && op !== '!=') fail(`cannot use ${op} with a list`, at.pos);
      const [c, l] = a.k === 'list' ? [b, a] : [a, b];
      const member = isIn(this.column(c, op, at), (l as { values: readonly Literal[] }).values);
      return op === '==' ? member : not(member);
    }
    const [x, y] = this.operands(a, b, op, at);
    return op === '!=' ? not(cmp('==', x, y)) : cmp(op as CmpOp, x, y);
  }

  private pdUnary(): Node {
    const t = this.peek();
    if (this.isOp('~')) {
      this.next();
      return cond(not(this.asCondition(this.pdUnary())), t.pos);
    }
    if (this.isOp('-') || this.isOp('+')) {
      this.next();
      const n = this.peek();
      if (n.kind !== 'number') this.unexpected('a number', t);
      this.next();
      return { k: 'lit', value: numberValue(n.text, t.text === '-'), pos: t.pos };
    }
    return this.pdPostfix(this.pdAtom());
  }

  private pdAtom(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'quoted_name':
        return { k: 'col', name: t.text, pos: t.pos };
      case 'number':
        return { k: 'lit', value: numberValue(t.text, false), pos: t.pos };
      case 'string':
        return { k: 'lit', value: t.text, pos: t.pos };
      case 'name': {
        if (t.text === 'True' || t.text === 'False')
          return { k: 'lit', value: t.text === 'True', pos: t.pos };
        if (t.text === 'None') return { k: 'lit', value: null, pos: t.pos };
        if (['and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda'].includes(t.text)) {
          return this.unexpected('a column or a value', t);
        }
        return { k: 'col', name: t.text, pos: t.pos };
      }
      case 'op': {
        if (t.text === '[') return this.pdList(t, ']');
        if (t.text === '(') {
          const inner = this.pdOr();
          if (this.isOp(',')) return this.pdList(t, ')', inner);
          this.expectOp(')', '")"');
          return inner;
        }
        return this.unexpected('a column or a value', t);
      }
      default:
        return this.unexpected('a column or a value', t);
    }
  }

  /** A list or tuple of literals, the opening bracket read (and maybe its first item). */
  private pdList(open: Token, close: string, first?: Node): Node {
    const values: Literal[] = [];
    const item = (n: Node) => {
      if (n.k !== 'lit') fail('a list holds values (numbers, strings, True, False, None)', n.pos);
      values.push(n.value);
    };
    if (first) {
      item(first);
      this.next(); // the comma
    }
    while (!this.isOp(close)) {
      item(this.pdUnary());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp(close, `"," or "${close}"`);
    return { k: 'list', values, pos: open.pos };
  }

  /** `.isnull()`, `.notnull()` and their `isna`/`notna` aliases after a column. */
  private pdPostfix(n: Node): Node {
    if (!this.isOp('.')) return n;
    const dot = this.next();
    const m = this.next();
    if (m.kind !== 'name') this.unexpected('a method name', m);
    const isNullTest = NULL_TESTS[m.text];
    if (isNullTest === undefined) {
      fail(`unsupported method ${JSON.stringify(m.text)} (supported: isnull, notnull, isna, notna)`, m.pos);
    }
    this.expectOp('(', '"("');
    this.expectOp(')', '")"');
    const test = isNull(this.column(n, `.${m.text}()`, dot));
    return cond(isNullTest ? test : not(test), n.pos);
  }

  // ------------------------------------------------------------ great_expectations

  gx(): Expr {
    return this.finish(this.gxOr());
  }

  private gxOr(): Expr {
    let e = this.gxAnd();
    while (this.isWord('or', true)) {
      this.next();
      e = join('or', e, this.gxAnd());
    }
    return e;
  }

  private gxAnd(): Expr {
    let e = this.gxNot();
    while (this.isWord('and', true)) {
      this.next();
      e = join('and', e, this.gxNot());
    }
    return e;
  }

  private gxNot(): Expr {
    if (this.isWord('not', true)) {
      this.next();
      return not(this.gxNot());
    }
    if (this.isOp('(')) {
      this.next();
      const e = this.gxOr();
      this.expectOp(')', '")"');
      return e;
    }
    return this.gxColumnCondition();
  }

  /** `col("name") <op> <value>` or `col("name").notNull()`. */
  private gxColumnCondition(): Expr {
    if (!this.isWord('col')) this.unexpected('col("<column name>")');
    this.next();
    this.expectOp('(', '"("');
    const name = this.next();
    if (name.kind !== 'string') this.unexpected('a quoted column name', name);
    this.expectOp(')', '")"');
    const column = col(name.text);
    if (this.isOp('.')) {
      this.next();
      const m = this.next();
      if (m.kind !== 'name' || m.text.toLowerCase() !== 'notnull') this.unexpected('notNull()', m);
      this.expectOp('(', '"("');
      this.expectOp(')', '")"');
      return not(isNull(column));
    }
    const op = this.next();
    if (op.kind !== 'op' || !CMP_OPS.has(op.text)) {
      return this.unexpected('a comparison (==, !=, <, <=, >, >=) or .notNull()', op);
    }
    return cmp(op.text as CmpOp, column, lit(this.gxValue()));
  }

  /** A number, a quoted string, or `date("YYYY-MM-DD")`. */
  private gxValue(): Literal {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return numberValue(t.text, false);
    if (t.kind === 'op' && (t.text === '-' || t.text === '+') && this.peek().kind === 'number') {
      return numberValue(this.next().text, t.text === '-');
    }
    if (t.kind === 'name' && t.text === 'date') {
      this.expectOp('(', '"("');
      const s = this.next();
      if (s.kind !== 'string') this.unexpected('a quoted date', s);
      if (!ISO_DATE.test(s.text)) fail(`invalid date ${JSON.stringify(s.text)} (expected YYYY-MM-DD)`, s.pos);
      this.expectOp(')', '")"');
      return s.text;
    }
    return this.unexpected('a number, a quoted string or date("YYYY-MM-DD")', t);
  }

  // ------------------------------------------------------------ shared

  /** A node used where a condition is expected: a bare column means `column == True`, as pandas reads a boolean column. */
  private asCondition(n: Node): Expr {
    switch (n.k) {
      case 'cond':
        return n.expr;
      case 'col':
        return cmp('==', col(n.name), lit(true));
      case 'lit':
        if (typeof n.value === 'boolean') return n.value ? always : not(always);
        return fail('expected a condition, got a value', n.pos);
      default:
        return fail('expected a condition, got a list', n.pos);
    }
  }

  private column(n: Node, what: string, at: Token): Expr {
    if (n.k !== 'col') fail(`${what} applies to a column`, n.k === 'cond' ? at.pos : n.pos);
    return col(n.name);
  }

  /** The two sides of a comparison, at least one of them a column. */
  private operands(a: Node, b: Node, op: string, at: Token): [Expr, Expr] {
    const side = (n: Node): Expr => {
      if (n.k === 'col') return col(n.name);
      if (n.k === 'lit') return lit(n.value);
      return fail(`cannot compare a condition with ${op}; add parentheses`, at.pos);
    };
    const x = side(a);
    const y = side(b);
    if (a.k !== 'col' && b.k !== 'col') fail(`a comparison needs a column`, at.pos);
    return [x, y];
  }
}

function cond(expr: Expr, pos: number): Node {
  return { k: 'cond', expr, pos };
}

/** `and`/`or` of two conditions, flattening nested ones of the same kind. */
function join(op: 'and' | 'or', a: Expr, b: Expr): Expr {
  return { op, args: [a, b].flatMap((e) => (e.op === op ? e.args : [e])) };
}

/** A number literal's value: integers beyond 2^53 stay exact as bigint. */
function numberValue(text: string, negative: boolean): number | bigint {
  const digits = text.replace(/_/g, '');
  if (/^\d+$/.test(digits)) {
    const n = Number(digits);
    if (!Number.isSafeInteger(n)) return negative ? -BigInt(digits) : BigInt(digits);
    return negative ? -n : n;
  }
  const x = Number(digits);
  return negative ? -x : x;
}
