/**
 * CSV parsing alone, in-process: `npx tsx bench/csv-parse.ts [file] [--runs N] [--duckdb]` reads every
 * column of the file (default bench/data/bench-2000000.csv) into Arrow batches N times and prints MB/s
 * (file bytes / seconds to the last batch), best and median, and the best by CPU time (steadier on a
 * busy machine); with --duckdb, DuckDB's read_csv of the same file (every column touched) in the same
 * run. The first run includes the JIT's warm-up, as bench/read.ts in a fresh process does.
 */
import { statSync } from 'node:fs';
import { csvSource } from '../src/io/csv.js';

async function readAll(file: string): Promise<number> {
  let rows = 0;
  for await (const { batch } of csvSource(file).batches()) rows += batch.numRows;
  return rows;
}

async function duckdbRead(file: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const source = `read_csv('${file.replaceAll("'", "''")}')`;
  const names = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
    .getRowObjects()
    .map((r) => `"${String(r.column_name).replaceAll('"', '""')}"`);
  // min() of every column, so that no column's parsing can be skipped
  await con.runAndReadAll(`SELECT count(*), ${names.map((n) => `min(${n})`).join(', ')} FROM ${source}`);
  con.closeSync();
  db.closeSync();
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const file =
    argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs') ?? 'bench/data/bench-2000000.csv';
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 5;
  const withDuck = argv.includes('--duckdb');
  const mb = statSync(file).size / 1e6;
  const mine: number[] = [];
  const theirs: number[] = [];
  const cpuMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    const rows = await readAll(file);
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    mine.push(ms);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    let line = `run ${r + 1}: expect-check ${rows} rows in ${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(0)} MB/s (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`;
    if (withDuck) {
      t = performance.now();
      await duckdbRead(file);
      const d = performance.now() - t;
      theirs.push(d);
      line += `; DuckDB ${d.toFixed(0)} ms = ${(mb / (d / 1000)).toFixed(0)} MB/s`;
    }
    console.log(line);
  }
  const rate = (ms: number) => (mb / (ms / 1000)).toFixed(0);
  console.log(
    `expect-check: best ${rate(Math.min(...mine))} MB/s, median ${rate(median(mine))} MB/s (${mb.toFixed(0)} MB); by CPU time best ${rate(Math.min(...cpuMs))} MB/s`,
  );
  if (withDuck) {
    console.log(`DuckDB:       best ${rate(Math.min(...theirs))} MB/s, median ${rate(median(theirs))} MB/s`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
