import {
  Binary,
  Bool,
  type Data,
  type DataType,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  DurationMicrosecond,
  Field,
  FixedSizeBinary,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeBinary,
  LargeUtf8,
  List,
  makeData,
  makeVector,
  Null,
  Struct,
  TimeMillisecond,
  TimeNanosecond,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIndices, takeData } from '../../src/arrow/take.js';

/** A column type with an arbitrary for its values (null included) and a way to build the vector. */
interface Case {
  readonly name: string;
  readonly values: fc.Arbitrary<unknown[]>;
  readonly build: (values: unknown[]) => Vector;
}

const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const list = <T>(a: fc.Arbitrary<T>) => fc.array(nullable(a), { maxLength: 40 });
const typed = (type: DataType) => (values: unknown[]) => vectorFromArray(values, type) as Vector;

/** Builds a fixed-width column from raw bytes per row, for types whose builders want special values. */
function rawFixed(type: DataType, rowBytes: number) {
  return (rows: unknown[]): Vector => {
    const bytes = new Uint8Array(rows.length * rowBytes);
    const bitmap = new Uint8Array((rows.length + 7) >> 3);
    rows.forEach((r, i) => {
      if (r === null) return;
      bytes.set(r as Uint8Array, i * rowBytes);
      bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
    });
    const words = rowBytes % 4 === 0 ? new Uint32Array(bytes.buffer) : bytes;
    return makeVector(
      makeData({ type, length: rows.length, nullBitmap: bitmap, data: words } as Parameters<
        typeof makeData
      >[0]),
    );
  };
}

const int = (min: number, max: number) => fc.integer({ min, max });
const CASES: Case[] = [
  { name: 'int8', values: list(int(-128, 127)), build: typed(new Int8()) },
  { name: 'int16', values: list(int(-32768, 32767)), build: typed(new Int16()) },
  { name: 'int32', values: list(fc.integer()), build: typed(new Int32()) },
  {
    name: 'int64',
    values: list(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
    build: typed(new Int64()),
  },
  { name: 'uint8', values: list(int(0, 255)), build: typed(new Uint8()) },
  { name: 'uint16', values: list(int(0, 65535)), build: typed(new Uint16()) },
  { name: 'uint32', values: list(int(0, 2 ** 32 - 1)), build: typed(new Uint32()) },
  { name: 'uint64', values: list(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), build: typed(new Uint64()) },
  { name: 'float16', values: list(fc.float({ noDefaultInfinity: true })), build: typed(new Float16()) },
  { name: 'float32', values: list(fc.float()), build: typed(new Float32()) },
  { name: 'float64 (NaN too)', values: list(fc.double()), build: typed(new Float64()) },
  { name: 'bool', values: list(fc.boolean()), build: typed(new Bool()) },
  { name: 'utf8', values: list(fc.string({ unit: 'grapheme', maxLength: 8 })), build: typed(new Utf8()) },
  { name: 'large_utf8', values: list(fc.string({ maxLength: 8 })), build: typed(new LargeUtf8()) },
  { name: 'binary', values: list(fc.uint8Array({ maxLength: 6 })), build: typed(new Binary()) },
  { name: 'large_binary', values: list(fc.uint8Array({ maxLength: 6 })), build: typed(new LargeBinary()) },
  {
    name: 'date32',
    values: list(int(-100000, 100000).map((d) => d * 86_400_000)),
    build: typed(new DateDay()),
  },
  { name: 'date64', values: list(int(-1e12, 1e12)), build: typed(new DateMillisecond()) },
  {
    name: 'timestamp[s]',
    values: list(int(-1e9, 1e9).map((s) => s * 1000)),
    build: typed(new TimestampSecond()),
  },
  { name: 'timestamp[us]', values: list(int(-1e12, 1e12)), build: typed(new TimestampMicrosecond()) },
  {
    name: 'timestamp[ns, UTC]',
    values: list(int(-1e12, 1e12)),
    build: typed(new TimestampNanosecond('UTC')),
  },
  { name: 'time32[ms]', values: list(int(0, 86_399_999)), build: typed(new TimeMillisecond()) },
  {
    name: 'time64[ns]',
    values: list(fc.bigInt({ min: 0n, max: 86_399_999_999_999n })),
    build: typed(new TimeNanosecond()),
  },
  {
    name: 'duration[us]',
    values: list(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n })),
    build: typed(new DurationMicrosecond()),
  },
  {
    name: 'decimal128(10, 2)',
    values: list(fc.uint8Array({ minLength: 16, maxLength: 16 })),
    build: rawFixed(new Decimal(2, 10, 128), 16),
  },
  {
    name: 'fixed_size_binary[3]',
    values: list(fc.uint8Array({ minLength: 3, maxLength: 3 })),
    build: rawFixed(new FixedSizeBinary(3), 3),
  },
  {
    name: 'dictionary<utf8>',
    values: list(fc.constantFrom('a', 'bb', 'ccc', 'é')),
    build: typed(new Dictionary(new Utf8(), new Int32())),
  },
  {
    name: 'null',
    values: fc.array(fc.constant(null), { maxLength: 40 }),
    build: typed(new Null()),
  },
  {
    name: 'list<int32> (generic path)',
    values: list(fc.array(nullable(fc.integer()), { maxLength: 3 })),
    build: typed(new List(new Field('item', new Int32(), true))),
  },
  {
    name: 'struct (generic path)',
    values: list(fc.record({ a: nullable(fc.integer()), b: nullable(fc.string({ maxLength: 3 })) })),
    build: typed(new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)])),
  },
];

