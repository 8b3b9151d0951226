import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeDateutilParseable as def } from '../../src/expectations/expect_column_values_to_be_dateutil_parseable.js';
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

const TYPE = 'expect_column_values_to_be_dateutil_parseable';

describe(TYPE, () => {
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const gx = tableWithPk({
        a: make(['2019-04-01', '2019-04-02', '2019-04-03', '2019-04-13']),
        b: make(['01/01/2010', '01/01/2011', '01/01/2012', 'abc']),
        c: make(['cat', 'dog', 'horse', '01/01/2011']),
      });
      const a = await runOne(gx, TYPE, { column: 'a' }, COMPLETE_PK);
      expect(a.success).toBe(true);
      expect(a.result.unexpected_list).toEqual([]);
      const b = await runOne(gx, TYPE, { column: 'b', mostly: 0.75 }, COMPLETE_PK);
      expect(b.success).toBe(true);
      expect(b.result.unexpected_index_list).toEqual([{ pk_index: 3, b: 'abc' }]);
      const c = await runOne(gx, TYPE, { column: 'c', mostly: 0.75 }, COMPLETE_PK);
      expect(c.success).toBe(false);
      expect(c.result.unexpected_list).toEqual(['cat', 'dog', 'horse']);
    });
  }

  it('accepts the forms dateutil knows and refuses dates that do not exist', async () => {
    const values = ['Sep 25 2003', '2003-09-25T10:49:41.5-03:00', '5pm', '2019-02-29', '10:61', '', null];
    const r = await runOne(new Table({ s: utf8(values) }), TYPE, { column: 's' }, 'COMPLETE');
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_list: ['2019-02-29', '10:61', ''] });
  });

  it('refuses non-string columns', async () => {
    const r = await runOne(new Table({ d: ints([1, 2]) }), TYPE, { column: 'd', catch_exceptions: true });
    expect(r.exception_info.exception_message).toMatch(/accepts string/);
  });

  it('passes on an empty column', async () => {
    expect((await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's' })).success).toBe(true);
  });

  it('does not depend on batch size', async () => {
    const arb = fc.array(
      fc.option(fc.constantFrom('2020-01-01', 'Jan 5', 'nope', '13/13/2020', '10am'), { nil: null }),
      {
        maxLength: 25,
      },
    );
    await assertBatchIndependent(
      arb.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'd', mostly: 0.95 }))).toBe(
      'values in `d` are dates or times that dateutil can parse, at least 95% of the time',
    );
  });
});
