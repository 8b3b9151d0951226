import { Table, type Vector } from 'apache-arrow';
import fc from 'fast-check';
import { BatchView } from '../../src/engine/batch.js';
import type { Metric } from '../../src/engine/metric.js';

/** A one-column table with the column named `x`, as the metric tests read it. */
export const one = (v: Vector): Table => new Table({ x: v });

/** Runs a metric over the table as one state fed batch by batch. */
export function runWhole<S, R>(metric: Metric<S, R>, table: Table): R {
  let s = metric.init();
  let off = 0;
  for (const b of table.batches) {
    s = metric.update(s, new BatchView(b, off));
    off += b.numRows;
  }
  return metric.finish(s);
}

/**
 * Runs a metric with the rows cut at `cuts` into chunks, one state per chunk, each state passed through
 * structuredClone (as a worker would ship it) and merged in an order `picks` chooses (any two states, not
 * only neighbours, so merge must not depend on order).
 */
export function runSplit<S, R>(
  metric: Metric<S, R>,
  table: Table,
  cuts: readonly number[],
  picks: readonly number[],
): R {
  const whole = table.batches[0];
  if (!whole || table.batches.length !== 1) throw new Error('runSplit expects a table of one batch');
  const bounds = [
    0,
    ...[...new Set(cuts)].filter((c) => c > 0 && c < whole.numRows).sort((a, b) => a - b),
    whole.numRows,
  ];
  const states: S[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as number;
    const s = metric.update(metric.init(), new BatchView(whole.slice(from, bounds[i + 1] as number), from));
    states.push(structuredClone(s));
  }
  if (!states.length) states.push(metric.init());
  let p = 0;
  while (states.length > 1) {
    const i = (picks[p++ % Math.max(picks.length, 1)] ?? 0) % states.length;
    const a = states.splice(i, 1)[0] as S;
    const j = (picks[p++ % Math.max(picks.length, 1)] ?? 0) % states.length;
    const b = states.splice(j, 1)[0] as S;
    states.push(metric.merge(a, b));
  }
  return metric.finish(states[0] as S);
}

/** Cut points and merge picks for runSplit. */
export const arbSplit = fc.record({
  cuts: fc.array(fc.nat({ max: 60 }), { maxLength: 8 }),
  picks: fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 16 }),
});

export { dict, timestamps, utf8 } from '../expectations/vectors.js';
