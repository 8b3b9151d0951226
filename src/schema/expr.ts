import * as E from '../engine/expr.js';
import type { ExpectationConfig } from '../result/types.js';
import { kwargLiteral } from './columns.js';

/**
 * Expression helpers for row checks: `col('a').gt(col('b'))`, `col('a').plus(col('b')).eq(100)`,
 * `or(col('x').isNull(), col('x').ge(0))`. They build the engine's predicate tree (src/engine/expr.ts),
 * so a check runs vectorised; where GX has the same expectation it compiles to it (see compileCondition).
 * As in GX and pandas, a comparison with a missing value (null, NaN) is false.
 */

/** A literal operand: numbers, bigints, strings, booleans, null; Dates compare with date and timestamp columns. */
export type LiteralInput = number | bigint | string | boolean | null | Date;
/** An operand: a value expression or a literal. */
export type Operand = Value | LiteralInput;

function node(o: Operand): E.Expr {
  return o instanceof Value ? o.node : E.lit(kwargLiteral(o, 'an expression') as E.Literal);
}

/** A boolean row condition. */
export class Condition {
  constructor(readonly node: E.Expr) {}

  /** Both this and every other condition hold. */
  and(...others: Condition[]): Condition {
    return and(this, ...others);
  }

  /** This or another condition holds. */
  or(...others: Condition[]): Condition {
    return or(this, ...others);
  }

  /** The condition does not hold. */
  not(): Condition {
    return not(this);
  }
}

/** A value per row: a column, or a sum of columns and literals. */
export class Value {
  constructor(readonly node: E.Expr) {}

  private cmp(op: E.CmpOp, other: Operand): Condition {
    return new Condition(E.cmp(op, this.node, node(other)));
  }

  /** Greater than. */
  gt(other: Operand): Condition {
    return this.cmp('>', other);
  }

  /** Greater than or equal to. */
  ge(other: Operand): Condition {
    return this.cmp('>=', other);
  }

  /** Less than. */
  lt(other: Operand): Condition {
    return this.cmp('<', other);
  }

  /** Less than or equal to. */
  le(other: Operand): Condition {
    return this.cmp('<=', other);
  }

  /** Equal to. */
  eq(other: Operand): Condition {
    return this.cmp('==', other);
  }

  /** Not equal to (false where a value is missing, as every comparison). */
  ne(other: Operand): Condition {
    return this.cmp('!=', other);
  }

  /** The numeric sum of this and the others (missing when any operand is). */
  plus(...others: Operand[]): Value {
    const terms = [this.node, ...others.map(node)].flatMap((t) => (t.op === 'add' ? t.args : [t]));
    return new Value(E.add(...terms));
  }

  /** The value is one of these. */
  in(values: readonly LiteralInput[]): Condition {
    return new Condition(
      E.isIn(
        this.node,
        values.map((v) => kwargLiteral(v, 'in()') as E.Literal),
      ),
    );
  }

  /** The value is missing (null, or NaN in a float column). */
  isNull(): Condition {
    return new Condition(E.isNull(this.node));
  }

  /** The value is present. */
  notNull(): Condition {
    return new Condition(E.not(E.isNull(this.node)));
  }
}

/** A column's value in each row. */
export function col(name: string): Value {
  return new Value(E.col(name));
}

/** A literal as a value, for sums that start with one: `lit(1).plus(col('a'))`. */
export function lit(value: LiteralInput): Value {
  return new Value(node(value));
}

function join(op: 'and' | 'or', conditions: readonly Condition[]): Condition {
  const args = conditions.flatMap((c) => (c.node.op === op ? c.node.args : [c.node]));
  return new Condition(op === 'and' ? E.and(...args) : E.or(...args));
}

/** Every condition holds. */
export function and(...conditions: Condition[]): Condition {
  return join('and', conditions);
}

/** At least one condition holds. */
export function or(...conditions: Condition[]): Condition {
  return join('or', conditions);
}

