import { z } from 'zod';
import { codePointLength } from '../engine/predicate.js';
import { compilePythonRegex } from '../engine/regex.js';
import { compareCodePoints } from '../metrics/min-max.js';
import {
  type BigIntKind,
  bool,
  type Column,
  float32,
  float64,
  int32,
  int64,
  type Kind,
  type RangeOptions,
  timestamp,
  uint32,
  utf8,
} from './columns.js';
import { SchemaDefinitionError } from './errors.js';
import { type RowOf, type Shape, type TableSchema, table } from './table.js';

/**
 * Interop with zod 4 object schemas of a row. `fromZod` maps types, nullability (`.nullable()`,
 * `.optional()`, `.nullish()`, `.default()`: Arrow has no undefined, a missing value is null), enums and
 * literals (`in()`), number and date bounds (`between()`), string lengths, patterns and formats with a
 * pattern (`regex()`), and `z.strictObject` (`columns('exact')`). `toZod` maps the row-level checks back.
 * What does not map is listed in docs/schemas.md.
 */

// ---------------------------------------------------------------- zod internals (zod 4 `_zod.def`)

interface ZodDef {
  readonly type: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
}

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly value?: number | bigint | Date;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
}

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

// ---------------------------------------------------------------- fromZod

type Unwrapped<T> = T extends
  | z.ZodOptional<infer I>
  | z.ZodNullable<infer I>
  | z.ZodDefault<infer I>
  | z.ZodReadonly<infer I>
  ? Unwrapped<I>
  : T;
type IsNullable<T> = T extends z.ZodOptional<z.ZodType> | z.ZodNullable<z.ZodType> | z.ZodDefault<z.ZodType>
  ? true
  : T extends z.ZodReadonly<infer I>
    ? IsNullable<I>
    : null extends z.output<T>
      ? true
      : false;
type KindFromZod<T> = T extends z.ZodString | z.ZodEnum
  ? 'utf8'
  : T extends z.ZodNumber
    ? 'float64' | 'int64'
    : T extends z.ZodBigInt
      ? 'int64'
      : T extends z.ZodBoolean
        ? 'bool'
        : T extends z.ZodDate
          ? 'timestamp'
          : z.output<T> extends string | null
            ? 'utf8'
            : z.output<T> extends boolean | null
              ? 'bool'
              : z.output<T> extends number | null
                ? 'float64' | 'int64'
                : Kind;

/** The columns fromZod makes of a zod object's shape, as far as types tell (numbers may be int64: bigint). */
export type ShapeFromZod<T extends z.core.$ZodLooseShape> = {
  [K in keyof T]: Column<KindFromZod<Unwrapped<T[K]>>, IsNullable<T[K]>>;
};

/** Options of fromZod. */
export interface FromZodOptions {
  /** The schema's name (default `zod_schema`). */
  name?: string;
  /** `throw` (default): anything that does not map is an error listing all of it; `skip`: leave it out. */
  unmapped?: 'throw' | 'skip';
}

class Mapping {
  readonly problems: string[] = [];

  constructor(private readonly skip: boolean) {}

  note(path: string, what: string): void {
    this.problems.push(`${path}: ${what}`);
  }

  /** Applies a check, recording (not throwing) what cannot be expressed. */
  attempt<C>(path: string, c: C, apply: (c: C) => C): C {
    try {
      return apply(c);
    } catch (e) {
      if (!(e instanceof SchemaDefinitionError)) throw e;
      this.note(path, e.message);
      return c;
    }
  }

  finish(): void {
    if (this.problems.length && !this.skip) {
      throw new SchemaDefinitionError(
        'unsupported_zod',
        `fromZod: ${this.problems.length} part(s) of the zod schema do not map to a table schema (pass { unmapped: 'skip' } to leave them out): ${this.problems.join('; ')}`,
      );
    }
  }
}

type AnyColumn = Column<Kind, boolean>;
type Chain = {
  [M in 'between' | 'in' | 'regex' | 'lengthBetween' | 'lengthEquals']: (...args: unknown[]) => AnyColumn;
};
const chain = (c: AnyColumn) => c as unknown as Chain;

