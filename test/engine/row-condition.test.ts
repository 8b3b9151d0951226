import { Bool, Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchView } from '../../src/engine/batch.js';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import type { ExpectationResult } from '../../src/result/types.js';
import { parseSuite, SuiteError } from '../../src/suite/load.js';
import { rebatch, runOne } from '../helpers.js';

interface Row {
  x: number | null;
  z: number | null;
  y: number;
  g: string | null;
  flag: boolean | null;
}

/** The rows as a table: x and z int32 with nulls, y float64 with NaN, g utf8 and flag bool with nulls. */
function tableOf(rows: readonly Row[]): Table {
  return new Table({
    x: vectorFromArray(
      rows.map((r) => r.x),
      new Int32(),
    ),
    z: vectorFromArray(
      rows.map((r) => r.z),
      new Int32(),
    ),
    y: vectorFromArray(
      rows.map((r) => r.y),
      new Float64(),
    ),
    g: vectorFromArray(
      rows.map((r) => r.g),
      new Utf8(),
    ),
    flag: vectorFromArray(
      rows.map((r) => r.flag),
      new Bool(),
    ),
  });
}

const row = (
  x: number | null,
  g: string | null,
  y = 0,
  z: number | null = 0,
  flag: boolean | null = null,
): Row => ({
  x,
  z,
  y,
  g,
  flag,
});

const pandas = (row_condition: string) => ({ row_condition, condition_parser: 'pandas' });

