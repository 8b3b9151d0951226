/**
 * CSV reader throughput: writes a ~100 MB CSV with mixed columns to the temp directory (once) and prints
 * the MB/s of csvSource(...).batches() over all columns, per run and best of the runs.
 * Run: npx tsx scripts/bench-csv.ts [megabytes] [runs]
 */
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvSource } from '../src/io/csv.js';

const targetMb = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 5);
const path = join(tmpdir(), `expect-check-bench-${targetMb}mb.csv`);
const CATEGORIES = ['books', 'garden', 'electronics', 'toys', 'grocery'];
const DOMAINS = ['example.com', 'mail.example.org', 'test.net'];

/** A small deterministic PRNG, so that every run reads the same file. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function generate(): Promise<void> {
  const rand = lcg(42);
  // written aside and renamed when complete, so that an interrupted run never leaves a short file behind
  const partial = `${path}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write('id,quantity,price,category,email,created_at,score\n');
  let bytes = 0;
  let id = 0;
  const start = Date.UTC(2019, 0, 1) / 1000;
  while (bytes < targetMb * 1e6) {
    let block = '';
    for (let k = 0; k < 10_000; k++, id++) {
      const ts = new Date((start + Math.floor(rand() * 31_536_000)) * 1000).toISOString();
      const user = `user${Math.floor(rand() * 1e6)}`;
      const score = rand() < 0.05 ? '' : (rand() * 100 - 50).toFixed(4);
      block += `${id},${Math.floor(rand() * 20)},${(rand() * 1000).toFixed(2)},${CATEGORIES[id % 5]},${user}@${DOMAINS[id % 3]},${ts.slice(0, 10)} ${ts.slice(11, 19)},${score}\n`;
    }
    bytes += block.length;
    await write(block);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  renameSync(partial, path);
}

async function main(): Promise<void> {
  if (!existsSync(path)) await generate();
  const size = statSync(path).size;
  const src = csvSource(path);
  const schema = await src.schema();
  console.log(`${path}: ${(size / 1e6).toFixed(1)} MB`);
  console.log(schema.fields.map((f) => `${f.name}: ${f.type}`).join(', '));
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let rows = 0;
    for await (const { batch } of src.batches()) rows += batch.numRows;
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, secs);
    // CPU time too: on a shared machine, wall time also counts other processes' turns
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    console.log(
      `run ${run + 1}: ${rows} rows in ${secs.toFixed(3)} s = ${(size / 1e6 / secs).toFixed(1)} MB/s ` +
        `(${(size / 1e6 / cpuSecs).toFixed(1)} MB/s of CPU time)`,
    );
  }
  console.log(`best: ${(size / 1e6 / best).toFixed(1)} MB/s`);
}

await main();
