import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Int64,
  Table,
  Timestamp,
  TimestampNanosecond,
  TimeUnit,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { timestamps } from './vectors.js';

const ns = (iso: string | null) => (iso === null ? null : BigInt(Date.parse(`${iso}Z`)) * 1_000_000n);

/**
 * GX's pandas fixture tables for the type expectations, built with the Arrow types pandas' dtypes
 * correspond to: int64 -> Int64, float64 -> Float64, object of str -> Utf8, bool -> Bool,
 * datetime64[ns] -> TimestampNanosecond, datetime64[ns, UTC] -> Timestamp(ns, UTC).
 */
export const gxTypes = new Table({
  x: vectorFromArray([1n, 2n, 4n], new Int64()),
  y: vectorFromArray([1.0, 2.2, 5.3], new Float64()),
  z: vectorFromArray(['hello', 'jello', 'mello'], new Utf8()),
  n: vectorFromArray([null, null, null], new Utf8()),
  b: vectorFromArray([false, true, false], new Bool()),
  s: vectorFromArray([2.1, 3.1, 4.1], new Float64()),
  s1: vectorFromArray([1n, 2n, 3n], new Int64()),
});

/** The second of_type fixture: naive and UTC timestamps, four rows of them null. */
export const gxTimestamps = (() => {
  const when = [
    '2016-01-01T12:34:56',
    '2016-01-02T11:59:58',
    '2016-02-02T10:48:36',
    '2016-02-02T09:33:21',
    '2016-03-01T08:56:45',
    '2017-02-01T00:01:02',
    null,
    null,
    null,
    null,
  ].map(ns);
  return new Table({
    datetime: timestamps(new TimestampNanosecond(), when),
    datetime_tz: timestamps(new Timestamp(TimeUnit.NANOSECOND, 'UTC'), when),
  });
})();

/** The in_type_list fixture: `s` and `s1` mix strings and numbers, which pandas reads as strings. */
export const gxTypeList = new Table({
  x: vectorFromArray([1n, 2n, 4n], new Int64()),
  y: vectorFromArray([1.0, 2.2, 5.3], new Float64()),
  z: vectorFromArray(['hello', 'jello', 'mello'], new Utf8()),
  n: vectorFromArray([null, null, null], new Utf8()),
  b: vectorFromArray([false, true, false], new Bool()),
  s: vectorFromArray(['hello', 'jello', '1'], new Utf8()),
  s1: vectorFromArray(['hello', '2.0', '1'], new Utf8()),
});

/** Columns whose values could mislead a data-driven check: nulls, NaN, a dictionary, no rows. */
export const tricky = new Table({
  int_with_nulls: vectorFromArray([1n, null, 3n], new Int64()),
  float_with_nan: vectorFromArray([Number.NaN, 1.5, null], new Float64()),
  all_null_int: vectorFromArray([null, null, null], new Int32()),
  category: vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Int32())),
});
