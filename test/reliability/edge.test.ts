import { describe, expect, it } from 'vitest';
import { registry } from '../../src/expectations/index.js';
import { EDGE_TABLES, type EdgeRun, edgeKwargs, runEdgeTables, SLOW_MS } from './edge.js';

/**
 * Expectations that cannot run without values, as GX's cannot: a KL divergence needs a partition, which
 * it builds from the data when none is given.
 */
const NEEDS_VALUES: Readonly<Record<string, RegExp>> = {
  expect_column_kl_divergence_to_be_less_than: /^the column has no values to build a partition from$/,
};

describe('every registered expectation on edge tables', () => {
  let runs: EdgeRun[] = [];

  it('has kwargs for every registered expectation', () => {
    const kwargs = edgeKwargs();
    expect([...kwargs.keys()].filter((t) => (kwargs.get(t) ?? []).length === 0)).toEqual([]);
    expect(kwargs.size).toBe(registry.size);
  });

  it(`gives a result or exception_info, never throws, never takes ${SLOW_MS} ms`, async () => {
    runs = await runEdgeTables();
    expect(runs.filter((r) => r.outcome === 'threw' || r.outcome === 'slow')).toEqual([]);
    const raised = runs.filter((r) => r.outcome === 'exception_info');
    for (const r of raised) {
      expect(r.table, `${r.type} on ${r.table}: ${r.message}`).not.toBe('edge values');
      expect(r.message, r.type).toMatch(NEEDS_VALUES[r.type] ?? /^$/);
    }
    expect(runs.length).toBeGreaterThanOrEqual(registry.size * Object.keys(EDGE_TABLES).length);
  }, 120_000);
});
