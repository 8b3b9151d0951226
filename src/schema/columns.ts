import type { z } from 'zod';
import { type expectations, registry } from '../expectations/index.js';
import type { ExpectationConfig } from '../result/types.js';
import { callCode } from './code.js';
import { SchemaDefinitionError } from './errors.js';
import { regexToPython } from './regex.js';

/**
 * Column builders of typed schemas: `int64().unique()`, `utf8().regex(/@/)`. A column is non-null by
 * default, as in Pandera (nullable=False): it compiles to a type check, a not-null check unless
 * `.nullable()`, then its checks in the order they were called, each one a registered expectation.
 * Builders are immutable: every call returns a new column.
 */

/** Integer kinds whose values fit a JS number. */
export type SmallIntKind = 'int8' | 'int16' | 'int32' | 'uint8' | 'uint16' | 'uint32';
/** 64-bit integer kinds: apache-arrow gives their values as bigint. */
export type BigIntKind = 'int64' | 'uint64';
/** Float kinds. */
export type FloatKind = 'float32' | 'float64';
/** Numeric kinds. */
export type NumericKind = SmallIntKind | BigIntKind | FloatKind;
/** Date and time kinds: apache-arrow gives their values as epoch milliseconds. */
export type TemporalKind = 'timestamp' | 'date';
/** Kinds whose values have an order (between, min, max, increasing). */
export type OrderedKind = NumericKind | TemporalKind | 'utf8';
/** Kinds with values a check can name (all but `dtype`). */
export type ValueKind = OrderedKind | 'bool';
/** Every column kind; `dtype` is any Arrow type named by string, checked for its type only. */
export type Kind = ValueKind | 'dtype';

/** The JS type of a kind's values in a row, as apache-arrow returns them. */
export type ValueOf<K extends Kind> = K extends BigIntKind
  ? bigint
  : K extends NumericKind | TemporalKind
    ? number
    : K extends 'utf8'
      ? string
      : K extends 'bool'
        ? boolean
        : unknown;

/** How a check spells a kind's values (bounds, sets): Dates and ISO strings for temporal kinds. */
export type LiteralOf<K extends Kind> = K extends BigIntKind
  ? number | bigint
  : K extends NumericKind
    ? number
    : K extends TemporalKind
      ? string | Date
      : K extends 'utf8'
        ? string
        : K extends 'bool'
          ? boolean
          : never;

/** Time units of Arrow timestamps. */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

/** One check of a column: the builder call that made it and the expectation it compiles to. */
export interface ColumnCheck {
  /** The builder call as code, e.g. `between(0, 1)`: the check's name in failure cases. */
  readonly call: string;
  readonly type: string;
  /** Kwargs without `column`. */
  readonly kwargs: Readonly<Record<string, unknown>>;
}

/** Everything a column declares. */
export interface ColumnState {
  /** The type builder call, e.g. `timestamp('us', 'UTC')`. */
  readonly typeCall: string;
  /** GX type names the column may have (one: expect_column_values_to_be_of_type; several: in_type_list). */
  readonly typeNames: readonly string[];
  readonly nullable: boolean;
  /** `mostly` of an explicit `.notNull({ mostly })`. */
  readonly notNullMostly?: number;
  readonly checks: readonly ColumnCheck[];
}

/** Options of row-wise column checks. */
export interface MostlyOption {
  /** The share of non-missing values that must pass (0..1, default 1). */
  mostly?: number;
}

/** Bounds of a column statistic (mean, median, stdev, sum, min, max, counts); either may be left open. */
export interface RangeOptions<V = number> {
  min?: V | null;
  max?: V | null;
  strictMin?: boolean;
  strictMax?: boolean;
}

/** Options of `.between()`. */
export interface BetweenOptions extends MostlyOption {
  strictMin?: boolean;
  strictMax?: boolean;
}

