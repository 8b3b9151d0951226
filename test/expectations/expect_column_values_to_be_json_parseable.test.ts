import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeJsonParseable as def } from '../../src/expectations/expect_column_values_to_be_json_parseable.js';
import { runOne } from '../helpers.js';
import {
  assertBatchIndependent,
  COMPLETE_PK,
  dict,
  STRING_ENCODINGS,
  tableWithPk,
  utf8,
} from './map-helpers.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_values_to_be_json_parseable';
const docs = (n: number) => Array.from({ length: n }, (_, i) => `{"a":${i + 1}}`);

describe(TYPE, () => {
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const gx = tableWithPk({
        a: make(docs(10)),
        b: make([...docs(5), null, null, null, null, null]),
        d: make(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null]),
      });
      const a = await runOne(gx, TYPE, { column: 'a' }, COMPLETE_PK);
      expect(a.success).toBe(true);
      expect(a.result.unexpected_list).toEqual([]);
      const b = await runOne(gx, TYPE, { column: 'b', mostly: 0.75 }, COMPLETE_PK);
      expect(b.success).toBe(true);
      expect(b.result).toMatchObject({ missing_count: 5, unexpected_count: 0 });
      const d = await runOne(gx, TYPE, { column: 'd' }, COMPLETE_PK);
      expect(d.success).toBe(false);
      expect(d.result.unexpected_count).toBe(9);
    });
  }

  it('values that are not strings are unexpected, as json.loads refuses them', async () => {
    const t = tableWithPk({ c: floats([2, 3, Number.NaN, null]) });
    const r = await runOne(t, TYPE, { column: 'c' }, COMPLETE_PK);
    expect(r.exception_info.raised_exception).toBe(false);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ missing_count: 2, unexpected_list: [2, 3] });
  });

  it("reads JSON as Python's json.loads: bare scalars, NaN and Infinity yes; single quotes no", async () => {
    const values = ['1', '"x"', 'null', '[NaN, -Infinity]', "{'a': 1}", '{"a":1,}', ' {} ', ''];
    const r = await runOne(new Table({ s: utf8(values) }), TYPE, { column: 's' }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual(["{'a': 1}", '{"a":1,}', '']);
  });

  it('passes on an empty column', async () => {
    expect((await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's' })).success).toBe(true);
  });

  it('does not depend on batch size', async () => {
    const arb = fc.array(
      fc.option(fc.constantFrom('{}', '[1,', '"a"', 'a', 'NaN', '{"k": [true]}'), { nil: null }),
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

  it('property: every JSON.stringify output is parseable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 8 }), async (vals) => {
        const t = new Table({ s: utf8(vals.map((v) => JSON.stringify(v))) });
        expect((await runOne(t, TYPE, { column: 's' })).success).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'payload' }))).toBe('values in `payload` are JSON');
  });
});
