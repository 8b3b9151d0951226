import {
  Bool,
  Dictionary,
  Int32,
  Table,
  Timestamp,
  TimestampNanosecond,
  TimeUnit,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { floats, int64s, ints, timestamps, utf8 } from './vectors.js';

const ns = (iso: string | null) => (iso === null ? null : BigInt(Date.parse(`${iso}Z`)) * 1_000_000n);

/** The columns the of_type and in_type_list fixtures have in common. */
const sharedColumns = {
  x: int64s([1, 2, 4]),
  y: floats([1.0, 2.2, 5.3]),
  z: utf8(['hello', 'jello', 'mello']),
  n: utf8([null, null, null]),
  b: vectorFromArray([false, true, false], new Bool()),
};

/**
 * GX's pandas fixture tables for the type expectations, built with the Arrow types pandas' dtypes
 * correspond to: int64 -> Int64, float64 -> Float64, object of str -> Utf8, bool -> Bool,
 * datetime64[ns] -> TimestampNanosecond, datetime64[ns, UTC] -> Timestamp(ns, UTC).
 */
export const gxTypes = new Table({
  ...sharedColumns,
  s: floats([2.1, 3.1, 4.1]),
  s1: int64s([1, 2, 3]),
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
  ...sharedColumns,
  s: utf8(['hello', 'jello', '1']),
  s1: utf8(['hello', '2.0', '1']),
});

/** Columns whose values could mislead a data-driven check: nulls, NaN, a dictionary, no rows. */
export const tricky = new Table({
  int_with_nulls: int64s([1, null, 3]),
  float_with_nan: floats([Number.NaN, 1.5, null]),
  all_null_int: ints([null, null, null]),
  category: vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Int32())),
});
