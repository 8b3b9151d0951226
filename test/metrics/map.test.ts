import { Float64, Int32, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchView } from '../../src/engine/batch.js';
import { cmp, col, type Expr, length, lit, or, regex } from '../../src/engine/expr.js';
import {
  emptyMapState,
  type IgnoreIf,
  ignoredRows,
  type MapState,
  mapMetric,
  tallyBatch,
} from '../../src/metrics/map.js';
import { arbSplit, runSplit, runWhole } from './drive.js';

type Row = [number | null, number | null, number | null];

const arbValue = fc.option(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant(Number.NaN)), {
  nil: null,
  freq: 3,
});
const arbRows = fc.array(fc.tuple(arbValue, arbValue, arbValue), { minLength: 1, maxLength: 40 });
const arbPolicy = fc.constantFrom<IgnoreIf>('any', 'all', 'never');
const DOMAINS = [['a'], ['a', 'b'], ['a', 'b', 'c'], ['b', 'b'], ['c', 'a']] as const;

/** Columns a (float64: NaN is missing), b (int32; NaN rows become nulls) and c (float64). */
function tableOf(rows: readonly Row[]): Table {
  const column = (k: number) => rows.map((r) => r[k] ?? null);
  return new Table({
    a: vectorFromArray(column(0), new Float64()),
    b: vectorFromArray(
      column(1).map((x) => (x === null || Number.isNaN(x) ? null : x)),
      new Int32(),
    ),
    c: vectorFromArray(column(2), new Float64()),
  });
}

const missing = (x: number | null) => x === null || Number.isNaN(x);
const INDEX = { a: 0, b: 1, c: 2 } as const;

function ignoredOracle(
  rows: readonly Row[],
  domain: readonly ('a' | 'b' | 'c')[],
  policy: IgnoreIf,
): number[] {
  return rows.map((r) => {
    const gone = domain.map((c) => missing(r[INDEX[c]]));
    if (policy === 'never') return 0;
    return (policy === 'any' ? gone.some(Boolean) : gone.every(Boolean)) ? 1 : 0;
  });
}

function batchOf(rows: readonly Row[]): BatchView {
  const b = tableOf(rows).batches[0];
  if (!b) throw new Error('no batch');
  return new BatchView(b, 100);
}

describe('ignoredRows', () => {
  it('marks rows with any / all domain values missing, or none', () => {
    fc.assert(
      fc.property(arbRows, fc.constantFrom(...DOMAINS), arbPolicy, (rows, domain, policy) => {
        const got = ignoredRows(batchOf(rows), domain, policy);
        const want = ignoredOracle(rows, domain, policy);
        expect(got ? Array.from(got) : want.map(() => 0)).toEqual(want);
      }),
    );
  });
});

describe('map tallies', () => {
  const o = (limit: number) => ({ domain: ['a', 'b'], shape: 'pair' as const, capture: { limit } });

  /** The state a row-by-row count gives: failing rows are those not ignored where ok is 0. */
  function oracle(rows: readonly Row[], ok: readonly number[], ignored: readonly number[], limit: number) {
    const failing = rows.map((_, i) => i).filter((i) => !ignored[i] && !ok[i]);
    return {
      element: rows.length,
      missing: ignored.filter(Boolean).length,
      unexpected: failing.length,
      rows: failing.slice(0, limit).map((i) => 100 + i),
    };
  }

  it('tallyBatch counts and captures the first failing rows, ignored rows left out', () => {
    fc.assert(
      fc.property(
        arbRows,
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 40, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 40, maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        (rows, okAll, ignoredAll, withIgnored, limit) => {
          const ok = Uint8Array.from(okAll.slice(0, rows.length));
          const ignored = withIgnored ? Uint8Array.from(ignoredAll.slice(0, rows.length)) : null;
          const s: MapState = tallyBatch(emptyMapState({ limit }), batchOf(rows), ok, ignored, o(limit));
          const want = oracle(rows, [...ok], ignored ? [...ignored] : rows.map(() => 0), limit);
          expect({ element: s.element, missing: s.missing, unexpected: s.unexpected, rows: s.rows }).toEqual(
            want,
          );
          expect(s.values).toHaveLength(want.rows.length);
        },
      ),
    );
  });

  it('a predicate map metric counts as the oracle does, and batch splits do not matter', () => {
    fc.assert(
      fc.property(
        arbRows,
        arbPolicy,
        fc.integer({ min: 0, max: 5 }),
        arbSplit,
        (rows, policy, limit, { cuts, picks }) => {
          const metric = mapMetric({
            domain: ['a', 'b'],
            predicate: cmp('>', col('a'), col('b')),
            ignoreIf: policy,
            countsMissing: true,
            shape: 'pair',
            capture: { limit },
          });
          const t = tableOf(rows);
          const ok = rows.map(([a, b]) =>
            !missing(a) && !missing(b) && (a as number) > (b as number) ? 1 : 0,
          );
          const want = oracle(rows, ok, ignoredOracle(rows, ['a', 'b'], policy), limit);
          const whole = runWhole(metric, t);
          expect(whole.elementCount).toBe(want.element);
          expect(whole.missingCount).toBe(want.missing);
          expect(whole.unexpectedCount).toBe(want.unexpected);
          expect(whole.rows).toEqual(want.rows.map((r) => r - 100));
          expect(runSplit(metric, t, cuts, picks)).toEqual(whole);
        },
      ),
    );
  });

  it('costs one plain check per row, plus ten for each string its predicate scans', () => {
    const cost = (predicate: Expr) =>
      mapMetric({
        domain: ['a'],
        predicate,
        ignoreIf: 'any',
        countsMissing: true,
        shape: 'scalar',
        capture: { limit: 0 },
      }).cost;
    expect(cost(cmp('>', col('a'), col('b')))).toBe(1);
    expect(cost(regex(col('s'), '^a'))).toBe(11);
    expect(cost(or(regex(col('s'), '^a'), cmp('==', length(col('s')), lit(3))))).toBe(21);
  });
});
