import { columnsOf, type Expr, exprKey } from './expr.js';
import type { Metric } from './metric.js';

/**
 * A metric computed only over the rows where a condition holds (GX's row_condition): each batch reaches
 * the inner metric compacted to the kept rows, which keep their original row numbers. No metric knows
 * about conditions; the plan wraps the metrics of an expectation that has one.
 */
export function filtered<S, R>(inner: Metric<S, R>, condition: Expr): Metric<S, R> {
  const key = exprKey(condition);
  return {
    id: `${inner.id} where ${key}`,
    columns: [...new Set([...inner.columns, ...columnsOf(condition)])],
    ...(inner.approximateMergeAbove === undefined
      ? {}
      : { approximateMergeAbove: inner.approximateMergeAbove }),
    init: () => inner.init(),
    update: (s, b) => inner.update(s, b.where(condition, key)),
    merge: (a, b) => inner.merge(a, b),
    finish: (s) => inner.finish(s),
  };
}
