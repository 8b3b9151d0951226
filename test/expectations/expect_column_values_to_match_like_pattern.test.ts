import { Null, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToMatchLikePattern as def } from '../../src/expectations/expect_column_values_to_match_like_pattern.js';
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

const TYPE = 'expect_column_values_to_match_like_pattern';
const A = ['aaa', 'abb', 'acc', 'add', 'bee'];
const B = ['aaa', 'abb', 'acc', 'bdd', null];

describe(TYPE, () => {
  // GX runs its fixture only on SQL engines; these are its cases for the dialects without [...] classes
  for (const [name, make] of STRING_ENCODINGS) {
    describe(`GX's fixture cases (${name} strings)`, () => {
      const gx = tableWithPk({
        a: make(A),
        b: make(B),
        c: utf8([null, null, null, null, null]),
        'column_name with space': make(A),
      });

      it('mostly over the non-matching value', async () => {
        for (const [mostly, success] of [
          [0.9, false],
          [0.8, true],
          [0.7, true],
        ] as const) {
          const r = await runOne(gx, TYPE, { column: 'a', like_pattern: 'a%', mostly }, COMPLETE_PK);
          expect(r.success).toBe(success);
          expect(r.result.unexpected_index_list).toEqual([{ pk_index: 4, a: 'bee' }]);
        }
        const spaced = await runOne(gx, TYPE, {
          column: 'column_name with space',
          like_pattern: 'a%',
          mostly: 0.8,
        });
        expect(spaced.success).toBe(true);
      });

      it('leaves nulls out of mostly', async () => {
        for (const [mostly, success] of [
          [0.8, false],
          [0.75, true],
          [0.7, true],
        ] as const) {
          const r = await runOne(gx, TYPE, { column: 'b', like_pattern: 'a%', mostly }, COMPLETE_PK);
          expect(r.success).toBe(success);
          expect(r.result.unexpected_list).toEqual(['bdd']);
        }
        for (const kw of [{}, { mostly: 0.2 }]) {
          const r = await runOne(gx, TYPE, { column: 'c', like_pattern: 'a%', ...kw }, COMPLETE_PK);
          expect(r.success).toBe(true);
          expect(r.result).toMatchObject({ unexpected_list: [], missing_count: 5 });
        }
      });

      it('% matches anywhere, not only at the start', async () => {
        const r = await runOne(gx, TYPE, { column: 'a', like_pattern: '%b%', mostly: 0.4 }, COMPLETE_PK);
        expect(r.success).toBe(true);
        expect(r.result.unexpected_list).toEqual(['aaa', 'acc', 'add']);
      });
    });
  }

  it('matches the whole string: _ is one character, brackets and dots are literal, case counts', async () => {
    const t = new Table({ s: utf8(['ab', 'abc', 'Abc', 'a.c', '[a]c', 'a%c', 'a\nc']) });
    const idx = async (like_pattern: string) =>
      (await runOne(t, TYPE, { column: 's', like_pattern }, 'COMPLETE')).result.unexpected_index_list;
    expect(await idx('a_c')).toEqual([0, 2, 4]);
    expect(await idx('a.c')).toEqual([0, 1, 2, 4, 5, 6]);
    expect(await idx('[a]%')).toEqual([0, 1, 2, 3, 5, 6]);
    expect(await idx('a\\%c')).toEqual([0, 1, 2, 3, 4, 6]);
    expect(await idx('a%')).toEqual([2, 4]);
  });

  it('refuses a pattern ending in an escape, at plan time, and non-string columns', async () => {
    const t = new Table({ s: utf8(['a']) });
    const r = await runOne(t, TYPE, { column: 's', like_pattern: 'a\\' });
    expect(r.exception_info.exception_message).toContain('ends with an escape');
    const n = await runOne(table({ n: Float64Array.from([1]) }), TYPE, { column: 'n', like_pattern: '1' });
    expect(n.exception_info.raised_exception).toBe(true);
    const nulls = new Table({ n: vectorFromArray([null], new Null()) });
    expect((await runOne(nulls, TYPE, { column: 'n', like_pattern: 'x' })).success).toBe(true);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', like_pattern: '%b_', mostly: 0.5 }),
    );
  });

  it('property: agrees with startsWith for prefix patterns', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.constantFrom('a', 'ab', 'b', ''), async (v, prefix) => {
        const r = await runOne(
          new Table({ s: utf8(v) }),
          TYPE,
          { column: 's', like_pattern: `${prefix}%` },
          'COMPLETE',
        );
        expect(r.result.unexpected_list).toEqual(
          v.filter((x): x is string => x !== null && !x.startsWith(prefix)),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'sku', like_pattern: 'SKU-____' }))).toBe(
      'values in `sku` match the LIKE pattern `SKU-____`',
    );
  });
});
