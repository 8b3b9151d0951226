import type { DataType } from 'apache-arrow';
import { z } from 'zod';
import { type TypeFamily, typeFamily, typeName, valueType } from '../../arrow/types.js';
import type { AggregateOutcome, PlanContext } from '../../engine/expectation.js';
import { always, type Expr, not } from '../../engine/expr.js';
import { columnType } from './schema.js';

/**
 * Type names as suites write them (Arrow, pyarrow, NumPy, pandas, Python, Spark, SQL) and which Arrow
 * column types each one covers: the one table behind expect_column_values_to_be_of_type and
 * expect_column_values_to_be_in_type_list, and behind docs/dtypes.md.
 */

/** What a type name is judged against: facts of a column's Arrow type, dictionary encoding unwrapped. */
export interface TypeFacts {
  readonly family: TypeFamily;
  /** The Arrow type name of the values (`int64`, `utf8`, `timestamp[ns, UTC]`), as typeName prints it. */
  readonly name: string;
  /** True when the column is dictionary encoded (pandas `category`). */
  readonly dictionary: boolean;
  /** Time unit of timestamps, times and durations (`s`, `ms`, `us`, `ns`), else null. */
  readonly unit: string | null;
  /** Time zone of a timestamp, else null. */
  readonly tz: string | null;
}

/** The facts of an Arrow type. */
export function typeFacts(type: DataType): TypeFacts {
  const values = valueType(type);
  const name = typeName(values);
  const temporal = /\[(s|ms|us|ns)(?:, (.+))?\]$/.exec(name);
  return {
    family: typeFamily(values),
    name,
    dictionary: values !== type,
    unit: temporal?.[1] ?? null,
    tz: temporal?.[2] ?? null,
  };
}

/** Which column types a name covers, and that in words for the docs. */
export interface TypeRule {
  readonly means: string;
  readonly test: (f: TypeFacts) => boolean;
}

/** Where a name comes from, for the docs. */
export type Dialect = 'Arrow' | 'pyarrow' | 'NumPy' | 'pandas' | 'Python' | 'Spark' | 'SQL';

/** Names written the same way in the dialects listed, with one meaning (for some, one per name). */
export interface TypeAlias {
  readonly names: readonly string[];
  readonly dialects: readonly Dialect[];
  /** What the names match, in words. */
  readonly means: string;
  /** The rule of one of the names. */
  readonly rule: (name: string) => TypeRule;
}

/** A family of names with parameters (a time zone, a precision), recognised by a pattern. */
export interface TypePattern {
  /** The form as the docs show it, e.g. `datetime64[<unit>, <tz>]`. */
  readonly form: string;
  readonly example: string;
  readonly dialects: readonly Dialect[];
  /** What the names of this form match, in words. */
  readonly means: string;
  readonly pattern: RegExp;
  readonly rule: (m: RegExpExecArray) => TypeRule;
}

const code = (s: string) => `\`${s}\``;

/** Exactly the Arrow type with this name. */
const exactly = (name: string): TypeRule => ({ means: code(name), test: (f) => f.name === name });

/** Any type of the given families. */
const ofFamily = (means: string, ...families: TypeFamily[]): TypeRule => ({
  means,
  test: (f) => families.includes(f.family),
});

