import { z } from 'zod';
import type { CmpOp, Expr, Literal } from '../../engine/expr.js';
import { columnName } from '../../suite/kwargs.js';

/**
 * Row expressions as suite kwargs: the subset of the predicate tree (src/engine/expr.ts) that a suite
 * may spell out as JSON, and its text form for sentences (pandas `DataFrame.query` style).
 */

const literal = z.union([z.number(), z.bigint(), z.string(), z.boolean(), z.null()]);
const CMP_OPS = ['<', '<=', '>', '>=', '==', '!='] as const satisfies readonly CmpOp[];

/** A row expression written as JSON: columns, literals, comparisons, sums, membership, patterns, logic. */
export const expressionSchema: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('col'), name: columnName }),
    z.strictObject({ op: z.literal('lit'), value: literal }),
    z.strictObject({
      op: z.literal('cmp'),
      cmp: z.enum(CMP_OPS),
      left: expressionSchema,
      right: expressionSchema,
    }),
    z.strictObject({ op: z.literal('in'), arg: expressionSchema, values: z.array(literal) }),
    z.strictObject({ op: z.literal('regex'), arg: expressionSchema, pattern: z.string() }),
    z.strictObject({ op: z.literal('length'), arg: expressionSchema }),
    z.strictObject({ op: z.literal('add'), args: z.array(expressionSchema).min(1) }),
    z.strictObject({ op: z.literal('and'), args: z.array(expressionSchema).min(1) }),
    z.strictObject({ op: z.literal('or'), args: z.array(expressionSchema).min(1) }),
    z.strictObject({ op: z.literal('not'), arg: expressionSchema }),
    z.strictObject({ op: z.literal('is_null'), arg: expressionSchema }),
    z.strictObject({ op: z.literal('true') }),
  ]),
) as z.ZodType<Expr>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function literalText(v: Literal): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** Binding strength of an expression's text, to parenthesise only where needed. */
function precedence(e: Expr): number {
  switch (e.op) {
    case 'or':
      return 1;
    case 'and':
      return 2;
    case 'not':
      return 3;
    case 'cmp':
    case 'in':
      return 4;
    case 'add':
      return 5;
    default:
      return 6;
  }
}

function wrapped(e: Expr, min: number): string {
  const text = expressionText(e);
  return precedence(e) < min ? `(${text})` : text;
}

/**
 * An expression as text in pandas `DataFrame.query` style: `a > b`, `a + b == 100`, `x in [1, 2]`,
 * `a.isnull() | (b >= 0)`; columns that are not identifiers are back-quoted.
 */
export function expressionText(e: Expr): string {
  switch (e.op) {
    case 'col':
      return IDENTIFIER.test(e.name) ? e.name : `\`${e.name.replace(/`/g, '``')}\``;
    case 'lit':
      return literalText(e.value);
    case 'cmp':
      return `${wrapped(e.left, 5)} ${e.cmp} ${wrapped(e.right, 5)}`;
    case 'in':
      return `${wrapped(e.arg, 5)} in [${e.values.map(literalText).join(', ')}]`;
    case 'regex':
      return `${wrapped(e.arg, 6)}.str.contains(${JSON.stringify(e.pattern)})`;
    case 'length':
      return `${wrapped(e.arg, 6)}.str.len()`;
    case 'add':
      return e.args.map((a) => wrapped(a, 6)).join(' + ');
    case 'and':
      return e.args.map((a) => wrapped(a, 3)).join(' & ');
    case 'or':
      return e.args.map((a) => wrapped(a, 2)).join(' | ');
    case 'not':
      return `~${wrapped(e.arg, 6)}`;
    case 'is_null':
      return `${wrapped(e.arg, 6)}.isnull()`;
    case 'true':
      return 'True';
    default:
      return e.op;
  }
}
