import { Null, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValueLengthsToBeBetween } from '../../src/expectations/expect_column_value_lengths_to_be_between.js';
import { runOne, sentenceOf } from '../helpers.js';
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
import { int64s } from './vectors.js';

const TYPE = 'expect_column_value_lengths_to_be_between';
const S1 = ['smart', 'silly', 'sassy', 'slimy', 'sexy'];
const S2 = ['cool', 'calm', 'collected', 'casual', 'creepy'];

describe(TYPE, () => {
  it('succeeds when every length is within the bounds (inclusive)', async () => {
    const t = new Table({ s1: utf8(S1) });
    expect((await runOne(t, TYPE, { column: 's1', min_value: 4, max_value: 5 })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 's1', max_value: 5 })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 's1', min_value: 4, max_value: null })).success).toBe(true);
  });

  it('lists the strings out of bounds, with pk_index records', async () => {
    const t = tableWithPk({ s2: utf8(S2) });
    const r = await runOne(t, TYPE, { column: 's2', min_value: 5, max_value: 9 }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual(['cool', 'calm']);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 0, s2: 'cool' },
      { pk_index: 1, s2: 'calm' },
    ]);
  });

  it('honours strict_min and strict_max', async () => {
    const t = new Table({ s: utf8(['ab', 'abc', 'abcd']) });
    const run = async (k: Record<string, unknown>) =>
      (await runOne(t, TYPE, { column: 's', min_value: 2, max_value: 4, ...k }, 'COMPLETE')).result
        .unexpected_list;
    expect(await run({})).toEqual([]);
    expect(await run({ strict_min: true })).toEqual(['ab']);
    expect(await run({ strict_max: true })).toEqual(['abcd']);
    expect(await run({ strict_min: true, strict_max: true })).toEqual(['ab', 'abcd']);
  });

  it('counts code points, as Python len()', async () => {
    const t = new Table({ s: utf8(['😀', 'é', 'e\u0301', '😀😀']) });
    const r = await runOne(t, TYPE, { column: 's', max_value: 1 }, 'COMPLETE');
    // 'e' + combining accent is two code points
    expect(r.result.unexpected_list).toEqual(['e\u0301', '😀😀']);
  });

  it('applies mostly to the non-missing rows only', async () => {
    const t = new Table({ s3: utf8(['cool', 'calm', 'collected', 'casual', null]) });
    expect((await runOne(t, TYPE, { column: 's3', min_value: 4, max_value: 9 })).success).toBe(true);
    const r = await runOne(t, TYPE, { column: 's3', min_value: 4, max_value: 6, mostly: 0.75 });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: 1, unexpected_percent: 25 });
    expect((await runOne(t, TYPE, { column: 's3', max_value: 6, mostly: 0.76 })).success).toBe(false);
  });

  it('min_value > max_value is not an error in GX: every value fails', async () => {
    const r = await runOne(new Table({ s1: utf8(S1) }), TYPE, { column: 's1', min_value: 1, max_value: 0 });
    expect(r.exception_info.raised_exception).toBe(false);
    expect(r.result.unexpected_count).toBe(5);
  });

  it('rejects missing or non-integer bounds and non-string columns', async () => {
    const t = table({
      s1: utf8(S1),
      s4: int64s([1, 2, 3, 4, 5]),
    });
    const err = async (k: Record<string, unknown>) =>
      (await runOne(t, TYPE, k)).exception_info.exception_message ?? '';
    expect(await err({ column: 's1', min_value: null, max_value: null })).toContain('give min_value');
    expect(await err({ column: 's1', min_value: 'quack', max_value: 0 })).toContain('must be integers');
    expect(await err({ column: 's1', min_value: 1.5 })).toContain('must be integers');
    expect(await err({ column: 's4', min_value: 0, max_value: 1 })).toMatch(/int64.*accepts string/);
  });

  it('succeeds on empty tables and all-null columns', async () => {
    const empty = await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', min_value: 3 });
    expect(empty.success).toBe(true);
    expect(empty.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
    const nulls = await runOne(new Table({ n: vectorFromArray([null, null], new Null()) }), TYPE, {
      column: 'n',
      min_value: 3,
    });
    expect(nulls.success).toBe(true);
    expect(nulls.result).toMatchObject({ element_count: 2, missing_count: 2 });
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`measures each row of a ${name} column`, async () => {
      const t = tableWithPk({ s: make(['ab', null, 'abcdef', 'ab', '😀😀😀', 'abcdef']) });
      const r = await runOne(t, TYPE, { column: 's', min_value: 3, max_value: 5 }, COMPLETE_PK);
      expect(r.result.unexpected_index_list).toEqual([
        { pk_index: 0, s: 'ab' },
        { pk_index: 2, s: 'abcdef' },
        { pk_index: 3, s: 'ab' },
        { pk_index: 5, s: 'abcdef' },
      ]);
      expect(r.result.missing_count).toBe(1);
    });
  }

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', min_value: 1, max_value: 2, strict_max: false, mostly: 0.5 }),
    );
  });

  it('property: agrees with [...s].length', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.integer({ min: 0, max: 3 }), async (v, lo) => {
        const r = await runOne(new Table({ s: utf8(v) }), TYPE, { column: 's', min_value: lo }, 'COMPLETE');
        expect(r.result.unexpected_list).toEqual(
          v.filter((x): x is string => x !== null && [...x].length < lo),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence', () => {
    const s = (kw: Record<string, unknown>) => sentenceOf(expectColumnValueLengthsToBeBetween, kw);
    expect(s({ column: 'zip', min_value: 5, max_value: 10 })).toBe(
      'values in `zip` are between 5 and 10 characters long',
    );
    expect(s({ column: 'c', max_value: 500, mostly: 0.5 })).toBe(
      'values in `c` are at most 500 characters long, at least 50% of the time',
    );
  });
});