/** A value in a comparable form: bits of floats kept apart from the JS number (NaN, -0), bytes as lists. */
function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v;
  if (v instanceof Date) return v.getTime();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, norm);
  if (typeof (v as { toArray?: unknown }).toArray === 'function') {
    return Array.from((v as { toArray: () => ArrayLike<unknown> }).toArray(), norm);
  }
  if (typeof v === 'object') {
    return Object.fromEntries(
      Object.entries((v as { toJSON?: () => object }).toJSON?.() ?? v).map(([k, x]) => [k, norm(x)]),
    );
  }
  return v;
}

function expectTaken(vec: Vector, indices: Uint32Array): void {
  const out = takeData(vec.data[0] as Data, indices);
  expect(out.length).toBe(indices.length);
  expect(out.offset).toBe(0);
  expect(String(out.type)).toBe(String(vec.type));
  const got = makeVector(out);
  const want = Array.from(indices, (i) => norm(vec.get(i)));
  expect(Array.from({ length: out.length }, (_, j) => norm(got.get(j)))).toEqual(want);
  expect(Array.from({ length: out.length }, (_, j) => got.isValid(j))).toEqual(
    Array.from(indices, (i) => vec.isValid(i)),
  );
  expect(out.nullCount).toBe(Array.from(indices).filter((i) => vec.get(i) === null).length);
}

/** A column, maybe a slice of a longer one (offsets into bitmaps and bit-packed booleans). */
const sliced = (c: Case) =>
  c.values.chain((values) =>
    fc.record({
      vec: fc.constant(c.build(values)),
      from: fc.nat({ max: values.length }),
    }),
  );

describe('takeData', () => {
  for (const c of CASES) {
    it(`keeps the masked rows of ${c.name} columns, as apache-arrow reads them`, () => {
      fc.assert(
        fc.property(
          sliced(c).chain(({ vec, from }) => {
            const part = vec.slice(from);
            return fc.record({
              vec: fc.constant(part),
              mask: fc.uint8Array({ min: 0, max: 1, minLength: part.length, maxLength: part.length }),
            });
          }),
          ({ vec, mask }) => expectTaken(vec, maskIndices(mask)),
        ),
        { numRuns: 60 },
      );
    });
  }

  it('takes rows in any order and repeats them', () => {
    const c = CASES.find((x) => x.name === 'utf8') as Case;
    fc.assert(
      fc.property(
        c.values
          .filter((v) => v.length > 0)
          .chain((values) =>
            fc.record({
              vec: fc.constant(c.build(values)),
              idx: fc.array(fc.nat({ max: values.length - 1 }), { maxLength: 30 }),
            }),
          ),
        ({ vec, idx }) => expectTaken(vec, Uint32Array.from(idx)),
      ),
    );
  });

  it('keeps the dictionary of a dictionary column and drops the bitmap when no kept row is null', () => {
    const vec = vectorFromArray(['a', null, 'b', 'a'], new Dictionary(new Utf8(), new Int32()));
    const out = takeData(vec.data[0] as Data, Uint32Array.from([0, 2, 3]));
    expect(out.dictionary).toBe(vec.data[0]?.dictionary);
    expect(out.nullCount).toBe(0);
    expect(out.nullBitmap?.length ?? 0).toBe(0);
  });

  it('keeps float NaN payload bits', () => {
    // little-endian words: low then high; both are NaNs with a payload, one of them signalling
    const bits = new Uint32Array([1, 0x7ff80000, 2, 0x7ff00000]);
    const vec = makeVector(new Float64Array(bits.buffer));
    const out = takeData(vec.data[0] as Data, Uint32Array.from([1, 0]));
    expect(Array.from(new Uint32Array((out.values as Float64Array).buffer))).toEqual([
      2, 0x7ff00000, 1, 0x7ff80000,
    ]);
  });
});

describe('maskIndices', () => {
  it('lists the kept positions in order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ min: 0, max: 1, maxLength: 100 }), (mask) => {
        const want = [...mask.keys()].filter((i) => mask[i] === 1);
        expect(Array.from(maskIndices(mask))).toEqual(want);
      }),
    );
  });
});
