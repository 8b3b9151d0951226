import { Int64, Table, Vector, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import type { ResultFormatOptions } from '../../src/result/types.js';
import { assertSplitInvariant } from '../helpers.js';
import { dict, utf8 } from './vectors.js';

/** GX's conformance setting: COMPLETE, with unexpected rows identified by a pk_index column. */
export const COMPLETE_PK: ResultFormatOptions = {
  result_format: 'COMPLETE',
  unexpected_index_column_names: ['pk_index'],
};

export { dict, utf8 };

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

/** Property: a map expectation's COMPLETE result does not depend on how the rows are split into batches. */
export function assertBatchIndependent(
  arbTable: fc.Arbitrary<Table>,
  type: string,
  kwargs: (t: Table) => Record<string, unknown>,
): Promise<void> {
  return assertSplitInvariant(arbTable, type, kwargs, COMPLETE_PK);
}

/** Arbitrary short strings with some nulls, including non-BMP characters and repeats. */
export const arbStrings: fc.Arbitrary<(string | null)[]> = fc.array(
  fc.option(fc.constantFrom('', 'a', 'ab', 'abc', 'b', 'bcd', 'é', '😀x', 'A1', 'zz\n'), { nil: null }),
  { maxLength: 30 },
);
