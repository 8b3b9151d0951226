import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { resultJsonSchema } from '../../src/result/schema.js';
import type { ResultFormatLevel, ValidationResult } from '../../src/result/types.js';
import { buildTable, COLUMNS, columnsArb, plainSuiteArb } from '../engine/split-cases.js';
import { assertConforms, publishedSchema, schemaProblems } from './conformance.js';

const LEVELS: readonly ResultFormatLevel[] = ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'];

/** A small table where every column has values, and a suite with every registered expectation. */
const [cols] = fc.sample(
  columnsArb(40).filter((c) => COLUMNS.every((name) => c[name].filter((v) => v !== null).length >= 3)),
  { numRuns: 1, seed: 11 },
);
const [suite] = fc.sample(plainSuiteArb, { numRuns: 1, seed: 11 });
const table = buildTable(cols!);

describe('docs/result.schema.json', () => {
  it('is the JSON Schema of validationResultSchema (run npm run catalog when it is not)', () => {
    expect(publishedSchema).toEqual(JSON.parse(JSON.stringify(resultJsonSchema())));
  });
});

describe.each(LEVELS)('every registered expectation at %s', (level) => {
  let result: ValidationResult;
  beforeAll(async () => {
    result = await runSuite(suite!, tableSource(table), registry, { resultFormat: level });
  }, 60_000);

  it('runs every expectation without an exception', () => {
    expect(new Set(result.results.map((r) => r.expectation_config.type))).toEqual(new Set(registry.keys()));
    expect(result.results.filter((r) => r.exception_info.raised_exception)).toEqual([]);
  });

  it('gives a result that validates against the zod schema and the published JSON Schema', () => {
    expect(schemaProblems(result)).toEqual([]);
  });
});

describe('results of expectations that cannot run', () => {
  it('validate, with exception_info and an empty result', async () => {
    const result = await runSuite(
      {
        name: 'broken',
        meta: {},
        expectations: [
          { type: 'expect_column_values_to_be_between', kwargs: { column: 'nope', min_value: 0 }, meta: {} },
          { type: 'expect_column_mean_to_be_between', kwargs: { column: 's', min_value: 0 }, meta: {} },
          { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'k', value_set: 'x' }, meta: {} },
          { type: 'expect_nothing_in_particular', kwargs: {}, meta: {} },
          {
            type: 'expect_column_values_to_be_between',
            kwargs: {
              column: 'k',
              min_value: 0,
              result_format: { result_format: 'COMPLETE', unexpected_index_column_names: ['nope'] },
            },
            meta: {},
          },
        ],
      },
      tableSource(table),
      registry,
    );
    assertConforms(result);
    for (const r of result.results) {
      expect(r.success).toBe(false);
      expect(r.result).toEqual({});
      expect(r.exception_info.raised_exception).toBe(true);
      expect(r.exception_info.exception_message).toEqual(expect.any(String));
    }
  });
});

/** Parsed result JSON, changed freely by the cases below. */
// biome-ignore lint/suspicious/noExplicitAny: the cases reach into any part of the result
type Loose = Record<string, any>;

/** A deep copy of a result with one change made to it. */
function broken(r: ValidationResult, change: (x: Loose) => void): unknown {
  const copy = JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  change(copy);
  return copy;
}

describe('the schemas reject broken results', () => {
  // the result's expectations: a map one, an aggregate one with details, one that cannot run
  const [mapAt, aggregateAt, raisedAt] = [0, 1, 2];
  let good: ValidationResult;
  beforeAll(async () => {
    good = await runSuite(
      {
        name: 'good',
        meta: {},
        expectations: [
          { type: 'expect_column_values_to_be_between', kwargs: { column: 'k', max_value: 2 }, meta: {} },
          {
            type: 'expect_column_distinct_values_to_be_in_set',
            kwargs: { column: 'k', value_set: [0, 1] },
            meta: {},
          },
          { type: 'expect_column_values_to_be_between', kwargs: { column: 'nope', min_value: 0 }, meta: {} },
        ],
      },
      tableSource(table),
      registry,
      { resultFormat: 'COMPLETE' },
    );
  });

  it('accepts the unbroken result', () => {
    expect(schemaProblems(good)).toEqual([]);
  });

  const cases: [string, (r: Loose) => void][] = [
    ['a map result without element_count', (r) => delete r.results[mapAt].result.element_count],
    ['a map result without unexpected_count', (r) => delete r.results[mapAt].result.unexpected_count],
    ['a map result with an observed_value', (r) => (r.results[mapAt].result.observed_value = 3)],
    ['a map result with an unknown key', (r) => (r.results[mapAt].result.unexpected_sum = 3)],
    ['an unexpected_percent above 100', (r) => (r.results[mapAt].result.unexpected_percent = 120)],
    ['a negative element_count', (r) => (r.results[mapAt].result.element_count = -1)],
    ['a fractional unexpected_count', (r) => (r.results[mapAt].result.unexpected_count = 1.5)],
    [
      'a value count without its count',
      (r) => delete r.results[mapAt].result.partial_unexpected_counts[0].count,
    ],
    ['a row index that is not a row number', (r) => (r.results[mapAt].result.unexpected_index_list[0] = 'x')],
    [
      'an aggregate result without observed_value',
      (r) => delete r.results[aggregateAt].result.observed_value,
    ],
    ['an aggregate result with element_count', (r) => (r.results[aggregateAt].result.element_count = 3)],
    ['an exception with a result', (r) => (r.results[raisedAt].result = { observed_value: 1 })],
    ['an exception that succeeded', (r) => (r.results[raisedAt].success = true)],
    [
      'an exception without its message',
      (r) => (r.results[raisedAt].exception_info.exception_message = null),
    ],
    [
      'a result that ran with an exception message',
      (r) => (r.results[mapAt].exception_info.exception_message = 'x'),
    ],
    ['a result without exception_info', (r) => delete r.results[mapAt].exception_info],
    ['an expectation_config without kwargs', (r) => delete r.results[mapAt].expectation_config.kwargs],
    ['statistics without success_percent', (r) => delete r.statistics.success_percent],
    ['an unknown top-level key', (r) => (r.extra = 1)],
    ['data_source without files', (r) => delete r.meta.data_source.files],
  ];

  it.each(cases)('%s, in zod and in the JSON Schema', (_name, change) => {
    const problems = schemaProblems(broken(good, change));
    expect(problems.some((p) => p.startsWith('zod:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('json schema:'))).toBe(true);
  });
});
