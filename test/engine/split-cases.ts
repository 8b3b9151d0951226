import {
  Bool,
  type DataType,
  DateDay,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  RecordBatch,
  Table,
  TimestampMicrosecond,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { resultToJson } from '../../src/result/json.js';
import type { ExpectationConfig, ValidationResult } from '../../src/result/types.js';
import type { Suite } from '../../src/suite/model.js';

/**
 * Random tables with the awkward values of every column family, and a suite that runs every registered
 * expectation over them: the material of the whole-engine split-invariance properties.
 */

/** The generated columns, in table order. */
export const COLUMNS = ['id', 'i64', 'f64', 'f2', 'k', 's', 'b', 'ts', 'd', 'cat'] as const;
type Column = (typeof COLUMNS)[number];

/** Column values as plain JS (null = missing); int64 and timestamps as bigint, date32 as days. */
export interface Columns {
  readonly id: number[];
  readonly i64: (bigint | null)[];
  readonly f64: (number | null)[];
  readonly f2: (number | null)[];
  readonly k: (number | null)[];
  readonly s: (string | null)[];
  readonly b: (boolean | null)[];
  readonly ts: (bigint | null)[];
  readonly d: (number | null)[];
  readonly cat: (string | null)[];
}

const P53 = 2n ** 53n;
const P63 = 2n ** 63n;

const int64Value = fc.oneof(
  fc.constantFrom(P53 - 1n, P53, P53 + 1n, -P53 - 1n, -P53, P63 - 1n, P63 - 2n, -P63, -P63 + 1n, 0n),
  fc.bigInt({ min: -3n, max: 3n }),
  fc.bigInt({ min: P53 - 4n, max: P53 + 4n }),
  fc.bigInt({ min: -P63, max: P63 - 1n }),
);

const float64Value = fc.oneof(
  fc.constantFrom(Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1, 0.2, 0.3),
  fc.constantFrom(1e308, -1e308, Number.MIN_VALUE, 2 ** 53 + 2, 1e16, -1e16),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double(),
);

const stringValue = fc.oneof(
  fc.constantFrom('', ' ', 'a', 'abc', 'é', 'e\u0301', '日本語', '🎉', 'a\u0000b', 'x'.repeat(300)),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 100, maxLength: 400 }),
);

/** Microseconds between years 1 and 9999 (what ISO strings can show), with the epoch and its neighbours. */
const timestampValue = fc.oneof(
  fc.constantFrom(0n, -1n, 1n, 1_700_000_000_000_000n, 1_700_000_000_000_001n),
  fc.bigInt({ min: -62_135_596_800_000_000n, max: 253_402_300_799_999_999n }),
);

const dateValue = fc.oneof(
  fc.constantFrom(0, -1, 19_000, 19_001),
  fc.integer({ min: -719_162, max: 2_932_896 }),
);

/** A column of `n` values: all present, some missing, or all missing. */
function column<T>(value: fc.Arbitrary<T>, n: number): fc.Arbitrary<(T | null)[]> {
  return fc
    .constantFrom(0, 0.1, 0.5, 1)
    .chain((nullRate) =>
      fc.array(
        nullRate === 0
          ? value
          : nullRate === 1
            ? fc.constant(null)
            : fc.oneof(
                { weight: 100 - nullRate * 100, arbitrary: value },
                { weight: nullRate * 100, arbitrary: fc.constant(null) },
              ),
        { minLength: n, maxLength: n },
      ),
    );
}

/** Random columns of 0..maxRows rows. */
export function columnsArb(maxRows = 300): fc.Arbitrary<Columns> {
  return fc.integer({ min: 0, max: maxRows }).chain((n) =>
    fc.record({
      id: fc.constant(Array.from({ length: n }, (_, i) => i)),
      i64: column(int64Value, n),
      f64: column(float64Value, n),
      f2: column(
        fc.integer({ min: -3, max: 3 }).map((x) => x / 2),
        n,
      ),
      k: column(fc.integer({ min: 0, max: 4 }), n),
      s: column(stringValue, n),
      b: column(fc.boolean(), n),
      ts: column(timestampValue, n),
      d: column(dateValue, n),
      cat: column(fc.constantFrom('red', 'green', 'blue', '', 'é'), n),
    }),
  );
}