/** The values of literals, enums and unions of them, or undefined when something else is in the union. */
function literalValues(schema: z.ZodType): { values: unknown[]; nullable: boolean } | undefined {
  const d = defOf(schema);
  if (d.type === 'enum') return { values: Object.values(d.entries ?? {}), nullable: false };
  if (d.type === 'literal') {
    const values = [...(d.values ?? [])];
    return {
      values: values.filter((v) => v !== null && v !== undefined),
      nullable: values.length !== values.filter((v) => v != null).length,
    };
  }
  if (d.type === 'null' || d.type === 'undefined') return { values: [], nullable: true };
  if (d.type === 'union') {
    const parts = (d.options ?? []).map(literalValues);
    if (parts.some((p) => p === undefined)) return undefined;
    const ok = parts as { values: unknown[]; nullable: boolean }[];
    return { values: ok.flatMap((p) => p.values), nullable: ok.some((p) => p.nullable) };
  }
  return undefined;
}

function columnFromValues(values: unknown[], path: string, m: Mapping): AnyColumn | undefined {
  if (values.every((v) => typeof v === 'string')) return chain(utf8()).in(values);
  if (values.every((v) => typeof v === 'boolean')) return chain(bool()).in(values);
  if (values.every((v) => typeof v === 'number')) {
    const ints = values.every((v) => Number.isInteger(v));
    return chain(ints ? int64() : float64()).in(values);
  }
  if (values.every((v) => typeof v === 'bigint')) return chain(int64()).in(values);
  m.note(path, 'a set of values of mixed types has no column type');
  return undefined;
}

const NUMBER_FORMATS: Readonly<Record<string, () => AnyColumn>> = {
  safeint: int64,
  int32,
  uint32,
  float32,
  float64,
};

function checkProblem(k: CheckDef): string {
  return k.check === 'custom' ? 'refinements (.refine) do not map' : `the check ${k.check} does not map`;
}

function boundsOf(checks: readonly CheckDef[]): RangeOptions<unknown> | undefined {
  const r: RangeOptions<unknown> = {};
  for (const c of checks) {
    if (c.check === 'greater_than') {
      r.min = c.value;
      r.strictMin = c.inclusive ? undefined : true;
    } else if (c.check === 'less_than') {
      r.max = c.value;
      r.strictMax = c.inclusive ? undefined : true;
    }
  }
  return r.min === undefined && r.max === undefined ? undefined : r;
}

function withBounds(c: AnyColumn, checks: readonly CheckDef[], path: string, m: Mapping): AnyColumn {
  const r = boundsOf(checks);
  if (!r) return c;
  return m.attempt(path, c, (x) =>
    chain(x).between(r.min ?? null, r.max ?? null, { strictMin: r.strictMin, strictMax: r.strictMax }),
  );
}

function stringColumn(d: ZodDef, checks: readonly CheckDef[], path: string, m: Mapping): AnyColumn {
  let c: AnyColumn = utf8();
  const patterns = [d.pattern, ...checks.filter((k) => k.check === 'string_format').map((k) => k.pattern)];
  let min: number | null = null;
  let max: number | null = null;
  for (const k of checks) {
    if (k.check === 'min_length') min = k.minimum ?? null;
    else if (k.check === 'max_length') max = k.maximum ?? null;
    else if (k.check === 'length_equals') c = m.attempt(path, c, (x) => chain(x).lengthEquals(k.length));
    else if (k.check === 'string_format' && !k.pattern)
      m.note(path, `the string format ${k.format} has no pattern`);
    else if (k.check !== 'string_format') m.note(path, checkProblem(k));
  }
  if (min !== null || max !== null) c = m.attempt(path, c, (x) => chain(x).lengthBetween(min, max));
  for (const p of patterns) if (p) c = m.attempt(path, c, (x) => chain(x).regex(p));
  return c;
}

function columnFromZod(schema: z.ZodType, path: string, m: Mapping): AnyColumn | undefined {
  let s = schema;
  let nullable = false;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'prefault') {
      nullable = true;
      s = d.innerType as z.ZodType;
    } else if (d.type === 'readonly') {
      s = d.innerType as z.ZodType;
    } else break;
  }
  const d = defOf(s);
  const checks = (d.checks ?? []).map((k) => k._zod.def);
  let c: AnyColumn | undefined;
  const set = literalValues(s);
  if (set) {
    nullable ||= set.nullable;
    c = set.values.length ? columnFromValues(set.values, path, m) : undefined;
    if (!set.values.length) m.note(path, 'a column that can only be null has no column type');
  } else if (d.type === 'string') {
    c = stringColumn(d, checks, path, m);
  } else if (d.type === 'number' || d.type === 'bigint' || d.type === 'date') {
    const format = d.format ?? checks.find((k) => k.check === 'number_format')?.format;
    const make =
      d.type === 'bigint'
        ? int64
        : d.type === 'date'
          ? () => timestamp()
          : NUMBER_FORMATS[format ?? 'float64'];
    if (!make) {
      m.note(path, `the number format ${format} does not map`);
      return undefined;
    }
    for (const k of checks) {
      if (!['greater_than', 'less_than', 'number_format'].includes(k.check)) m.note(path, checkProblem(k));
    }
    c = withBounds(make(), checks, path, m);
  } else if (d.type === 'boolean') {
    c = bool();
    for (const k of checks) m.note(path, checkProblem(k));
  } else {
    m.note(path, `a zod ${d.type} has no column type`);
    return undefined;
  }
  return c && nullable ? c.nullable() : c;
}