type Registered = typeof expectations;
type KwargsOf<T extends keyof Registered> = z.input<Registered[T]['kwargs']>;

/** Registered expectations about one column (their kwargs name a `column`). */
export type ColumnExpectationType = {
  [T in keyof Registered]: KwargsOf<T> extends { column: string } ? T : never;
}[keyof Registered];

/** The kind of a column type. */
export type KindOf<C> = C extends Column<infer K, boolean> ? K : never;

const PLACEHOLDER = '__column__';

/**
 * Parses kwargs with the expectation's own schema, so that a bad check fails where it is declared:
 * throws a SchemaDefinitionError naming the call and the kwarg.
 */
export function checkKwargs(type: string, kwargs: Record<string, unknown>, call: string): void {
  const def = registry.get(type);
  if (!def) throw new SchemaDefinitionError('invalid_check', `${call}: unknown expectation type ${type}`);
  parseKwargs(def.kwargs, kwargs, call);
}

/** Parses kwargs with a schema; throws a SchemaDefinitionError naming the call and the kwarg. */
export function parseKwargs(schema: z.ZodType, kwargs: Record<string, unknown>, call: string): void {
  const r = schema.safeParse(kwargs);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new SchemaDefinitionError('invalid_check', `${call}: ${path}${issue?.message ?? 'invalid'}`);
  }
}

/**
 * A literal of a check as suite kwargs hold it: Dates become ISO strings (dates alone when the time is
 * midnight UTC), bigints numbers when exact; other bigints are refused (GX kwargs are JSON numbers).
 */
export function kwargLiteral(v: unknown, call: string): unknown {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) {
      throw new SchemaDefinitionError(
        'unsupported_value',
        `${call}: ${v} is beyond 2^53, which suite kwargs (JSON numbers) cannot hold exactly`,
      );
    }
    return n;
  }
  return v;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function rangeKwargs(r: RangeOptions<unknown>, call: string): Record<string, unknown> {
  return compact({
    min_value: r.min == null ? undefined : kwargLiteral(r.min, call),
    max_value: r.max == null ? undefined : kwargLiteral(r.max, call),
    strict_min: r.strictMin,
    strict_max: r.strictMax,
  });
}

/** A column of a typed schema: its kind (the row type of its values), whether it is nullable, its checks. */
export class Column<K extends Kind = Kind, N extends boolean = boolean> {
  /** Type-level only: true when rows may hold null in this column. */
  declare readonly nullableType: N;

  constructor(
    readonly kind: K,
    readonly state: ColumnState,
  ) {}

  private derive<C>(patch: Partial<ColumnState>): C {
    return new Column(this.kind, { ...this.state, ...patch }) as C;
  }

  private add<C>(method: string, args: readonly unknown[], type: string, kwargs: Record<string, unknown>): C {
    const call = callCode(method, args);
    const k = compact(kwargs);
    checkKwargs(type, { column: PLACEHOLDER, ...k }, call);
    return this.derive<C>({ checks: [...this.state.checks, { call, type, kwargs: k }] });
  }

  /** Allows nulls (and NaN) in the column: the row type gains `| null` and no not-null check runs. */
  nullable(): Column<K, true> {
    return this.derive({ nullable: true, notNullMostly: undefined });
  }

  /**
   * Requires values (the default); with `mostly`, a share of nulls is allowed, so the row type keeps
   * `| null`.
   */
  notNull(options?: { mostly?: undefined }): Column<K, false>;
  notNull(options: { mostly: number }): Column<K, true>;
  notNull(options: MostlyOption = {}): Column<K, boolean> {
    if (options.mostly !== undefined) {
      checkKwargs(
        'expect_column_values_to_not_be_null',
        { column: PLACEHOLDER, mostly: options.mostly },
        callCode('notNull', [options]),
      );
    }
    return this.derive({ nullable: false, notNullMostly: options.mostly });
  }

