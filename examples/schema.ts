/**
 * A typed schema for taxi trips (the Features schema of the typed-schema issue, with taxi columns): the
 * schema is code, its row type is inferred, every check runs in one pass on the same engine as GX JSON
 * suites, and a failing batch throws a SchemaError listing every failure, with the failure cases as an
 * Arrow table written to Parquet.
 *
 *   npx tsx examples/schema.ts [data file]     (default: examples/data/taxi.parquet)
 *   npx tsx examples/schema.ts examples/data/taxi_defective.parquet
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  col,
  float64,
  type Infer,
  int64,
  SchemaError,
  table,
  timestamp,
  utf8,
  writeParquetFile,
} from 'expect-check';

export const Trips = table(
  {
    vendor_id: int64().in([1, 2, 4]),
    pickup_datetime: timestamp('us').between('2019-01-01', '2019-02-01'),
    dropoff_datetime: timestamp('us'),
    passenger_count: int64().notNull({ mostly: 0.99 }).between(0, 9),
    trip_distance: float64().between(0, 100).mean({ min: 1, max: 10 }),
    rate_code_id: int64().in([1, 2, 3, 4, 5, 6, 99]),
    store_and_fwd_flag: utf8().in(['N', 'Y']),
    pickup_location_id: int64().between(1, 265),
    dropoff_location_id: int64().between(1, 265),
    payment_type: int64().in([1, 2, 3, 4, 5, 6]),
    fare_amount: float64().between(0, 1_000, { mostly: 0.99 }).mean({ min: 5, max: 30 }),
    tip_amount: float64().between(0, 500),
    total_amount: float64(),
    congestion_surcharge: float64().nullable(),
  },
  { name: 'taxi_trips' },
)
  .rowCount({ min: 5_000, max: 5_000_000 })
  .columns('subset')
  // expressions run vectorised and compile to GX's own pair expectations
  .check('ends_after_start', col('dropoff_datetime').ge(col('pickup_datetime')))
  .check('total_covers_fare', col('total_amount').ge(col('fare_amount')), { mostly: 0.99 })
  // a callback gets each row typed as Trip: slower, and it cannot be written to a GX suite
  .check('long_fares_are_long_trips', (trip) => trip.fare_amount < 200 || trip.trip_distance > 5, {
    mostly: 0.999,
  });

/** One trip: `{ vendor_id: bigint; pickup_datetime: number; ...; congestion_surcharge: number | null }`. */
export type Trip = Infer<typeof Trips>;

const data = process.argv[2] ?? 'examples/data/taxi.parquet';
try {
  const result = await Trips.assert(data);
  process.stdout.write(
    `${data}: all ${result.statistics.evaluated_expectations} checks of ${Trips.name} passed (${result.meta.data_source.row_count} rows).\n`,
  );
  const suite = Trips.toSuite({ skipCallbacks: true });
  process.stdout.write(
    `As a GX suite: ${suite.expectations.length} expectations (Trips.save('suite.json', { skipCallbacks: true })).\n`,
  );
} catch (e) {
  if (!(e instanceof SchemaError)) throw e;
  process.stderr.write(`${e.message}\n`);
  const path = join(tmpdir(), 'taxi_failure_cases.parquet');
  await writeParquetFile(e.failureCases, path);
  process.stderr.write(`${e.failureCases.numRows} failure cases written to ${path}\n`);
  process.exitCode = 1;
}
