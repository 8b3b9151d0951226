import { readFileSync } from 'node:fs';
import {
  Binary,
  Bool,
  type DataType,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  DurationMicrosecond,
  DurationNanosecond,
  Field,
  FixedSizeBinary,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  IntervalDayTime,
  IntervalMonthDayNano,
  LargeBinary,
  LargeUtf8,
  List,
  Null,
  Struct,
  TimeMicrosecond,
  TimeSecond,
  Timestamp,
  TimeUnit,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typeName, valueType } from '../../../src/arrow/types.js';
import {
  dtypesMarkdown,
  isOfType,
  PANDAS_HOLDINGS,
  pandasDtypeName,
  resolveTypeName,
  suggestTypeNames,
  TYPE_ALIASES,
  TYPE_PATTERNS,
  typeFacts,
  typeNameKwarg,
  UnknownTypeName,
} from '../../../src/expectations/support/dtypes.js';

const UNITS = [TimeUnit.SECOND, TimeUnit.MILLISECOND, TimeUnit.MICROSECOND, TimeUnit.NANOSECOND];

const arbScalarType: fc.Arbitrary<DataType> = fc.oneof(
  fc.constantFrom<DataType>(
    new Null(),
    new Bool(),
    new Int8(),
    new Int16(),
    new Int32(),
    new Int64(),
    new Uint8(),
    new Uint16(),
    new Uint32(),
    new Uint64(),
    new Float16(),
    new Float32(),
    new Float64(),
    new Utf8(),
    new LargeUtf8(),
    new Binary(),
    new LargeBinary(),
    new DateDay(),
    new DateMillisecond(),
    new TimeSecond(),
    new TimeMicrosecond(),
    new DurationMicrosecond(),
    new DurationNanosecond(),
    new IntervalDayTime(),
    new IntervalMonthDayNano(),
  ),
  fc
    .tuple(fc.constantFrom(...UNITS), fc.constantFrom(null, 'UTC', 'Europe/Paris', '+01:00'))
    .map(([u, tz]) => new Timestamp(u, tz)),
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 38 }), fc.constantFrom(128, 256))
    .map(([scale, precision, bits]) => new Decimal(Math.min(scale, precision), precision, bits)),
  fc.integer({ min: 1, max: 32 }).map((n) => new FixedSizeBinary(n)),
);

/** Arrow types of every family, including dictionaries and nested types. */
const arbType: fc.Arbitrary<DataType> = fc.oneof(
  arbScalarType,
  arbScalarType.map((t) => new Dictionary(t, new Int32()) as DataType),
  arbScalarType.map((t) => new List(new Field('item', t)) as DataType),
  arbScalarType.map((t) => new Struct([new Field('a', t), new Field('b', new Utf8())]) as DataType),
);

const ALL_NAMES = TYPE_ALIASES.flatMap((a) => a.names);