  /** Every value occurs once (nulls aside): expect_column_values_to_be_unique. */
  unique(options: MostlyOption = {}): this {
    return this.add('unique', [options], 'expect_column_values_to_be_unique', { mostly: options.mostly });
  }

  /** Values are in the set: expect_column_values_to_be_in_set. */
  in<C extends Column<ValueKind>>(
    this: C,
    values: readonly LiteralOf<KindOf<C>>[],
    options: MostlyOption = {},
  ): C {
    const call = callCode('in', [values, options]);
    return this.add('in', [values, options], 'expect_column_values_to_be_in_set', {
      value_set: values.map((v) => kwargLiteral(v, call)),
      mostly: options.mostly,
    });
  }

  /** Values are not in the set: expect_column_values_to_not_be_in_set. */
  notIn<C extends Column<ValueKind>>(
    this: C,
    values: readonly LiteralOf<KindOf<C>>[],
    options: MostlyOption = {},
  ): C {
    const call = callCode('notIn', [values, options]);
    return this.add('notIn', [values, options], 'expect_column_values_to_not_be_in_set', {
      value_set: values.map((v) => kwargLiteral(v, call)),
      mostly: options.mostly,
    });
  }

  /** Values lie between min and max (null: open), inclusive unless strict: expect_column_values_to_be_between. */
  between<C extends Column<OrderedKind>>(
    this: C,
    min: LiteralOf<KindOf<C>> | null,
    max: LiteralOf<KindOf<C>> | null,
    options: BetweenOptions = {},
  ): C {
    const call = callCode('between', [min, max, options]);
    return this.add('between', [min, max, options], 'expect_column_values_to_be_between', {
      ...rangeKwargs({ min, max, strictMin: options.strictMin, strictMax: options.strictMax }, call),
      mostly: options.mostly,
    });
  }

  private stat<C>(method: string, type: string, range: RangeOptions<unknown>): C {
    return this.add(method, [range], type, rangeKwargs(range, callCode(method, [range])));
  }

  /** The mean lies in the range: expect_column_mean_to_be_between. */
  mean<C extends Column<NumericKind>>(this: C, range: RangeOptions): C {
    return this.stat('mean', 'expect_column_mean_to_be_between', range);
  }

  /** The median lies in the range: expect_column_median_to_be_between. */
  median<C extends Column<NumericKind>>(this: C, range: RangeOptions): C {
    return this.stat('median', 'expect_column_median_to_be_between', range);
  }

  /** The sample standard deviation lies in the range: expect_column_stdev_to_be_between. */
  stdev<C extends Column<NumericKind>>(this: C, range: RangeOptions): C {
    return this.stat('stdev', 'expect_column_stdev_to_be_between', range);
  }

  /** The sum lies in the range: expect_column_sum_to_be_between. */
  sum<C extends Column<NumericKind>>(this: C, range: RangeOptions): C {
    return this.stat('sum', 'expect_column_sum_to_be_between', range);
  }

  /** The smallest value lies in the range: expect_column_min_to_be_between. */
  min<C extends Column<OrderedKind>>(this: C, range: RangeOptions<LiteralOf<KindOf<C>>>): C {
    return this.stat('min', 'expect_column_min_to_be_between', range);
  }

  /** The largest value lies in the range: expect_column_max_to_be_between. */
  max<C extends Column<OrderedKind>>(this: C, range: RangeOptions<LiteralOf<KindOf<C>>>): C {
    return this.stat('max', 'expect_column_max_to_be_between', range);
  }

  /** The number of distinct values lies in the range: expect_column_unique_value_count_to_be_between. */
  uniqueValueCount<C extends Column<ValueKind>>(
    this: C,
    range: Omit<RangeOptions, 'strictMin' | 'strictMax'>,
  ): C {
    return this.add('uniqueValueCount', [range], 'expect_column_unique_value_count_to_be_between', {
      min_value: range.min ?? null,
      max_value: range.max ?? null,
    });
  }