describe('row_condition per expectation family', () => {
  // rows 1, 3 and 4 have g == "a"
  const t = tableOf([
    row(1, 'b', 10, 1),
    row(5, 'a', 1, 5),
    row(null, null, Number.NaN, 2),
    row(7, 'a', 3, 0),
    row(null, 'a', 5, null),
    row(2, 'b', 20, 2),
  ]);

  it('map: counts only kept rows and reports their original row numbers', async () => {
    const r = await runOne(
      t,
      'expect_column_values_to_be_between',
      { column: 'x', max_value: 6, ...pandas('g == "a"') },
      'COMPLETE',
    );
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 3,
      missing_count: 1,
      unexpected_count: 1,
      unexpected_list: [7],
      unexpected_index_list: [3],
    });
  });

  it('map: unexpected_index_column_names read the kept rows', async () => {
    const r = await runOne(
      t,
      'expect_column_values_to_not_be_null',
      { column: 'x', ...pandas('y > 2') },
      {
        result_format: 'COMPLETE',
        unexpected_index_column_names: ['g'],
      },
    );
    expect(r.result).toMatchObject({
      element_count: 4,
      unexpected_count: 1,
      unexpected_index_list: [{ g: 'a', x: null }],
    });
  });

  it('aggregate: sees only kept rows', async () => {
    const mean = await runOne(t, 'expect_column_mean_to_be_between', { column: 'y', ...pandas('g == "a"') });
    expect(mean.result.observed_value).toBe(3);
    const max = await runOne(t, 'expect_column_max_to_be_between', {
      column: 'x',
      max_value: 5,
      ...pandas('g != "a"'),
    });
    // g != "a" keeps rows 0, 2 (g missing: != holds, as NaN != "a" in pandas) and 5
    expect(max.result.observed_value).toBe(2);
    expect(max.success).toBe(true);
  });

  it('column pair: compares only kept rows', async () => {
    const r = await runOne(
      t,
      'expect_column_pair_values_to_be_equal',
      { column_A: 'x', column_B: 'z', ...pandas('x < 6 or g == "b"') },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({ element_count: 3, unexpected_index_list: [] });
    expect(r.success).toBe(true);
  });

  it('multicolumn: sums only kept rows', async () => {
    const r = await runOne(
      t,
      'expect_multicolumn_sum_to_equal',
      { column_list: ['x', 'z'], sum_total: 4, ...pandas('x in [1, 2, 7]') },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({
      element_count: 3,
      unexpected_list: [
        { x: 1, z: 1 },
        { x: 7, z: 0 },
      ],
      unexpected_index_list: [0, 3],
    });
  });

  it('uniqueness: duplicates among kept rows only, flagged at their original row numbers', async () => {
    const all = await runOne(t, 'expect_column_values_to_be_unique', { column: 'g' }, 'COMPLETE');
    expect(all.result.unexpected_index_list).toEqual([0, 1, 3, 4, 5]);
    const r = await runOne(
      t,
      'expect_column_values_to_be_unique',
      { column: 'g', ...pandas('x.notnull()') },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({ element_count: 4, unexpected_index_list: [0, 1, 3, 5] });
    const compound = await runOne(
      t,
      'expect_compound_columns_to_be_unique',
      { column_list: ['g', 'z'], ...pandas('z == 2 | x == 7') },
      'COMPLETE',
    );
    expect(compound.result).toMatchObject({ element_count: 3, unexpected_count: 0 });
  });

  it('table: row count counts kept rows', async () => {
    const r = await runOne(t, 'expect_table_row_count_to_equal', { value: 3, ...pandas('g == "a"') });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBe(3);
    const none = await runOne(t, 'expect_table_row_count_to_equal', { value: 0, ...pandas('x > 100') });
    expect(none.result.observed_value).toBe(0);
  });

  it('reads the great_expectations syntax, where != leaves missing values out', async () => {
    const r = await runOne(t, 'expect_table_row_count_to_equal', {
      value: 3,
      row_condition: 'col("g") != "a"',
      condition_parser: 'great_expectations',
    });
    expect(r.result.observed_value).toBe(2);
  });

  it('is an expectation error when the condition names a missing column', async () => {
    const r = await runOne(t, 'expect_column_values_to_not_be_null', { column: 'x', ...pandas('nope > 1') });
    expect(r.exception_info).toMatchObject({
      raised_exception: true,
      exception_message: 'row_condition: column "nope" does not exist in Arrow table',
    });
  });

  it('is an expectation error when the condition compares values of the wrong kind', async () => {
    const r = await runOne(t, 'expect_column_values_to_not_be_null', { column: 'x', ...pandas('g < 3') });
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toMatch(/cannot compare/);
  });

  it('is an expectation error without condition_parser, as in GX', async () => {
    const r = await runOne(t, 'expect_column_values_to_not_be_null', { column: 'x', row_condition: 'x > 1' });
    expect(r.exception_info.exception_message).toBe(
      "kwargs.condition_parser: condition_parser is required when setting a row_condition, and must be 'great_expectations' or 'pandas'",
    );
  });

  it('shares one metric among expectations with the same condition, apart from those without', async () => {
    const run = await runSuite(
      {
        name: 's',
        meta: {},
        expectations: [
          {
            type: 'expect_column_mean_to_be_between',
            kwargs: { column: 'y', ...pandas('g == "a"') },
            meta: {},
          },
          {
            type: 'expect_column_mean_to_be_between',
            kwargs: { column: 'y', ...pandas('g == "a"') },
            meta: {},
          },
          { type: 'expect_column_mean_to_be_between', kwargs: { column: 'y' }, meta: {} },
        ],
      },
      tableSource(t),
      registry,
    );
    expect(run.results.map((r) => r.result.observed_value)).toEqual([3, 3, 39 / 5]);
  });
});

describe('BatchView.where', () => {
  it('compacts rows and keeps their original numbers, also under a second condition', () => {
    const t = tableOf([row(1, 'a'), row(2, 'b'), row(3, 'a'), row(4, 'a'), row(5, 'b')]);
    const view = new BatchView(t.batches[0]!, 100);
    const a = view.where({
      op: 'cmp',
      cmp: '==',
      left: { op: 'col', name: 'g' },
      right: { op: 'lit', value: 'a' },
    });
    expect(a.numRows).toBe(3);
    expect([0, 1, 2].map((i) => a.rowNumber(i))).toEqual([100, 102, 103]);
    expect([0, 1, 2].map((i) => a.column('x').value(i))).toEqual([1, 3, 4]);
    const big = a.where({
      op: 'cmp',
      cmp: '>',
      left: { op: 'col', name: 'x' },
      right: { op: 'lit', value: 2 },
    });
    expect([0, 1].map((i) => big.rowNumber(i))).toEqual([102, 103]);
    expect(view.where({ op: 'true' })).toBe(view);
  });
});

describe('loading a suite with a row_condition', () => {
  const thrown = (f: () => unknown): SuiteError => {
    try {
      f();
    } catch (e) {
      if (e instanceof SuiteError) return e;
      throw e;
    }
    throw new Error('expected a SuiteError');
  };
  const suiteWith = (kwargs: Record<string, unknown>) =>
    JSON.stringify({
      name: 's',
      expectations: [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x', ...kwargs } }],
    });

  it('names the kwarg and the character of a syntax error', () => {
    const e = thrown(() => parseSuite(suiteWith(pandas('x > 1 & (y <')), 'suite.json'));
    expect(e).toMatchObject({ code: 'invalid_kwargs', path: 'expectations[0].kwargs.row_condition' });
    expect(e.message).toBe(
      'suite.json: expectations[0].kwargs.row_condition: expected a column or a value, got the end of the condition at character 13',
    );
    expect(() =>
      parseSuite(suiteWith({ row_condition: 'x > 1', condition_parser: 'great_expectations' }), 'suite.json'),
    ).toThrow(
      /expectations\[0\]\.kwargs\.row_condition: expected col\("<column name>"\), got "x" at character 1$/,
    );
  });

  it('requires a known condition_parser', () => {
    expect(() => parseSuite(suiteWith({ row_condition: 'x > 1' }), 'suite.json')).toThrow(
      /expectations\[0\]\.kwargs\.condition_parser: condition_parser is required when setting a row_condition/,
    );
    expect(() =>
      parseSuite(suiteWith({ row_condition: 'x > 1', condition_parser: 'bad_parser' }), 'suite.json'),
    ).toThrow(
      /expectations\[0\]\.kwargs\.condition_parser: expected one of "great_expectations", .*"pandas", got "bad_parser"/,
    );
  });

  it('accepts a good condition and an empty one', () => {
    expect(parseSuite(suiteWith(pandas('x > 1')), 'suite.json').expectations[0]?.kwargs.row_condition).toBe(
      'x > 1',
    );
    expect(() => parseSuite(suiteWith({ row_condition: '' }), 'suite.json')).not.toThrow();
  });
});

// ---------------------------------------------------------------- property: filtering = pre-filtering

/** A condition in text and as a reference predicate over a row, with pandas' (or SQL's) missing-value rules. */
interface Condition {
  readonly text: string;
  readonly parser: 'pandas' | 'great_expectations';
  readonly holds: (r: Row) => boolean;
}

const has = (v: number | null): v is number => v !== null;
const conditions: fc.Arbitrary<Condition> = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((c) => ({
    text: `x > ${c}`,
    parser: 'pandas' as const,
    holds: (r: Row) => has(r.x) && r.x > c,
  })),
  fc.integer({ min: -3, max: 3 }).map((c) => ({
    text: `x != ${c}`,
    parser: 'pandas' as const,
    holds: (r: Row) => !(has(r.x) && r.x === c),
  })),
  fc
    .constantFrom('a', 'b')
    .map((s) => ({ text: `g == "${s}"`, parser: 'pandas' as const, holds: (r: Row) => r.g === s })),
  fc.integer({ min: -3, max: 3 }).map((c) => ({
    text: `g in ["a", "c"] & ~(x < ${c})`,
    parser: 'pandas' as const,
    holds: (r: Row) => (r.g === 'a' || r.g === 'c') && !(has(r.x) && r.x < c),
  })),
  fc.constant({
    text: 'y.isnull() | flag',
    parser: 'pandas' as const,
    holds: (r: Row) => Number.isNaN(r.y) || r.flag === true,
  }),
  fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })).map(([c, d]) => ({
    text: `not (x >= ${c} and y < ${d})`,
    parser: 'pandas' as const,
    holds: (r: Row) => !(has(r.x) && r.x >= c && !Number.isNaN(r.y) && r.y < d),
  })),
  fc.integer({ min: -3, max: 3 }).map((c) => ({
    text: `col("z") != ${c} or col("x").notNull()`,
    parser: 'great_expectations' as const,
    holds: (r: Row) => (has(r.z) && r.z !== c) || has(r.x),
  })),
);

