import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValueLengthsToEqual } from '../../src/expectations/expect_column_value_lengths_to_equal.js';
import { runOne, sentenceOf } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_value_lengths_to_equal';

describe(TYPE, () => {
  it('succeeds when every string has the length', async () => {
    const t = new Table({ s: utf8(['a', 'b', 'c', 'd', 'e']) });
    expect((await runOne(t, TYPE, { column: 's', value: 1 })).success).toBe(true);
  });

  it('lists the strings of another length, with pk_index records', async () => {
    const t = tableWithPk({ s1: utf8(['smart', 'silly', 'sassy', 'slimy', 'sexy']) });
    const r = await runOne(t, TYPE, { column: 's1', value: 5 }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual(['sexy']);
    expect(r.result.unexpected_index_list).toEqual([{ pk_index: 4, s1: 'sexy' }]);
    expect((await runOne(t, TYPE, { column: 's1', value: 5, mostly: 0.8 })).success).toBe(true);
  });

  it('applies mostly to the non-missing rows only', async () => {
    const t = new Table({ s3: utf8(['cool', 'calm', 'collected', 'casual', null]) });
    const r = await runOne(t, TYPE, { column: 's3', value: 4, mostly: 0.5 }, 'COMPLETE');
    expect(r.success).toBe(true);
    expect(r.result.unexpected_list).toEqual(['collected', 'casual']);
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_percent: 50 });
    expect((await runOne(t, TYPE, { column: 's3', value: 4, mostly: 0.51 })).success).toBe(false);
  });

  it('counts code points, as Python len()', async () => {
    const t = new Table({ s: utf8(['😀a', 'ab', 'é!', '😀😀', 'abc']) });
    const r = await runOne(t, TYPE, { column: 's', value: 2 }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual(['abc']);
  });

  it('succeeds on an empty table with zero counts', async () => {
    const r = await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', value: 3 });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`measures each row of a ${name} column`, async () => {
      const t = tableWithPk({ s: make(['US', null, 'USA', 'FR', 'USA']) });
      const r = await runOne(t, TYPE, { column: 's', value: 2 }, COMPLETE_PK);
      expect(r.result.unexpected_index_list).toEqual([
        { pk_index: 2, s: 'USA' },
        { pk_index: 4, s: 'USA' },
      ]);
      expect(r.result.partial_unexpected_counts).toEqual([{ value: 'USA', count: 2 }]);
    });
  }

  it('needs an integer value and a string column', async () => {
    const t = table({ s: utf8(['a']), f: floats([1]) });
    const msg = async (k: Record<string, unknown>) =>
      (await runOne(t, TYPE, k)).exception_info.exception_message;
    expect(await msg({ column: 's' })).toContain('value');
    expect(await msg({ column: 's', value: 1.5 })).toContain('whole number');
    expect(await msg({ column: 'f', value: 1 })).toMatch(/accepts string/);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: utf8(v) })),
      TYPE,
      () => ({ column: 's', value: 2, mostly: 0.3 }),
    );
  });

  it('property: agrees with [...s].length', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.integer({ min: 0, max: 3 }), async (v, value) => {
        const r = await runOne(new Table({ s: utf8(v) }), TYPE, { column: 's', value }, 'COMPLETE');
        expect(r.result.unexpected_list).toEqual(
          v.filter((x): x is string => x !== null && [...x].length !== value),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence', () => {
    const s = (kw: Record<string, unknown>) => sentenceOf(expectColumnValueLengthsToEqual, kw);
    expect(s({ column: 'country', value: 2 })).toBe('values in `country` are exactly 2 characters long');
    expect(s({ column: 'flag', value: 1, mostly: 0.9 })).toBe(
      'values in `flag` are exactly 1 character long, at least 90% of the time',
    );
  });
});
