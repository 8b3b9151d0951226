import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToMatchStrftimeFormat as def } from '../../src/expectations/expect_column_values_to_match_strftime_format.js';
import { runOne } from '../helpers.js';
import {
  assertBatchIndependent,
  COMPLETE_PK,
  dict,
  STRING_ENCODINGS,
  tableWithPk,
  utf8,
} from './map-helpers.js';
import { ints } from './vectors.js';

const TYPE = 'expect_column_values_to_match_strftime_format';

describe(TYPE, () => {
  for (const [name, make] of STRING_ENCODINGS) {
    describe(`GX's fixture cases (${name} strings)`, () => {
      const gx = tableWithPk({
        a: make(['2019-04-01', '2019-04-02', '2019-04-03', '2019-04-13']),
        b: make(['01/01/2010', '01/01/2011', '01/01/2012', null]),
        c: make(['01-01-2019', '01-10-2019', '01/20/2019', '01-30-2019']),
        f: make(['1977-05-55T00:00:00', '1980-05-21T13:47:59', '2017-06-12T23:57:59', null]),
      });
      const run = (kwargs: Record<string, unknown>) => runOne(gx, TYPE, kwargs, COMPLETE_PK);

      it('passes values in the format, nulls left out', async () => {
        expect((await run({ column: 'a', strftime_format: '%Y-%m-%d' })).success).toBe(true);
        const b = await run({ column: 'b', strftime_format: '%d/%m/%Y' });
        expect(b.success).toBe(true);
        expect(b.result).toMatchObject({ missing_count: 1 });
      });

      it('flags values in another format, or with impossible fields', async () => {
        const wrong = await run({ column: 'a', strftime_format: '%Y%m%d' });
        expect(wrong.result.unexpected_list).toEqual([
          '2019-04-01',
          '2019-04-02',
          '2019-04-03',
          '2019-04-13',
        ]);
        const c = await run({ column: 'c', strftime_format: '%m-%d-%Y' });
        expect(c.success).toBe(false);
        expect(c.result.unexpected_index_list).toEqual([{ pk_index: 2, c: '01/20/2019' }]);
        expect((await run({ column: 'c', strftime_format: '%m-%d-%Y', mostly: 0.75 })).success).toBe(true);
        // month 13 and day 55 do not exist
        const month = await run({ column: 'a', strftime_format: '%Y-%d-%m' });
        expect(month.result.unexpected_list).toEqual(['2019-04-13']);
        const day = await run({ column: 'f', strftime_format: '%Y-%m-%dT%H:%M:%S' });
        expect(day.result.unexpected_list).toEqual(['1977-05-55T00:00:00']);
      });
    });
  }

  it('a format it cannot use, or a non-string column, is an expectation error', async () => {
    const t = tableWithPk({ a: utf8(['2019-04-01']), d: ints([1]) });
    const bad = await runOne(t, TYPE, { column: 'a', strftime_format: '%D', catch_exceptions: true });
    expect(bad.exception_info.exception_message).toContain('Unable to use provided strftime_format');
    const ints_ = await runOne(t, TYPE, { column: 'd', strftime_format: '%m-%d-%Y' });
    expect(ints_.exception_info.exception_message).toMatch(/int32; .* accepts string/);
    const empty = await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', strftime_format: '%Q' });
    expect(empty.exception_info.raised_exception).toBe(true);
  });

  it('passes on an empty column and an all-null column', async () => {
    for (const v of [[], [null, null]]) {
      expect(
        (await runOne(new Table({ s: utf8(v) }), TYPE, { column: 's', strftime_format: '%Y' })).success,
      ).toBe(true);
    }
  });

  it('does not depend on batch size', async () => {
    const arb = fc.array(
      fc.option(fc.constantFrom('2020-02-29', '2019-02-29', '2019-13-01', '2019-1-1', 'x', '2019-12-31'), {
        nil: null,
      }),
      { maxLength: 25 },
    );
    await assertBatchIndependent(
      arb.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', strftime_format: '%Y-%m-%d', mostly: 0.5 }),
    );
  });

  it('property: agrees with the dates that exist', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), {
          maxLength: 10,
        }),
        async (dates) => {
          const values = dates.map((d) => d.toISOString().slice(0, 19).replace('T', ' '));
          const r = await runOne(new Table({ s: utf8(values) }), TYPE, {
            column: 's',
            strftime_format: '%Y-%m-%d %H:%M:%S',
          });
          expect(r.success).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'd', strftime_format: '%Y-%m-%d' }))).toBe(
      'values in `d` are dates in the format `%Y-%m-%d`',
    );
  });
});
