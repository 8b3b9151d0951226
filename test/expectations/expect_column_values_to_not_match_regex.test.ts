import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToNotMatchRegex } from '../../src/expectations/expect_column_values_to_not_match_regex.js';
import { runOne } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';

const TYPE = 'expect_column_values_to_not_match_regex';
const A = ['aaa', 'abb', 'acc', 'add', 'bee'];
const B = ['aaa', 'abb', 'acc', 'bdd', null];

describe(TYPE, () => {
  it('succeeds when no string matches', async () => {
    expect((await runOne(new Table({ b: utf8(B) }), TYPE, { column: 'b', regex: '^c' })).success).toBe(true);
  });

  it('lists the strings that match, with pk_index records', async () => {
    const t = tableWithPk({ a: utf8(A) });
    const r = await runOne(t, TYPE, { column: 'a', regex: 'b', mostly: 0.6 }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result.unexpected_list).toEqual(['abb', 'bee']);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 1, a: 'abb' },
      { pk_index: 4, a: 'bee' },
    ]);
  });

  it('applies mostly to the non-missing rows only', async () => {
    const t = new Table({ b: utf8(B) });
    // 4 present, 3 start with a: 25% expected
    expect((await runOne(t, TYPE, { column: 'b', regex: '^a', mostly: 0.25 })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'b', regex: '^a', mostly: 0.5 })).success).toBe(false);
  });

  it('an empty regex matches every present string, so each is unexpected', async () => {
    const r = await runOne(new Table({ b: utf8(B) }), TYPE, { column: 'b', regex: '' }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual(['aaa', 'abb', 'acc', 'bdd']);
    expect(r.result.missing_count).toBe(1);
  });

  it('succeeds on an all-null column', async () => {
    const r = await runOne(new Table({ c: utf8([null, null]) }), TYPE, { column: 'c', regex: '^a' });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ missing_count: 2, unexpected_count: 0 });
  });

  it('succeeds on an empty table with zero counts', async () => {
    const r = await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', regex: 'x' });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`tests each row of a ${name} column with Python syntax`, async () => {
      const t = tableWithPk({ s: make(['2020-2020', null, '2020-2021', '2020-2020\n']) });
      const r = await runOne(t, TYPE, { column: 's', regex: '^(?P<y>\\d{4})-(?P=y)$' }, COMPLETE_PK);
      expect(r.result.unexpected_index_list).toEqual([
        { pk_index: 0, s: '2020-2020' },
        { pk_index: 3, s: '2020-2020\n' },
      ]);
    });
  }

  it('needs a regex and a string column; a bad pattern is an expectation error', async () => {
    const t = new Table({ s: utf8(['a']) });
    expect((await runOne(t, TYPE, { column: 's' })).exception_info.raised_exception).toBe(true);
    const bad = await runOne(t, TYPE, { column: 's', regex: '(' });
    expect(bad.exception_info.exception_message).toContain('invalid regular expression');
    const num = await runOne(table({ f: new Float64Array(1) }), TYPE, { column: 'f', regex: 'a' });
    expect(num.exception_info.exception_message).toMatch(/accepts string/);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: utf8(v) })),
      TYPE,
      () => ({ column: 's', regex: '\\Ab|c\\Z', mostly: 0.5 }),
    );
  });

  it('property: complements expect_column_values_to_match_regex on the present rows', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.constantFrom('^a', 'b', '(?i)A', '\\d', '^$'), async (v, regex) => {
        const t = new Table({ s: utf8(v) });
        const match = await runOne(t, 'expect_column_values_to_match_regex', { column: 's', regex });
        const notMatch = await runOne(t, TYPE, { column: 's', regex });
        expect((match.result.unexpected_count as number) + (notMatch.result.unexpected_count as number)).toBe(
          v.filter((x) => x !== null).length,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence', () => {
    const k = expectColumnValuesToNotMatchRegex.kwargs.parse({ column: 'comment', regex: '<script' });
    expect(expectColumnValuesToNotMatchRegex.sentence(k)).toBe(
      'values in `comment` do not match the regular expression `<script`',
    );
  });
});