const small = fc.option(fc.integer({ min: -3, max: 3 }), { nil: null, freq: 4 });
const rows = fc.array(
  fc.record({
    x: small,
    z: small,
    y: fc.option(fc.integer({ min: -4, max: 4 }), { nil: Number.NaN, freq: 4 }),
    g: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null, freq: 4 }),
    flag: fc.option(fc.boolean(), { nil: null, freq: 4 }),
  }),
  { maxLength: 30 },
);

const EXPECTATIONS: [string, Record<string, unknown>][] = [
  ['expect_column_values_to_be_between', { column: 'x', min_value: -2, max_value: 2 }],
  ['expect_column_values_to_not_be_null', { column: 'g' }],
  ['expect_column_values_to_be_in_set', { column: 'g', value_set: ['a'], mostly: 0.5 }],
  ['expect_column_values_to_be_unique', { column: 'g' }],
  ['expect_column_mean_to_be_between', { column: 'y', min_value: -1, max_value: 1 }],
  ['expect_column_median_to_be_between', { column: 'x', min_value: 0 }],
  ['expect_column_unique_value_count_to_be_between', { column: 'g', min_value: 2 }],
  ['expect_column_pair_values_to_be_equal', { column_A: 'x', column_B: 'z' }],
  ['expect_multicolumn_sum_to_equal', { column_list: ['x', 'z'], sum_total: 0 }],
  ['expect_compound_columns_to_be_unique', { column_list: ['g', 'z'] }],
  ['expect_table_row_count_to_be_between', { min_value: 3 }],
];

