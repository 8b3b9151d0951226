import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateDay, Float64, Int64, Null, Table, TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeIncreasing as def } from '../../src/expectations/expect_column_values_to_be_increasing.js';
import { validate } from '../../src/validate.js';
import { rebatch, runOne } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints, timestamps } from './vectors.js';

const TYPE = 'expect_column_values_to_be_increasing';

// GX's fixture dataset expect_column_values_to_be_increasing_1 (ints with None are float64 in pandas)
const gx = tableWithPk({
  w: ints([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]),
  x: floats([2, 3, 4, 5, 6, 7, 8, 9, 10, null]),
  y: ints([1, 1, 1, 2, 2, 2, 3, 3, 3, 4]),
  a: floats([null, 0, null, null, 1, null, null, 2, null, null]),
  b: floats([null, 0, null, null, 2, null, null, 1, null, null]),
});

describe(TYPE, () => {
  it('passes on increasing values, equal neighbours included', async () => {
    for (const column of ['x', 'y']) {
      const r = await runOne(gx, TYPE, { column }, COMPLETE_PK);
      expect(r.success).toBe(true);
      expect(r.result).toMatchObject({ unexpected_list: [], unexpected_index_list: [] });
    }
  });

  it('strictly flags values equal to the previous one', async () => {
    const r = await runOne(gx, TYPE, { column: 'y', strictly: true }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([1, 1, 2, 2, 3, 3]);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 1, y: 1 },
      { pk_index: 2, y: 1 },
      { pk_index: 4, y: 2 },
      { pk_index: 5, y: 2 },
      { pk_index: 7, y: 3 },
      { pk_index: 8, y: 3 },
    ]);
  });

  it('flags each value below the previous one; the first value passes', async () => {
    const r = await runOne(gx, TYPE, { column: 'w' }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ unexpected_list: [4, 3, 2, 1], unexpected_count: 4 });
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 6, w: 4 },
      { pk_index: 7, w: 3 },
      { pk_index: 8, w: 2 },
      { pk_index: 9, w: 1 },
    ]);
    // 4 of 10 unexpected: mostly 0.6 is met exactly
    expect((await runOne(gx, TYPE, { column: 'w', mostly: 0.6 })).success).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'w', mostly: 0.61 })).success).toBe(false);
  });

  it('skips nulls and NaN: each value meets the previous present value', async () => {
    const ok = await runOne(gx, TYPE, { column: 'a' }, COMPLETE_PK);
    expect(ok.success).toBe(true);
    expect(ok.result).toMatchObject({ missing_count: 7, element_count: 10 });
    const bad = await runOne(gx, TYPE, { column: 'b' }, COMPLETE_PK);
    expect(bad.result.unexpected_index_list).toEqual([{ pk_index: 7, b: 1 }]);
    const nan = new Table({ v: floats([1, Number.NaN, 0.5, Number.NaN, 2]) });
    expect((await runOne(nan, TYPE, { column: 'v' }, 'COMPLETE')).result).toMatchObject({
      missing_count: 2,
      unexpected_list: [0.5],
      unexpected_index_list: [2],
    });
  });

  it('equal infinities pass even strictly, as pandas diff() gives NaN there', async () => {
    const t = new Table({ v: floats([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0]) });
    const r = await runOne(t, TYPE, { column: 'v', strictly: true }, 'COMPLETE');
    expect(r.result.unexpected_index_list).toEqual([3]);
  });

  it('empty, all-null and null-typed columns pass vacuously', async () => {
    const tables = [
      new Table({ v: floats([]) }),
      new Table({ v: floats([null, null]) }),
      new Table({ v: vectorFromArray([null, null, null], new Null()) }),
    ];
    for (const t of tables)
      expect((await runOne(t, TYPE, { column: 'v', strictly: true })).success).toBe(true);
  });

  it('orders dates and timestamps', async () => {
    const ms = (s: string) => BigInt(Date.parse(`${s}Z`));
    const day = (s: string | null) => (s === null ? null : new Date(s));
    const dates = ['2019-04-14', '2019-04-15', '2019-04-13', null, '2019-04-16'].map(day);
    const days = new Table({ d: vectorFromArray(dates, new DateDay()) });
    const d = await runOne(days, TYPE, { column: 'd' }, 'COMPLETE');
    expect(d.result.unexpected_list).toEqual(['2019-04-13']);
    const times = new Table({
      ts: timestamps(new TimestampMillisecond(), [
        ms('2020-01-01T00:00:00'),
        ms('2019-12-31T23:59:59'),
        null,
      ]),
    });
    const ts = await runOne(times, TYPE, { column: 'ts' }, 'COMPLETE');
    expect(ts.result.unexpected_list).toEqual(['2019-12-31T23:59:59']);
  });

  it('refuses strings, as GX does (pandas cannot diff them)', async () => {
    const r = await runOne(new Table({ s: utf8(['a', 'b']) }), TYPE, { column: 's' });
    expect(r.exception_info.exception_message).toMatch(/utf8; expect_column_values_to_be_increasing accepts/);
  });

  it('follows the order across batches and across files', async () => {
    const t = new Table({ v: vectorFromArray([1n, 2n, 3n, 2n, 4n, 5n, 1n], new Int64()) });
    const split = rebatch(t, 3);
    const r = await runOne(split, TYPE, { column: 'v' }, 'COMPLETE');
    expect(r.result).toMatchObject({ unexpected_list: [2, 1], unexpected_index_list: [3, 6] });
    const dir = mkdtempSync(join(tmpdir(), 'increasing-'));
    writeFileSync(join(dir, 'a.csv'), 'v\n1\n5\n');
    writeFileSync(join(dir, 'b.csv'), 'v\n4\n6\n');
    const res = await validate(dir, {
      name: 's',
      meta: {},
      expectations: [{ type: TYPE, kwargs: { column: 'v', result_format: 'COMPLETE' }, meta: {} }],
    });
    expect(res.results[0]?.result).toMatchObject({ unexpected_list: [4], unexpected_index_list: [2] });
  });

  it('under a row_condition, orders only the kept rows and reports their own row numbers', async () => {
    const t = new Table({
      v: vectorFromArray([1n, 9n, 2n, 0n, 3n, 1n], new Int64()),
      keep: vectorFromArray([1n, 0n, 1n, 0n, 1n, 1n], new Int64()),
    });
    for (const data of [t, rebatch(t, 1), rebatch(t, 4)]) {
      const r = await runOne(
        data,
        TYPE,
        { column: 'v', row_condition: 'keep == 1', condition_parser: 'pandas' },
        'COMPLETE',
      );
      expect(r.result).toMatchObject({ element_count: 4, unexpected_list: [1], unexpected_index_list: [5] });
    }
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      fc
        .array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxLength: 30 })
        .map((v) => tableWithPk({ v: vectorFromArray(v, new Float64()) })),
      TYPE,
      () => ({ column: 'v', mostly: 0.5 }),
    );
    await assertBatchIndependent(
      fc
        .array(fc.bigInt({ min: 0n, max: 2n ** 62n }), { maxLength: 20 })
        .map((v) => tableWithPk({ v: vectorFromArray(v, new Int64()) })),
      TYPE,
      () => ({ column: 'v', strictly: true }),
    );
  });

  it('rejects unknown kwargs such as the removed parse_strings_as_datetimes', async () => {
    const r = await runOne(gx, TYPE, { column: 'x', parse_strings_as_datetimes: true });
    expect(r.exception_info.raised_exception).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'x', strictly: null })).success).toBe(true);
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 't', strictly: true, mostly: 0.9 }))).toBe(
      'values in `t` are strictly increasing (each greater than the previous value), at least 90% of the time',
    );
    expect(def.sentence(def.kwargs.parse({ column: 't' }))).toBe(
      'values in `t` are increasing (each at least the previous value)',
    );
  });
});
