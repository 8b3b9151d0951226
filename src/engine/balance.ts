import { type DataType, type Schema, Type } from 'apache-arrow';
import { fixedValueBytes } from '../arrow/types.js';
import type { AnyMetric } from './metric.js';

/**
 * Rough cost of reading a column (decoding it and handing it between threads), per row, by type, in the
 * units of Metric.cost (~12 ns a row). Measured on the benchmark's file (10M rows): an 8-byte column
 * decodes in 0.35-0.41 s, an int32 one with nulls in 0.11 s, a dictionary one in 0.07 s, a utf8 one of
 * ~25 bytes a value in 1.0 s.
 */
function readCost(type: DataType | undefined): number {
  if (!type) return 3;
  if (type.typeId === Type.Dictionary) return 0.6;
  if (type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8) return 8;
  if (type.typeId === Type.Binary || type.typeId === Type.LargeBinary) return 8;
  const width = fixedValueBytes(type);
  return width === 0 ? 3 : Math.max(1, (3 * width) / 8);
}

/**
 * Rough cost per row of a metric's update (Metric.cost): a heavy one (a table of every value) costs
 * about twelve plain ones per column (measured on the benchmark: 1.4 s per 10M-value uniqueness column,
 * with the worker it runs in; 0.1 to 0.2 s for a range, null or set check, 1.0 to 1.4 s for a regular
 * expression over ~25 bytes).
 */
function updateCost(m: AnyMetric): number {
  return m.cost ?? (m.heavy ? 12 * m.columns.length : 1);
}

/**
 * What a metric adds to its thread's work besides its update: the batch views, validity bitmaps and
 * masks each metric unpacks or builds for itself. Measured on the benchmark's file (10M rows, each group
 * of metrics alone on one thread, less a run that reads no column): a column with one or two plain checks
 * costs 0.4 to 1.0 s all told, about two units per metric beyond its read.
 */
const METRIC_OVERHEAD = 1;

/**
 * Splits a run's metrics between this thread and one worker beside it, when some metrics are heavy:
 * the heavy ones go to the worker, then whole groups of metrics (those linked by the columns they share,
 * so that no column is read twice) follow while that evens out the two threads' estimated costs
 * (reading each column once, plus each metric's updates). Returns the ids for the worker; empty when
 * nothing is heavy.
 */
export function sideMetrics(metrics: ReadonlyMap<string, AnyMetric>, schema: Schema): Set<string> {
  const side = new Set([...metrics].filter(([, m]) => m.heavy).map(([id]) => id));
  if (side.size === 0) return side;
  const types = new Map(schema.fields.map((f) => [f.name, f.type]));
  const groups = columnGroups([...metrics].filter(([id]) => !side.has(id)));
  const cost = (ids: Iterable<string>) => {
    const cols = new Set<string>();
    let c = 0;
    for (const id of ids) {
      const m = metrics.get(id) as AnyMetric;
      c += updateCost(m) + METRIC_OVERHEAD;
      for (const col of m.columns) cols.add(col);
    }
    for (const col of cols) c += readCost(types.get(col));
    return c;
  };
  let here = groups.flat();
  let left = groups;
  // the group whose move evens the two threads best, in turn, while a move narrows the gap (and leaves
  // this thread something to read, as the rows are counted here); moving the costliest first instead
  // sent the benchmark's regular expression aside, which overshot the other way
  for (;;) {
    let best: string[] | undefined;
    let bestGap = Math.abs(cost(side) - cost(here));
    for (const g of left) {
      const rest = here.filter((id) => !g.includes(id));
      const gap = Math.abs(cost([...side, ...g]) - cost(rest));
      if (rest.length > 0 && gap < bestGap) {
        best = g;
        bestGap = gap;
      }
    }
    if (!best) return side;
    const moved = best;
    for (const id of moved) side.add(id);
    here = here.filter((id) => !moved.includes(id));
    left = left.filter((g) => g !== moved);
  }
}

/** Metrics grouped so that two metrics reading a common column are in the same group. */
function columnGroups(metrics: readonly [string, AnyMetric][]): string[][] {
  const parent = metrics.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const byColumn = new Map<string, number>();
  metrics.forEach(([, m], i) => {
    for (const c of m.columns) {
      const j = byColumn.get(c);
      if (j === undefined) byColumn.set(c, i);
      else parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, string[]>();
  metrics.forEach(([id], i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), id]);
  });
  return [...groups.values()];
}
