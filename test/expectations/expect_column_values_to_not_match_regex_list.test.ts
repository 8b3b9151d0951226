import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToNotMatchRegexList as def } from '../../src/expectations/expect_column_values_to_not_match_regex_list.js';
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

const TYPE = 'expect_column_values_to_not_match_regex_list';
const W = ['111', '222', '333', '123', '321', '444', '456', '654', '555', null];
const X = ['man', 'plan', 'canal', 'panama', 'hat', 'bat', 'bit', 'bot', 'but', 'bet'];

describe(TYPE, () => {
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const gx = tableWithPk({ w: make(W), x: make(X) });
      expect((await runOne(gx, TYPE, { column: 'w', regex_list: ['\\s+'] })).success).toBe(true);
      expect((await runOne(gx, TYPE, { column: 'w', regex_list: ['\\s+', '[a-zA-Z]'] })).success).toBe(true);
      const r = await runOne(gx, TYPE, { column: 'w', regex_list: ['[12]+', '[45]+'] }, COMPLETE_PK);
      expect(r.success).toBe(false);
      expect(r.result.unexpected_list).toEqual(['111', '222', '123', '321', '444', '456', '654', '555']);
      expect(r.result).toMatchObject({ missing_count: 1 });
      const hat = await runOne(
        gx,
        TYPE,
        { column: 'x', regex_list: ['opatomus', 'ovat', 'h.*t'] },
        COMPLETE_PK,
      );
      expect(hat.result.unexpected_index_list).toEqual([{ pk_index: 4, x: 'hat' }]);
    });
  }

  it('has no match_on (a value fails when any regex matches) and refuses an empty list', async () => {
    const t = new Table({ s: utf8(['a']) });
    expect(
      (await runOne(t, TYPE, { column: 's', regex_list: ['a'], match_on: 'all' })).exception_info
        .raised_exception,
    ).toBe(true);
    expect((await runOne(t, TYPE, { column: 's', regex_list: [] })).exception_info.raised_exception).toBe(
      true,
    );
  });

  it('passes on an empty column', async () => {
    expect((await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', regex_list: ['.'] })).success).toBe(
      true,
    );
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', regex_list: ['^a', 'c'], mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'c', regex_list: ['<script', 'onload='] }))).toBe(
      'values in `c` match none of the regular expressions `<script`, `onload=`',
    );
    expect(def.sentence(def.kwargs.parse({ column: 'c', regex_list: ['<script'] }))).toBe(
      'values in `c` do not match the regular expression `<script`',
    );
  });
});
