import type { BatchView } from './batch.js';

/**
 * A mergeable computation over the data: `init` a state, `update` it with each batch, `merge` two
 * states (from other batches, row groups, files or workers, in any grouping), `finish` into a value.
 * States must be structured-cloneable (plain objects, arrays, typed arrays, Maps) so workers can ship
 * them. Metrics with the same id compute the same thing and are computed once per run.
 */
export interface Metric<S = unknown, R = unknown> {
  /** Identity for deduplication, e.g. `column.min_max(price)`. */
  readonly id: string;
  /** Columns the metric reads (the reader projects to the union of these). */
  readonly columns: readonly string[];
  /**
   * Above this many rows, merged states may answer differently (within a stated bound) from one state
   * fed every batch, as a sketch does: a run over more rows keeps to one thread, so results stay the same.
   */
  readonly approximateMergeAbove?: number;
  /**
   * Its update costs far more per row than most (it builds a table of every value, as uniqueness does):
   * on a large splittable source a run may give such metrics a thread of their own (see runSuite), which
   * then finishes them itself, so a heavy metric's finished value must be structured-cloneable too.
   */
  readonly heavy?: boolean;
  /**
   * Rough cost of its update per row, in units of a plain check's (a range or null test, ~12 ns a row
   * here): what balance.ts weighs when it shares metrics between threads. Default 1, or 12 per column
   * for a heavy metric.
   */
  readonly cost?: number;
  init(): S;
  update(state: S, batch: BatchView): S;
  merge(a: S, b: S): S;
  finish(state: S): R;
}

/** Any metric, for collections. */
// biome-ignore lint/suspicious/noExplicitAny: a registry of heterogeneous metrics
export type AnyMetric = Metric<any, any>;

/** A metric that reads no rows and only counts them. */
export const rowCount: Metric<number, number> = {
  id: 'table.row_count',
  columns: [],
  init: () => 0,
  update: (n, b) => n + b.numRows,
  merge: (a, b) => a + b,
  finish: (n) => n,
};
