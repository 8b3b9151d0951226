import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float64, Int64, Table, TimestampMicrosecond, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RunOptions, runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { writeIpcFile } from '../../src/io/ipc.js';
import { streamSource, tableSource } from '../../src/io/memory.js';
import { openSource } from '../../src/io/open.js';
import { writeParquetFile } from '../../src/io/parquet.js';
import type { DataSource } from '../../src/io/types.js';
import { resultToJson } from '../../src/result/json.js';
import type { ValidationResult } from '../../src/result/types.js';
import type { Suite } from '../../src/suite/model.js';
import { FUZZ_RUNS } from '../fuzz-runs.js';
import { rebatch, runOne } from '../helpers.js';
import { assertConforms } from '../result/conformance.js';
import {
  buildTable,
  COLUMNS,
  type Columns,
  columnsArb,
  comparable,
  fixedWidth,
  KWARGS,
  onlyBatch,
  partsArb,
  plainSuiteArb,
  rowCount,
  suiteArb,
} from './split-cases.js';

const COMPLETE: RunOptions = { resultFormat: { result_format: 'COMPLETE' } };
const BY_ID: RunOptions = {
  resultFormat: { result_format: 'COMPLETE', unexpected_index_column_names: ['id'] },
};
/** Captures that fill up part-way through a batch: a short SUMMARY, and COMPLETE cut at 4 rows. */
const CAPPED: RunOptions[] = [
  { resultFormat: { result_format: 'SUMMARY', partial_unexpected_count: 3 } },
  {
    resultFormat: { result_format: 'COMPLETE', unexpected_index_column_names: ['id'] },
    maxUnexpectedRows: 4,
  },
];

/** Runs the suite, checks the result against its schemas, and returns it with its comparable JSON. */
async function run(
  suite: Suite,
  source: DataSource,
  options: RunOptions,
): Promise<{ result: ValidationResult; json: string }> {
  const result = await runSuite(suite, source, registry, options);
  assertConforms(result);
  return { result, json: comparable(result) };
}

/** The expectations that could not run, with their messages (the generated kwargs all fit their columns). */
function raisedExceptions(r: ValidationResult): unknown[] {
  return r.results
    .filter((x) => x.exception_info.raised_exception)
    .map((x) => [x.expectation_config, x.exception_info.exception_message]);
}

/** Fails naming the first expectation whose result differs between the whole table and a split of it. */
function expectSame(
  split: string,
  got: { result: ValidationResult; json: string },
  want: { result: ValidationResult; json: string },
): void {
  if (got.json === want.json) return;
  const show = (r: ValidationResult, i: number) => comparable({ ...r, results: r.results.slice(i, i + 1) });
  const at = want.result.results.findIndex((_, i) => show(want.result, i) !== show(got.result, i));
  if (at >= 0)
    expect(show(got.result, at), `${split}: result ${at} differs from the whole table's`).toBe(
      show(want.result, at),
    );
  expect(got.json, `${split}: the run-level result differs`).toBe(want.json);
}

/** The parts of the rows as one record batch each, every one with its own dictionary. */
async function* partBatches(cols: Columns, parts: [number, number][]) {
  for (const [from, to] of parts) yield onlyBatch(buildTable(cols, from, to));
}

