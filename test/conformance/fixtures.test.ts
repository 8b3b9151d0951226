import { describe, expect, it } from 'vitest';
import { typeName } from '../../src/arrow/types.js';
import { buildTable, caseColumns, type GxFile, loadFixtureFiles, parseFixture } from './fixtures.js';

function fixture(category: string, dataset: string, tests = '[]'): GxFile {
  return parseFixture(
    `{"expectation_type": "expect_x", "datasets": [{${dataset}, "tests": ${tests}}]}`,
    `${category}/expect_x.json`,
  );
}

function built(category: string, dataset: string) {
  const f = fixture(category, dataset);
  const d = f.datasets[0]!;
  return buildTable(d, category === 'column_map_expectations');
}

const types = (t: ReturnType<typeof built>) =>
  t.table.schema.fields.map((f) => `${f.name}:${typeName(f.type)}`);
const column = (t: ReturnType<typeof built>, name: string) => [...(t.table.getChild(name) ?? [])];

describe('buildTable (pandas as GX builds it)', () => {
  it('infers dtypes like pd.DataFrame: ints with None become float64 NaN, 2.0 is a float', () => {
    const t = built(
      'other_expectations',
      `"data": {"i": [1, 2, 3], "n": [1, null, 3], "f": [2.0, 3.0, 4.0], "s": ["a", null, "c"], "b": [true, null, false], "z": [null, null, null]}`,
    );
    expect(types(t)).toEqual(['i:int64', 'n:float64', 'f:float64', 's:utf8', 'b:bool', 'z:null']);
    expect(column(t, 'n')).toEqual([1, Number.NaN, 3]);
    expect(column(t, 'i')).toEqual([1n, 2n, 3n]);
    expect(column(t, 's')).toEqual(['a', null, 'c']);
    expect(t.leftOut.size).toBe(0);
  });

  it('adds pk_index for map categories, after the columns, keeping a column named "0" in place', () => {
    const t = built('column_map_expectations', `"data": {"a": [5, 6], "0": ["x", "y"]}`);
    expect(types(t)).toEqual(['a:int64', '0:utf8', 'pk_index:int64']);
    expect(column(t, 'pk_index')).toEqual([0n, 1n]);
    expect(types(built('other_expectations', `"data": {"a": [5, 6]}`))).toEqual(['a:int64']);
  });

  it('applies schemas.pandas: str is Python str() (None -> "None"), Int64Dtype keeps nulls, dates and timestamps', () => {
    const t = built(
      'other_expectations',
      `"data": {"s": ["a", null, 2.0], "s2": [1.5, null, 2], "n": [1, null, 3], "d": ["2018-01-01", null, "2018-01-03"],
        "t": ["2016-01-01T12:34:56Z", null, "2016-01-02T00:00:00Z"], "ts": ["Jan 01 1970 12:00:01", null, "2000-01-01 00:00:00.5"]},
       "schemas": {"pandas": {"s": "str", "s2": "str", "n": "Int64Dtype", "d": "date", "t": "timestamp", "ts": "datetime64[ns]"}}`,
    );
    expect(types(t)).toEqual([
      's:utf8',
      's2:utf8',
      'n:int64',
      'd:date32',
      't:timestamp[ns, UTC]',
      'ts:timestamp[ns]',
    ]);
    // an object column is str()-ed value by value; a float64 column prints its floats
    expect(column(t, 's')).toEqual(['a', 'None', '2.0']);
    expect(column(t, 's2')).toEqual(['1.5', 'nan', '2.0']);
    expect(column(t, 'n')).toEqual([1n, null, 3n]);
    expect(t.table.getChild('ts')?.data[0]?.values[0]).toBe(43_201_000_000_000n);
    expect(t.table.getChild('ts')?.data[0]?.values[2]).toBe(946_684_800_500_000_000n);
  });

  it('leaves out columns of mixed Python objects, naming why', () => {
    const t = built('other_expectations', `"data": {"ok": [1, 2], "mixed": [1, "2"]}`);
    expect(types(t)).toEqual(['ok:int64']);
    expect(t.leftOut.get('mixed')).toMatch(/mixed Python objects \(int, str\)/);
  });
});

describe('cases', () => {
  it('applies only where GX runs pandas: only_for, suppress_test_for, its skip list', () => {
    const f = fixture(
      'column_map_expectations',
      `"data": {"a": [1]}`,
      `[{"title": "all", "exact_match_out": false, "in": {"column": "a"}, "out": {}},
        {"title": "sql", "only_for": ["sqlite"], "exact_match_out": false, "in": {}, "out": {}},
        {"title": "v3", "only_for": ["pandas_v3_api"], "exact_match_out": false, "in": {}, "out": {}},
        {"title": "old", "only_for": ["pandas_022"], "exact_match_out": false, "in": {}, "out": {}},
        {"title": "sup", "suppress_test_for": ["pandas"], "exact_match_out": false, "in": {}, "out": {}},
        {"title": "err", "exact_match_out": false, "in": {}, "out": {}, "error": {"traceback_substring": "x"}}]`,
    );
    const cases = f.datasets[0]!.cases;
    expect(cases.filter((c) => !c.skip).map((c) => c.title)).toEqual(['all', 'v3', 'err']);
    expect(cases.map((c) => c.expectsRaise)).toEqual([false, false, false, false, false, true]);
    expect(cases[0]!.pkColumn).toBe(true);
    expect(caseColumns(cases[0]!)).toEqual(['a']);
    expect(caseColumns(cases[1]!)).toBeUndefined();
  });

  it('loads every GX fixture file', () => {
    const files = loadFixtureFiles();
    expect(files.length).toBe(63);
    const like = files.find((f) => f.expectationType === 'expect_column_values_to_match_like_pattern');
    expect(like?.datasets.every((d) => d.cases.every((c) => c.skip))).toBe(true);
  });
});
