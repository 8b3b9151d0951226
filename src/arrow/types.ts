import { type DataType, DateUnit, Type as T, TimeUnit } from 'apache-arrow';

const FAMILIES = [
  'null',
  'boolean',
  'integer',
  'float',
  'decimal',
  'string',
  'binary',
  'date',
  'timestamp',
  'time',
  'duration',
  'interval',
  'nested',
] as const;

/**
 * The broad kind of an Arrow type, as expectations declare what they accept.
 * Dictionary columns report the family of their value type.
 */
export type TypeFamily = (typeof FAMILIES)[number];

/** Every family, in the order messages and docs list them. */
export const ANY: readonly TypeFamily[] = FAMILIES;

/** Families whose values are ordered numbers (comparable with numeric bounds, usable in mean/sum). */
export const NUMERIC: readonly TypeFamily[] = ['integer', 'float', 'decimal'];
/** Families whose values have a total order (min/max/between). */
export const ORDERED: readonly TypeFamily[] = [
  ...NUMERIC,
  'string',
  'date',
  'timestamp',
  'time',
  'duration',
  'boolean',
];

/** The families of ANY except those given, in ANY's order. */
export function familiesExcept(...left: readonly TypeFamily[]): readonly TypeFamily[] {
  return ANY.filter((f) => !left.includes(f));
}

/** Unwraps dictionary encoding: the type the values have. */
export function valueType(type: DataType): DataType {
  return type.typeId === T.Dictionary ? (type as unknown as { dictionary: DataType }).dictionary : type;
}

/** The family of an Arrow type. */
export function typeFamily(type: DataType): TypeFamily {
  const t = valueType(type);
  switch (t.typeId) {
    case T.Null:
      return 'null';
    case T.Bool:
      return 'boolean';
    case T.Int:
      return 'integer';
    case T.Float:
      return 'float';
    case T.Decimal:
      return 'decimal';
    case T.Utf8:
    case T.LargeUtf8:
    case T.Utf8View:
      return 'string';
    case T.Binary:
    case T.LargeBinary:
    case T.BinaryView:
    case T.FixedSizeBinary:
      return 'binary';
    case T.Date:
      return 'date';
    case T.Timestamp:
      return 'timestamp';
    case T.Time:
      return 'time';
    case T.Duration:
      return 'duration';
    case T.Interval:
      return 'interval';
    default:
      return 'nested';
  }
}

const UNIT_NAME: Record<number, string> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
};

/**
 * The canonical name of an Arrow type, as results report it: `int64`, `float64`, `utf8`, `bool`,
 * `timestamp[us]`, `timestamp[ns, UTC]`, `date32`, `decimal128(10, 2)`, `dictionary<utf8>`, ...
 */
export function typeName(type: DataType): string {
  const t = type as DataType & Record<string, unknown>;
  switch (type.typeId) {
    case T.Null:
      return 'null';
    case T.Bool:
      return 'bool';
    case T.Int:
      return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
    case T.Float:
      return `float${[16, 32, 64][t.precision as number]}`;
    case T.Decimal:
      return `decimal${t.bitWidth}(${t.precision}, ${t.scale})`;
    case T.Utf8:
      return 'utf8';
    case T.LargeUtf8:
      return 'large_utf8';
    case T.Utf8View:
      return 'utf8_view';
    case T.Binary:
      return 'binary';
    case T.LargeBinary:
      return 'large_binary';
    case T.BinaryView:
      return 'binary_view';
    case T.FixedSizeBinary:
      return `fixed_size_binary[${t.byteWidth}]`;
    case T.Date:
      return t.unit === DateUnit.DAY ? 'date32' : 'date64';
    case T.Timestamp: {
      const unit = UNIT_NAME[t.unit as number] ?? '?';
      return t.timezone ? `timestamp[${unit}, ${t.timezone}]` : `timestamp[${unit}]`;
    }
    case T.Time:
      return `time${t.bitWidth}[${UNIT_NAME[t.unit as number] ?? '?'}]`;
    case T.Duration:
      return `duration[${UNIT_NAME[t.unit as number] ?? '?'}]`;
    case T.Dictionary:
      return `dictionary<${typeName(valueType(type))}>`;
    default:
      return String(type).toLowerCase();
  }
}

/** Multiplier from a column's time unit to nanoseconds (timestamps, times, durations); 86400e9 for date32 days. */
export function nanosPerUnit(type: DataType): number {
  const t = valueType(type) as DataType & { unit?: number };
  if (t.typeId === T.Date) return t.unit === DateUnit.DAY ? 86_400_000_000_000 : 1_000_000;
  switch (t.unit) {
    case TimeUnit.SECOND:
      return 1_000_000_000;
    case TimeUnit.MILLISECOND:
      return 1_000_000;
    case TimeUnit.MICROSECOND:
      return 1_000;
    default:
      return 1;
  }
}

/**
 * Bytes one value of a fixed-width type takes in its Arrow buffer (1/8 for bool; dictionary indices for
 * dictionary types); 0 for variable-width and nested types, whose size depends on the values.
 */
export function fixedValueBytes(type: DataType): number {
  const t = type as DataType & Record<string, unknown>;
  switch (type.typeId) {
    case T.Bool:
      return 1 / 8;
    case T.Int:
    case T.Time:
    case T.Decimal:
      return (t.bitWidth as number) / 8;
    case T.Float:
      return [2, 4, 8][t.precision as number] ?? 8;
    case T.Date:
      return t.unit === DateUnit.DAY ? 4 : 8;
    case T.Timestamp:
    case T.Duration:
      return 8;
    case T.FixedSizeBinary:
      return t.byteWidth as number;
    case T.Dictionary:
      return fixedValueBytes((t as unknown as { indices: DataType }).indices);
    default:
      return 0;
  }
}
