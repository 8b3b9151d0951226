/**
 * Row predicates as data: a small expression tree that map expectations declare. The same tree runs as
 * vectorised typed-array kernels (src/arrow/predicate.ts) and can be compiled to SQL later.
 */

/** A literal as it appears in suite kwargs. */
export type Literal = number | bigint | string | boolean | null;

/** A pair of literals, as column-pair value sets list them. */
export type LiteralPair = readonly [Literal, Literal];

/** A JSON document (a JSON Schema in kwargs). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

/** Comparison operators, with Python's meaning. */
export type CmpOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** An expression over the columns of one row. */
export type Expr =
  | { readonly op: 'col'; readonly name: string }
  | { readonly op: 'lit'; readonly value: Literal }
  | { readonly op: 'cmp'; readonly cmp: CmpOp; readonly left: Expr; readonly right: Expr }
  | { readonly op: 'in'; readonly arg: Expr; readonly values: readonly Literal[] }
  | { readonly op: 'regex'; readonly arg: Expr; readonly pattern: string }
  | { readonly op: 'like'; readonly arg: Expr; readonly pattern: string }
  | { readonly op: 'strftime'; readonly arg: Expr; readonly format: string }
  | { readonly op: 'dateutil'; readonly arg: Expr }
  | { readonly op: 'json'; readonly arg: Expr; readonly schema?: JsonValue }
  | { readonly op: 'pair_in'; readonly args: readonly [Expr, Expr]; readonly pairs: readonly LiteralPair[] }
  | { readonly op: 'distinct_in_row'; readonly args: readonly Expr[] }
  | { readonly op: 'length'; readonly arg: Expr }
  | { readonly op: 'add'; readonly args: readonly Expr[] }
  | { readonly op: 'and' | 'or'; readonly args: readonly Expr[] }
  | { readonly op: 'not'; readonly arg: Expr }
  | { readonly op: 'is_null'; readonly arg: Expr }
  | { readonly op: 'true' };

/** A column reference. */
export const col = (name: string): Expr => ({ op: 'col', name });
/** A literal value. */
export const lit = (value: Literal): Expr => ({ op: 'lit', value });
/** A comparison; null operands make it false. */
export const cmp = (op: CmpOp, left: Expr, right: Expr): Expr => ({ op: 'cmp', cmp: op, left, right });
/** Membership in a set of literals. */
export const isIn = (arg: Expr, values: readonly Literal[]): Expr => ({ op: 'in', arg, values });
/** A regular expression search (Python `re.search` semantics) on a string. */
export const regex = (arg: Expr, pattern: string): Expr => ({ op: 'regex', arg, pattern });
/** A SQL LIKE match of the whole string (`%` any run, `_` one character, backslash escapes). */
export const like = (arg: Expr, pattern: string): Expr => ({ op: 'like', arg, pattern });
/** The string parses with Python's `datetime.strptime` under a format. */
export const strftime = (arg: Expr, format: string): Expr => ({ op: 'strftime', arg, format });
/** The string parses with `dateutil.parser.parse`. */
export const dateutil = (arg: Expr): Expr => ({ op: 'dateutil', arg });
/** The string is JSON (Python's json.loads), valid against a JSON Schema when one is given. */
export const json = (arg: Expr, schema?: JsonValue): Expr =>
  schema === undefined ? { op: 'json', arg } : { op: 'json', arg, schema };
/** The row's pair of values is one of the pairs (missing values compare as null). */
export const pairIn = (a: Expr, b: Expr, pairs: readonly LiteralPair[]): Expr => ({
  op: 'pair_in',
  args: [a, b],
  pairs,
});
/** The row's values are pairwise distinct (missing values equal each other, as pandas' nunique). */
export const distinctInRow = (...args: Expr[]): Expr => ({ op: 'distinct_in_row', args });
/** The length of a string in characters (code points, as Python's len). */
export const length = (arg: Expr): Expr => ({ op: 'length', arg });
/** The numeric sum of several operands. */
export const add = (...args: Expr[]): Expr => ({ op: 'add', args });
/** Logical and. */
export const and = (...args: Expr[]): Expr => (args.length === 1 ? (args[0] as Expr) : { op: 'and', args });
/** Logical or. */
export const or = (...args: Expr[]): Expr => (args.length === 1 ? (args[0] as Expr) : { op: 'or', args });
/** Logical not. */
export const not = (arg: Expr): Expr => ({ op: 'not', arg });
/** True where the operand is missing (null, or NaN in a float column). */
export const isNull = (arg: Expr): Expr => ({ op: 'is_null', arg });
/** Always true. */
export const always: Expr = { op: 'true' };

/**
 * `min <= arg <= max` with either bound optional and either made strict; no bounds is always true.
 */
export function between(
  arg: Expr,
  min: Literal | undefined,
  max: Literal | undefined,
  strictMin = false,
  strictMax = false,
): Expr {
  const parts: Expr[] = [];
  if (min != null) parts.push(cmp(strictMin ? '>' : '>=', arg, lit(min)));
  if (max != null) parts.push(cmp(strictMax ? '<' : '<=', arg, lit(max)));
  return parts.length ? and(...parts) : always;
}

/** The columns an expression reads, in first-seen order. */
export function columnsOf(e: Expr, out: string[] = []): string[] {
  switch (e.op) {
    case 'col':
      if (!out.includes(e.name)) out.push(e.name);
      break;
    case 'cmp':
      columnsOf(e.left, out);
      columnsOf(e.right, out);
      break;
    case 'in':
    case 'regex':
    case 'like':
    case 'strftime':
    case 'dateutil':
    case 'json':
    case 'length':
    case 'not':
    case 'is_null':
      columnsOf(e.arg, out);
      break;
    case 'add':
    case 'and':
    case 'or':
    case 'pair_in':
    case 'distinct_in_row':
      for (const a of e.args) columnsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}

/** A stable text key for an expression, used to share work between expectations. */
export function exprKey(e: Expr): string {
  return JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