describe('type name table', () => {
  it('gives every name one meaning', () => {
    expect(new Set(ALL_NAMES).size).toBe(ALL_NAMES.length);
    for (const n of ALL_NAMES) expect(resolveTypeName(n), n).toBeDefined();
  });

  it('resolves every pattern example, and no fixed name is shadowed by a pattern', () => {
    for (const p of TYPE_PATTERNS) {
      expect(p.pattern.test(p.example), p.form).toBe(true);
      expect(resolveTypeName(p.example), p.example).toBeDefined();
    }
  });

  it('accepts every observed_value as a type name that matches its own type', () => {
    fc.assert(
      fc.property(arbType, (t) => {
        const name = typeName(t);
        expect(resolveTypeName(name), name).toBeDefined();
        expect(isOfType(t, name)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('matches an exact Arrow name only on that type (int32 is not int64)', () => {
    fc.assert(
      fc.property(arbType, arbType, (t, u) => {
        const name = typeName(t);
        // dictionary encoding does not change the type: dictionary<int32> is an int32 column
        if (typeName(u) !== name && typeName(valueType(u)) !== name) {
          expect(isOfType(u, name), `${name} vs ${typeName(u)}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads each name on the value type of a dictionary, and category only on dictionaries', () => {
    fc.assert(
      fc.property(arbScalarType, fc.constantFrom(...ALL_NAMES), (t, name) => {
        const d = new Dictionary(t, new Int32());
        if (name === 'category' || name === 'CategoricalDtype') {
          expect(isOfType(d, name)).toBe(true);
          expect(isOfType(t, name)).toBe(false);
        } else {
          expect(isOfType(d, name)).toBe(isOfType(t, name));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('judges exact names exactly and broad names by family', () => {
    const i32 = new Int32();
    const i64 = new Int64();
    expect(isOfType(i64, 'int64')).toBe(true);
    expect(isOfType(i32, 'int64')).toBe(false);
    expect(isOfType(i64, 'int32')).toBe(false);
    expect(isOfType(i64, 'Int64')).toBe(true);
    expect(isOfType(i32, 'Int64')).toBe(false);
    for (const t of [new Int8(), i32, i64, new Uint64()]) expect(isOfType(t, 'int')).toBe(true);
    expect(isOfType(new Float64(), 'int')).toBe(false);
    for (const t of [new Float16(), new Float32(), new Float64()]) expect(isOfType(t, 'float')).toBe(true);
    expect(isOfType(new Float32(), 'float64')).toBe(false);
    expect(isOfType(new Float32(), 'double')).toBe(false);
    expect(isOfType(new Float64(), 'double')).toBe(true);
    expect(isOfType(i32, 'IntegerType')).toBe(true);
    expect(isOfType(i64, 'IntegerType')).toBe(false);
    expect(isOfType(i64, 'LongType')).toBe(true);
    expect(isOfType(i64, 'BIGINT')).toBe(true);
    expect(isOfType(i64, 'INTEGER')).toBe(false);
    expect(isOfType(new Float32(), 'FloatType')).toBe(true);
    expect(isOfType(new Float64(), 'FloatType')).toBe(false);
    expect(isOfType(new Float64(), 'NUMBER')).toBe(true);
  });

  it('tells strings, objects and the rest apart as pandas does', () => {
    for (const t of [new Utf8(), new LargeUtf8()]) {
      for (const n of ['str', 'string', 'object', 'O', 'StringType', 'VARCHAR', 'TEXT']) {
        expect(isOfType(t, n), n).toBe(true);
      }
    }
    expect(isOfType(new Utf8(), 'large_utf8')).toBe(false);
    expect(isOfType(new LargeUtf8(), 'utf8')).toBe(false);
    expect(isOfType(new LargeUtf8(), 'large_string')).toBe(true);
    for (const t of [new Binary(), new DateDay(), new Decimal(2, 10, 128), new Null()]) {
      expect(isOfType(t, 'object'), typeName(t)).toBe(true);
      expect(isOfType(t, 'str'), typeName(t)).toBe(false);
    }
    for (const t of [new Int64(), new Float64(), new Bool(), new Timestamp(TimeUnit.NANOSECOND)]) {
      expect(isOfType(t, 'object'), typeName(t)).toBe(false);
    }
    expect(isOfType(new Bool(), 'bool')).toBe(true);
    expect(isOfType(new Bool(), 'boolean')).toBe(true);
    expect(isOfType(new Bool(), 'int')).toBe(false);
    expect(isOfType(new Int8(), 'bool')).toBe(false);
  });

  it('separates time zones, units and dates', () => {
    const naiveNs = new Timestamp(TimeUnit.NANOSECOND);
    const utcNs = new Timestamp(TimeUnit.NANOSECOND, 'UTC');
    const parisUs = new Timestamp(TimeUnit.MICROSECOND, 'Europe/Paris');
    expect(isOfType(naiveNs, 'datetime64')).toBe(true);
    expect(isOfType(naiveNs, 'datetime64[ns]')).toBe(true);
    expect(isOfType(naiveNs, 'datetime64[us]')).toBe(false);
    expect(isOfType(naiveNs, 'Timestamp')).toBe(false);
    expect(isOfType(utcNs, 'datetime64')).toBe(false);
    expect(isOfType(utcNs, 'Timestamp')).toBe(true);
    expect(isOfType(utcNs, 'datetime64[ns, UTC]')).toBe(true);
    expect(isOfType(utcNs, 'datetime64[ns, Etc/UTC]')).toBe(true);
    expect(isOfType(utcNs, 'timestamp[ns, tz=UTC]')).toBe(true);
    expect(isOfType(utcNs, 'datetime64[ns, Europe/Paris]')).toBe(false);
    expect(isOfType(utcNs, 'datetime64[us, UTC]')).toBe(false);
    expect(isOfType(parisUs, 'datetime64[us, Europe/Paris]')).toBe(true);
    expect(isOfType(parisUs, 'timestamp[us, Europe/Paris]')).toBe(true);
    for (const t of [naiveNs, utcNs, parisUs]) {
      for (const n of ['TIMESTAMP', 'TimestampType', 'datetime', 'DATETIME'])
        expect(isOfType(t, n)).toBe(true);
      expect(isOfType(t, 'date')).toBe(false);
    }
    expect(isOfType(naiveNs, 'TIMESTAMP_NTZ')).toBe(true);
    expect(isOfType(utcNs, 'TIMESTAMP_NTZ')).toBe(false);
    expect(isOfType(utcNs, 'TIMESTAMPTZ')).toBe(true);
    for (const t of [new DateDay(), new DateMillisecond()]) {
      for (const n of ['date', 'DATE', 'DateType']) expect(isOfType(t, n)).toBe(true);
      expect(isOfType(t, 'datetime64')).toBe(false);
    }
    expect(isOfType(new DateDay(), 'date32[day]')).toBe(true);
    expect(isOfType(new DurationNanosecond(), 'timedelta64[ns]')).toBe(true);
    expect(isOfType(new DurationNanosecond(), 'timedelta64')).toBe(true);
    expect(isOfType(new DurationMicrosecond(), 'timedelta64[ns]')).toBe(false);
  });

  it('checks decimal precision and scale where the name gives them', () => {
    const d = new Decimal(2, 10, 128);
    expect(typeName(d)).toBe('decimal128(10, 2)');
    expect(isOfType(d, 'decimal128(10, 2)')).toBe(true);
    expect(isOfType(d, 'decimal128(10, 3)')).toBe(false);
    expect(isOfType(d, 'decimal256(10, 2)')).toBe(false);
    expect(isOfType(d, 'NUMERIC(10, 2)')).toBe(true);
    expect(isOfType(d, 'DECIMAL(10,2)')).toBe(true);
    expect(isOfType(d, 'DECIMAL(12, 2)')).toBe(false);
    expect(isOfType(d, 'decimal')).toBe(true);
    expect(isOfType(d, 'float')).toBe(false);
  });

  it('reads a dictionary<…> name on dictionary columns only', () => {
    const dict = new Dictionary(new Utf8(), new Int32());
    expect(typeFacts(dict)).toMatchObject({ family: 'string', name: 'utf8', dictionary: true });
    expect(isOfType(dict, 'dictionary<utf8>')).toBe(true);
    expect(isOfType(dict, 'dictionary<str>')).toBe(true);
    expect(isOfType(dict, 'dictionary<int64>')).toBe(false);
    expect(isOfType(new Utf8(), 'dictionary<utf8>')).toBe(false);
    expect(resolveTypeName('dictionary<nonsense>')).toBeUndefined();
  });
});

describe("pandas' view of a column", () => {
  it('names every Arrow type, with one holding per type', () => {
    fc.assert(
      fc.property(arbType, (t) => {
        const f = typeFacts(t);
        const holding = PANDAS_HOLDINGS.find((h) => h.test(f));
        expect(holding, typeName(t)).toBeDefined();
        expect(pandasDtypeName(t)).toBe(holding?.dtype(f));
        // pandas holds a column as objects exactly when the name `object` covers its type
        if (!f.dictionary) expect(holding?.valueType !== undefined, typeName(t)).toBe(isOfType(t, 'object'));
      }),
    );
  });

  it("gives numpy's and pandas' names as GX reports them", () => {
    const cases: [DataType, string][] = [
      [new Int64(), 'int64'],
      [new Uint8(), 'uint8'],
      [new Float32(), 'float32'],
      [new Bool(), 'bool_'],
      [new Utf8(), 'object_'],
      [new Null(), 'object_'],
      [new DateDay(), 'object_'],
      [new Decimal(2, 10, 128), 'object_'],
      [new Timestamp(TimeUnit.NANOSECOND, null), 'datetime64'],
      [new Timestamp(TimeUnit.MICROSECOND, 'Europe/Paris'), 'Timestamp'],
      [new DurationNanosecond(), 'timedelta64'],
      [new Dictionary(new Utf8(), new Int32()), 'CategoricalDtypeType'],
      [new List(new Field('item', new Int64())), 'object_'],
    ];
    for (const [t, name] of cases) expect(pandasDtypeName(t), typeName(t)).toBe(name);
  });
});

describe('unknown type names', () => {
  it('suggest close names, the same name in another case first', () => {
    expect(suggestTypeNames('int46')).toContain('int64');
    expect(suggestTypeNames('Integer')[0]).toBe('INTEGER');
    expect(suggestTypeNames('strng')).toContain('string');
    expect(suggestTypeNames('datetime[ns]')).toContain('datetime64[ns]');
    expect(suggestTypeNames('xyzzy')).toEqual([]);
  });

  it('are a kwargs issue that names the type and the suggestions', () => {
    const r = typeNameKwarg.safeParse('int46');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(
      'unknown type "int46"; did you mean "int16", "int64", "Int16"? (the known names are listed in docs/dtypes.md)',
    );
    expect(typeNameKwarg.safeParse('int64').success).toBe(true);
    expect(() => isOfType(new Int64(), 'int46')).toThrow(UnknownTypeName);
  });

  it('never resolve silently: any string either resolves or is reported by name', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(...ALL_NAMES).map((n) => `${n}x`),
        ),
        (s) => {
          const r = typeNameKwarg.safeParse(s);
          expect(r.success).toBe(resolveTypeName(s) !== undefined);
          if (!r.success) expect(r.error.issues[0]?.message).toContain(JSON.stringify(s));
        },
      ),
    );
  });
});

describe('docs/dtypes.md', () => {
  const doc = readFileSync('docs/dtypes.md', 'utf8');

  it('is generated from the table (run npm run catalog)', () => {
    expect(doc).toBe(dtypesMarkdown());
  });

  it('lists every name and every form', () => {
    for (const n of ALL_NAMES) expect(doc, n).toContain(`\`${n}\``);
    for (const p of TYPE_PATTERNS) expect(doc, p.form).toContain(`\`${p.form.replace(/\|/g, '\\|')}\``);
  });
});