const UTC = new Set(['UTC', 'utc', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Z', '+00:00', 'Zulu', 'Etc/Zulu']);

/** Time zones compare by name, with the spellings of UTC taken as one. */
function sameZone(a: string, b: string): boolean {
  return a === b || (UTC.has(a) && UTC.has(b));
}

/** Timestamps, optionally of one unit, without a zone (false), with any zone (true) or with one zone. */
function timestamp(unit: string | null, zone: boolean | string | null): TypeRule {
  const inUnit = unit ? `in ${unit}` : 'of any unit';
  const inZone =
    zone === null
      ? 'with or without time zone'
      : zone === false
        ? 'without time zone'
        : zone === true
          ? 'with a time zone'
          : `in time zone ${zone}`;
  const zoneOk = (tz: string | null) =>
    zone === null || (zone === false ? tz === null : tz !== null && (zone === true || sameZone(tz, zone)));
  return {
    means: `a timestamp ${inUnit}, ${inZone}`,
    test: (f) => f.family === 'timestamp' && (unit === null || f.unit === unit) && zoneOk(f.tz),
  };
}

/** Durations of one unit, or of any. */
function duration(unit: string | null): TypeRule {
  return unit === null
    ? ofFamily('a duration of any unit', 'duration')
    : { means: `a duration in ${unit}`, test: (f) => f.family === 'duration' && f.unit === unit };
}

/** Decimals of one precision and scale, of any bit width. */
function decimal(precision: string, scale: string): TypeRule {
  const re = new RegExp(`^decimal\\d+\\(${Number(precision)}, ${Number(scale)}\\)$`);
  return { means: `a decimal with precision ${precision} and scale ${scale}`, test: (f) => re.test(f.name) };
}

const INT = ofFamily('any integer, signed or unsigned, of any width', 'integer');
const FLOAT = ofFamily('any float (`float16`, `float32`, `float64`)', 'float');
const STRING = ofFamily('any string (`utf8`, `large_utf8`, `utf8_view`)', 'string');
const BINARY = ofFamily(
  'any binary (`binary`, `large_binary`, `binary_view`, `fixed_size_binary[n]`)',
  'binary',
);
const BOOL = exactly('bool');
const DATE = ofFamily('any date (`date32`, `date64`)', 'date');
const TIME = ofFamily('any time of day (`time32[…]`, `time64[…]`)', 'time');
const DECIMAL = ofFamily('any decimal, of any precision and scale', 'decimal');
const NULL = exactly('null');
const NUMBER = ofFamily('any integer, float or decimal', 'integer', 'float', 'decimal');
const CATEGORY: TypeRule = { means: 'any dictionary-encoded column', test: (f) => f.dictionary };
const INTERVAL = ofFamily('a duration or a calendar interval', 'duration', 'interval');
const PANDAS_OBJECT = ofFamily(
  'what pandas holds as `object`: strings, bytes, decimals, dates, times, intervals, nested values and all-null columns',
  'string',
  'binary',
  'decimal',
  'date',
  'time',
  'interval',
  'nested',
  'null',
);
const nestedNamed = (means: string, re: RegExp): TypeRule => ({ means, test: (f) => re.test(f.name) });

const UNITS = ['s', 'ms', 'us', 'ns'] as const;
/** Names that all mean the same. */
const a = (names: readonly string[], dialects: readonly Dialect[], rule: TypeRule): TypeAlias => ({
  names,
  dialects,
  means: rule.means,
  rule: () => rule,
});

/** Names that each mean the Arrow type of that name. */
const arrowNames = (names: readonly string[], dialects: readonly Dialect[]): TypeAlias => ({
  names,
  dialects,
  means: 'exactly the Arrow type of that name',
  rule: exactly,
});

/** `<prefix>[s]` … `<prefix>[ns]`: one name per time unit. */
const perUnit = (
  prefix: string,
  dialects: readonly Dialect[],
  means: string,
  rule: (unit: string) => TypeRule,
): TypeAlias => ({
  names: UNITS.map((u) => `${prefix}[${u}]`),
  dialects,
  means,
  rule: (name) => rule(name.slice(prefix.length + 1, -1)),
});

/** Every fixed type name, grouped by meaning. */
export const TYPE_ALIASES: readonly TypeAlias[] = [
  // Arrow's own names (as results report them), shared with NumPy where NumPy spells them alike
  arrowNames(
    [
      'int8',
      'int16',
      'int32',
      'int64',
      'uint8',
      'uint16',
      'uint32',
      'uint64',
      'float16',
      'float32',
      'float64',
    ],
    ['Arrow', 'NumPy'],
  ),
  a(['bool'], ['Arrow', 'NumPy', 'Python'], BOOL),
  arrowNames(
    ['null', 'utf8', 'large_utf8', 'utf8_view', 'binary', 'large_binary', 'binary_view', 'date32', 'date64'],
    ['Arrow'],
  ),
  arrowNames(['time32[s]', 'time32[ms]', 'time64[us]', 'time64[ns]'], ['Arrow']),
  arrowNames(['interval<day_time>', 'interval<year_month>', 'interval<month_day_nano>'], ['Arrow']),
  perUnit('timestamp', ['Arrow', 'pyarrow'], 'a timestamp in that unit, without time zone', (u) =>
    timestamp(u, false),
  ),
  perUnit('duration', ['Arrow', 'pyarrow'], 'a duration in that unit', duration),
  // pyarrow's spellings where they differ from Arrow's canonical names and clash with nothing
  a(['halffloat'], ['pyarrow'], exactly('float16')),
  a(['large_string'], ['pyarrow'], exactly('large_utf8')),
  a(['string_view'], ['pyarrow'], exactly('utf8_view')),
  a(['date32[day]'], ['pyarrow'], exactly('date32')),
  a(['date64[ms]'], ['pyarrow'], exactly('date64')),
  // NumPy and pandas
  a(['int'], ['Python', 'NumPy'], INT),
  a(['float'], ['Python', 'NumPy'], FLOAT),
  a(['double'], ['NumPy'], exactly('float64')),
  a(['bool_', 'boolean'], ['NumPy', 'pandas'], BOOL),
  {
    names: ['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float32', 'Float64'],
    dialects: ['pandas'],
    means: 'the Arrow type of that name in lower case (`Int64` is `int64`)',
    rule: (name) => exactly(name.toLowerCase()),
  },
  a(['str', 'string'], ['Python', 'pandas'], STRING),
  a(['object', 'object_', 'O'], ['NumPy', 'pandas'], PANDAS_OBJECT),
  a(['datetime64'], ['NumPy', 'pandas'], timestamp(null, false)),
  perUnit('datetime64', ['NumPy', 'pandas'], 'a timestamp in that unit, without time zone', (u) =>
    timestamp(u, false),
  ),
  // DatetimeTZDtypeType: the scalar type's name in pandas 0.22 and 0.23, as GX's fixtures still write it
  a(['Timestamp', 'DatetimeTZDtype', 'DatetimeTZDtypeType'], ['pandas'], timestamp(null, true)),
  a(['timedelta64'], ['NumPy', 'pandas'], duration(null)),
  perUnit('timedelta64', ['NumPy', 'pandas'], 'a duration in that unit', duration),
  a(['category', 'CategoricalDtype'], ['pandas'], CATEGORY),
  // Python
  a(['bytes'], ['Python'], BINARY),
  a(['date'], ['Python'], DATE),
  a(['datetime'], ['Python'], timestamp(null, null)),
  a(['time'], ['Python'], TIME),
  a(['timedelta'], ['Python'], duration(null)),
  a(['decimal', 'Decimal'], ['Python'], DECIMAL),
  a(['None', 'NoneType'], ['Python'], NULL),
  // Spark (pyspark.sql.types)
  a(['ByteType'], ['Spark'], exactly('int8')),
  a(['ShortType'], ['Spark'], exactly('int16')),
  a(['IntegerType'], ['Spark'], exactly('int32')),
  a(['LongType'], ['Spark'], exactly('int64')),
  a(['FloatType'], ['Spark'], exactly('float32')),
  a(['DoubleType'], ['Spark'], exactly('float64')),
  a(['DecimalType'], ['Spark'], DECIMAL),
  a(['StringType', 'VarcharType', 'CharType'], ['Spark'], STRING),
  a(['BinaryType'], ['Spark'], BINARY),
  a(['BooleanType'], ['Spark'], BOOL),
  a(['DateType'], ['Spark'], DATE),
  a(['TimestampType'], ['Spark'], timestamp(null, null)),
  a(['TimestampNTZType'], ['Spark'], timestamp(null, false)),
  a(['DayTimeIntervalType'], ['Spark'], duration(null)),
  a(['NullType'], ['Spark'], NULL),
  a(['ArrayType'], ['Spark'], nestedNamed('any list', /^(list|largelist|fixedsizelist\[\d+\])</)),
  a(['MapType'], ['Spark'], nestedNamed('any map', /^map</)),
  a(['StructType'], ['Spark'], nestedNamed('any struct', /^struct</)),
  // SQL (SQLAlchemy type names, as GX's SQL fixtures write them)
  a(['TINYINT'], ['SQL'], exactly('int8')),
  a(['SMALLINT'], ['SQL'], exactly('int16')),
  a(['INTEGER', 'INT'], ['SQL'], exactly('int32')),
  a(['BIGINT', 'INT64'], ['SQL'], exactly('int64')),
  a(['REAL', 'FLOAT4'], ['SQL'], exactly('float32')),
  a(['DOUBLE', 'DOUBLE_PRECISION', 'DOUBLE PRECISION', 'FLOAT8', 'FLOAT64'], ['SQL'], exactly('float64')),
  a(['FLOAT'], ['SQL'], FLOAT),
  a(['DECIMAL', 'NUMERIC'], ['SQL'], DECIMAL),
  a(['NUMBER'], ['SQL'], NUMBER),
  a(['VARCHAR', 'NVARCHAR', 'CHAR', 'NCHAR', 'TEXT', 'STRING'], ['SQL'], STRING),
  a(['BOOLEAN', 'BOOL', 'BIT'], ['SQL'], BOOL),
  a(['DATE'], ['SQL'], DATE),
  a(['TIME'], ['SQL'], TIME),
  a(['TIMESTAMP', 'DATETIME', 'DATETIME2'], ['SQL'], timestamp(null, null)),
  a(['TIMESTAMPTZ', 'TIMESTAMP_TZ', 'TIMESTAMP_LTZ'], ['SQL'], timestamp(null, true)),
  a(['TIMESTAMP_NTZ'], ['SQL'], timestamp(null, false)),
  a(['INTERVAL'], ['SQL'], INTERVAL),
  a(['BLOB', 'BYTEA', 'BINARY', 'VARBINARY', 'BYTES'], ['SQL'], BINARY),
];

const UNIT = '(s|ms|us|ns)';

/** Names with parameters. */
export const TYPE_PATTERNS: readonly TypePattern[] = [
  {
    form: 'timestamp[<unit>, <tz>]',
    example: 'timestamp[ns, UTC]',
    dialects: ['Arrow'],
    means: 'a timestamp in that unit and time zone',
    pattern: new RegExp(`^timestamp\\[${UNIT}, (?!tz=)(.+)\\]$`),
    rule: (m) => timestamp(m[1] as string, m[2] as string),
  },
  {
    form: 'timestamp[<unit>, tz=<tz>]',
    example: 'timestamp[us, tz=Europe/Paris]',
    dialects: ['pyarrow'],
    means: 'a timestamp in that unit and time zone',
    pattern: new RegExp(`^timestamp\\[${UNIT}, tz=(.+)\\]$`),
    rule: (m) => timestamp(m[1] as string, m[2] as string),
  },
  {
    form: 'datetime64[<unit>, <tz>]',
    example: 'datetime64[ns, UTC]',
    dialects: ['pandas'],
    means: 'a timestamp in that unit and time zone',
    pattern: new RegExp(`^datetime64\\[${UNIT}, (.+)\\]$`),
    rule: (m) => timestamp(m[1] as string, m[2] as string),
  },
  {
    form: 'decimal<bits>(<precision>, <scale>)',
    example: 'decimal128(10, 2)',
    dialects: ['Arrow'],
    means: 'exactly that decimal type',
    pattern: /^decimal(32|64|128|256)\((\d+), ?(\d+)\)$/,
    rule: (m) => exactly(`decimal${m[1]}(${Number(m[2])}, ${Number(m[3])})`),
  },
  {
    form: 'DECIMAL(<precision>, <scale>)',
    example: 'NUMERIC(12, 2)',
    dialects: ['SQL', 'Spark'],
    means: 'a decimal of that precision and scale, of any bit width',
    pattern: /^(?:DECIMAL|NUMERIC|DecimalType)\((\d+), ?(\d+)\)$/,
    rule: (m) => decimal(m[1] as string, m[2] as string),
  },
  {
    form: 'VARCHAR(<n>)',
    example: 'VARCHAR(255)',
    dialects: ['SQL'],
    means: 'any string (the length limit is not checked); also `CHAR(<n>)`, `NVARCHAR(<n>)`, `NCHAR(<n>)`',
    pattern: /^N?(?:VAR)?CHAR\(\d+\)$/,
    rule: () => STRING,
  },
  {
    form: 'fixed_size_binary[<n>]',
    example: 'fixed_size_binary[16]',
    dialects: ['Arrow'],
    means: 'exactly that fixed-size binary type',
    pattern: /^fixed_size_binary\[(\d+)\]$/,
    rule: (m) => exactly(`fixed_size_binary[${Number(m[1])}]`),
  },
  {
    form: 'dictionary<<type>>',
    example: 'dictionary<utf8>',
    dialects: ['Arrow'],
    means: 'a dictionary-encoded column whose values match `<type>` (any name on this page)',
    pattern: /^dictionary<(.+)>$/,
    rule: (m) => {
      const inner = resolveTypeName(m[1] as string);
      if (!inner) throw new UnknownTypeName(m[1] as string);
      return {
        means: `a dictionary-encoded column of ${inner.means}`,
        test: (f) => f.dictionary && inner.test(f),
      };
    },
  },
  {
    form: 'list<…>, largelist<…>, fixedsizelist[<n>]<…>, struct<{…}>, map<{…}>, union<…>',
    example: 'list<int64>',
    dialects: ['Arrow'],
    means: 'exactly that nested type, as results report it',
    pattern: /^(?:list|largelist|fixedsizelist\[\d+\]|struct|map|union)<.*>$/,
    rule: (m) => exactly(m[0]),
  },
];

/** A type name no alias or pattern knows. */
export class UnknownTypeName extends Error {
  constructor(readonly typeName: string) {
    super(unknownTypeMessage(typeName));
  }
}

const BY_NAME = new Map(TYPE_ALIASES.flatMap((al) => al.names.map((n) => [n, al.rule(n)] as const)));

/** The rule of a type name (exact alias first, then the patterns), or undefined for an unknown name. */
export function resolveTypeName(name: string): TypeRule | undefined {
  const exact = BY_NAME.get(name);
  if (exact) return exact;
  for (const p of TYPE_PATTERNS) {
    const m = p.pattern.exec(name);
    if (!m) continue;
    try {
      return p.rule(m);
    } catch (e) {
      if (e instanceof UnknownTypeName) return undefined;
      throw e;
    }
  }
  return undefined;
}

/** True when a column of this Arrow type is of the named type (the name must be known). */
export function isOfType(type: DataType, name: string): boolean {
  const rule = resolveTypeName(name);
  if (!rule) throw new UnknownTypeName(name);
  return rule.test(typeFacts(type));
}

/** Edit distance with adjacent transpositions (optimal string alignment): `int46` is one edit from `int64`. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] as number) + 1);
      }
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** Known names close to an unknown one: the same name in another case first, then by edit distance. */
export function suggestTypeNames(name: string, max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 3));
  const candidates = [...BY_NAME.keys(), ...TYPE_PATTERNS.map((p) => p.example)];
  return candidates
    .map((c) => ({ c, d: c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .map((x) => ({ ...x, exact: editDistance(name, x.c) }))
    .sort((x, y) => x.d - y.d || x.exact - y.exact || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

function unknownTypeMessage(name: string): string {
  const close = suggestTypeNames(name);
  const hint = close.length ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(', ')}?` : '';
  return `unknown type ${JSON.stringify(name)}${hint} (the known names are listed in docs/dtypes.md)`;
}

/** A type name as kwargs take it: a known alias or pattern, else an issue naming it with close names. */
export const typeNameKwarg = z.string().superRefine((name, ctx) => {
  if (!resolveTypeName(name)) ctx.addIssue({ code: 'custom', message: unknownTypeMessage(name) });
});

/**
 * How pandas holds the columns of some Arrow types (pyarrow's `to_pandas()` with its defaults, a column
 * without nulls), which is what GX's pandas type checks see.
 */
export interface PandasHolding {
  /** The Arrow columns, in words, for the docs. */
  readonly arrow: string;
  readonly test: (f: TypeFacts) => boolean;
  /** GX's observed_value: the name of the pandas dtype's scalar type (`dtype.type.__name__`). */
  readonly dtype: (f: TypeFacts) => string;
  /** `dtype` in words, for the docs. */
  readonly dtypeDoc: string;
  /** For columns pandas holds as `object`: the Python type of the values, which GX checks value by value. */
  readonly valueType?: string;
}

const OBJECT_DTYPE = 'object_';

/** pandas holds the values of these columns as Python objects of one type. */
const objects = (arrow: string, family: TypeFamily, valueType: string): PandasHolding => ({
  arrow,
  test: (f) => f.family === family,
  dtype: () => OBJECT_DTYPE,
  dtypeDoc: code(OBJECT_DTYPE),
  valueType,
});

/** Every Arrow column, as pandas holds it; the first entry that matches a column's facts applies. */
export const PANDAS_HOLDINGS: readonly PandasHolding[] = [
  {
    arrow: 'any dictionary-encoded column',
    test: (f) => f.dictionary,
    dtype: () => 'CategoricalDtypeType',
    dtypeDoc: '`CategoricalDtypeType` (pandas `category`)',
  },
  {
    arrow: 'integers, floats',
    test: (f) => f.family === 'integer' || f.family === 'float',
    dtype: (f) => f.name,
    dtypeDoc: 'the Arrow name (`int64`, `uint8`, `float32`, …)',
  },
  { arrow: '`bool`', test: (f) => f.family === 'boolean', dtype: () => 'bool_', dtypeDoc: '`bool_`' },
  {
    arrow: 'timestamps without time zone',
    test: (f) => f.family === 'timestamp' && f.tz === null,
    dtype: () => 'datetime64',
    dtypeDoc: '`datetime64`',
  },
  {
    arrow: 'timestamps with a time zone',
    test: (f) => f.family === 'timestamp',
    dtype: () => 'Timestamp',
    dtypeDoc: '`Timestamp` (pandas `datetime64[<unit>, <tz>]`)',
  },
  {
    arrow: 'durations',
    test: (f) => f.family === 'duration',
    dtype: () => 'timedelta64',
    dtypeDoc: '`timedelta64`',
  },
  objects('strings', 'string', 'str'),
  objects('binaries', 'binary', 'bytes'),
  objects('decimals', 'decimal', 'Decimal'),
  objects('dates', 'date', 'date'),
  objects('times of day', 'time', 'time'),
  objects('intervals', 'interval', 'MonthDayNano'),
  objects('lists, structs, maps, unions', 'nested', 'ndarray (lists), dict (structs), list (maps)'),
  objects('the null type', 'null', 'NoneType (every value is missing)'),
];

function holdingOf(type: DataType): PandasHolding {
  const f = typeFacts(type);
  const h = PANDAS_HOLDINGS.find((x) => x.test(f));
  if (!h) throw new Error(`no pandas holding for ${typeName(type)}`);
  return h;
}

/** GX's observed_value for a column of this type: pandas' dtype name (`int64`, `object_`, `datetime64`, …). */
export function pandasDtypeName(type: DataType): string {
  return holdingOf(type).dtype(typeFacts(type));
}

/** numpy's names of the `object` dtype: GX's of_type keeps its aggregate check on `object` columns for them. */
export const OBJECT_DTYPE_NAMES: ReadonlySet<string> = new Set(['object', 'object_', 'O']);

/** True when pandas holds the column as `object` (Python values), where GX checks types value by value. */
export function columnHeldAsObjects(ctx: PlanContext, column: string): boolean {
  return holdingOf(columnType(ctx, column)).valueType !== undefined;
}

/** True when the column's type matches one of the names (null: any type). */
export function columnIsOfType(ctx: PlanContext, column: string, names: readonly string[] | null): boolean {
  const type = columnType(ctx, column);
  return names === null || names.some((n) => isOfType(type, n));
}

/**
 * The row predicate of GX's value-by-value check: an Arrow column holds values of one type, so every
 * non-missing value is expected or none is.
 */
export function typeCheckPredicate(ctx: PlanContext, column: string, names: readonly string[] | null): Expr {
  return columnIsOfType(ctx, column, names) ? always : not(always);
}

/**
 * GX's outcome of a column type check, read from the schema: success when the column's type matches one
 * of the names (null: any type), pandas' dtype name as the observed value and the Arrow type in details.
 */
export function columnTypeOutcome(
  ctx: PlanContext,
  column: string,
  names: readonly string[] | null,
): AggregateOutcome {
  const type = columnType(ctx, column);
  return {
    success: columnIsOfType(ctx, column, names),
    result: { observed_value: pandasDtypeName(type), details: { arrow_type: typeName(type) } },
  };
}

/** docs/dtypes.md, generated from TYPE_ALIASES and TYPE_PATTERNS. */
export function dtypesMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const names = (ns: readonly string[]) => ns.map((n) => cell(code(n))).join(', ');
  return [
    '# Type names',
    '',
    '<!-- Generated from src/expectations/support/dtypes.ts. Do not edit by hand. -->',
    '',
    '`expect_column_values_to_be_of_type` (`type_`) and `expect_column_values_to_be_in_type_list`',
    '(`type_list`) judge a column by its Arrow type, read from the schema: nulls and NaN never change the',
    'outcome (an `int64` column with nulls stays `int64`, where pandas would have made it `float64`).',
    '',
    "The result reads as GX's on pandas: `observed_value` is the name pandas gives the column's dtype",
    '(`int64`, `object_`, `datetime64`, `Timestamp`, …; see [How pandas holds a column](#how-pandas-holds-a-column)),',
    'and `details.arrow_type` the Arrow type (`int64`, `utf8`, `timestamp[ns, UTC]`, `dictionary<utf8>`, …).',
    'A column pandas holds as `object` (strings, bytes, decimals, dates, …) GX checks value by value, and so',
    'does expect-check: the result is then row-wise (`unexpected_count`, `unexpected_list`, … with `mostly`),',
    'where every non-missing value is unexpected or none is (an Arrow column holds values of one type). That',
    'happens for `type_list` whenever it is given, and for `type_` unless it is `object`, `object_` or `O`,',
    "which keep GX's aggregate check. A value is expected when its column's type matches a name by the",
    'rules below, so `str`, `string` and `object` all accept strings (GX flags every string for `object` in',
    'a `type_list` and cannot resolve `string`; see docs/gx-compatibility.md).',
    '',
    'Names are case-sensitive (`Timestamp` is pandas, `TIMESTAMP` is SQL). A name that is exact (`int32`,',
    '`Int64`, `datetime64[ns]`, `LongType`, `BIGINT`) matches that one Arrow type; a broad name (`int`,',
    '`float`, `str`, `datetime64`, `object`) matches a family. Dictionary encoding is transparent: a',
    '`dictionary<utf8>` column is a `utf8` and a `str` column; `category` and `dictionary<…>` require the',
    'encoding. Time zones compare by name, with the spellings of UTC (`UTC`, `Etc/UTC`, `+00:00`, …) as',
    'one. An unknown name is an error (`exception_info`) that suggests close names, never a silent failure.',
    '',
    '## Names',
    '',
    '| names | from | matches |',
    '|---|---|---|',
    ...TYPE_ALIASES.map((al) => `| ${names(al.names)} | ${al.dialects.join(', ')} | ${cell(al.means)} |`),
    '',
    '## Names with parameters',
    '',
    '| form | from | example | matches |',
    '|---|---|---|---|',
    ...TYPE_PATTERNS.map(
      (p) =>
        `| ${cell(code(p.form))} | ${p.dialects.join(', ')} | ${cell(code(p.example))} | ${cell(p.means)} |`,
    ),
    '',
    '## How pandas holds a column',
    '',
    "What GX's pandas checks see of an Arrow column (pyarrow's `to_pandas()` with its defaults, a column",
    'without nulls): the dtype name reported as `observed_value` and, for `object` columns, the Python type',
    'of the values that GX checks one by one.',
    '',
    '| Arrow columns | pandas dtype name (`observed_value`) | Python type of each value |',
    '|---|---|---|',
    ...PANDAS_HOLDINGS.map(
      (h) =>
        `| ${cell(h.arrow)} | ${cell(h.dtypeDoc)} | ${h.valueType ? cell(h.valueType) : 'not checked value by value'} |`,
    ),
    '',
  ].join('\n');
}
