import { describe, expect, it } from 'vitest';
import type { ExpectationResult } from '../../src/result/types.js';
import { type GxCase, parseFixture } from './fixtures.js';
import { judge, pyEq } from './judge.js';

/** A case from a test written as in a fixture file (so float literals and key order are as GX reads them). */
function gxCase(test: string, category = 'column_map_expectations'): GxCase {
  const f = parseFixture(
    `{"expectation_type": "expect_x", "datasets": [{"data": {"a": [1]}, "tests": [${test}]}]}`,
    `${category}/expect_x.json`,
  );
  return f.datasets[0]!.cases[0]!;
}

function result(success: boolean, r: Record<string, unknown> = {}, raised?: string): ExpectationResult {
  return {
    success,
    expectation_config: { type: 'expect_x', kwargs: {}, meta: {} },
    result: r,
    meta: {},
    exception_info: {
      raised_exception: raised !== undefined,
      exception_message: raised ?? null,
      exception_traceback: null,
    },
  };
}

const test = (out: string, extra = '') =>
  `{"title": "t", "exact_match_out": false, "in": {}, "out": ${out}${extra}}`;

describe('judge (GX check_json_test_result)', () => {
  it('compares success', () => {
    expect(judge(gxCase(test('{"success": true}')), result(true))).toEqual([]);
    expect(judge(gxCase(test('{"success": true}')), result(false))).toEqual([
      'success: expected True, got False',
    ]);
  });

  it('sorts unexpected lists by their string form before comparing', () => {
    const c = gxCase(test('{"unexpected_list": [10, 2, "b", "a"]}'));
    expect(judge(c, result(false, { unexpected_list: ['a', 2, 'b', 10] }))).toEqual([]);
    expect(judge(c, result(false, { unexpected_list: ['a', 2, 'b'] }))).toHaveLength(1);
  });

  it('leaves a list unsorted when its first element is None', () => {
    const c = gxCase(test('{"unexpected_list": [null, 2, 1]}'));
    expect(judge(c, result(false, { unexpected_list: [null, 2, 1] }))).toEqual([]);
    expect(judge(c, result(false, { unexpected_list: [null, 1, 2] }))).toHaveLength(1);
  });

  it('judges in JSON form: NaN reads as None, like to_json_dict', () => {
    const c = gxCase(test('{"unexpected_list": [null]}'));
    expect(judge(c, result(false, { unexpected_list: [Number.NaN] }))).toEqual([]);
  });

  it('sorts unexpected_index_list by pk_index, and skips it when the result has none (as GX does)', () => {
    const c = gxCase(test('{"unexpected_index_list": [{"a": 5, "pk_index": 1}, {"a": 3, "pk_index": 4}]}'));
    const rows = [
      { pk_index: 4, a: 3 },
      { pk_index: 1, a: 5 },
    ];
    expect(judge(c, result(false, { unexpected_index_list: rows }))).toEqual([]);
    expect(judge(c, result(false, { unexpected_index_list: [{ pk_index: 1, a: 5 }] }))).toHaveLength(1);
    expect(judge(c, result(false, { unexpected_index_list: [] }))).toEqual([]);
    expect(
      judge(gxCase(test('{"unexpected_index_list": [1]}'), 'other_expectations'), result(false)),
    ).toEqual([]);
  });

  it('reads observed_value with an absolute 0.05 only when GX sees a float in the fixture', () => {
    expect(judge(gxCase(test('{"observed_value": 2.0}')), result(true, { observed_value: 2.04 }))).toEqual(
      [],
    );
    expect(judge(gxCase(test('{"observed_value": 2}')), result(true, { observed_value: 2.04 }))).toHaveLength(
      1,
    );
    expect(
      judge(gxCase(test('{"observed_value": 2.0}')), result(true, { observed_value: 2.06 })),
    ).toHaveLength(1);
    expect(
      judge(gxCase(test('{"observed_value": [1.5, 2]}')), result(true, { observed_value: [1.52, 2] })),
    ).toEqual([]);
  });

  it('reads observed_value within a relative tolerance when the test gives one', () => {
    const c = gxCase(test('{"observed_value": 100}', ', "tolerance": 0.01'));
    expect(judge(c, result(true, { observed_value: 100.9 }))).toEqual([]);
    expect(judge(c, result(true, { observed_value: 101.1 }))).toHaveLength(1);
  });

  it('wants a raised exception for traceback_substring and error, and none otherwise', () => {
    expect(judge(gxCase(test('{"traceback_substring": "x"}')), result(false, {}, 'bad'))).toEqual([]);
    expect(
      judge(gxCase(test('{}', ', "error": {"traceback_substring": "x"}')), result(false, {}, 'bad')),
    ).toEqual([]);
    expect(judge(gxCase(test('{}', ', "error": {"traceback_substring": "x"}')), result(true))).toHaveLength(
      1,
    );
    expect(judge(gxCase(test('{"success": false}')), result(false, {}, 'bad'))).toEqual(['raised: bad']);
  });

  it('fails on keys GX does not know, and on lists the result lacks', () => {
    expect(judge(gxCase(test('{"meta": {}}')), result(true))[0]).toMatch(/unknown key meta/);
    expect(judge(gxCase(test('{"unexpected_list": []}')), result(true))[0]).toMatch(/KeyError/);
  });

  it('exact_match_out compares success and the result keys both sides have', () => {
    const exact = (out: string) => gxCase(`{"title": "t", "exact_match_out": true, "in": {}, "out": ${out}}`);
    const c = exact('{"success": true, "result": {"element_count": 3, "missing_count": 0}}');
    expect(judge(c, result(true, { element_count: 3, unexpected_count: 0 }))).toEqual([]);
    expect(judge(c, result(true, { element_count: 4 }))).toHaveLength(1);
    expect(judge(c, result(true, {}))).toHaveLength(1);
  });

  it('pyEq is Python ==', () => {
    expect(pyEq(1, 1.0)).toBe(true);
    expect(pyEq(true, 1)).toBe(true);
    expect(pyEq(Number.NaN, Number.NaN)).toBe(false);
    expect(pyEq({ a: [1, null] }, { a: [1, null] })).toBe(true);
    expect(pyEq({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pyEq('1', 1)).toBe(false);
    expect(pyEq(2n ** 60n, 2n ** 60n)).toBe(true);
  });
});