/** Writes the parts as files of one format into a fresh folder, reads the folder back as one source. */
async function throughFiles(
  cols: Columns,
  parts: [number, number][],
  write: (t: Table, path: string) => Promise<void>,
  ext: string,
  body: (source: DataSource) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'expect-check-split-'));
  try {
    for (const [i, [from, to]] of parts.entries())
      await write(buildTable(cols, from, to), join(dir, `part-${String(i).padStart(3, '0')}.${ext}`));
    await body(await openSource(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('results do not depend on how the rows are split', () => {
  it('the suite covers every registered expectation', () => {
    expect(Object.keys(KWARGS).sort()).toEqual([...registry.keys()].sort());
  });

  it('every expectation of the suite runs (no exception) where every column has values', async () => {
    const typical = columnsArb(60).filter((c) =>
      COLUMNS.every((name) => c[name].filter((v) => v !== null).length >= 3),
    );
    await fc.assert(
      fc.asyncProperty(typical, plainSuiteArb, async (cols, suite) => {
        const { result } = await run(suite, tableSource(buildTable(cols)), BY_ID);
        expect(raisedExceptions(result)).toEqual([]);
        expect(new Set(result.results.map((r) => r.expectation_config.type))).toEqual(
          new Set(registry.keys()),
        );
      }),
      { numRuns: 20, interruptAfterTimeLimit: 100_000 },
    );
  }, 200_000);

  it('in memory: one batch, random batch sizes, and k parts as an async stream', async () => {
    await fc.assert(
      fc.asyncProperty(
        columnsArb(),
        suiteArb,
        fc.integer({ min: 1, max: 64 }),
        partsArb(6),
        fc.constantFrom(COMPLETE, BY_ID, ...CAPPED),
        async (cols, suite, size, split, rf) => {
          const whole = buildTable(cols);
          const parts = split(rowCount(cols));
          const want = await run(suite, tableSource(whole), rf);
          expectSame(`batches of ${size}`, await run(suite, tableSource(rebatch(whole, size)), rf), want);
          const stream = streamSource(partBatches(cols, parts));
          expectSame(`parts ${JSON.stringify(parts)}`, await run(suite, stream, rf), want);
        },
      ),
      { numRuns: 50, interruptAfterTimeLimit: 200_000 },
    );
  }, 300_000);

  const formats = [
    { name: 'Parquet', write: writeParquetFile, ext: 'parquet' },
    { name: 'Arrow IPC', write: writeIpcFile, ext: 'arrow' },
  ];
  for (const { name, write, ext } of formats) {
    it(`k ${name} files read as one directory`, async () => {
      await fc.assert(
        fc.asyncProperty(
          columnsArb(),
          suiteArb,
          partsArb(4),
          fc.constantFrom(COMPLETE, BY_ID),
          async (cols, suite, split, rf) => {
            const want = await run(suite, tableSource(buildTable(cols)), rf);
            const parts = split(rowCount(cols));
            await throughFiles(cols, parts, write, ext, async (source) => {
              expectSame(`${ext} parts ${JSON.stringify(parts)}`, await run(suite, source, rf), want);
            });
          },
        ),
        { numRuns: 30, interruptAfterTimeLimit: 200_000 },
      );
    }, 300_000);
  }
});

/** A one-column table of raw 64-bit values (null for missing) of the given type, in one batch. */
function column64(type: Int64 | TimestampMicrosecond, values: (bigint | null)[]): Table {
  return new Table({ x: fixedWidth(type, values, BigInt64Array) });
}

/** The results of one expectation over the table as one batch and at every batch size, as JSON. */
async function atEverySize(table: Table, type: string, kwargs: Record<string, unknown>): Promise<string[]> {
  const out: string[] = [];
  for (let size = 1; size <= Math.max(table.numRows, 1); size++)
    out.push(resultToJson(await runOne(rebatch(table, size), type, kwargs, 'COMPLETE')));
  return out;
}

describe('shrunk counterexamples of the split-invariance properties', () => {
  it('reports microseconds of a timestamp in a batch with values beyond 2^53 (and floors before 1970)', async () => {
    const t = column64(new TimestampMicrosecond(), [1n, -1n, 253_402_300_799_999_999n]);
    const r = await runOne(
      t,
      'expect_column_values_to_be_in_set',
      { column: 'x', value_set: [] },
      'COMPLETE',
    );
    expect(r.result.unexpected_list).toEqual([
      '1970-01-01T00:00:00.000001',
      '1969-12-31T23:59:59.999999',
      '9999-12-31T23:59:59.999999',
    ]);
    expect(
      new Set(await atEverySize(t, 'expect_column_values_to_be_in_set', { column: 'x', value_set: [] })).size,
    ).toBe(1);
  });

  it('finds -2^53 duplicated whether or not its batch holds values beyond 2^53', async () => {
    const t = column64(new Int64(), [-(2n ** 53n), 2n ** 63n - 1n, -(2n ** 53n)]);
    const results = await atEverySize(t, 'expect_column_values_to_be_unique', { column: 'x' });
    expect(new Set(results).size).toBe(1);
    expect(JSON.parse(results[0] as string).result.unexpected_index_list).toEqual([0, 2]);
  });

  it('gives one sum, mean and stdev of floats whatever the batches (pandas’ sum in row order)', async () => {
    // batches [0.1, 0.2, 0.3] and [1e16, -1e16] used to sum to 0.6000000000000001, the whole to 0
    const t = new Table({ x: vectorFromArray([0.1, 0.2, 0.3, 1e16, -1e16], new Float64()) });
    for (const [type, want] of [
      ['expect_column_sum_to_be_between', 0],
      ['expect_column_mean_to_be_between', 0],
    ] as const) {
      const results = await atEverySize(t, type, { column: 'x', min_value: 0 });
      expect(new Set(results).size).toBe(1);
      expect(JSON.parse(results[0] as string).result.observed_value).toBe(want);
    }
    expect(
      new Set(await atEverySize(t, 'expect_column_stdev_to_be_between', { column: 'x', min_value: 0 })).size,
    ).toBe(1);
  });
});

describe('hostile values: results do not depend on the split, and nothing crashes or hangs', () => {
  const MiB = 2 ** 20;
  const nulls = <T>(n: number) => Array.from({ length: n }, () => null as T | null);
  /** n values from a pool, some missing, or every one missing (an all-null column). */
  const pick = <T>(pool: readonly T[], n: number): fc.Arbitrary<(T | null)[]> =>
    fc.oneof(
      fc.constant(nulls<T>(n)),
      fc.array(fc.option(fc.constantFrom(...pool), { freq: 4 }), { minLength: n, maxLength: n }),
    );
  const P63 = 2n ** 63n;
  const P53 = 2n ** 53n;
  // 1 MiB strings: ASCII, multi-byte and astral (UTF-16 pairs), and spaces that end in a letter
  const huge = ['a'.repeat(MiB), 'é😀'.repeat(MiB / 6), `${' '.repeat(MiB)}x`];
  const hostileArb: fc.Arbitrary<Columns> = fc.integer({ min: 0, max: 6 }).chain((n) =>
    fc.record({
      id: fc.constant(Array.from({ length: n }, (_, i) => i)),
      i64: pick([P63 - 1n, -P63, P63 - 2n, -P63 + 1n, P53 + 1n, -P53 - 1n, 0n], n),
      f64: pick(
        [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, 5e-324],
        n,
      ),
      f2: pick([-0, 0, Number.NaN, 0.5], n),
      k: pick([0, 1, 4], n),
      s: pick(['', ...huge], n),
      b: pick([true, false], n),
      ts: pick([-62_135_596_800_000_000n, 253_402_300_799_999_999n, 0n, -1n], n),
      d: pick([-719_162, 2_932_896, 0], n),
      cat: pick(['', 'red', 'é'], n),
    }),
  );

  it(`every expectation over 1 MiB strings, int64 at ±2^63, NaN, -0, ±Infinity, all-null columns and no rows (${FUZZ_RUNS.hostileSplits} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileArb,
        plainSuiteArb,
        fc.integer({ min: 1, max: 4 }),
        partsArb(3),
        async (cols, suite, size, split) => {
          const started = performance.now();
          const whole = buildTable(cols);
          const want = await run(suite, tableSource(whole), BY_ID);
          expectSame(`batches of ${size}`, await run(suite, tableSource(rebatch(whole, size)), BY_ID), want);
          const parts = split(rowCount(cols));
          expectSame(
            `parts ${JSON.stringify(parts)}`,
            await run(suite, streamSource(partBatches(cols, parts)), BY_ID),
            want,
          );
          // three runs over at most 6 MiB of text: linear-time work only
          expect(performance.now() - started).toBeLessThan(60_000);
        },
      ),
      { numRuns: FUZZ_RUNS.hostileSplits, interruptAfterTimeLimit: 400_000 },
    );
  }, 600_000);

  it('int64 values at ±2^63 and beyond 2^53 come out exact in results', async () => {
    const t = column64(new Int64(), [P63 - 1n, -P63, P53 + 1n, null]);
    const max = resultToJson(
      await runOne(t, 'expect_column_max_to_be_between', { column: 'x', max_value: 0 }),
    );
    expect(max).toContain('"observed_value": 9223372036854775807');
    const min = resultToJson(
      await runOne(t, 'expect_column_min_to_be_between', { column: 'x', min_value: 0 }),
    );
    expect(min).toContain('"observed_value": -9223372036854775808');
    const set = await runOne(
      t,
      'expect_column_values_to_be_in_set',
      { column: 'x', value_set: [] },
      'COMPLETE',
    );
    expect(resultToJson(set.result.unexpected_list)).toBe(
      '[\n  9223372036854775807,\n  -9223372036854775808,\n  9007199254740993\n]',
    );
  });
});
