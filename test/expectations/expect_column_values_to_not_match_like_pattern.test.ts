import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToNotMatchLikePattern as def } from '../../src/expectations/expect_column_values_to_not_match_like_pattern.js';
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

const TYPE = 'expect_column_values_to_not_match_like_pattern';

describe(TYPE, () => {
  // GX's fixture (run by GX on SQL engines only), its cases for the dialects without [...] classes
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const gx = tableWithPk({
        a: make(['aaa', 'abb', 'acc', 'add', 'bee']),
        b: make(['aaa', 'abb', 'acc', 'bdd', null]),
        c: utf8([null, null, null, null, null]),
      });
      for (const [mostly, success] of [
        [0.3, false],
        [0.2, true],
        [0.1, true],
      ] as const) {
        const r = await runOne(gx, TYPE, { column: 'a', like_pattern: 'a%', mostly }, COMPLETE_PK);
        expect(r.success).toBe(success);
        expect(r.result.unexpected_list).toEqual(['aaa', 'abb', 'acc', 'add']);
      }
      const b = await runOne(gx, TYPE, { column: 'b', like_pattern: 'a%', mostly: 0.5 }, COMPLETE_PK);
      expect(b.success).toBe(false);
      expect(b.result.unexpected_index_list).toEqual([
        { pk_index: 0, b: 'aaa' },
        { pk_index: 1, b: 'abb' },
        { pk_index: 2, b: 'acc' },
      ]);
      // without a wildcard the pattern is the whole string: "[a]" matches nothing here
      expect((await runOne(gx, TYPE, { column: 'b', like_pattern: '[a]' })).success).toBe(true);
      expect((await runOne(gx, TYPE, { column: 'c', like_pattern: 'a%', mostly: 0.2 })).success).toBe(true);
      const mid = await runOne(gx, TYPE, { column: 'a', like_pattern: '%b%', mostly: 0.6 }, COMPLETE_PK);
      expect(mid.success).toBe(true);
      expect(mid.result.unexpected_list).toEqual(['abb', 'bee']);
    });
  }

  it('passes on an empty column', async () => {
    expect((await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', like_pattern: '%' })).success).toBe(
      true,
    );
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', like_pattern: '_%', mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'u', like_pattern: '% %', mostly: 0.9 }))).toBe(
      'values in `u` do not match the LIKE pattern `% %`, at least 90% of the time',
    );
  });
});
