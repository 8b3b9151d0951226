import { makeVector } from 'apache-arrow';
import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import { defineExpectation } from '../engine/expectation.js';
import type { Metric } from '../engine/metric.js';
import type { Registry } from '../engine/run.js';
import {
  type Capture,
  emptyMapState,
  finishMapState,
  type MapState,
  mergeMapStates,
  tallyBatch,
} from '../metrics/map.js';
import type { MapOutcome } from '../result/types.js';
import { columnName, mostly, runtimeKeys } from '../suite/kwargs.js';

/**
 * Row checks written as JS callbacks, `(row) => row.end_ts >= row.start_ts`. They run through the engine
 * like any map expectation, as an expectation only the schema's own registry knows: a function cannot
 * be written into a suite file. Each row becomes an object (values as apache-arrow returns them, null for
 * missing ones), so a callback is much slower than an expression check.
 */

/** A callback row check; `true` passes, anything else fails. */
// biome-ignore lint/suspicious/noExplicitAny: a schema's callbacks take its own row type
export type RowCallback = (row: any) => boolean;

/** The type callback checks compile to. */
export const CALLBACK_TYPE = 'expect_multicolumn_values_to_satisfy_callback';

/** Kwargs of a callback check: its name, the columns its rows hold, and mostly. */
export const callbackKwargs = z.strictObject({
  check: z.string().min(1, 'a check needs a name'),
  column_list: z.array(columnName).min(1, 'expected at least one column'),
  mostly,
  ...runtimeKeys,
});

/** The rows of a batch as objects of the columns' values (null where missing), one at a time. */
function rowReader(b: BatchView, columns: readonly string[]): (i: number) => Record<string, unknown> {
  const cols = columns.map((name) => {
    const view = b.column(name);
    // strings through our decoder: apache-arrow's Vector.get drops a leading U+FEFF from a value
    const vector = makeVector(view.data);
    const get =
      view.family === 'string' ? (i: number) => view.strings().get(i) : (i: number) => vector.get(i);
    return { name, get, valid: view.validity() };
  });
  return (i) => {
    const row: Record<string, unknown> = {};
    for (const c of cols) row[c.name] = c.valid && !c.valid[i] ? null : c.get(i);
    return row;
  };
}

function callbackMetric(
  name: string,
  fn: RowCallback,
  columns: readonly string[],
  capture: Capture,
): Metric<MapState, MapOutcome> {
  const o = { domain: columns, shape: 'record' as const, capture };
  return {
    id: `callback(${JSON.stringify(name)}|${columns.join(',')}|${capture.limit})`,
    columns,
    init: () => emptyMapState(capture),
    update(s, b) {
      const read = rowReader(b, columns);
      const ok = new Uint8Array(b.numRows);
      for (let i = 0; i < ok.length; i++) {
        let passed: unknown;
        try {
          passed = fn(read(i));
        } catch (e) {
          throw new Error(
            `check ${JSON.stringify(name)} threw at row ${b.rowNumber(i)}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
        ok[i] = passed === true ? 1 : 0;
      }
      return tallyBatch(s, b, ok, null, o);
    },
    merge: (a, b) => mergeMapStates(a, b, capture.limit),
    finish: (s) => finishMapState(s, true),
  };
}

/** The engine's registry plus an expectation running these callbacks, looked up by check name. */
export function callbackRegistry(base: Registry, callbacks: ReadonlyMap<string, RowCallback>): Registry {
  if (callbacks.size === 0) return base;
  const def = defineExpectation({
    type: CALLBACK_TYPE,
    description: 'Each row passes a JavaScript callback of a typed schema (named by check).',
    domain: 'multicolumn',
    accepts: ANY,
    kwargs: callbackKwargs.refine((k) => callbacks.has(k.check), {
      message: 'no callback check of that name in the schema',
      path: ['check'],
    }),
    sentence: (k) => `each row passes the check ${JSON.stringify(k.check)}`,
    examples: [],
    map: {
      metric: (k, capture) =>
        callbackMetric(k.check, callbacks.get(k.check) as RowCallback, k.column_list, capture),
    },
  });
  return new Map([...base, [CALLBACK_TYPE, def]]);
}
