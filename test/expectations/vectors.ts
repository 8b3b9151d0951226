import {
  type Float64,
  Float64 as Float64Type,
  type Int32,
  Int32 as Int32Type,
  type Int64,
  Int64 as Int64Type,
  makeData,
  makeVector,
  type Timestamp,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';

/**
 * Column builders for tests: one Arrow type each, nulls where given. The metrics tests use them too
 * (test/metrics/drive.ts passes some on).
 */

/** An Int32 column with nulls. */
export const ints = (values: readonly (number | null)[]): Vector<Int32> =>
  vectorFromArray([...values], new Int32Type());

/** An Int64 column of whole numbers, with nulls. */
export const int64s = (values: readonly (number | null)[]): Vector<Int64> =>
  vectorFromArray(
    values.map((x) => (x == null ? null : BigInt(x))),
    new Int64Type(),
  );

/** A Float64 column with nulls (and NaN where given). */
export const floats = (values: readonly (number | null)[]): Vector<Float64> =>
  vectorFromArray([...values], new Float64Type());

/** A plain Utf8 string column (vectorFromArray alone would dictionary-encode it). */
export const utf8 = (values: readonly (string | null)[]): Vector => vectorFromArray([...values], new Utf8());

/** A Dictionary<Int32, Utf8> string column. */
export const dict = (values: readonly (string | null)[]): Vector => vectorFromArray([...values]);

/** A timestamp column from raw values in the type's unit (exact for nanoseconds; null for missing). */
export function timestamps<T extends Timestamp>(type: T, values: readonly (bigint | null)[]): Vector<T> {
  const data = BigInt64Array.from(values, (v) => v ?? 0n);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v !== null) nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
  });
  const nullCount = values.filter((v) => v === null).length;
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap, data }));
}