/** The condition does not hold. */
export function not(condition: Condition): Condition {
  return new Condition(E.not(condition.node));
}

/** Which rows with missing values a row check leaves out (GX's multicolumn ignore_row_if). */
export type IgnoreRowIf = 'all_values_are_missing' | 'any_value_is_missing' | 'never';

/** Options of a row check. */
export interface RowCheckOptions {
  /** The share of considered rows that must pass (0..1, default 1). */
  mostly?: number;
  /** Rows left out: with all values missing (default, as GX's multicolumn expectations), any, or none. */
  ignoreRowIf?: IgnoreRowIf;
}

const PAIR_IGNORE: Record<IgnoreRowIf, string> = {
  all_values_are_missing: 'both_values_are_missing',
  any_value_is_missing: 'either_value_is_missing',
  never: 'neither',
};

const PAIR_GREATER: Partial<Record<E.CmpOp, { swap: boolean; orEqual: boolean }>> = {
  '>': { swap: false, orEqual: false },
  '>=': { swap: false, orEqual: true },
  '<': { swap: true, orEqual: false },
  '<=': { swap: true, orEqual: true },
};

function sumColumns(e: E.Expr): string[] | undefined {
  if (e.op !== 'add' || !e.args.every((a) => a.op === 'col')) return undefined;
  const names = e.args.map((a) => (a as { name: string }).name);
  return new Set(names).size === names.length ? names : undefined;
}

/**
 * The expectation a row condition compiles to: GX's own where one means the same (`a > b`, `a >= b`,
 * `a < b`, `a <= b` between two columns: expect_column_pair_values_a_to_be_greater_than_b; `a == b`:
 * expect_column_pair_values_to_be_equal; a sum of distinct columns equal to a number:
 * expect_multicolumn_sum_to_equal), else expect_multicolumn_values_to_satisfy_expression over the tree.
 */
export function compileCondition(
  condition: Condition,
  options: RowCheckOptions = {},
): Pick<ExpectationConfig, 'type' | 'kwargs'> {
  const e = condition.node;
  const ignore = options.ignoreRowIf;
  const common = {
    ...(options.mostly !== undefined ? { mostly: options.mostly } : {}),
  };
  if (e.op === 'cmp' && e.left.op === 'col' && e.right.op === 'col') {
    const pairIgnore =
      ignore && ignore !== 'all_values_are_missing' ? { ignore_row_if: PAIR_IGNORE[ignore] } : {};
    const greater = PAIR_GREATER[e.cmp];
    const [a, b] = [e.left.name, e.right.name];
    if (greater) {
      const [A, B] = greater.swap ? [b, a] : [a, b];
      return {
        type: 'expect_column_pair_values_a_to_be_greater_than_b',
        kwargs: {
          column_A: A,
          column_B: B,
          ...(greater.orEqual ? { or_equal: true } : {}),
          ...common,
          ...pairIgnore,
        },
      };
    }
    if (e.cmp === '==') {
      return {
        type: 'expect_column_pair_values_to_be_equal',
        kwargs: { column_A: a, column_B: b, ...common, ...pairIgnore },
      };
    }
  }
  const multiIgnore = ignore && ignore !== 'all_values_are_missing' ? { ignore_row_if: ignore } : {};
  if (e.op === 'cmp' && e.cmp === '==') {
    const [sum, total] = e.right.op === 'lit' ? [e.left, e.right] : [e.right, e.left];
    const columns = sumColumns(sum);
    if (columns && total.op === 'lit' && typeof total.value === 'number') {
      return {
        type: 'expect_multicolumn_sum_to_equal',
        kwargs: { column_list: columns, sum_total: total.value, ...common, ...multiIgnore },
      };
    }
  }
  return {
    type: 'expect_multicolumn_values_to_satisfy_expression',
    kwargs: { expression: e, ...common, ...multiIgnore },
  };
}
