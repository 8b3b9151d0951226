import {
  Binary,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  type RecordBatch,
  Table,
  TimestampMicrosecond,
  Uint64,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultValue } from '../../src/arrow/column.js';
import { BatchView } from '../../src/engine/batch.js';
import { type DuplicatesOptions, type DupState, duplicatesMetric } from '../../src/metrics/duplicates.js';
import type { Capture, IgnoreIf } from '../../src/metrics/map.js';
import type { MapOutcome } from '../../src/result/types.js';
import { floats, ints, utf8 } from '../expectations/vectors.js';
import { runWhole as runMetric } from './drive.js';

type Opts = Omit<DuplicatesOptions, 'schema'>;

/** Runs the metric over the table as one state fed batch by batch. */
function runWhole(table: Table, o: Opts): MapOutcome {
  return runMetric(duplicatesMetric({ ...o, schema: table.schema }), table);
}

/**
 * Runs the metric with the rows cut into chunks, the chunks dealt to several states (each state sees
 * its chunks in ascending order, so a state covers non-contiguous rows), then merges the states
 * pairwise in a random order.
 */
function runSplit(table: Table, o: Opts, cuts: number[], owners: number[], picks: number[]): MapOutcome {
  const m = duplicatesMetric({ ...o, schema: table.schema });
  const batch = table.batches[0] as RecordBatch;
  const bounds = [...new Set([0, ...cuts.map((c) => c % (table.numRows + 1)), table.numRows])].sort(
    (a, b) => a - b,
  );
  const states: DupState[] = Array.from({ length: 4 }, () => m.init());
  bounds.slice(1).forEach((end, i) => {
    const start = bounds[i] as number;
    const owner = (owners[i] ?? 0) % states.length;
    states[owner] = m.update(states[owner] as DupState, new BatchView(batch.slice(start, end), start));
  });
  // Structured cloning stands in for shipping states between workers.
  const pool = states.map((s) => structuredClone(s));
  let p = 0;
  while (pool.length > 1) {
    const i = (picks[p++] ?? 0) % pool.length;
    const [a] = pool.splice(i, 1) as [DupState];
    const j = (picks[p++] ?? 0) % pool.length;
    const [b] = pool.splice(j, 1) as [DupState];
    pool.push(m.merge(a, b));
  }
  return m.finish(pool[0] as DupState);
}

