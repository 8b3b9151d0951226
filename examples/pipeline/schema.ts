/**
 * The training data's schema, in code: the taxi trips a fare model trains on, as a typed table schema
 * (the Features schema of the typed-schema issue, with taxi columns). Its row type is inferred, every
 * check runs in one pass on the same engine as GX JSON suites, and it is written out as the GX suite
 * the CI checkpoint runs (trips.suite.json), so that the pipeline gate (gate.ts) and the scheduled
 * workflow (github-workflow.yml) hold the data to the same checks.
 *
 *   npx tsx examples/pipeline/schema.ts && npx biome format --write examples/pipeline/trips.suite.json
 *
 * rewrites examples/pipeline/trips.suite.json after a change (test/checkpoint/pipeline-example.test.ts fails
 * while it is stale).
 */
import { fileURLToPath } from 'node:url';
import { col, float64, type Infer, int64, table, timestamp, utf8 } from 'expect-check';

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
  // a callback gets each row typed as Trip: slower, and a GX suite cannot hold it (the suite file lists
  // it under meta.expect_check.skipped_checks)
  .check('long_fares_are_long_trips', (trip) => trip.fare_amount < 200 || trip.trip_distance > 5, {
    mostly: 0.999,
  });

/** One trip: `{ vendor_id: bigint; pickup_datetime: number; ...; congestion_surcharge: number | null }`. */
export type Trip = Infer<typeof Trips>;

/** The GX 1.x suite the checkpoint of the CI workflow runs. */
export const SUITE_FILE = fileURLToPath(new URL('trips.suite.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Trips.save(SUITE_FILE, { skipCallbacks: true });
  process.stdout.write(
    `${SUITE_FILE}: ${Trips.toSuite({ skipCallbacks: true }).expectations.length} expectations\n`,
  );
}
