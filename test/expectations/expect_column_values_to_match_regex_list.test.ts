import { Null, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToMatchRegexList as def } from '../../src/expectations/expect_column_values_to_match_regex_list.js';
import { runOne } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  dict,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';

const TYPE = 'expect_column_values_to_match_regex_list';
const W = ['111', '222', '333', '123', '321', '444', '456', '654', '555', null];
const X = ['man', 'plan', 'canal', 'panama', 'hat', 'bat', 'bit', 'bot', 'but', 'bet'];

describe(TYPE, () => {
  for (const [name, make] of STRING_ENCODINGS) {
    describe(`GX's fixture cases (${name} strings)`, () => {
      const gx = tableWithPk({ w: make(W), x: make(X), 'column_name with space': make(X) });

      it('any (the default): a value matching one regex passes', async () => {
        expect((await runOne(gx, TYPE, { column: 'w', regex_list: ['\\d+'] }, COMPLETE_PK)).success).toBe(
          true,
        );
        const two = await runOne(gx, TYPE, {
          column: 'w',
          regex_list: ['[123]+', '[456]+'],
          match_on: 'any',
        });
        expect(two.success).toBe(true);
        const spaced = await runOne(gx, TYPE, {
          column: 'column_name with space',
          regex_list: ['^.*a.*$', 'b.t'],
          match_on: 'any',
        });
        expect(spaced.success).toBe(true);
      });

      it('all: every regex must match', async () => {
        const r = await runOne(
          gx,
          TYPE,
          { column: 'w', regex_list: ['[123]+', '[456]+'], match_on: 'all' },
          COMPLETE_PK,
        );
        expect(r.success).toBe(false);
        expect(r.result.unexpected_list).toEqual(W.slice(0, 9));
        expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: 9 });
      });

      it('lists the strings matching none', async () => {
        const r = await runOne(gx, TYPE, { column: 'x', regex_list: ['^.*a.*$'] }, COMPLETE_PK);
        expect(r.result.unexpected_list).toEqual(['bit', 'bot', 'but', 'bet']);
        expect(r.result.unexpected_index_list).toEqual([
          { pk_index: 6, x: 'bit' },
          { pk_index: 7, x: 'bot' },
          { pk_index: 8, x: 'but' },
          { pk_index: 9, x: 'bet' },
        ]);
      });
    });
  }

  it('all differs from any where values match some but not all', async () => {
    const t = new Table({ s: utf8(['a1', 'a', '1', 'b']) });
    const any = await runOne(t, TYPE, { column: 's', regex_list: ['a', '\\d'] }, 'COMPLETE');
    expect(any.result.unexpected_list).toEqual(['b']);
    const all = await runOne(t, TYPE, { column: 's', regex_list: ['a', '\\d'], match_on: 'all' }, 'COMPLETE');
    expect(all.result.unexpected_list).toEqual(['a', '1', 'b']);
  });

  it('passes on empty, all-null and null-typed columns', async () => {
    for (const c of [utf8([]), utf8([null]), vectorFromArray([null, null], new Null())]) {
      expect((await runOne(new Table({ c }), TYPE, { column: 'c', regex_list: ['x'] })).success).toBe(true);
    }
  });

  it('refuses an empty list, a bad regex, a bad match_on and non-string columns', async () => {
    const t = new Table({ s: utf8(['a']) });
    for (const kwargs of [
      { regex_list: [] },
      { regex_list: ['('] },
      { regex_list: ['a'], match_on: 'some' },
    ]) {
      expect((await runOne(t, TYPE, { column: 's', ...kwargs })).exception_info.raised_exception).toBe(true);
    }
    const n = await runOne(table({ n: Float64Array.from([1]) }), TYPE, { column: 'n', regex_list: ['1'] });
    expect(n.exception_info.exception_message).toMatch(/accepts string/);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', regex_list: ['^a', 'b$'], match_on: 'any', mostly: 0.5 }),
    );
  });

  it('property: any is the union and all the intersection of the single regexes', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, async (v) => {
        const t = new Table({ s: utf8(v) });
        const one = async (r: string) =>
          (await runOne(t, 'expect_column_values_to_match_regex', { column: 's', regex: r }, 'COMPLETE'))
            .result.unexpected_index_list as number[];
        const [a, b] = [await one('a'), await one('^b')];
        const any = await runOne(t, TYPE, { column: 's', regex_list: ['a', '^b'] }, 'COMPLETE');
        const all = await runOne(
          t,
          TYPE,
          { column: 's', regex_list: ['a', '^b'], match_on: 'all' },
          'COMPLETE',
        );
        expect(any.result.unexpected_index_list).toEqual(a.filter((i) => b.includes(i)));
        expect(all.result.unexpected_index_list).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      }),
      { numRuns: 30 },
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'c', regex_list: ['^a', '^b'] }))).toBe(
      'values in `c` match any of the regular expressions `^a`, `^b`',
    );
    expect(
      def.sentence(def.kwargs.parse({ column: 'c', regex_list: ['^a'], match_on: 'all', mostly: 0.5 })),
    ).toBe('values in `c` match the regular expression `^a`, at least 50% of the time');
  });
});