  /** The share of distinct values lies in the range: expect_column_proportion_of_unique_values_to_be_between. */
  proportionUnique<C extends Column<ValueKind>>(this: C, range: RangeOptions): C {
    return this.stat('proportionUnique', 'expect_column_proportion_of_unique_values_to_be_between', range);
  }

  /**
   * Values match a regular expression anywhere (search): expect_column_values_to_match_regex. A RegExp is
   * translated to the Python pattern GX runs (see regexToPython); a string is a Python pattern already.
   */
  regex<C extends Column<'utf8'>>(this: C, pattern: RegExp | string, options: MostlyOption = {}): C {
    return this.add('regex', [pattern, options], 'expect_column_values_to_match_regex', {
      regex: regexToPython(pattern),
      mostly: options.mostly,
    });
  }

  /** No value matches the regular expression: expect_column_values_to_not_match_regex. */
  notRegex<C extends Column<'utf8'>>(this: C, pattern: RegExp | string, options: MostlyOption = {}): C {
    return this.add('notRegex', [pattern, options], 'expect_column_values_to_not_match_regex', {
      regex: regexToPython(pattern),
      mostly: options.mostly,
    });
  }

  /** String lengths (in code points) lie between min and max: expect_column_value_lengths_to_be_between. */
  lengthBetween<C extends Column<'utf8'>>(
    this: C,
    min: number | null,
    max: number | null,
    options: MostlyOption = {},
  ): C {
    return this.add('lengthBetween', [min, max, options], 'expect_column_value_lengths_to_be_between', {
      min_value: min,
      max_value: max,
      mostly: options.mostly,
    });
  }

  /** Every string has this length: expect_column_value_lengths_to_equal. */
  lengthEquals<C extends Column<'utf8'>>(this: C, length: number, options: MostlyOption = {}): C {
    return this.add('lengthEquals', [length, options], 'expect_column_value_lengths_to_equal', {
      value: length,
      mostly: options.mostly,
    });
  }

  /** Values increase down the rows (strictly, if asked): expect_column_values_to_be_increasing. */
  increasing<C extends Column<OrderedKind>>(this: C, options: MostlyOption & { strictly?: boolean } = {}): C {
    return this.add('increasing', [options], 'expect_column_values_to_be_increasing', {
      strictly: options.strictly,
      mostly: options.mostly,
    });
  }

  /** Values decrease down the rows (strictly, if asked): expect_column_values_to_be_decreasing. */
  decreasing<C extends Column<OrderedKind>>(this: C, options: MostlyOption & { strictly?: boolean } = {}): C {
    return this.add('decreasing', [options], 'expect_column_values_to_be_decreasing', {
      strictly: options.strictly,
      mostly: options.mostly,
    });
  }

  /** Any registered column expectation, its `column` filled in: `.expect('expect_column_values_to_be_json_parseable', {})`. */
  expect<T extends ColumnExpectationType>(type: T, kwargs: Omit<KwargsOf<T>, 'column'>): this {
    return this.add('expect', [type, kwargs], type, kwargs as Record<string, unknown>);
  }

  /** The column's expectations: type, not-null (unless nullable), then its checks, with their calls. */
  configs(column: string): { call: string; config: ExpectationConfig }[] {
    const s = this.state;
    const out: { call: string; config: ExpectationConfig }[] = [];
    const [only, ...more] = s.typeNames;
    out.push({
      call: s.typeCall,
      config: more.length
        ? {
            type: 'expect_column_values_to_be_in_type_list',
            kwargs: { column, type_list: [...s.typeNames] },
            meta: {},
          }
        : { type: 'expect_column_values_to_be_of_type', kwargs: { column, type_: only }, meta: {} },
    });
    if (!s.nullable || s.notNullMostly !== undefined) {
      out.push({
        call: callCode('notNull', [{ mostly: s.notNullMostly }]),
        config: {
          type: 'expect_column_values_to_not_be_null',
          kwargs: compact({ column, mostly: s.notNullMostly }),
          meta: {},
        },
      });
    }
    for (const c of s.checks)
      out.push({ call: c.call, config: { type: c.type, kwargs: { column, ...c.kwargs }, meta: {} } });
    return out;
  }
}

