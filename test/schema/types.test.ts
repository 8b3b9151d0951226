import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  bool,
  date,
  dtype,
  float32,
  float64,
  int8,
  int32,
  int64,
  timestamp,
  uint16,
  uint64,
  utf8,
} from '../../src/schema/columns.js';
import { col } from '../../src/schema/expr.js';
import { type Infer, table } from '../../src/schema/table.js';
import { fromZod, toZod } from '../../src/schema/zod.js';

// Type tests: `npx tsc -p .` checks them (a wrong type or a missing @ts-expect-error fails the typecheck);
// at run time they only have to build.

const Features = table({
  user_id: int64().unique(),
  label: int32().notNull({ mostly: 0.99 }).in([0, 1]),
  feature_score: float64().between(0, 1).mean({ min: 0.3, max: 0.7 }),
  email: utf8().regex(/@/),
  start_ts: timestamp('us'),
  end_ts: timestamp('us'),
  note: utf8().nullable(),
})
  .rowCount({ min: 10_000, max: 5_000_000 })
  .check('end_after_start', (r) => r.end_ts >= r.start_ts)
  .check('ends_later', col('end_ts').gt(col('start_ts')));

describe('Infer', () => {
  it('gives the row type: Arrow value types, | null where nulls are allowed', () => {
    type Row = Infer<typeof Features>;
    expectTypeOf<Row>().toEqualTypeOf<{
      user_id: bigint;
      label: number | null;
      feature_score: number;
      email: string;
      start_ts: number;
      end_ts: number;
      note: string | null;
    }>();
  });

  it('types every kind', () => {
    const all = table({
      a: int8(),
      b: uint16().nullable(),
      c: uint64(),
      d: float32(),
      e: bool(),
      f: date(),
      g: dtype('decimal128(10, 2)'),
      h: utf8().nullable().notNull(),
    });
    expectTypeOf<Infer<typeof all>>().toEqualTypeOf<{
      a: number;
      b: number | null;
      c: bigint;
      d: number;
      e: boolean;
      f: number;
      g: unknown;
      h: string;
    }>();
    expectTypeOf<Infer<ReturnType<typeof int64>>>().toEqualTypeOf<bigint>();
  });

  it('types callbacks with the row', () => {
    table({ a: int64(), b: utf8().nullable() }).check('typed', (row) => {
      expectTypeOf(row.a).toEqualTypeOf<bigint>();
      expectTypeOf(row.b).toEqualTypeOf<string | null>();
      // @ts-expect-error: no such column
      return row.c === 1;
    });
  });

  it('offers checks only where the kind has them', () => {
    // @ts-expect-error: a string column has no mean
    utf8().mean({ min: 0 });
    // @ts-expect-error: a number column has no regex
    float64().regex(/x/);
    // @ts-expect-error: an int32 set holds numbers
    int32().in(['a']);
    // @ts-expect-error: a dtype() column has no values to check
    dtype('list<int64>').in([1]);
    int64().in([1n, 2]);
    timestamp().between('2024-01-01', new Date());
    utf8().between('a', 'm').lengthBetween(1, 3);
    expectTypeOf(int32().in([1]).nullable()).toEqualTypeOf(int32().nullable());
  });

  it('carries through zod', () => {
    const Z = z.object({
      id: z.int(),
      name: z.string(),
      tag: z.enum(['a', 'b']).nullable(),
      ok: z.boolean().optional(),
    });
    const S = fromZod(Z);
    expectTypeOf<Infer<typeof S>>().toEqualTypeOf<{
      id: number | bigint;
      name: string;
      tag: string | null;
      ok: boolean | null;
    }>();
    const back = toZod(table({ id: int64(), name: utf8().nullable() }));
    expectTypeOf<z.output<typeof back>>().toEqualTypeOf<{ id: bigint; name: string | null }>();
  });
});
