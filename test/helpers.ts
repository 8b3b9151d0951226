import { type RecordBatch, type Table, tableFromArrays, tableFromJSON } from 'apache-arrow';
import { runSuite } from '../src/engine/run.js';
import { registry } from '../src/expectations/index.js';
import { tableSource } from '../src/io/memory.js';
import type { ExpectationResult, ResultFormatLevel, ResultFormatOptions } from '../src/result/types.js';

/** Runs one expectation over a table and returns its result. */
export async function runOne(
  table: Table,
  type: string,
  kwargs: Record<string, unknown>,
  resultFormat?: ResultFormatLevel | ResultFormatOptions,
): Promise<ExpectationResult> {
  const r = await runSuite(
    { name: 't', expectations: [{ type, kwargs, meta: {} }], meta: {} },
    tableSource(table),
    registry,
    resultFormat ? { resultFormat } : {},
  );
  return r.results[0] as ExpectationResult;
}

/** Re-batches a table into batches of at most `size` rows (for batch-independence checks). */
export function rebatch(table: Table, size: number): Table {
  const batches: RecordBatch[] = [];
  for (const b of table.batches) for (let i = 0; i < b.numRows; i += size) batches.push(b.slice(i, i + size));
  // biome-ignore lint/suspicious/noExplicitAny: Table constructor takes batches
  return new (table.constructor as any)(table.schema, batches.length ? batches : table.batches);
}

export { tableFromArrays, tableFromJSON };
