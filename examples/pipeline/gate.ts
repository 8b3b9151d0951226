/**
 * The training-data gate of a TypeScript pipeline: validate the batch against the typed schema, then stop
 * or continue. A batch that fails any check stops the pipeline (exit code 1) with every failure listed
 * (all checks run, as Pandera's lazy=True) and the failure cases written to Parquet for triage; a batch
 * that passes lets the next step run (exit code 0):
 *
 *   npx tsx examples/pipeline/gate.ts [data] [failure cases] && python train.py
 *
 * Defaults: examples/data/taxi.parquet and .tmp/pipeline/failure_cases.parquet. Try
 * examples/data/taxi_defective.parquet to see it stop.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SchemaError, writeParquetFile } from 'expect-check';
import { Trips } from './schema.js';

const data = process.argv[2] ?? 'examples/data/taxi.parquet';
const failureCases = process.argv[3] ?? '.tmp/pipeline/failure_cases.parquet';

try {
  const result = await Trips.assert(data);
  const s = result.statistics;
  process.stdout.write(
    `${data}: all ${s.evaluated_expectations} checks of ${Trips.name} passed (${result.meta.data_source.row_count} rows); training can start.\n`,
  );
} catch (e) {
  if (!(e instanceof SchemaError)) throw e;
  process.stderr.write(`${e.message}\n`);
  await mkdir(dirname(failureCases), { recursive: true });
  await writeParquetFile(e.failureCases, failureCases);
  process.stderr.write(
    `${e.failureCases.numRows} failure cases written to ${failureCases}; training stopped.\n`,
  );
  process.exitCode = 1;
}