/** Number of rows of generated columns. */
export function rowCount(c: Columns): number {
  return c.id.length;
}

/** A fixed-width column from raw values, nulls in a validity bitmap. */
export function fixedWidth<T extends DataType>(
  type: T,
  values: readonly (number | bigint | null)[],
  Store: BigInt64ArrayConstructor | Int32ArrayConstructor,
): Vector<T> {
  const n = values.length;
  const nullBitmap = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  const data = new Store(n);
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else {
      data[i] = v as never;
      nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
    }
  });
  return makeVector(makeData({ type, length: n, nullCount, nullBitmap, data } as never)) as Vector<T>;
}

/** Rows [from, to) of the columns as an Arrow table with one batch (and a dictionary of its own). */
export function buildTable(c: Columns, from = 0, to = rowCount(c)): Table {
  const cut = <T>(xs: readonly T[]) => xs.slice(from, to);
  return new Table({
    id: vectorFromArray(cut(c.id), new Int32()),
    i64: fixedWidth(new Int64(), cut(c.i64), BigInt64Array),
    f64: vectorFromArray(cut(c.f64), new Float64()),
    f2: vectorFromArray(cut(c.f2), new Float64()),
    k: vectorFromArray(cut(c.k), new Int32()),
    s: vectorFromArray(cut(c.s), new Utf8()),
    b: vectorFromArray(cut(c.b), new Bool()),
    ts: fixedWidth(new TimestampMicrosecond(), cut(c.ts), BigInt64Array),
    d: fixedWidth(new DateDay(), cut(c.d), Int32Array),
    cat: vectorFromArray(cut(c.cat), new Dictionary(new Utf8(), new Int32())),
  });
}

/** The single record batch of a table built by buildTable (an empty one for zero rows). */
export function onlyBatch(t: Table): RecordBatch {
  return t.batches[0] ?? new RecordBatch(t.schema);
}

/** Random cut points splitting n rows into k contiguous parts (parts may be empty). */
export function partsArb(maxParts: number): fc.Arbitrary<(n: number) => [number, number][]> {
  return fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: maxParts - 1 })
    .map((fractions) => (n: number) => {
      const cuts = fractions.map((f) => Math.floor(f * (n + 1))).sort((a, b) => a - b);
      const bounds = [0, ...cuts, n];
      return bounds.slice(1).map((to, i) => [bounds[i] as number, to] as [number, number]);
    });
}

type Kwargs = Record<string, unknown>;

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const mostlyArb = opt(fc.constantFrom(0, 0.5, 0.9, 0.999));
const strict = fc.record({ strict_min: fc.boolean(), strict_max: fc.boolean() });
const mostlyRecord = fc.record({ mostly: mostlyArb });

/** Drops undefined values so kwargs look as a suite file writes them. */
function clean(k: Kwargs): Kwargs {
  return Object.fromEntries(Object.entries(k).filter(([, v]) => v !== undefined));
}

/** A sorted pair of bounds from `a`, either of them left open sometimes (never both). */
function bounds<T extends number | string>(a: fc.Arbitrary<T>, open = true): fc.Arbitrary<Kwargs> {
  return fc
    .tuple(a, a, open ? fc.constantFrom('both', 'min', 'max') : fc.constant('both'))
    .map(([x, y, which]) => {
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      return clean({
        min_value: which === 'max' ? undefined : lo,
        max_value: which === 'min' ? undefined : hi,
      });
    });
}

