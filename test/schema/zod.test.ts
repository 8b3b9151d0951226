import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bool, float64, int8, int64, timestamp, uint64, utf8 } from '../../src/schema/columns.js';
import { SchemaDefinitionError } from '../../src/schema/errors.js';
import { col } from '../../src/schema/expr.js';
import { table } from '../../src/schema/table.js';
import { fromZod, toZod } from '../../src/schema/zod.js';
import { floats, int64s, utf8 as utf8s } from '../expectations/vectors.js';

const outline = (s: ReturnType<typeof table>) => s.toSuite().expectations.map((e) => [e.type, e.kwargs]);

describe('fromZod', () => {
  it('maps types, nullability, enums, bounds, lengths and patterns', () => {
    const Row = z.strictObject({
      id: z.int().gte(1),
      name: z
        .string()
        .min(1)
        .max(20)
        .regex(/^[A-Z]/),
      kind: z.enum(['a', 'b']).nullable(),
      score: z.number().gte(0).lt(1).optional(),
      email: z.email(),
      big: z.bigint().gte(0n),
      flag: z.boolean().default(false),
      at: z.date().min(new Date('2020-01-01')),
      n: z.int32(),
      code: z.literal([1, 2]),
      tag: z.union([z.literal('x'), z.literal('y'), z.null()]),
    });
    const s = fromZod(Row, { name: 'rows' });
    expect(s.name).toBe('rows');
    const o = outline(s);
    expect(o[0]).toEqual([
      'expect_table_columns_to_match_set',
      { column_set: ['id', 'name', 'kind', 'score', 'email', 'big', 'flag', 'at', 'n', 'code', 'tag'] },
    ]);
    const of = (column: string) => o.filter(([, k]) => (k as { column?: string }).column === column);
    expect(of('id')).toEqual([
      ['expect_column_values_to_be_of_type', { column: 'id', type_: 'int64' }],
      ['expect_column_values_to_not_be_null', { column: 'id' }],
      ['expect_column_values_to_be_between', { column: 'id', min_value: 1 }],
    ]);
    expect(of('name').slice(2)).toEqual([
      ['expect_column_value_lengths_to_be_between', { column: 'name', min_value: 1, max_value: 20 }],
      ['expect_column_values_to_match_regex', { column: 'name', regex: '^[A-Z]' }],
    ]);
    expect(of('kind')).toEqual([
      ['expect_column_values_to_be_of_type', { column: 'kind', type_: 'str' }],
      ['expect_column_values_to_be_in_set', { column: 'kind', value_set: ['a', 'b'] }],
    ]);
    expect(of('score')).toEqual([
      ['expect_column_values_to_be_of_type', { column: 'score', type_: 'float64' }],
      [
        'expect_column_values_to_be_between',
        { column: 'score', min_value: 0, max_value: 1, strict_max: true },
      ],
    ]);
    expect(of('email')[2]?.[0]).toBe('expect_column_values_to_match_regex');
    expect(of('big')[2]).toEqual(['expect_column_values_to_be_between', { column: 'big', min_value: 0 }]);
    expect(of('flag').map((x) => x[0])).toEqual(['expect_column_values_to_be_of_type']);
    expect(of('at')[2]).toEqual([
      'expect_column_values_to_be_between',
      { column: 'at', min_value: '2020-01-01' },
    ]);
    expect(of('n')[0]).toEqual(['expect_column_values_to_be_of_type', { column: 'n', type_: 'int32' }]);
    expect(of('code')[2]).toEqual([
      'expect_column_values_to_be_in_set',
      { column: 'code', value_set: [1, 2] },
    ]);
    expect(of('tag')).toEqual([
      ['expect_column_values_to_be_of_type', { column: 'tag', type_: 'str' }],
      ['expect_column_values_to_be_in_set', { column: 'tag', value_set: ['x', 'y'] }],
    ]);
  });

  it('keeps the meaning of zod string formats (property: the regex agrees with zod)', () => {
    const formats = [z.email(), z.uuid(), z.string().startsWith('ab'), z.string().lowercase(), z.iso.date()];
    const schemas = formats.map((f) => fromZod(z.object({ s: f })));
    const samples = fc.oneof(
      fc.emailAddress(),
      fc.uuid(),
      fc.constantFrom('abc', 'Abc', 'ab', '2024-02-30', '2024-01-31', 'x@y.io', 'me@EXAMPLE.com'),
      fc.string(),
    );
    return fc.assert(
      fc.asyncProperty(samples, async (value) => {
        const t = new Table({ s: utf8s([value]) });
        for (const [i, s] of schemas.entries()) {
          const r = await s.validate(t);
          const regex = r.results.find(
            (x) => x.expectation_config.type === 'expect_column_values_to_match_regex',
          );
          expect(regex?.success, `${value} / format ${i}`).toBe(
            (formats[i] as z.ZodType).safeParse(value).success,
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('lists everything that does not map, or leaves it out when told to', () => {
    const Row = z.object({
      tags: z.array(z.string()),
      note: z.string().refine((s) => s.length > 0),
      even: z.number().multipleOf(2),
      ok: z.string(),
    });
    let error: unknown;
    try {
      fromZod(Row);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaDefinitionError);
    expect((error as SchemaDefinitionError).code).toBe('unsupported_zod');
    expect((error as Error).message).toBe(
      "fromZod: 3 part(s) of the zod schema do not map to a table schema (pass { unmapped: 'skip' } to leave them out): tags: a zod array has no column type; note: refinements (.refine) do not map; even: the check multiple_of does not map",
    );
    const lenient = fromZod(Row, { unmapped: 'skip' });
    expect(lenient.columnNames).toEqual(['note', 'even', 'ok']);
    expect(() => fromZod(z.object({}).refine(() => true) as unknown as z.ZodObject)).toThrow(
      SchemaDefinitionError,
    );
  });
});

describe('toZod', () => {
  const Schema = table({
    id: int64().between(0, 100),
    small: int8(),
    big: uint64().nullable(),
    name: utf8()
      .nullable()
      .in(['ann', 'bob'])
      .regex(/^[a-z]+$/),
    score: float64().between(0, 1, { strictMin: true }).mean({ min: 0 }),
    loose: float64().between(0, 1, { mostly: 0.5 }),
    at: timestamp('ms').between('2024-01-01', null),
    flag: bool().notNull({ mostly: 0.9 }),
  })
    .columns('exact')
    .check('id_small', (r) => r.id < 50n)
    .check('expr', col('score').gt(col('loose')));
  const Z = toZod(Schema);
  const good = {
    id: 3n,
    small: -5,
    big: null,
    name: 'ann',
    score: 0.5,
    loose: 7,
    at: Date.parse('2024-06-01T00:00:00Z'),
    flag: null,
  };

  it('maps types, ranges, nullability and the row-level checks', () => {
    expect(Z.safeParse(good).success).toBe(true);
    const failing = (patch: Record<string, unknown>) =>
      Z.safeParse({ ...good, ...patch }).error?.issues.map((i) => i.message ?? i.code);
    expect(failing({ id: -3n })).toEqual(['id: between(0, 100)']);
    expect(failing({ id: 60n })).toEqual(['id_small']);
    expect(failing({ small: 200 })?.length).toBe(1);
    expect(failing({ id: 3 })?.length).toBe(1);
    expect(failing({ name: 'cat' })).toEqual(["name: in(['ann', 'bob'])"]);
    // the set is zod's own enum, which stops zod before the regex refinement
    expect(failing({ name: 'Ann' })).toEqual(["name: in(['ann', 'bob'])"]);
    expect(failing({ score: 0 })).toEqual(['score: between(0, 1, { strictMin: true })']);
    expect(failing({ at: Date.parse('2023-12-31T23:59:59Z') })).toEqual(["at: between('2024-01-01', null)"]);
    expect(failing({ extra: 1 })?.length).toBe(1);
  });

  it("uses zod's own enums and bounds where they mean the same, so JSON Schema shows them", () => {
    const json = z.toJSONSchema(
      toZod(
        table({
          kind: utf8().nullable().in(['a', 'b']),
          score: float64().between(0, 1, { strictMax: true }),
          loose: float64().between(0, 1, { mostly: 0.5 }),
          n: int8().in([1, 2]),
        }),
      ) as z.ZodType,
      { unrepresentable: 'any' },
    ) as { properties: Record<string, unknown> };
    expect(json.properties).toEqual({
      kind: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] },
      score: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
      // mostly below 1 is about the column, not a row: no bound
      loose: { type: 'number' },
      n: { type: 'number', enum: [1, 2] },
    });
  });

  it('comes back through fromZod as the same suite for floats, strings and booleans', () => {
    const s = table(
      {
        score: float64().between(0, 1, { strictMin: true }),
        kind: utf8().nullable().in(['a', 'b']),
        flag: bool(),
        level: float64().nullable().between(null, 10),
      },
      { name: 'rows' },
    ).columns('exact');
    const back = fromZod(toZod(s) as unknown as z.ZodObject, { name: 'rows' });
    expect(back.toSuite()).toEqual(s.toSuite());
  });

  it('round-trips the mapped checks through fromZod', () => {
    const s = table({ id: int64().between(1, 9), kind: utf8().nullable().in(['a', 'b']) });
    const back = fromZod(toZod(s) as unknown as z.ZodObject, { unmapped: 'skip' });
    expect(back.columnNames).toEqual(['id', 'kind']);
    const t = new Table({ id: int64s([1, 5, 12]), kind: utf8s(['a', null, 'c']), x: floats([1, 2, 3]) });
    return Promise.all([s.validate(t), back.validate(t)]).then(([a, b]) => {
      expect(a.results[0]?.success).toBe(b.results[0]?.success);
      expect(a.results.filter((r) => !r.success).length).toBeGreaterThan(0);
    });
  });
});
