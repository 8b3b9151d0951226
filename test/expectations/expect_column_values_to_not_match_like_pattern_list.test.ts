import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToNotMatchLikePatternList as def } from '../../src/expectations/expect_column_values_to_not_match_like_pattern_list.js';
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

const TYPE = 'expect_column_values_to_not_match_like_pattern_list';
const W = ['111', '222', '333', '123', '321', '444', '456', '654', '555', null];

describe(TYPE, () => {
  // GX's fixture (run by GX on SQL engines only), its cases for the dialects without [...] classes
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const r = await runOne(
        tableWithPk({ w: make(W) }),
        TYPE,
        { column: 'w', like_pattern_list: ['%1%', '%2%', '%4%', '%5%'] },
        COMPLETE_PK,
      );
      expect(r.success).toBe(false);
      expect(r.result.unexpected_list).toEqual(['111', '222', '123', '321', '444', '456', '654', '555']);
      expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: 8 });
      const x = tableWithPk({
        x: make(['man', 'plan', 'canal', 'panama', 'hat', 'bat', 'bit', 'bot', 'but', 'bet']),
      });
      const hat = await runOne(
        x,
        TYPE,
        { column: 'x', like_pattern_list: ['opatomus', 'ovat', 'h%t'] },
        COMPLETE_PK,
      );
      expect(hat.result.unexpected_index_list).toEqual([{ pk_index: 4, x: 'hat' }]);
    });
  }

  it('has no match_on and refuses an empty list', async () => {
    const t = new Table({ s: utf8(['a']) });
    expect(
      (await runOne(t, TYPE, { column: 's', like_pattern_list: ['b'], match_on: 'any' })).exception_info
        .raised_exception,
    ).toBe(true);
    expect(
      (await runOne(t, TYPE, { column: 's', like_pattern_list: [] })).exception_info.raised_exception,
    ).toBe(true);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', like_pattern_list: ['a%', '%\n'], mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(
      def.sentence(def.kwargs.parse({ column: 'url', like_pattern_list: ['http://%', '%localhost%'] })),
    ).toBe('values in `url` match none of the LIKE patterns `http://%`, `%localhost%`');
  });
});