const smallNumber = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(0.25, -0.5, 1.5));
const bigNumber = fc.constantFrom(-(2 ** 63), -(2 ** 53), -1, 0, 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63);
const floatBound = fc.oneof(smallNumber, fc.double({ min: -1e6, max: 1e6, noNaN: true }), bigNumber);
const isoDate = fc
  .integer({ min: -719_162, max: 2_932_896 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const isoTimestamp = fc
  .integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 })
  .map((ms) => new Date(ms).toISOString().slice(0, 23));
const textBound = fc.constantFrom('', 'a', 'b', 'green', 'red', 'z', 'é', '日');

/** Numeric and bool columns, with matching bounds. */
const quantityColumns: readonly [Column, fc.Arbitrary<number>][] = [
  ['i64', fc.oneof(bigNumber, smallNumber)],
  ['f64', floatBound],
  ['f2', smallNumber],
  ['k', smallNumber],
  ['b', fc.constantFrom(0, 0.5, 1)],
];

/** Ordered columns with bounds of their kind (for between, min and max). */
const orderedColumns: readonly [Column, fc.Arbitrary<number | string>][] = [
  ...quantityColumns,
  ['s', textBound],
  ['cat', textBound],
  ['ts', isoTimestamp],
  ['d', isoDate],
];

/** Value sets fitting each column. */
const valueSets: readonly [Column, fc.Arbitrary<unknown[]>][] = [
  ['k', fc.subarray([0, 1, 2, 3, 4, 5, 1.0, true])],
  ['i64', fc.subarray([0, 1, -1, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 63, 3])],
  ['f64', fc.subarray([0, -0, 0.1, 0.3, 1, 1e308, 2 ** 53 + 2, -1e308])],
  ['f2', fc.subarray([-1.5, -0.5, 0, 0.5, 1, 1.5])],
  ['s', fc.subarray(['', 'a', 'abc', 'é', '日本語', '🎉', 'x'.repeat(300)])],
  ['cat', fc.subarray(['red', 'green', 'blue', '', 'é', 'purple'])],
  ['b', fc.subarray([true, false, 1, 0])],
  [
    'ts',
    fc.subarray(['1970-01-01T00:00:00', '1970-01-01', '2023-11-14T22:13:20', '1969-12-31T23:59:59.999999']),
  ],
  ['d', fc.subarray(['1970-01-01', '2022-01-08', '1969-12-31', '2022-01-09'])],
];
const distinctColumns = valueSets.filter(([c]) => c !== 'f2');

/** One kwargs generator per entry (a column and what its kwargs are drawn from), as one list. */
function perColumn<T>(
  entries: readonly (readonly [Column, T])[],
  make: (column: Column, x: T) => fc.Arbitrary<Kwargs>,
): fc.Arbitrary<Kwargs[]> {
  return fc.tuple(...entries.map(([c, x]) => make(c, x)));
}

const everyColumn = COLUMNS.map((c) => [c, null] as const);
const stringColumns = [
  ['s', null],
  ['cat', null],
] as const;
const regex = fc.constantFrom('^a', 'é', '^$', '\\d', '^.{0,3}$', '(?i)^RED', '[🎉日]', 'x{300}');
const pairIgnore = opt(fc.constantFrom('both_values_are_missing', 'either_value_is_missing', 'neither'));
const multiIgnore = opt(fc.constantFrom('all_values_are_missing', 'any_value_is_missing', 'never'));

/** A map expectation over one column with only `mostly` to vary. */
const mostlyOnly = (column: Column) => mostlyArb.map((mostly) => clean({ column, mostly }));

/** A column and its value as another kwarg (type_, type_list, value_set, column_B, ...). */
const withValue =
  (key: string, more: fc.Arbitrary<Kwargs> = fc.constant({})) =>
  (column: Column, a: fc.Arbitrary<unknown>) =>
    fc.tuple(a, more).map(([x, k]) => clean({ column, [key]: x, ...k }));

