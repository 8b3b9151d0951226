import type { Table } from 'apache-arrow';
import fc from 'fast-check';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { buildTable, type Columns, KWARGS } from '../engine/split-cases.js';

/**
 * Every registered expectation over tables of edge values: no rows, every value missing, and the values
 * that break naive code (NaN, -0, ±Infinity, int64 at ±2^63 and beyond 2^53, empty and 1 MiB strings).
 * Each must give a result, or a result with exception_info, never throw and never take long.
 */

const MiB = 2 ** 20;
const P63 = 2n ** 63n;
const P53 = 2n ** 53n;

const empty = (n: number): Columns => ({
  id: Array.from({ length: n }, (_, i) => i),
  i64: Array(n).fill(null),
  f64: Array(n).fill(null),
  f2: Array(n).fill(null),
  k: Array(n).fill(null),
  s: Array(n).fill(null),
  b: Array(n).fill(null),
  ts: Array(n).fill(null),
  d: Array(n).fill(null),
  cat: Array(n).fill(null),
});

/** The edge tables, by name; the columns are those of test/engine/split-cases.ts, so its kwargs fit. */
export const EDGE_TABLES: Readonly<Record<string, () => Table>> = {
  'no rows': () => buildTable(empty(0)),
  'every value missing': () => buildTable(empty(6)),
  'edge values': () =>
    buildTable({
      id: [0, 1, 2, 3, 4, 5, 6],
      i64: [P63 - 1n, -P63, P53 + 1n, -P53 - 1n, P63 - 2n, 0n, null],
      f64: [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, 5e-324],
      f2: [-0, 0, Number.NaN, 0.5, -0, null, 1.5],
      k: [0, 1, 4, null, 0, 0, 2],
      s: ['', 'a'.repeat(MiB), `${' '.repeat(MiB)}x`, 'é😀'.repeat(MiB / 6), '', null, 'x'],
      b: [true, false, null, true, true, false, false],
      ts: [-62_135_596_800_000_000n, 253_402_300_799_999_999n, 0n, -1n, null, 1n, 0n],
      d: [-719_162, 2_932_896, 0, null, -1, 1, 0],
      cat: ['', 'red', 'é', null, 'red', '', 'blue'],
    }),
};

/** How one expectation ended on one table. */
export type EdgeOutcome = 'result' | 'exception_info' | 'threw' | 'slow';

/** One run of one expectation with one set of kwargs on one edge table. */
export interface EdgeRun {
  readonly table: string;
  readonly type: string;
  readonly kwargs: Record<string, unknown>;
  readonly outcome: EdgeOutcome;
  readonly message?: string;
  readonly ms: number;
}

/** A run slower than this counts as a hang: the slowest (dateutil parsing 4 MiB of text) takes a few seconds on a busy machine. */
export const SLOW_MS = 20_000;

/** Kwargs for each registered expectation, drawn from split-cases' KWARGS with a fixed seed. */
export function edgeKwargs(): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const type of registry.keys()) {
    const arb = KWARGS[type];
    out.set(type, arb ? fc.sample(arb, { numRuns: 1, seed: 6 }).flat() : []);
  }
  return out;
}

/** Runs every registered expectation, with each of its kwargs, on every edge table. */
export async function runEdgeTables(): Promise<EdgeRun[]> {
  const runs: EdgeRun[] = [];
  const kwargs = edgeKwargs();
  for (const [table, build] of Object.entries(EDGE_TABLES)) {
    const t = build();
    for (const [type, list] of kwargs) {
      for (const k of list) {
        const started = performance.now();
        let outcome: EdgeOutcome;
        let message: string | undefined;
        try {
          const r = await runSuite(
            { name: 'edge', meta: {}, expectations: [{ type, kwargs: k, meta: {} }] },
            tableSource(t),
            registry,
            { resultFormat: { result_format: 'COMPLETE' } },
          );
          const e = r.results[0]?.exception_info;
          outcome = e?.raised_exception ? 'exception_info' : 'result';
          message = e?.exception_message ?? undefined;
        } catch (e) {
          outcome = 'threw';
          message = e instanceof Error ? e.message : String(e);
        }
        const ms = performance.now() - started;
        if (ms > SLOW_MS && outcome !== 'threw') outcome = 'slow';
        runs.push({ table, type, kwargs: k, outcome, ms, ...(message ? { message } : {}) });
      }
    }
  }
  return runs;
}