/** Numbers rounded (batches may sum in another order) and row numbers mapped through `rowsOf`. */
function comparable(r: ExpectationResult, rowsOf?: (i: number) => number): unknown {
  const round = (v: unknown): unknown =>
    typeof v === 'number'
      ? Number(v.toPrecision(10))
      : Array.isArray(v)
        ? v.map(round)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
          : v;
  const result = { ...r.result };
  if (rowsOf) {
    for (const key of ['unexpected_index_list', 'partial_unexpected_index_list']) {
      const list = result[key];
      if (Array.isArray(list)) result[key] = list.map((i) => rowsOf(i as number));
    }
  }
  return round({ success: r.success, result, exception: r.exception_info.exception_message });
}

describe('row_condition as pre-filtering', () => {
  it('gives the results of the expectation over the kept rows, with the original row numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        conditions,
        fc.constantFrom(...EXPECTATIONS),
        fc.integer({ min: 1, max: 8 }),
        async (data, condition, [type, kwargs], batchSize) => {
          const kept = data.flatMap((r, i) => (condition.holds(r) ? [i] : []));
          const filtered = await runOne(
            rebatch(tableOf(data), batchSize),
            type,
            { ...kwargs, row_condition: condition.text, condition_parser: condition.parser },
            'COMPLETE',
          );
          const direct = await runOne(tableOf(kept.map((i) => data[i] as Row)), type, kwargs, 'COMPLETE');
          expect(comparable(filtered)).toEqual(comparable(direct, (i) => kept[i] as number));
        },
      ),
      { numRuns: 300 },
    );
  });
});
