import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToMatchLikePatternList as def } from '../../src/expectations/expect_column_values_to_match_like_pattern_list.js';
import { runOne } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  dict,
  STRING_ENCODINGS,
  tableWithPk,
  utf8,
} from './map-helpers.js';

const TYPE = 'expect_column_values_to_match_like_pattern_list';
const W = ['111', '222', '333', '123', '321', '444', '456', '654', '555', null];
const X = ['man', 'plan', 'canal', 'panama', 'hat', 'bat', 'bit', 'bot', 'but', 'bet'];

describe(TYPE, () => {
  // GX's fixture (run by GX on SQL engines only), its cases for the dialects without [...] classes
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const gx = tableWithPk({ w: make(W), x: make(X), 'column_name with space': make(X) });
      const digits = ['%1%', '%2%', '%3%', '%4%', '%5%', '%6%'];
      expect((await runOne(gx, TYPE, { column: 'w', like_pattern_list: digits })).success).toBe(true);
      expect(
        (await runOne(gx, TYPE, { column: 'w', like_pattern_list: digits, match_on: 'any' })).success,
      ).toBe(true);
      for (const column of ['x', 'column_name with space']) {
        const r = await runOne(
          gx,
          TYPE,
          { column, like_pattern_list: ['%a%', 'b%t'], match_on: 'any' },
          COMPLETE_PK,
        );
        expect(r.success).toBe(true);
      }
      const r = await runOne(gx, TYPE, { column: 'x', like_pattern_list: ['%a%'] }, COMPLETE_PK);
      expect(r.result.unexpected_list).toEqual(['bit', 'bot', 'but', 'bet']);
    });
  }

  it('all: every pattern must match', async () => {
    const t = new Table({ s: utf8(['ab', 'a', 'b', 'ba']) });
    const r = await runOne(
      t,
      TYPE,
      { column: 's', like_pattern_list: ['%a%', '%b%'], match_on: 'all' },
      'COMPLETE',
    );
    expect(r.result.unexpected_list).toEqual(['a', 'b']);
    const any = await runOne(t, TYPE, { column: 's', like_pattern_list: ['a%', 'b'] }, 'COMPLETE');
    expect(any.result.unexpected_list).toEqual(['ba']);
  });

  it('refuses an empty list and a bad pattern', async () => {
    const t = new Table({ s: utf8(['a']) });
    expect(
      (await runOne(t, TYPE, { column: 's', like_pattern_list: [] })).exception_info.raised_exception,
    ).toBe(true);
    expect(
      (await runOne(t, TYPE, { column: 's', like_pattern_list: ['a', 'b\\'] })).exception_info
        .raised_exception,
    ).toBe(true);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', like_pattern_list: ['a%', '%c'], match_on: 'all', mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(
      def.sentence(def.kwargs.parse({ column: 'f', like_pattern_list: ['%.csv', '%.gz'], match_on: 'all' })),
    ).toBe('values in `f` match all of the LIKE patterns `%.csv`, `%.gz`');
  });
});