/** The answer by brute force: all rows whose key occurs more than once among the considered rows. */
function oracle(
  keys: (string | null)[],
  missing: boolean[],
  values: ResultValue[],
  limit: number,
): Pick<MapOutcome, 'unexpectedCount' | 'rows' | 'values' | 'missingCount'> {
  const counts = new Map<string | null, number>();
  keys.forEach((k, i) => {
    if (!missing[i]) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const rows = keys.flatMap((k, i) => (!missing[i] && (counts.get(k) as number) > 1 ? [i] : []));
  return {
    unexpectedCount: rows.length,
    rows: rows.slice(0, limit),
    values: rows.slice(0, limit).map((i) => values[i] as ResultValue),
    missingCount: missing.filter(Boolean).length,
  };
}

const arbRows = fc.array(
  fc.record({
    a: fc.option(fc.integer({ min: -2, max: 3 }), { nil: null }),
    s: fc.option(fc.constantFrom('', 'x', 'y', 'null', '1'), { nil: null }),
    f: fc.constantFrom(0, 1.5, -0, Number.NaN, 2),
  }),
  { maxLength: 50 },
);

type Row = { a: number | null; s: string | null; f: number };

function rowsTable(rows: Row[], dictionary: boolean): Table {
  return new Table({
    a: vectorFromArray(
      rows.map((r) => r.a),
      new Int32(),
    ),
    s: vectorFromArray(
      rows.map((r) => r.s),
      dictionary ? new Dictionary(new Utf8(), new Int32()) : new Utf8(),
    ),
    f: vectorFromArray(
      rows.map((r) => r.f),
      new Float64(),
    ),
    id: vectorFromArray(
      rows.map((_, i) => i),
      new Int32(),
    ),
  });
}

const isMissing = (v: unknown) => v === null || Number.isNaN(v);

describe('duplicates metric', () => {
  it('flags every occurrence of a repeated value, in row order', () => {
    const t = new Table({ a: ints([3, 1, 3, null, 2, 1, 3]) });
    const r = runWhole(t, { domain: ['a'], ignoreIf: 'any', capture: { limit: 10 } });
    expect(r).toEqual({
      elementCount: 7,
      missingCount: 1,
      unexpectedCount: 5,
      rows: [0, 1, 2, 5, 6],
      values: [3, 1, 3, 1, 3],
      truncated: false,
    });
  });

  it('keeps the lowest rows up to the limit, first occurrences included', () => {
    const t = new Table({ a: ints([5, 6, 7, 7, 6, 5]) });
    const r = runWhole(t, { domain: ['a'], ignoreIf: 'any', capture: { limit: 2 } });
    expect(r.rows).toEqual([0, 1]);
    expect(r.values).toEqual([5, 6]);
    expect(r.unexpectedCount).toBe(6);
    expect(r.truncated).toBe(true);
  });

  it('counts without capturing at limit 0', () => {
    const t = new Table({ a: ints([1, 1, 2]) });
    const r = runWhole(t, { domain: ['a'], ignoreIf: 'any', capture: { limit: 0 } });
    expect(r).toMatchObject({ unexpectedCount: 2, rows: [], values: [] });
  });

  it('reports index records of first and later occurrences', () => {
    const t = new Table({
      a: ints([1, 2, 1]),
      id: utf8(['r0', 'r1', 'r2']),
    });
    const r = runWhole(t, { domain: ['a'], ignoreIf: 'any', capture: { limit: 5, indexColumns: ['id'] } });
    expect(r.indexRecords).toEqual([
      { id: 'r0', a: 1 },
      { id: 'r2', a: 1 },
    ]);
  });

  it('keeps 64-bit integers beyond 2^53 apart and reports them exactly', () => {
    const big = 2n ** 53n;
    const t = new Table({
      a: vectorFromArray([big, big + 1n, 2n ** 60n + 3n, 2n ** 60n + 3n, -big - 1n, 7n], new Int64()),
    });
    const r = runWhole(t, { domain: ['a'], ignoreIf: 'any', capture: { limit: 10 } });
    expect(r.values).toEqual([2n ** 60n + 3n, 2n ** 60n + 3n]);
    expect(r.rows).toEqual([2, 3]);
    const u = new Table({
      a: vectorFromArray([2n ** 64n - 1n, 2n ** 64n - 1n, 2n ** 64n - 2n], new Uint64()),
    });
    const ru = runWhole(u, { domain: ['a'], ignoreIf: 'any', capture: { limit: 10 } });
    expect(ru.values).toEqual([2n ** 64n - 1n, 2n ** 64n - 1n]);
  });

  it('keys compound values by typed, self-delimiting parts', () => {
    const t = new Table({
      a: utf8(['x|', 'x', null, '', 'null', null, '1']),
      b: utf8(['y', '|y', 'z', 'z', 'z', 'z', null]),
      c: ints([1, 1, 1, 1, 1, 1, null]),
    });
    const r = runWhole(t, { domain: ['a', 'b', 'c'], ignoreIf: 'never', capture: { limit: 10 } });
    // only (null, 'z', 1) repeats: '' and 'null' are values, not missing
    expect(r.rows).toEqual([2, 5]);
    expect(r.values).toEqual([
      { a: null, b: 'z', c: 1 },
      { a: null, b: 'z', c: 1 },
    ]);
    expect(r.missingCount).toBe(0);
  });

  it('treats NaN and null alike in a compound key', () => {
    const t = new Table({
      f: floats([Number.NaN, null, 1]),
      g: ints([1, 1, 1]),
    });
    const r = runWhole(t, { domain: ['f', 'g'], ignoreIf: 'all', capture: { limit: 10 } });
    expect(r.rows).toEqual([0, 1]);
    expect(r.values).toEqual([
      { f: null, g: 1 },
      { f: null, g: 1 },
    ]);
  });

  it('reports timestamps, booleans, binary and dictionary strings as results do', () => {
    const t = new Table({
      ts: makeVector(
        makeData({
          type: new TimestampMicrosecond(),
          length: 2,
          data: BigInt64Array.of(1_700_000_000_000_001n, 1_700_000_000_000_001n),
        }),
      ),
      flag: vectorFromArray([true, true]),
      bin: vectorFromArray([Uint8Array.of(1, 255), Uint8Array.of(1, 255)], new Binary()),
      d: vectorFromArray(['p', 'p']),
    });
    const r = runWhole(t, { domain: ['ts', 'flag', 'bin', 'd'], ignoreIf: 'all', capture: { limit: 10 } });
    expect(r.values[0]).toEqual({ ts: '2023-11-14T22:13:20.000001', flag: true, bin: '01ff', d: 'p' });
    for (const c of ['ts', 'flag', 'bin', 'd']) {
      const one = runWhole(t, { domain: [c], ignoreIf: 'any', capture: { limit: 10 } });
      expect(one.values).toEqual([r.values[0]?.[c as never], r.values[0]?.[c as never]]);
    }
  });

  it('reports a one-column list as records when asked', () => {
    const t = new Table({ a: ints([4, 4]) });
    const r = runWhole(t, { domain: ['a'], ignoreIf: 'all', capture: { limit: 10 }, records: true });
    expect(r.values).toEqual([{ a: 4 }, { a: 4 }]);
  });

  it('handles an empty table', () => {
    const t = new Table({ a: ints([]) });
    expect(runWhole(t, { domain: ['a'], ignoreIf: 'any', capture: { limit: 10 } })).toEqual({
      elementCount: 0,
      missingCount: 0,
      unexpectedCount: 0,
      rows: [],
      values: [],
      truncated: false,
    });
  });

  it('matches brute force whatever the split into states and the merge order', () => {
    const cases: { domain: string[]; ignoreIf: IgnoreIf }[] = [
      { domain: ['a'], ignoreIf: 'any' },
      { domain: ['s'], ignoreIf: 'any' },
      { domain: ['f'], ignoreIf: 'any' },
      { domain: ['a', 's'], ignoreIf: 'all' },
      { domain: ['a', 's'], ignoreIf: 'any' },
      { domain: ['s', 'f', 'a'], ignoreIf: 'never' },
    ];
    fc.assert(
      fc.property(
        arbRows,
        fc.boolean(),
        fc.constantFrom(...cases),
        fc.integer({ min: 0, max: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        (rows, dictionary, { domain, ignoreIf }, limit, withIndex, cuts, owners, picks) => {
          const table = rowsTable(rows, dictionary);
          const capture: Capture = withIndex ? { limit, indexColumns: ['id'] } : { limit };
          const o: Opts = { domain, ignoreIf, capture };
          const whole = runWhole(table, o);
          expect(runSplit(table, o, cuts, owners, picks)).toEqual(whole);

          const cells = rows.map((r) => domain.map((c) => r[c as keyof Row]));
          const missing = cells.map((cs) =>
            ignoreIf === 'any' ? cs.some(isMissing) : ignoreIf === 'all' ? cs.every(isMissing) : false,
          );
          const norm = (v: unknown) => (isMissing(v) ? null : Object.is(v, -0) ? 0 : v);
          const keys = cells.map((cs) => JSON.stringify(cs.map(norm)));
          const values = cells.map((cs): ResultValue => {
            const shown = cs.map((v) => norm(v) as ResultValue);
            return domain.length === 1
              ? (shown[0] as ResultValue)
              : Object.fromEntries(domain.map((c, i) => [c, shown[i] as ResultValue]));
          });
          const want = oracle(keys, missing, values, limit);
          expect(whole.unexpectedCount).toBe(want.unexpectedCount);
          expect(whole.rows).toEqual(want.rows);
          expect(whole.values).toEqual(want.values);
          expect(whole.missingCount).toBe(want.missingCount);
          expect(whole.truncated).toBe(want.unexpectedCount > limit);
          if (withIndex) {
            expect(whole.indexRecords?.map((r) => r.id)).toEqual(want.rows);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
