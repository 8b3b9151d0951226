import {
  type Data,
  Field,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableFromArrays,
  tableFromJSON,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { AnyExpectationDef } from '../src/engine/expectation.js';
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

/**
 * Property: an expectation's whole result does not depend on how the rows are split into batches
 * (`kwargs` may depend on the generated table).
 */
export async function assertSplitInvariant(
  arbTable: fc.Arbitrary<Table>,
  type: string,
  kwargs: Record<string, unknown> | ((t: Table) => Record<string, unknown>),
  resultFormat?: ResultFormatLevel | ResultFormatOptions,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbTable, fc.integer({ min: 1, max: 9 }), async (table, size) => {
      const k = typeof kwargs === 'function' ? kwargs(table) : kwargs;
      const whole = await runOne(table, type, k, resultFormat);
      const split = await runOne(rebatch(table, size), type, k, resultFormat);
      expect(split).toEqual(whole);
    }),
    { numRuns: 60 },
  );
}

/** The sentence of an expectation for kwargs as written (parsed with its schema first). */
export function sentenceOf(def: AnyExpectationDef, kwargs: Record<string, unknown>): string {
  return def.sentence(def.kwargs.parse(kwargs));
}

/**
 * A table of nullable utf8 columns, named as given in order. It is built from fields, not from an object
 * keyed by the names (as tableFromArrays takes), which would lose or choke on a column named `__proto__`.
 */
export function stringTable(columns: readonly (readonly [name: string, values: readonly string[]])[]): Table {
  const fields = columns.map(([n]) => new Field(n, new Utf8(), true));
  const children = columns.map(([, values]) => vectorFromArray([...values], new Utf8()).data[0] as Data);
  const length = columns[0]?.[1].length ?? 0;
  return new Table(
    new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length, children })),
  );
}

export { tableFromArrays, tableFromJSON };
