import { type Table, tableFromArrays } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RunOptions, runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { validationResultSchema } from '../../src/result/schema.js';
import type { ExpectationConfig, ValidationResult } from '../../src/result/types.js';
import type { Suite } from '../../src/suite/model.js';
import { validate } from '../../src/validate.js';
import { rebatch } from '../helpers.js';

const NOW = new Date('2024-05-01T00:00:00Z');

const table = tableFromArrays({
  x: Float64Array.from([1, 2, 3, 10]),
  ts: [
    new Date('1899-06-01T00:00:00Z'),
    new Date('2000-01-01T00:00:00Z'),
    new Date('2024-04-20T00:00:00Z'),
    new Date('2024-04-30T12:00:00Z'),
  ],
});

const expectation = (type: string, kwargs: Record<string, unknown>): ExpectationConfig => ({
  type,
  kwargs,
  meta: {},
});

function suiteOf(expectations: ExpectationConfig[], extra: Partial<Suite> = {}): Suite {
  return { name: 's', expectations, meta: {}, ...extra };
}

async function run(suite: Suite, opts: RunOptions = {}, data: Table = table): Promise<ValidationResult> {
  const result = await runSuite(suite, tableSource(data), registry, { now: NOW, ...opts });
  validationResultSchema.parse(result);
  return result;
}

