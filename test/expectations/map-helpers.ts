import { Int64, Table, Utf8, Vector, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ResultFormatOptions } from '../../src/result/types.js';
import { rebatch, runOne } from '../helpers.js';

/** GX's conformance setting: COMPLETE, with unexpected rows identified by a pk_index column. */
export const COMPLETE_PK: ResultFormatOptions = {
  result_format: 'COMPLETE',
  unexpected_index_column_names: ['pk_index'],
};

/** A plain Utf8 string column (vectorFromArray alone would dictionary-encode it). */
export const utf8 = (values: readonly (string | null)[]): Vector => vectorFromArray([...values], new Utf8());

/** A Dictionary<Int32, Utf8> string column. */
export const dict = (values: readonly (string | null)[]): Vector => vectorFromArray([...values]);

/** A table from vectors or typed arrays (typed arrays become vectors of their own type). */
export function table(columns: Record<string, Vector | Float64Array | BigInt64Array>): Table {
  return new Table(
    Object.fromEntries(
      Object.entries(columns).map(([k, v]) => [k, v instanceof Vector ? v : vectorFromArray(v)]),
    ),
  );
}

/** Both string encodings, for tests that must hold for each. */
export const STRING_ENCODINGS = [
  ['utf8', utf8],
  ['dictionary', dict],
] as const;

/**
 * A table of the given columns behind an unrelated leading column and followed by pk_index (row
 * numbers), so the engine's projection of [column, pk_index] is not a prefix of the schema.
 */
export function tableWithPk(columns: Record<string, Vector>): Table {
  const n = Object.values(columns)[0]?.length ?? 0;
  const rows = Array.from({ length: n }, (_, i) => BigInt(i));
  return new Table({
    unrelated: vectorFromArray(Float64Array.from(rows, (i) => Number(i) * 10)),
    ...columns,
    pk_index: vectorFromArray(rows, new Int64()),
  });
}

/** Property: an expectation's result does not depend on how the rows are split into batches. */
export async function assertBatchIndependent(
  arbTable: fc.Arbitrary<Table>,
  type: string,
  kwargs: (t: Table) => Record<string, unknown>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbTable, fc.integer({ min: 1, max: 9 }), async (table, size) => {
      const k = kwargs(table);
      const whole = await runOne(table, type, k, COMPLETE_PK);
      const split = await runOne(rebatch(table, size), type, k, COMPLETE_PK);
      expect(split).toEqual(whole);
    }),
    { numRuns: 60 },
  );
}

/** Arbitrary short strings with some nulls, including non-BMP characters and repeats. */
export const arbStrings: fc.Arbitrary<(string | null)[]> = fc.array(
  fc.option(fc.constantFrom('', 'a', 'ab', 'abc', 'b', 'bcd', 'é', '😀x', 'A1', 'zz\n'), { nil: null }),
  { maxLength: 30 },
);