/** An aggregate between-expectation over a column, with bounds of the column's kind. */
const aggregateBetween = (column: Column, a: fc.Arbitrary<number | string>) =>
  fc.tuple(bounds(a), strict).map(([b, s]) => ({ column, ...b, ...s }));

/** A pair expectation over column_A and column_B. */
const pair =
  (more: Record<string, fc.Arbitrary<unknown>>) =>
  (column_A: Column, column_B: Column): fc.Arbitrary<Kwargs> =>
    fc
      .record({ ...more, ignore_row_if: pairIgnore, mostly: mostlyArb })
      .map((k) => clean({ column_A, column_B, ...k }));

/** A multicolumn expectation over each of these column lists. */
const multicolumn = (lists: readonly string[][], more: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(
    ...lists.map((column_list) =>
      fc
        .record({ ...more, ignore_row_if: multiIgnore, mostly: mostlyArb })
        .map((k) => clean({ column_list, ...k })),
    ),
  );

const likePattern = fc.constantFrom('%a%', 'r_d', '', '%', '_', 'é%', '%\\%%', '[a]%', 'x%x');
const strftimeFormat = fc.constantFrom('%Y-%m-%d', '%H:%M', '%d/%m/%Y', '%Y');
const matchOn = opt(fc.constantFrom('any', 'all'));

/** A string map expectation: a column of `stringColumns`, a pattern kwarg, and more keys. */
const stringMap = (more: Record<string, fc.Arbitrary<unknown>>) =>
  perColumn(stringColumns, (column) =>
    fc.record({ ...more, mostly: mostlyArb }).map((k) => clean({ column, ...k })),
  );

/** Columns with an order for the monotonic expectations. */
const monotonicColumns = (['id', 'i64', 'f64', 'k', 'ts', 'd'] as const).map((c) => [c, null] as const);

/** Partitions of the generated values: categorical for k and cat, continuous for f2 and k. */
const categoricalPartitions = [
  ['k', { values: [0, 1, 2, 3, 4], weights: [0.2, 0.2, 0.2, 0.2, 0.2] }],
  ['cat', { values: ['red', 'green', 'blue'], weights: [0.5, 0.3, 0.2] }],
] as const;
const continuousPartitions = [
  ['f2', { bins: [-2, -1, 0, 1, 2], weights: [0.25, 0.25, 0.25, 0.25] }],
  ['k', { bins: [0, 1, 2, 3, 4, 5], weights: [0.2, 0.2, 0.2, 0.2, 0.2] }],
] as const;

/** Row expression nodes (the JSON of src/engine/expr.ts). */
const col = (name: Column) => ({ op: 'col', name });
const lit = (value: unknown) => ({ op: 'lit', value });

/**
 * Kwargs for every registered expectation, fitting the generated columns. The split-invariance test
 * checks that these keys are exactly the registry's, so a new expectation must be added here.
 */
export const KWARGS: Readonly<Record<string, fc.Arbitrary<Kwargs[]>>> = {
  expect_table_row_count_to_be_between: fc.tuple(
    bounds(fc.integer({ min: 0, max: 300 })),
    fc.constant({ min_value: 1 }),
  ),
  expect_table_row_count_to_equal: fc.tuple(fc.record({ value: fc.integer({ min: 0, max: 300 }) })),
  expect_table_column_count_to_be_between: fc.tuple(bounds(fc.integer({ min: 0, max: 12 }))),
  expect_table_column_count_to_equal: fc.tuple(fc.record({ value: fc.constantFrom(9, 10, 11) })),
  expect_table_columns_to_match_ordered_list: fc.tuple(
    fc.constant({ column_list: [...COLUMNS] }),
    fc.shuffledSubarray([...COLUMNS]).map((column_list) => ({ column_list })),
  ),
  expect_table_columns_to_match_set: fc.tuple(
    fc.record({ column_set: fc.subarray([...COLUMNS, 'other']), exact_match: opt(fc.boolean()) }).map(clean),
  ),
  expect_column_to_exist: fc.tuple(
    fc.constantFrom(...COLUMNS).map((column) => ({ column })),
    fc.record({ column: fc.constantFrom(...COLUMNS, 'nope'), column_index: fc.integer({ min: 0, max: 11 }) }),
  ),
  expect_column_values_to_be_of_type: perColumn(
    [
      ['i64', fc.constantFrom('int64', 'int', 'Int64', 'float64')],
      ['f64', fc.constantFrom('float64', 'float', 'double')],
      ['s', fc.constantFrom('str', 'utf8', 'string', 'object')],
      ['b', fc.constantFrom('bool', 'boolean')],
      ['ts', fc.constantFrom('timestamp[us]', 'datetime64[us]', 'datetime64[ns]', 'datetime')],
      ['d', fc.constantFrom('date32', 'date')],
      ['cat', fc.constantFrom('category', 'str')],
      ['k', fc.constantFrom('int32', 'int64')],
    ],
    withValue('type_'),
  ),
  expect_column_values_to_be_in_type_list: perColumn(
    [
      ['i64', fc.subarray(['int64', 'int32', 'float'])],
      ['cat', fc.subarray(['category', 'str', 'int'])],
      ['ts', fc.subarray(['timestamp[us]', 'datetime64[ns]', 'date'])],
    ],
    withValue('type_list'),
  ),
  expect_column_values_to_not_be_null: perColumn(everyColumn, mostlyOnly),
  expect_column_values_to_be_between: perColumn(orderedColumns, (column, a) =>
    fc.tuple(bounds(a), strict, mostlyArb).map(([b, s, mostly]) => clean({ column, ...b, ...s, mostly })),
  ),
  expect_column_values_to_be_null: perColumn(everyColumn, mostlyOnly),
  expect_column_values_to_be_in_set: perColumn(valueSets, withValue('value_set', mostlyRecord)),
  expect_column_values_to_not_be_in_set: perColumn(valueSets, withValue('value_set', mostlyRecord)),
  expect_column_values_to_match_regex: perColumn(stringColumns, (column) =>
    withValue('regex', mostlyRecord)(column, regex),
  ),
  expect_column_values_to_not_match_regex: perColumn(stringColumns, (column) =>
    withValue('regex', mostlyRecord)(column, regex),
  ),
  expect_column_value_lengths_to_be_between: perColumn(stringColumns, (column) =>
    fc
      .tuple(bounds(fc.integer({ min: 0, max: 12 })), mostlyArb)
      .map(([b, mostly]) => clean({ column, ...b, mostly })),
  ),
  expect_column_value_lengths_to_equal: perColumn(stringColumns, (column) =>
    withValue('value', mostlyRecord)(column, fc.integer({ min: 0, max: 5 })),
  ),
  expect_column_mean_to_be_between: perColumn(quantityColumns, aggregateBetween),
  expect_column_min_to_be_between: perColumn(orderedColumns, aggregateBetween),
  expect_column_max_to_be_between: perColumn(orderedColumns, aggregateBetween),
  expect_column_sum_to_be_between: perColumn(quantityColumns, aggregateBetween),
  expect_column_stdev_to_be_between: perColumn(
    quantityColumns.map(([c]) => [c, fc.double({ min: 0, max: 1e6, noNaN: true })] as const),
    aggregateBetween,
  ),
  expect_column_median_to_be_between: perColumn(quantityColumns, aggregateBetween),
  expect_column_unique_value_count_to_be_between: perColumn(distinctColumns, (column) =>
    bounds(fc.integer({ min: 0, max: 10 })).map((b) => ({ column, ...b })),
  ),
  expect_column_proportion_of_unique_values_to_be_between: perColumn(distinctColumns, (column) =>
    bounds(fc.constantFrom(0, 0.25, 0.5, 1)).map((b) => ({ column, ...b })),
  ),
  expect_column_distinct_values_to_be_in_set: perColumn(distinctColumns, withValue('value_set')),
  expect_column_distinct_values_to_contain_set: perColumn(distinctColumns, withValue('value_set')),
  expect_column_distinct_values_to_equal_set: perColumn(distinctColumns, withValue('value_set')),
  expect_column_most_common_value_to_be_in_set: perColumn(distinctColumns, (column, set) =>
    fc.tuple(set, opt(fc.boolean())).map(([value_set, ties_okay]) => clean({ column, value_set, ties_okay })),
  ),
  expect_column_quantile_values_to_be_between: perColumn(quantityColumns, (column, a) =>
    fc
      .tuple(
        fc.array(fc.tuple(fc.constantFrom(0, 0.1, 0.25, 0.5, 0.9, 1), bounds(a)), {
          minLength: 1,
          maxLength: 4,
        }),
        opt(
          fc.constantFrom<boolean | string>(false, true, 'linear', 'lower', 'higher', 'midpoint', 'nearest'),
        ),
      )
      .map(([qs, allow_relative_error]) =>
        clean({
          column,
          quantile_ranges: {
            quantiles: qs.map(([q]) => q),
            value_ranges: qs.map(([, b]) => [b.min_value ?? null, b.max_value ?? null]),
          },
          allow_relative_error,
        }),
      ),
  ),
  expect_column_values_to_be_unique: perColumn(
    everyColumn.filter(([c]) => c !== 'id'),
    mostlyOnly,
  ),
  expect_compound_columns_to_be_unique: multicolumn(
    [
      ['k', 'b'],
      ['k', 'cat', 'd'],
      ['i64', 's'],
      ['f64', 'ts'],
    ],
    {},
  ),
  expect_column_pair_values_a_to_be_greater_than_b: perColumn(
    [
      ['f64', 'f2'],
      ['k', 'f2'],
      ['ts', 'ts'],
      ['s', 'cat'],
      ['i64', 'k'],
    ],
    pair({ or_equal: opt(fc.boolean()) }),
  ),
  expect_column_pair_values_to_be_equal: perColumn(
    [
      ['k', 'f2'],
      ['s', 'cat'],
      ['d', 'd'],
      ['i64', 'k'],
    ],
    pair({}),
  ),
  expect_column_values_to_match_regex_list: stringMap({
    regex_list: fc.subarray(['^a', 'é', '^$', '\\d', '(?i)^RED'], { minLength: 1 }),
    match_on: matchOn,
  }),
  expect_column_values_to_not_match_regex_list: stringMap({
    regex_list: fc.subarray(['^a', 'é', '^$', '\\d'], { minLength: 1 }),
  }),
  expect_column_values_to_match_like_pattern: stringMap({ like_pattern: likePattern }),
  expect_column_values_to_not_match_like_pattern: stringMap({ like_pattern: likePattern }),
  expect_column_values_to_match_like_pattern_list: stringMap({
    like_pattern_list: fc.array(likePattern, { minLength: 1, maxLength: 3 }),
    match_on: matchOn,
  }),
  expect_column_values_to_not_match_like_pattern_list: stringMap({
    like_pattern_list: fc.array(likePattern, { minLength: 1, maxLength: 3 }),
  }),
  expect_column_values_to_match_strftime_format: stringMap({ strftime_format: strftimeFormat }),
  expect_column_values_to_be_dateutil_parseable: stringMap({}),
  expect_column_values_to_be_json_parseable: perColumn(
    [
      ['s', null],
      ['cat', null],
      ['i64', null],
      ['f64', null],
    ],
    mostlyOnly,
  ),
  expect_column_values_to_match_json_schema: stringMap({
    json_schema: fc.constantFrom({ type: 'string' }, { type: 'number' }, { type: 'object', required: ['a'] }),
  }),
  expect_column_values_to_be_increasing: perColumn(monotonicColumns, (column) =>
    fc.record({ strictly: opt(fc.boolean()), mostly: mostlyArb }).map((k) => clean({ column, ...k })),
  ),
  expect_column_values_to_be_decreasing: perColumn(monotonicColumns, (column) =>
    fc.record({ strictly: opt(fc.boolean()), mostly: mostlyArb }).map((k) => clean({ column, ...k })),
  ),
  expect_column_value_z_scores_to_be_less_than: perColumn(
    (['i64', 'f64', 'f2', 'k'] as const).map((c) => [c, null] as const),
    (column) =>
      fc
        .record({ threshold: fc.constantFrom(0.5, 1, 2, 3), double_sided: fc.boolean(), mostly: mostlyArb })
        .map((k) => clean({ column, ...k })),
  ),
  expect_column_kl_divergence_to_be_less_than: fc.tuple(
    ...categoricalPartitions.map(([column, partition_object]) =>
      fc
        .record({ threshold: fc.constantFrom(0.1, 1), tail_weight_holdout: fc.constantFrom(0, 0.01) })
        .map((k) => ({ column, partition_object, ...k })),
    ),
    ...continuousPartitions.map(([column, partition_object]) =>
      fc
        .record({
          threshold: fc.constantFrom(0.1, 1),
          tail_weight_holdout: fc.constantFrom(0, 0.01),
          internal_weight_holdout: fc.constantFrom(0, 0.01),
        })
        .map((k) => ({ column, partition_object, ...k })),
    ),
    fc.constantFrom('f2', 'k', 'i64').map((column) => ({ column, threshold: 0.5 })),
    fc.constantFrom('cat', 's', 'b').map((column) => ({ column, threshold: 0.5, bucketize_data: false })),
  ),
  expect_column_chisquare_test_p_value_to_be_greater_than: fc.tuple(
    ...categoricalPartitions.map(([column, partition_object]) =>
      fc
        .record({ p: fc.constantFrom(0.05, 0.5), tail_weight_holdout: fc.constantFrom(0, 0.01) })
        .map((k) => ({ column, partition_object, ...k })),
    ),
  ),
  expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than: fc.tuple(
    fc.constantFrom('f2', 'f64', 'k').map((column) => ({
      column,
      distribution: 'norm',
      params: { mean: 0, std_dev: 1 },
    })),
    fc.constant({ column: 'k', distribution: 'uniform', params: [0, 5], p_value: 0.01 }),
    fc.constant({ column: 'i64', distribution: 'expon', params: [0, 10] }),
  ),
  expect_column_bootstrapped_ks_test_p_value_to_be_greater_than: fc.tuple(
    ...continuousPartitions.map(([column, partition_object]) =>
      fc.record({ p: fc.constantFrom(0.05, 0.5) }).map((k) => ({ column, partition_object, ...k })),
    ),
  ),
  expect_column_pair_values_to_be_in_set: perColumn(
    [
      [
        'k',
        {
          column_B: 'b',
          pairs: [
            [0, true],
            [1, false],
            [2, true],
            [3, 0],
          ],
        },
      ],
      [
        's',
        {
          column_B: 'cat',
          pairs: [
            ['a', 'red'],
            ['', ''],
            ['é', 'é'],
            ['abc', 'blue'],
          ],
        },
      ],
      [
        'd',
        {
          column_B: 'ts',
          pairs: [
            ['1970-01-01', '1970-01-01T00:00:00'],
            ['2022-01-08', '1970-01-01'],
          ],
        },
      ],
    ],
    (column_A, { column_B, pairs }) =>
      fc
        .record({
          value_pairs_set: fc.subarray(pairs as unknown[][], { minLength: 1 }),
          ignore_row_if: pairIgnore,
          mostly: mostlyArb,
        })
        .map((k) => clean({ column_A, column_B, ...k })),
  ),
  expect_column_pair_cramers_phi_value_to_be_less_than: perColumn(
    [
      ['k', 'cat'],
      ['b', 's'],
      ['f2', 'k'],
    ],
    (column_A, column_B) =>
      fc
        .record({ threshold: fc.constantFrom(0.1, 0.5), n_bins_A: opt(fc.constantFrom(2, 5)) })
        .map((k) => clean({ column_A, column_B, ...k })),
  ),
  expect_select_column_values_to_be_unique_within_record: multicolumn(
    [
      ['k', 'f2'],
      ['s', 'cat'],
      ['i64', 'k', 'id'],
    ],
    {},
  ),
  expect_multicolumn_values_to_satisfy_expression: fc.tuple(
    ...[
      {
        op: 'cmp',
        cmp: '>=',
        left: { op: 'col', name: 'f64' },
        right: { op: 'add', args: [col('k'), col('f2')] },
      },
      {
        op: 'or',
        args: [
          { op: 'cmp', cmp: '==', left: col('k'), right: lit(0) },
          { op: 'cmp', cmp: '==', left: col('b'), right: lit(true) },
        ],
      },
      { op: 'not', arg: { op: 'cmp', cmp: '<', left: col('i64'), right: lit(0) } },
      { op: 'cmp', cmp: '!=', left: col('s'), right: col('cat') },
    ].map((expression) =>
      fc.record({ ignore_row_if: multiIgnore, mostly: mostlyArb }).map((k) => clean({ expression, ...k })),
    ),
  ),
  expect_multicolumn_sum_to_equal: multicolumn(
    [
      ['k', 'f2'],
      ['k', 'id'],
      ['f64', 'f2'],
      ['i64', 'k'],
    ],
    { sum_total: fc.constantFrom(0, 1, 2.5, 4) },
  ),
};

/** GX row conditions over the generated columns (every expectation accepts one). */
const rowCondition = fc.constantFrom(
  { row_condition: 'k > 1', condition_parser: 'pandas' },
  { row_condition: 'not (f2 == 0) & ~b', condition_parser: 'pandas' },
  { row_condition: 's.isnull() | cat == "red"', condition_parser: 'pandas' },
  { row_condition: 'col("ts") > "2000-01-01"', condition_parser: 'great_expectations' },
  { row_condition: 'col("i64") >= 0', condition_parser: 'great_expectations' },
);

/** The generated expectations of every registered type, with their kwargs. */
const configsArb = fc
  .record(KWARGS)
  .map((byType) =>
    Object.entries(byType).flatMap(([type, list]) => list.map((kwargs) => ({ type, kwargs, meta: {} }))),
  );

/** A suite of configs. */
const suiteOf = (expectations: ExpectationConfig[]): Suite => ({
  name: 'split-invariance',
  meta: {},
  expectations,
});

/** A suite with every registered expectation, several times over different columns. */
export const plainSuiteArb: fc.Arbitrary<Suite> = configsArb.map(suiteOf);

/** As plainSuiteArb, but about one in five expectations sees only the rows of a row_condition. */
export const suiteArb: fc.Arbitrary<Suite> = configsArb.chain((configs) =>
  fc
    .array(
      fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: rowCondition }),
      {
        minLength: configs.length,
        maxLength: configs.length,
      },
    )
    .map((conds) => suiteOf(configs.map((c, i) => ({ ...c, kwargs: { ...c.kwargs, ...conds[i] } })))),
);

/** The result as JSON without what differs from run to run or source to source (timing, the source). */
export function comparable(r: ValidationResult): string {
  const { run_id, validation_time, duration_ms, data_source, ...meta } = r.meta;
  void validation_time;
  void duration_ms;
  void data_source;
  return resultToJson({ ...r, meta: { ...meta, run_id: { run_name: run_id.run_name } } });
}