/**
 * A table schema from a zod object schema of a row (see the file comment for what maps). Anything that
 * does not map is a SchemaDefinitionError (code unsupported_zod) listing every part, unless
 * `unmapped: 'skip'` leaves it out.
 */
export function fromZod<T extends z.ZodObject>(
  schema: T,
  options: FromZodOptions = {},
): TableSchema<ShapeFromZod<T['shape']>> {
  const d = defOf(schema);
  if (d.type !== 'object') {
    throw new SchemaDefinitionError(
      'unsupported_zod',
      `fromZod: expected a zod object schema, got a zod ${d.type}`,
    );
  }
  const m = new Mapping(options.unmapped === 'skip');
  const columns: Shape = {};
  for (const [key, field] of Object.entries(d.shape ?? {})) {
    const c = columnFromZod(field, key, m);
    if (c) columns[key] = c;
  }
  if ((d.checks ?? []).length)
    m.note('(object)', 'refinements of the object do not map; add them with .check()');
  m.finish();
  const t = table(columns, { name: options.name ?? 'zod_schema' });
  const exact = d.catchall !== undefined && defOf(d.catchall).type === 'never';
  return (exact ? t.columns('exact') : t) as unknown as TableSchema<ShapeFromZod<T['shape']>>;
}

// ---------------------------------------------------------------- toZod

const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

const BIG_RANGES: Readonly<Record<BigIntKind, readonly [bigint, bigint]>> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

function baseOf(kind: Kind): z.ZodType {
  const ints = INT_RANGES[kind];
  if (ints) return z.int().min(ints[0]).max(ints[1]);
  if (kind === 'int64' || kind === 'uint64')
    return z.bigint().min(BIG_RANGES[kind][0]).max(BIG_RANGES[kind][1]);
  if (kind === 'float32' || kind === 'float64' || kind === 'timestamp' || kind === 'date') return z.number();
  if (kind === 'utf8') return z.string();
  if (kind === 'bool') return z.boolean();
  return z.unknown();
}

/** A kwargs literal as the row type holds it: bigint for 64-bit integers, epoch ms for ISO dates. */
function rowLiteral(kind: Kind, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (kind === 'int64' || kind === 'uint64')
    return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v;
  if ((kind === 'timestamp' || kind === 'date') && typeof v === 'string') {
    return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || v.length === 10 ? v : `${v}Z`);
  }
  return v;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** A row-level test of one kwargs set, or undefined for a check that is about the column, not a row. */
function rowTest(
  kind: Kind,
  type: string,
  k: Readonly<Record<string, unknown>>,
): ((v: unknown) => boolean) | undefined {
  switch (type) {
    case 'expect_column_values_to_be_between': {
      const lo = rowLiteral(kind, k.min_value);
      const hi = rowLiteral(kind, k.max_value);
      return (v) =>
        (lo == null || (k.strict_min ? compare(v, lo) > 0 : compare(v, lo) >= 0)) &&
        (hi == null || (k.strict_max ? compare(v, hi) < 0 : compare(v, hi) <= 0));
    }
    case 'expect_column_values_to_be_in_set':
    case 'expect_column_values_to_not_be_in_set': {
      const set = new Set((k.value_set as unknown[]).map((v) => rowLiteral(kind, v)));
      const want = type === 'expect_column_values_to_be_in_set';
      return (v) => set.has(v) === want;
    }
    case 'expect_column_values_to_match_regex':
    case 'expect_column_values_to_not_match_regex': {
      const re = compilePythonRegex(k.regex as string);
      const want = type === 'expect_column_values_to_match_regex';
      return (v) => re.test(v as string) === want;
    }
    case 'expect_column_value_lengths_to_be_between':
      return (v) => {
        const n = codePointLength(v as string);
        return (
          (k.min_value == null || n >= (k.min_value as number)) &&
          (k.max_value == null || n <= (k.max_value as number))
        );
      };
    case 'expect_column_value_lengths_to_equal':
      return (v) => codePointLength(v as string) === k.value;
    default:
      return undefined;
  }
}

