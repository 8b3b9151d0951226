/**
 * A training pipeline's data gate, in code: the suite is built with typed builders (kwargs checked
 * against each expectation's schema), the batch is validated before training, and a failing batch
 * stops the pipeline with the failures listed.
 *
 *   npx tsx examples/pipeline/suite-gate.ts [data file]     (default: examples/data/taxi.parquet)
 */
import { assertValid, describeExpectation, expect, suite, ValidationFailedError } from 'expect-check';

const gate = suite('fare_model_training_gate', [
  expect.tableRowCountToBeBetween({ min_value: 5_000 }),
  expect.columnValuesToNotBeNull({ column: 'passenger_count', mostly: 0.99 }),
  expect.columnValuesToBeBetween({ column: 'fare_amount', min_value: 0, max_value: 1_000, mostly: 0.995 }),
  expect.columnMeanToBeBetween({ column: 'fare_amount', min_value: 8, max_value: 20 }),
  expect.columnPairValuesAToBeGreaterThanB({
    column_A: 'dropoff_datetime',
    column_B: 'pickup_datetime',
    or_equal: true,
  }),
  expect.compoundColumnsToBeUnique({
    column_list: [
      'vendor_id',
      'pickup_datetime',
      'dropoff_datetime',
      'pickup_location_id',
      'dropoff_location_id',
    ],
  }),
]);

const data = process.argv[2] ?? 'examples/data/taxi.parquet';
try {
  const result = await assertValid(data, gate);
  process.stdout.write(
    `${data}: ${result.statistics.successful_expectations} expectations passed; training can start.\n`,
  );
} catch (e) {
  if (!(e instanceof ValidationFailedError)) throw e;
  process.stderr.write(`${data}: not fit to train on:\n`);
  for (const r of e.result.results.filter((x) => !x.success)) {
    process.stderr.write(`  - ${describeExpectation(r.expectation_config)}\n`);
  }
  process.exitCode = 1;
}
