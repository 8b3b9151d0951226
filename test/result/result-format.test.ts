import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import type {
  ExpectationResult,
  ResultFormatLevel,
  ResultFormatOptions,
  ValidationResult,
} from '../../src/result/types.js';
import { assertConforms } from './conformance.js';

/** 12 rows: two missing (null, NaN) and 7 values above 3. */
const table = new Table({
  x: vectorFromArray([1, 5, null, 7, Number.NaN, 9, 2, 8, 6, 10, 3, 12], new Float64()),
});
const BETWEEN = { type: 'expect_column_values_to_be_between', kwargs: { column: 'x', max_value: 3 } };
const MEAN = { type: 'expect_column_mean_to_be_between', kwargs: { column: 'x', min_value: 0 } };

type Rf = ResultFormatLevel | ResultFormatOptions;

/** Runs one expectation with result_format given at run, kwargs and suite level (any may be absent). */
async function runWith(
  expectation: { type: string; kwargs: Record<string, unknown> },
  at: { run?: Rf; kwargs?: Rf; suite?: Rf } = {},
  data: Table = table,
): Promise<ExpectationResult> {
  const kwargs = at.kwargs ? { ...expectation.kwargs, result_format: at.kwargs } : expectation.kwargs;
  const result: ValidationResult = await runSuite(
    {
      name: 'rf',
      meta: {},
      expectations: [{ type: expectation.type, kwargs, meta: {} }],
      ...(at.suite ? { result_format: at.suite } : {}),
    },
    tableSource(data),
    registry,
    at.run ? { resultFormat: at.run } : {},
  );
  assertConforms(result);
  const r = result.results[0] as ExpectationResult;
  expect(r.exception_info.raised_exception).toBe(false);
  return r;
}

const BASIC_FIELDS = [
  'element_count',
  'unexpected_count',
  'unexpected_percent',
  'partial_unexpected_list',
  'missing_count',
  'missing_percent',
  'unexpected_percent_total',
  'unexpected_percent_nonmissing',
];
const SUMMARY_FIELDS = [...BASIC_FIELDS, 'partial_unexpected_counts', 'partial_unexpected_index_list'];
const COMPLETE_FIELDS = [...SUMMARY_FIELDS, 'unexpected_list', 'unexpected_index_list'];

/** GX's _format_map_output: the result fields of a map expectation at each level. */
const MAP_FIELDS: Record<ResultFormatLevel, string[]> = {
  BOOLEAN_ONLY: [],
  BASIC: BASIC_FIELDS,
  SUMMARY: SUMMARY_FIELDS,
  COMPLETE: COMPLETE_FIELDS,
};
const LEVELS = Object.keys(MAP_FIELDS) as ResultFormatLevel[];

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('result fields at each result_format level', () => {
  it.each(LEVELS)('a map expectation at %s has exactly GX’s fields', async (level) => {
    const r = await runWith(BETWEEN, { run: level });
    expect(sorted(Object.keys(r.result))).toEqual(sorted(MAP_FIELDS[level]));
    expect(r.success).toBe(false);
  });

  it.each(LEVELS)(
    'an aggregate expectation at %s has an observed_value unless BOOLEAN_ONLY',
    async (level) => {
      const r = await runWith(MEAN, { run: level });
      expect(Object.keys(r.result)).toEqual(level === 'BOOLEAN_ONLY' ? [] : ['observed_value']);
    },
  );

  it('gives the same counts at every level that has them', async () => {
    const complete = (await runWith(BETWEEN, { run: 'COMPLETE' })).result;
    expect(complete).toMatchObject({
      element_count: 12,
      missing_count: 2,
      unexpected_count: 7,
      unexpected_list: [5, 7, 9, 8, 6, 10, 12],
      unexpected_index_list: [1, 3, 5, 7, 8, 9, 11],
    });
    for (const level of ['BASIC', 'SUMMARY'] as const) {
      const r = (await runWith(BETWEEN, { run: level })).result;
      for (const [k, v] of Object.entries(r)) expect(complete[k]).toEqual(v);
    }
  });
});

/** The level a map result was formatted at, read from its fields. */
function levelOf(r: ExpectationResult): ResultFormatLevel {
  const keys = sorted(Object.keys(r.result));
  const level = LEVELS.find((l) => JSON.stringify(sorted(MAP_FIELDS[l])) === JSON.stringify(keys));
  if (!level) throw new Error(`no level has the fields ${keys.join(', ')}`);
  return level;
}