type Bounded = z.ZodNumber | z.ZodBigInt;

/** Bounds a number or bigint field as zod's own checks; undefined when a bound is not of the field's type. */
function nativeBounds(
  field: Bounded,
  kind: Kind,
  k: Readonly<Record<string, unknown>>,
  error: string,
): z.ZodType | undefined {
  const lo = rowLiteral(kind, k.min_value);
  const hi = rowLiteral(kind, k.max_value);
  const want = field instanceof z.ZodBigInt ? 'bigint' : 'number';
  if ((lo != null && typeof lo !== want) || (hi != null && typeof hi !== want)) return undefined;
  // zod's number and bigint schemas share these checks; one cast spares a branch per type
  let f = field as z.ZodNumber;
  if (lo != null) f = k.strict_min ? f.gt(lo as number, { error }) : f.gte(lo as number, { error });
  if (hi != null) f = k.strict_max ? f.lt(hi as number, { error }) : f.lte(hi as number, { error });
  return f;
}

/**
 * A check as zod's own where zod has one meaning the same for the row value: a set of literals on a field
 * no other check changed (`z.enum`, `z.literal`), bounds on a number or bigint field (also epoch
 * milliseconds of dates and timestamps). zod then reports it in its own terms and `z.toJSONSchema` shows it
 * (`enum`, `minimum`); undefined for the rest, which become refinements. Lengths stay refinements: zod
 * counts UTF-16 code units, GX code points.
 */
function nativeCheck(
  field: z.ZodType,
  pristine: boolean,
  kind: Kind,
  type: string,
  k: Readonly<Record<string, unknown>>,
  error: string,
): z.ZodType | undefined {
  if (type === 'expect_column_values_to_be_in_set' && pristine) {
    const values = (k.value_set as unknown[]).map((v) => rowLiteral(kind, v));
    if (values.length === 0 || !values.every((v) => field.safeParse(v).success)) return undefined;
    return values.every((v) => typeof v === 'string')
      ? z.enum(values as [string, ...string[]], { error })
      : z.literal(values as [number, ...number[]], { error });
  }
  if (
    type === 'expect_column_values_to_be_between' &&
    (field instanceof z.ZodNumber || field instanceof z.ZodBigInt)
  ) {
    return nativeBounds(field, kind, k, error);
  }
  return undefined;
}

/**
 * A zod object schema of the schema's rows: each column's type (ints within their range, int64 as
 * bigint, dates and timestamps as epoch milliseconds), nullability, and its row-level checks (between,
 * in, notIn, regex, notRegex, lengths) without `mostly`, as zod's own checks where they mean the same
 * (see nativeCheck) and as refinements otherwise; callback checks become refinements of the
 * object, and `columns('exact' | 'ordered')` a strict object. Column statistics, uniqueness, row counts
 * and expression checks are about the whole table and are left out.
 */
export function toZod<S extends Shape>(schema: TableSchema<S>): z.ZodType<RowOf<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, c] of Object.entries(schema.shape)) {
    let field = baseOf(c.kind);
    let pristine = true;
    for (const check of c.state.checks) {
      // with mostly below 1 a check is about the column, not each row
      if ((check.kwargs.mostly as number | undefined) !== undefined && (check.kwargs.mostly as number) < 1) {
        continue;
      }
      const error = `${name}: ${check.call}`;
      const native = nativeCheck(field, pristine, c.kind, check.type, check.kwargs, error);
      const test = native ? undefined : rowTest(c.kind, check.type, check.kwargs);
      if (native) field = native;
      else if (test) field = field.refine(test, { message: error });
      pristine &&= !native && !test;
    }
    const nullable = c.state.nullable || c.state.notNullMostly !== undefined;
    shape[name] = nullable ? field.nullable() : field;
  }
  const t = schema.toSuite({ skipCallbacks: true });
  const strict = t.expectations.some(
    (e) =>
      e.type === 'expect_table_columns_to_match_ordered_list' ||
      (e.type === 'expect_table_columns_to_match_set' && e.kwargs.exact_match !== false),
  );
  let out: z.ZodType = strict ? z.strictObject(shape) : z.object(shape);
  for (const [name, fn] of schema.callbacks()) out = out.refine((row) => fn(row) === true, { message: name });
  return out as z.ZodType<RowOf<S>>;
}
