import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, and, cmp, col, type Expr, isIn, isNull, lit, not, or } from '../../src/engine/expr.js';
import { expectMulticolumnValuesToSatisfyExpression as def } from '../../src/expectations/expect_multicolumn_values_to_satisfy_expression.js';
import { expressionText } from '../../src/expectations/support/expression.js';
import { parseSuite } from '../../src/suite/load.js';
import { suiteToJson, suiteToYaml } from '../../src/suite/write.js';
import { runOne, sentenceOf } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, tableWithPk } from './map-helpers.js';
import { floats, ints, utf8 } from './vectors.js';

const TYPE = 'expect_multicolumn_values_to_satisfy_expression';

const t = tableWithPk({
  total: floats([10, 12, null, 5, Number.NaN]),
  fare: floats([8, 12, 3, 6, null]),
  tip: floats([2, 1, 1, null, null]),
  kind: utf8(['card', 'cash', 'card', null, 'cash']),
});

const covers: Expr = cmp('>=', col('total'), add(col('fare'), col('tip')));

describe(TYPE, () => {
  it('flags rows where the expression is false, as records of the columns it reads', async () => {
    const r = await runOne(t, TYPE, { expression: covers }, COMPLETE_PK);
    expect(r.success).toBe(false);
    // row 1: 12 < 13; rows 2 and 3 miss a value (false); row 4 has every value missing (left out)
    expect(r.result).toMatchObject({
      element_count: 5,
      missing_count: 1,
      unexpected_count: 3,
      unexpected_list: [
        { total: 12, fare: 12, tip: 1 },
        { total: null, fare: 3, tip: 1 },
        { total: 5, fare: 6, tip: null },
      ],
      unexpected_index_list: [
        { pk_index: 1, total: 12, fare: 12, tip: 1 },
        { pk_index: 2, total: null, fare: 3, tip: 1 },
        { pk_index: 3, total: 5, fare: 6, tip: null },
      ],
    });
  });

  it('applies ignore_row_if and mostly as multicolumn expectations do', async () => {
    const count = async (kwargs: Record<string, unknown>) =>
      (await runOne(t, TYPE, { expression: covers, ...kwargs })).result as {
        unexpected_count: number;
        missing_count: number;
      };
    expect(await count({ ignore_row_if: 'any_value_is_missing' })).toMatchObject({
      unexpected_count: 1,
      missing_count: 3,
    });
    expect(await count({ ignore_row_if: 'never' })).toMatchObject({ unexpected_count: 4, missing_count: 0 });
    const at = async (mostly: number) => (await runOne(t, TYPE, { expression: covers, mostly })).success;
    expect(await at(0.25)).toBe(true);
    expect(await at(0.3)).toBe(false);
  });

  it('evaluates membership, null tests and logic', async () => {
    const e = or(isNull(col('tip')), and(isIn(col('kind'), ['card']), not(cmp('<', col('tip'), lit(2)))));
    const r = await runOne(t, TYPE, { expression: e, ignore_row_if: 'never' }, 'COMPLETE');
    expect(r.result.unexpected_index_list).toEqual([1, 2]);
  });

  it('names its domain: column_list defaults to the columns read and must name them all', async () => {
    const parsed = def.kwargs.parse({ expression: covers });
    expect(parsed.column_list).toEqual(['total', 'fare', 'tip']);
    const wider = await runOne(
      t,
      TYPE,
      { expression: covers, column_list: ['total', 'fare', 'tip', 'kind'] },
      'COMPLETE',
    );
    expect(wider.result.unexpected_list).toContainEqual({ total: 12, fare: 12, tip: 1, kind: 'cash' });
    const narrow = await runOne(t, TYPE, { expression: covers, column_list: ['total'] });
    expect(narrow.exception_info.exception_message).toBe(
      'kwargs.column_list: the expression reads "fare", "tip", which column_list does not name',
    );
  });

  it('reports bad expressions and columns as exceptions', async () => {
    const bad = await runOne(t, TYPE, { expression: { op: 'nope' } });
    expect(bad.exception_info.raised_exception).toBe(true);
    const notACondition = await runOne(t, TYPE, { expression: add(col('fare'), col('tip')) });
    expect(notACondition.exception_info.exception_message).toMatch(/not a condition/);
    const missing = await runOne(t, TYPE, { expression: cmp('>', col('nope'), lit(1)) });
    expect(missing.exception_info.exception_message).toMatch(/column "nope" does not exist/);
    const constant = await runOne(t, TYPE, { expression: { op: 'true' } });
    expect(constant.exception_info.exception_message).toMatch(/reads no column/);
  });

  it('reads as a sentence in DataFrame.query style', () => {
    expect(sentenceOf(def, { expression: covers, mostly: 0.9 })).toBe(
      'each row satisfies `total >= fare + tip`, at least 90% of the time',
    );
    expect(
      expressionText(
        or(isNull(col('my col')), not(and(cmp('==', col('a'), lit('x')), isIn(col('b'), [1, null, true])))),
      ),
    ).toBe('`my col`.isnull() | ~(a == "x" & b in [1, None, True])');
  });

  it('survives the suite file round trip (JSON and YAML)', () => {
    const suite = {
      name: 's',
      expectations: def.examples.map((ex) => ({ type: TYPE, kwargs: ex.kwargs, meta: {} })),
      meta: {},
    };
    expect(parseSuite(suiteToJson(suite), 's.json')).toEqual(suite);
    expect(parseSuite(suiteToYaml(suite), 's.yaml')).toEqual(suite);
  });

  it('does not depend on how the rows are split into batches (property)', () => {
    const arb = fc
      .array(
        fc.tuple(
          fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
          fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
        ),
        {
          maxLength: 25,
        },
      )
      .map((rows) =>
        tableWithPk({
          a: ints(rows.map((r) => r[0])),
          b: floats(rows.map((r) => r[1])),
        }),
      );
    return assertBatchIndependent(arb, TYPE, () => ({
      expression: or(cmp('>', col('a'), col('b')), isNull(col('b'))),
    }));
  });

  it('runs on an Arrow table built by hand', async () => {
    const r = await runOne(new Table({ a: ints([1, 2]) }), TYPE, { expression: cmp('>', col('a'), lit(1)) });
    expect(r.result.unexpected_count).toBe(1);
  });
});