describe('$PARAMETER kwargs at run time', () => {
  it('resolves runtime parameters before the kwargs are parsed; the result shows the resolved kwargs, as GX does', async () => {
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_be_between', {
          column: 'x',
          min_value: { $PARAMETER: 'lo' },
          max_value: { $PARAMETER: 'lo * 4' },
        }),
      ]),
      { suiteParameters: { lo: 2 } },
    );
    const [res] = r.results;
    expect(res?.expectation_config.kwargs).toEqual({ column: 'x', min_value: 2, max_value: 8 });
    expect(res?.success).toBe(false);
    expect(res?.result.partial_unexpected_list).toEqual([1, 10]);
    expect(res?.exception_info.raised_exception).toBe(false);
  });

  it('evaluates now() at the run start time and compares the ISO result with timestamp columns', async () => {
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_be_between', {
          column: 'ts',
          min_value: { $PARAMETER: 'now() - timedelta(days=30)' },
        }),
        expectation('expect_column_max_to_be_between', {
          column: 'ts',
          max_value: { $PARAMETER: 'now()' },
          min_value: { $PARAMETER: 'now() - timedelta(hours=12)' },
        }),
        // datetime(1, 1, 1) is year 1, not 1901: the 1899 row is above it
        expectation('expect_column_values_to_be_between', {
          column: 'ts',
          min_value: { $PARAMETER: 'datetime(1, 1, 1)' },
        }),
      ]),
    );
    const [recent, max, open] = r.results;
    expect(recent?.expectation_config.kwargs.min_value).toBe('2024-04-01T00:00:00');
    expect(recent?.result.unexpected_count).toBe(2);
    expect(max?.expectation_config.kwargs).toEqual({
      column: 'ts',
      max_value: '2024-05-01T00:00:00',
      min_value: '2024-04-30T12:00:00',
    });
    expect(max?.success).toBe(true);
    expect(open?.success).toBe(true);
    expect(open?.expectation_config.kwargs.min_value).toBe('0001-01-01T00:00:00');
  });

  it('defaults now() to the moment the run starts', async () => {
    const before = Date.now();
    const r = await runSuite(
      suiteOf([
        expectation('expect_column_max_to_be_between', { column: 'ts', max_value: { $PARAMETER: 'now()' } }),
      ]),
      tableSource(table),
      registry,
    );
    const at = Date.parse(`${r.results[0]?.expectation_config.kwargs.max_value}Z`);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('a missing runtime parameter is an expectation error naming it; the rest of the suite runs', async () => {
    const written = { column: 'x', max_value: { $PARAMETER: 'max_x * 1.1' } };
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_be_between', written),
        expectation('expect_column_values_to_not_be_null', { column: 'x' }),
      ]),
    );
    const [missing, other] = r.results;
    expect(missing?.success).toBe(false);
    expect(missing?.exception_info).toEqual({
      raised_exception: true,
      exception_message: 'kwargs.max_value: no value for suite parameter "max_x"',
      exception_traceback: null,
    });
    expect(missing?.expectation_config.kwargs).toEqual(written);
    expect(other?.success).toBe(true);
    expect(r.statistics).toMatchObject({ evaluated_expectations: 2, successful_expectations: 1 });
  });

  it('a bad expression in a suite built in code is an expectation error, never a throw', async () => {
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_be_between', { column: 'x', max_value: { $PARAMETER: 'now(' } }),
        expectation('expect_column_values_to_be_between', { column: 'x', max_value: { $PARAMETER: 7 } }),
        expectation('expect_column_values_to_be_between', {
          column: 'x',
          max_value: { $PARAMETER: 'x + 1' },
        }),
      ]),
      { suiteParameters: { x: 'abc' } },
    );
    expect(r.results.map((res) => res.exception_info.exception_message)).toEqual([
      'kwargs.max_value: invalid expression "now(": expected an argument or ")", found the end at column 5',
      'kwargs.max_value: expected an expression string, got 7',
      'kwargs.max_value: suite parameter x is "abc": only numbers and ISO date-times can be computed with',
    ]);
  });

  it('checks the resolved kwargs with the expectation schema', async () => {
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_be_between', {
          column: 'x',
          min_value: 5,
          max_value: { $PARAMETER: 'hi' },
        }),
        expectation('expect_column_values_to_be_between', {
          column: 'x',
          max_value: 5,
          mostly: { $PARAMETER: 'm' },
        }),
      ]),
      { suiteParameters: { hi: 1, m: 'most' } },
    );
    expect(r.results[0]?.exception_info.exception_message).toBe(
      'kwargs.min_value: min_value must be <= max_value',
    );
    expect(r.results[1]?.exception_info.exception_message).toMatch(/^kwargs\.mostly: /);
  });

  it('a parameter may stand for any kwarg, of any type, when the expression is one name', async () => {
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_be_in_set', {
          column: { $PARAMETER: 'col' },
          value_set: { $PARAMETER: 'allowed' },
          result_format: { $PARAMETER: 'fmt' },
        }),
      ]),
      { suiteParameters: { col: 'x', allowed: [1, 2, 3], fmt: 'BOOLEAN_ONLY' } },
    );
    const [res] = r.results;
    expect(res?.expectation_config.kwargs).toEqual({
      column: 'x',
      value_set: [1, 2, 3],
      result_format: 'BOOLEAN_ONLY',
    });
    expect(res?.success).toBe(false);
    expect(res?.result).toEqual({});
  });

  it('an unresolved result_format does not stop the run', async () => {
    const r = await run(
      suiteOf([
        expectation('expect_column_values_to_not_be_null', {
          column: 'x',
          result_format: { $PARAMETER: 'fmt' },
        }),
      ]),
    );
    expect(r.results[0]?.exception_info.exception_message).toBe(
      'kwargs.result_format: no value for suite parameter "fmt"',
    );
  });

  it("runtime values override the suite's own suite_parameters, and the result lists them all, as GX does", async () => {
    const r = await run(
      suiteOf(
        [
          expectation('expect_column_values_to_be_between', {
            column: 'x',
            max_value: { $PARAMETER: 'hi' },
            min_value: { $PARAMETER: 'lo' },
          }),
        ],
        { suite_parameters: { hi: 3, lo: 1, unused: 'kept' } },
      ),
      { suiteParameters: { hi: 10, since: new Date('2024-01-31T10:00:00Z') } },
    );
    expect(r.results[0]?.expectation_config.kwargs).toMatchObject({ min_value: 1, max_value: 10 });
    expect(r.results[0]?.success).toBe(true);
    expect(r.suite_parameters).toEqual({ hi: 10, lo: 1, unused: 'kept', since: '2024-01-31T10:00:00' });
  });

  it('reports no suite parameters when none are given', async () => {
    const r = await run(suiteOf([expectation('expect_column_values_to_not_be_null', { column: 'x' })]));
    expect(r.suite_parameters).toEqual({});
  });

  it('leaves the suite as written', async () => {
    const kwargs = { column: 'x', max_value: { $PARAMETER: 'hi' } };
    const suite = suiteOf([expectation('expect_column_values_to_be_between', kwargs)]);
    await run(suite, { suiteParameters: { hi: 1 } });
    expect(suite.expectations[0]?.kwargs).toEqual({ column: 'x', max_value: { $PARAMETER: 'hi' } });
  });

  it('validate() takes suiteParameters', async () => {
    const r = await validate(
      table,
      suiteOf([
        expectation('expect_column_max_to_be_between', { column: 'x', max_value: { $PARAMETER: 'hi' } }),
      ]),
      { suiteParameters: { hi: 9 } },
    );
    expect(r.results[0]?.success).toBe(false);
    expect(r.results[0]?.expectation_config.kwargs.max_value).toBe(9);
  });

  it('a parameter resolving to v gives exactly the result of writing v, however the data is batched', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.integer({ min: -20, max: 20 }), { nil: null }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: -25, max: 25 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 7 }),
        async (values, hi, span, batchSize) => {
          const data = tableFromArrays({ v: values.map((v) => (v === null ? Number.NaN : v)) });
          const literal = { column: 'v', min_value: hi - span, max_value: hi, mostly: 0.5 };
          const parameter = {
            column: 'v',
            min_value: { $PARAMETER: 'hi - span' },
            max_value: { $PARAMETER: 'hi' },
            mostly: { $PARAMETER: '1 / 2' },
          };
          const a = await run(
            suiteOf([expectation('expect_column_values_to_be_between', literal)]),
            {},
            data,
          );
          const b = await run(
            suiteOf([expectation('expect_column_values_to_be_between', parameter)]),
            { suiteParameters: { hi, span } },
            rebatch(data, batchSize),
          );
          expect(b.results).toEqual(a.results);
        },
      ),
      { numRuns: 40 },
    );
  });
});