describe('result_format precedence: run option, then expectation kwargs, then suite, then SUMMARY', () => {
  const someLevel = fc.option(fc.constantFrom(...LEVELS), { nil: undefined });
  // a level or the same level as a dict, as GX accepts both
  const given = someLevel.chain((l) =>
    l === undefined ? fc.constant(undefined) : fc.constantFrom<Rf>(l, { result_format: l }),
  );

  it('picks the first level given', async () => {
    await fc.assert(
      fc.asyncProperty(given, given, given, async (run, kwargs, suite) => {
        const levelOfRf = (rf: Rf | undefined) => (typeof rf === 'string' ? rf : rf?.result_format);
        const want = levelOfRf(run) ?? levelOfRf(kwargs) ?? levelOfRf(suite) ?? 'SUMMARY';
        const r = await runWith(BETWEEN, {
          ...(run ? { run } : {}),
          ...(kwargs ? { kwargs } : {}),
          ...(suite ? { suite } : {}),
        });
        expect(levelOf(r)).toBe(want);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['run', { run: 'BASIC', kwargs: 'COMPLETE', suite: 'COMPLETE' }, 'BASIC'],
    ['kwargs', { kwargs: 'BOOLEAN_ONLY', suite: 'COMPLETE' }, 'BOOLEAN_ONLY'],
    ['suite', { suite: 'COMPLETE' }, 'COMPLETE'],
    ['the default', {}, 'SUMMARY'],
  ] as const)('%s decides in %j', async (_who, at, want) => {
    expect(levelOf(await runWith(BETWEEN, at))).toBe(want);
  });
});

describe('partial_unexpected_count in a dict result_format', () => {
  it.each(['run', 'kwargs', 'suite'] as const)('is honoured when given at %s level', async (where) => {
    const rf: ResultFormatOptions = { result_format: 'SUMMARY', partial_unexpected_count: 3 };
    const r = (await runWith(BETWEEN, { [where]: rf })).result;
    expect(r.unexpected_count).toBe(7);
    expect(r.partial_unexpected_list).toEqual([5, 7, 9]);
    expect(r.partial_unexpected_index_list).toEqual([1, 3, 5]);
    expect(r.partial_unexpected_counts).toEqual([
      { value: 5, count: 1 },
      { value: 7, count: 1 },
      { value: 9, count: 1 },
    ]);
  });

  it('limits the partial lists only, at COMPLETE', async () => {
    const r = (await runWith(BETWEEN, { run: { result_format: 'COMPLETE', partial_unexpected_count: 2 } }))
      .result;
    expect(r.partial_unexpected_list).toEqual([5, 7]);
    expect(r.partial_unexpected_index_list).toEqual([1, 3]);
    expect(r.unexpected_list).toHaveLength(7);
    expect(r.unexpected_index_list).toHaveLength(7);
  });

  it('of 0 leaves the partial lists empty and the partial counts and indices out, as GX does', async () => {
    const r = (await runWith(BETWEEN, { kwargs: { result_format: 'SUMMARY', partial_unexpected_count: 0 } }))
      .result;
    expect(r.partial_unexpected_list).toEqual([]);
    expect(r).not.toHaveProperty('partial_unexpected_counts');
    expect(r).not.toHaveProperty('partial_unexpected_index_list');
  });

  it('defaults to 20', async () => {
    const many = new Table({
      x: vectorFromArray(
        Array.from({ length: 30 }, (_, i) => i + 10),
        new Float64(),
      ),
    });
    const result = await runSuite(
      { name: 'rf', meta: {}, expectations: [{ ...BETWEEN, meta: {} }] },
      tableSource(many),
      registry,
    );
    expect(result.results[0]?.result.partial_unexpected_list).toHaveLength(20);
  });
});

describe('partial_unexpected_counts, as GX counts them', () => {
  const repeats = new Table({ x: vectorFromArray([5, 6, 6, 9, 7, 7, 8, 7], new Float64()) });
  const counts = async (rf: ResultFormatOptions) => (await runWith(BETWEEN, { run: rf }, repeats)).result;

  it('at SUMMARY: over the partial list only', async () => {
    expect(
      (await counts({ result_format: 'SUMMARY', partial_unexpected_count: 3 })).partial_unexpected_counts,
    ).toEqual([
      { value: 6, count: 2 },
      { value: 5, count: 1 },
    ]);
  });

  it('at COMPLETE: over every unexpected value, the most common partial_unexpected_count of them', async () => {
    expect(
      (await counts({ result_format: 'COMPLETE', partial_unexpected_count: 2 })).partial_unexpected_counts,
    ).toEqual([
      { value: 7, count: 3 },
      { value: 6, count: 2 },
    ]);
  });

  it('breaks ties at the cut by first occurrence (Counter.most_common), then lists them by value', async () => {
    expect(
      (await counts({ result_format: 'COMPLETE', partial_unexpected_count: 3 })).partial_unexpected_counts,
    ).toEqual([
      { value: 7, count: 3 },
      { value: 6, count: 2 },
      { value: 5, count: 1 },
    ]);
    const ties = new Table({ x: vectorFromArray([9, 8, 4, 4], new Float64()) });
    const r = await runWith(
      BETWEEN,
      { run: { result_format: 'COMPLETE', partial_unexpected_count: 2 } },
      ties,
    );
    expect(r.result.partial_unexpected_counts).toEqual([
      { value: 4, count: 2 },
      { value: 9, count: 1 },
    ]);
  });
});