function column<K extends Kind>(kind: K, typeCall: string, typeNames: readonly string[]): Column<K, false> {
  return new Column(kind, { typeCall, typeNames, nullable: false, checks: [] });
}

/** An int8 column (values: number). */
export const int8 = (): Column<'int8', false> => column('int8', 'int8()', ['int8']);
/** An int16 column (values: number). */
export const int16 = (): Column<'int16', false> => column('int16', 'int16()', ['int16']);
/** An int32 column (values: number). */
export const int32 = (): Column<'int32', false> => column('int32', 'int32()', ['int32']);
/** An int64 column (values: bigint, as apache-arrow returns them). */
export const int64 = (): Column<'int64', false> => column('int64', 'int64()', ['int64']);
/** A uint8 column (values: number). */
export const uint8 = (): Column<'uint8', false> => column('uint8', 'uint8()', ['uint8']);
/** A uint16 column (values: number). */
export const uint16 = (): Column<'uint16', false> => column('uint16', 'uint16()', ['uint16']);
/** A uint32 column (values: number). */
export const uint32 = (): Column<'uint32', false> => column('uint32', 'uint32()', ['uint32']);
/** A uint64 column (values: bigint). */
export const uint64 = (): Column<'uint64', false> => column('uint64', 'uint64()', ['uint64']);
/** A float32 column (values: number). */
export const float32 = (): Column<'float32', false> => column('float32', 'float32()', ['float32']);
/** A float64 column (values: number). */
export const float64 = (): Column<'float64', false> => column('float64', 'float64()', ['float64']);
/** A string column of any Arrow string type: utf8, large_utf8, utf8_view, dictionary of these (values: string). */
export const utf8 = (): Column<'utf8', false> => column('utf8', 'utf8()', ['str']);
/** A boolean column (values: boolean). */
export const bool = (): Column<'bool', false> => column('bool', 'bool()', ['bool']);
/** A date column, date32 or date64 (values: epoch milliseconds, as apache-arrow returns them). */
export const date = (): Column<'date', false> => column('date', 'date()', ['date']);

const UNITS: readonly TimeUnit[] = ['s', 'ms', 'us', 'ns'];

/**
 * A timestamp column (values: epoch milliseconds, as apache-arrow returns them). With a unit and no time
 * zone it must be that naive type (`timestamp[us]`); with a zone, zoned in it (any unit unless given);
 * with neither, any timestamp.
 */
export function timestamp(unit?: TimeUnit, tz?: string): Column<'timestamp', false> {
  const call = callCode('timestamp', [unit, tz]);
  if (unit !== undefined && !UNITS.includes(unit)) {
    throw new SchemaDefinitionError('invalid_check', `${call}: the unit must be one of ${UNITS.join(', ')}`);
  }
  const units = unit === undefined ? UNITS : [unit];
  const names =
    tz === undefined
      ? unit === undefined
        ? ['datetime']
        : [`timestamp[${unit}]`]
      : units.map((u) => `timestamp[${u}, ${tz}]`);
  return column('timestamp', call, names);
}

/**
 * A column of any Arrow type, named as expect_column_values_to_be_of_type names it (`decimal128(10, 2)`,
 * `list<int64>`, `Int64`); only its type and nullability are checked (values: unknown).
 */
export function dtype(name: string): Column<'dtype', false> {
  const call = callCode('dtype', [name]);
  checkKwargs('expect_column_values_to_be_of_type', { column: PLACEHOLDER, type_: name }, call);
  return column('dtype', call, [name]);
}
