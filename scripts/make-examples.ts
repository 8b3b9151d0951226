/**
 * Builds the bundled example data from the NYC taxi sample (../shared/datasets, Apache-2.0 via GX):
 * examples/data/taxi.csv (the sample as is), taxi.parquet, and a defective copy of each with injected
 * faults that the example suite must catch. Deterministic: run it again and the files are identical.
 *
 *   npx tsx scripts/make-examples.ts [path/to/yellow_tripdata_sample_2019-01.csv]
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { readCsvTable } from '../src/io/csv.js';
import { writeParquetFile } from '../src/io/parquet.js';

const input = process.argv[2] ?? '../shared/datasets/nyc_taxi/yellow_tripdata_sample_2019-01.csv';
const out = 'examples/data';

// A small deterministic PRNG (mulberry32) so the defects land on the same rows every time.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The defects, each aimed at one expectation of suites/taxi_training_gate.json. */
function corrupt(text: string): string {
  const [header, ...rows] = text.trimEnd().split('\n');
  const cols = (header as string).split(',');
  const at = (name: string) => cols.indexOf(name);
  const rand = rng(20190115);
  const pick = (share: number) => rand() < share;
  const outRows: string[] = [];
  for (const row of rows) {
    const f = row.split(',');
    if (pick(0.03)) f[at('passenger_count')] = ''; // label-like column: 3% missing > 1% allowed
    if (pick(0.01)) f[at('fare_amount')] = String(-Math.round(rand() * 500)); // negative fares
    if (pick(0.002)) f[at('fare_amount')] = '99999'; // absurd fares pull the mean up
    if (pick(0.005)) {
      // dropoff before pickup
      const p = at('pickup_datetime');
      const d = at('dropoff_datetime');
      [f[p], f[d]] = [f[d] as string, f[p] as string];
    }
    if (pick(0.002)) f[at('payment_type')] = '7'; // a payment type that does not exist
    outRows.push(f.join(','));
    if (pick(0.004)) outRows.push(f.join(',')); // duplicated trips
  }
  return `${[header, ...outRows].join('\n')}\n`;
}

async function toParquet(csvPath: string, parquetPath: string): Promise<void> {
  const table: Table = readCsvTable(readFileSync(csvPath));
  await writeParquetFile(table, parquetPath, { rowGroupSize: 2500, compression: 'zstd' });
}

copyFileSync(input, `${out}/taxi.csv`);
writeFileSync(`${out}/taxi_defective.csv`, corrupt(readFileSync(input, 'utf8')));
await toParquet(`${out}/taxi.csv`, `${out}/taxi.parquet`);
await toParquet(`${out}/taxi_defective.csv`, `${out}/taxi_defective.parquet`);
process.stdout.write(`wrote ${out}/taxi.{csv,parquet} and ${out}/taxi_defective.{csv,parquet}\n`);
