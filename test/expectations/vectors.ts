import {
  type Float64,
  Float64 as Float64Type,
  type Int32,
  Int32 as Int32Type,
  makeData,
  makeVector,
  type Timestamp,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';

/** An Int32 column with nulls. */
export const ints = (values: readonly (number | null)[]): Vector<Int32> =>
  vectorFromArray([...values], new Int32Type());

/** A Float64 column with nulls (and NaN where given). */
export const floats = (values: readonly (number | null)[]): Vector<Float64> =>
  vectorFromArray([...values], new Float64Type());

/** A timestamp column from raw values in the type's unit (null for missing). */
export function timestamps<T extends Timestamp>(type: T, values: readonly (bigint | null)[]): Vector<T> {
  const data = BigInt64Array.from(values, (v) => v ?? 0n);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v !== null) nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
  });
  const nullCount = values.filter((v) => v === null).length;
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap, data }));
}
