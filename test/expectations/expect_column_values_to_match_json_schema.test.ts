import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToMatchJsonSchema as def } from '../../src/expectations/expect_column_values_to_match_json_schema.js';
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

const TYPE = 'expect_column_values_to_match_json_schema';
const X = ['{"a":1}', '{"a":2}', '{"a":3}', '{"a":4}', '{"a":5}', null, null, null, null, null];
const schemaA = { properties: { a: { type: 'integer' } }, required: ['a'] };

describe(TYPE, () => {
  for (const [name, make] of STRING_ENCODINGS) {
    it(`GX's fixture cases (${name} strings)`, async () => {
      const gx = tableWithPk({ x: make(X) });
      const empty = await runOne(gx, TYPE, { column: 'x', json_schema: {} }, COMPLETE_PK);
      expect(empty.success).toBe(true);
      expect(empty.result).toMatchObject({ missing_count: 5, unexpected_list: [] });
      expect((await runOne(gx, TYPE, { column: 'x', json_schema: schemaA }, COMPLETE_PK)).success).toBe(true);
      const r = await runOne(
        gx,
        TYPE,
        { column: 'x', json_schema: { ...schemaA, required: ['b'] } },
        COMPLETE_PK,
      );
      expect(r.success).toBe(false);
      expect(r.result.unexpected_list).toEqual(X.slice(0, 5));
      expect(r.result.unexpected_index_list).toEqual(X.slice(0, 5).map((x, pk_index) => ({ pk_index, x })));
    });
  }

  it('a string that is not JSON is unexpected', async () => {
    const t = new Table({ s: utf8(['{"a":1}', 'not json', '{"a":"1"}']) });
    const r = await runOne(t, TYPE, { column: 's', json_schema: schemaA }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual(['not json', '{"a":"1"}']);
  });

  it('an invalid schema is an expectation error found at plan time', async () => {
    const t = new Table({ s: utf8([]) });
    const r = await runOne(t, TYPE, { column: 's', json_schema: { type: 'thing' } });
    expect(r.exception_info.exception_message).toMatch(/invalid json_schema/);
    const draft4 = await runOne(t, TYPE, {
      column: 's',
      json_schema: { $schema: 'http://json-schema.org/draft-04/schema#' },
    });
    expect(draft4.exception_info.exception_message).toMatch(/not supported/);
    expect((await runOne(t, TYPE, { column: 's', json_schema: [] })).exception_info.raised_exception).toBe(
      true,
    );
  });

  it('refuses non-string columns, as json.loads raises on them in GX', async () => {
    const r = await runOne(new Table({ n: ints([1]) }), TYPE, { column: 'n', json_schema: {} });
    expect(r.exception_info.raised_exception).toBe(true);
  });

  it('does not depend on batch size', async () => {
    const arb = fc.array(fc.option(fc.constantFrom('{"a":1}', '{"a":1.5}', '{}', '[]', 'x'), { nil: null }), {
      maxLength: 25,
    });
    await assertBatchIndependent(
      arb.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', json_schema: schemaA, mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'e', json_schema: { type: 'object' } }))).toBe(
      'values in `e` are JSON matching the schema {"type":"object"}',
    );
  });
});
