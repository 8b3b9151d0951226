/**
 * `npm run bench`: expect-check against DuckDB on the same generated files, in the same run, each tool
 * as its own child process (so wall time includes start-up and peak RSS is the whole process's).
 *
 *   npm run bench                     10M-row Parquet, 2M-row CSV, 5 runs each, memory cases
 *   npm run bench -- --small          CI size: checks the benchmark runs and both tools agree (no timing floors)
 *   npm run bench -- --runs 3 --only parquet --workers 1    (other flags go to expect-check validate)
 *
 * Prints a table (median wall time, rows/s, MB/s, peak RSS, ratio to DuckDB) and the floors of
 * docs/benchmarks.md, and writes every figure to bench/data/results.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { cliOptions } from '../tsup.config.js';
import { generate } from './generate.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench/data');
const BUILD = join(DATA, 'build');
const SUITE = join(ROOT, 'bench/suite.json');
/** Expectations that build sets of values (their memory grows with the distinct values). */
const SET_BUILDING = new Set([
  'expect_column_values_to_be_unique',
  'expect_column_distinct_values_to_be_in_set',
]);

interface Args {
  small: boolean;
  runs: number;
  only: 'parquet' | 'csv' | undefined;
  /** Flags passed on to `expect-check validate`. */
  extra: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { small: false, runs: 0, only: undefined, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--small') args.small = true;
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--only') args.only = argv[++i] as Args['only'];
    else args.extra.push(a);
  }
  if (!args.runs) args.runs = args.small ? 1 : 5;
  return args;
}

/** One child process's figures. */
interface Sample {
  wallMs: number;
  /** Peak resident set of the whole process (all threads), in bytes. */
  rssBytes: number;
  cpuMs: number;
  stdout: string;
}

const RSS_HOOK = join(BUILD, 'rss-hook.cjs');

/** Runs `node <script> ...args` with the hook that records the process's peak RSS and CPU time at exit. */
function runChild(script: string, args: readonly string[]): Promise<Sample> {
  const rssFile = join(BUILD, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', RSS_HOOK, script, ...args], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      // expect-check exits 1 when an expectation fails: a result, not an error
      if (code !== 0 && code !== 1) {
        fail(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
        return;
      }
      const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpuMs: number };
      rmSync(rssFile, { force: true });
      done({ wallMs, rssBytes: usage.maxRSS * 1024, cpuMs: usage.cpuMs, stdout });
    });
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The median figures of several samples. */
interface Figures {
  wallMs: number;
  rssBytes: number;
  cpuMs: number;
  runs: number;
}

function summarize(samples: readonly Sample[]): Figures {
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    rssBytes: median(samples.map((s) => s.rssBytes)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    runs: samples.length,
  };
}

/** Builds the CLI and the helper scripts into bench/data/build (never touching dist/). */
async function buildChildren(): Promise<void> {
  mkdirSync(BUILD, { recursive: true });
  // the CLI as the package builds it (tsup.config.ts), with the two helper scripts beside it
  await build({
    ...cliOptions,
    config: false,
    entry: {
      ...(cliOptions.entry as Record<string, string>),
      duckdb: 'bench/duckdb.ts',
      read: 'bench/read.ts',
    },
    outDir: BUILD,
    clean: true,
    silent: true,
    external: ['parquet-wasm', '@duckdb/node-api'],
    noExternal: [/^(?!parquet-wasm(\/|$)|@duckdb\/)/],
  });
  writeFileSync(
    RSS_HOOK,
    `process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
`,
  );
}

/** A variant of the benchmark suite written next to the data (the CLI reads suites from files). */
function suiteVariant(name: string, keep: (type: string, column: unknown) => boolean): string {
  const suite = JSON.parse(readFileSync(SUITE, 'utf8')) as {
    expectations: { type: string; kwargs: Record<string, unknown> }[];
  };
  suite.expectations = suite.expectations.filter((e) => keep(e.type, e.kwargs.column));
  const path = join(DATA, `suite-${name}.json`);
  writeFileSync(path, JSON.stringify(suite, null, 2));
  return path;
}

interface ExpectationOut {
  success: boolean;
  result: { observed_value?: unknown; unexpected_count?: number };
  exception_info?: { raised_exception: boolean; exception_message: string | null };
}

/**
 * Differences between expect-check's results and DuckDB's figures (empty when they agree): unexpected
 * counts and row counts exactly, means and deviations to 1e-9 relative, distinct values as sets.
 */
function disagreements(results: readonly ExpectationOut[], duck: Record<string, unknown>): string[] {
  const out: string[] = [];
  results.forEach((r, i) => {
    if (r.exception_info?.raised_exception) {
      out.push(`expectation ${i} raised: ${r.exception_info.exception_message}`);
      return;
    }
    if (!(`e${i}` in duck)) return;
    const d = duck[`e${i}`];
    const mine = r.result.unexpected_count ?? r.result.observed_value;
    const same =
      typeof d === 'number' && typeof mine === 'number'
        ? Math.abs(d - mine) <= 1e-9 * Math.max(1, Math.abs(d))
        : JSON.stringify(d) === JSON.stringify(mine);
    if (!same)
      out.push(`expectation ${i}: expect-check ${JSON.stringify(mine)}, DuckDB ${JSON.stringify(d)}`);
  });
  return out;
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtMB = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
const fmtRate = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0);

interface Row {
  case: string;
  tool: string;
  rows: number;
  bytes: number;
  figures: Figures;
  ratio?: number;
}

function printTable(rows: readonly Row[]): void {
  const head = ['case', 'tool', 'wall (median)', 'rows/s', 'MB/s', 'peak RSS', 'CPU', 'ratio'];
  const body = rows.map((r) => [
    r.case,
    r.tool,
    fmtMs(r.figures.wallMs),
    fmtRate(r.rows / (r.figures.wallMs / 1000)),
    (r.bytes / 1e6 / (r.figures.wallMs / 1000)).toFixed(0),
    fmtMB(r.figures.rssBytes),
    fmtMs(r.figures.cpuMs),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => (b[c] as string).length)));
  const line = (cells: readonly string[]) => cells.map((s, c) => s.padEnd(widths[c] as number)).join('  ');
  console.log(line(head));
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const size = args.small
    ? { parquet: 200_000, parquetSmall: 50_000, csv: 100_000, csvSmall: 25_000 }
    : { parquet: 10_000_000, parquetSmall: 1_000_000, csv: 2_000_000, csvSmall: 500_000 };
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    args: process.argv.slice(2),
    date: new Date().toISOString(),
  };
  console.log(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memory}, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  const t0 = performance.now();
  const big = await generate(DATA, size.parquet, size.csv);
  const little = await generate(DATA, size.parquetSmall, size.csvSmall);
  console.log(`data ready in ${fmtMs(performance.now() - t0)}`);
  await buildChildren();
  const cli = join(BUILD, 'cli.js');
  const duckdb = join(BUILD, 'duckdb.js');
  const read = join(BUILD, 'read.js');
  const streaming = suiteVariant('streaming', (type) => !SET_BUILDING.has(type));
  const uniqueId = suiteVariant(
    'unique-id',
    (type, column) =>
      !SET_BUILDING.has(type) || (type === 'expect_column_values_to_be_unique' && column === 'id'),
  );
  const validate =
    (file: string, suite: string, flags: readonly string[] = []) =>
    async () => {
      const out = join(BUILD, `result-${process.pid}.json`);
      const s = await runChild(cli, [
        'validate',
        file,
        '--suite',
        suite,
        '--json',
        out,
        '--quiet',
        ...flags,
        ...args.extra,
      ]);
      s.stdout = readFileSync(out, 'utf8');
      return s;
    };
  const rows: Row[] = [];
  const problems: string[] = [];
  const record: Record<string, unknown> = {};

  const formats = (['parquet', 'csv'] as const).filter((f) => !args.only || args.only === f);
  for (const format of formats) {
    const file = format === 'parquet' ? big.parquet : big.csv;
    const n = format === 'parquet' ? big.parquetRows : big.csvRows;
    const bytes = statSync(file).size;
    const label = `${format} ${fmtRate(n)} rows, full suite`;
    const mine: Sample[] = [];
    const theirs: Sample[] = [];
    for (let r = 0; r < args.runs; r++) {
      // alternate the order so that neither tool always runs on a warm page cache after the other
      if (r % 2 === 0) {
        mine.push(await validate(file, SUITE)());
        theirs.push(await runChild(duckdb, [file, SUITE]));
      } else {
        theirs.push(await runChild(duckdb, [file, SUITE]));
        mine.push(await validate(file, SUITE)());
      }
    }
    const results = (JSON.parse((mine[0] as Sample).stdout) as { results: ExpectationOut[] }).results;
    const duck = JSON.parse((theirs[0] as Sample).stdout) as Record<string, unknown>;
    problems.push(...disagreements(results, duck).map((p) => `${format}: ${p}`));
    const fm = summarize(mine);
    const fd = summarize(theirs);
    rows.push({
      case: label,
      tool: 'expect-check',
      rows: n,
      bytes,
      figures: fm,
      ratio: fm.wallMs / fd.wallMs,
    });
    rows.push({ case: label, tool: 'DuckDB', rows: n, bytes, figures: fd });
    record[`${format}_full`] = { rows: n, bytes, expectCheck: fm, duckdb: fd, ratio: fm.wallMs / fd.wallMs };
    if (format === 'parquet' && !args.small && !args.extra.includes('--workers')) {
      // the default splits a large file over one worker per core: the figures of a single scan beside it
      const single: Sample[] = [];
      for (let r = 0; r < args.runs; r++) single.push(await validate(file, SUITE, ['--workers', '1'])());
      const f1 = summarize(single);
      rows.push({
        case: label,
        tool: 'expect-check --workers 1',
        rows: n,
        bytes,
        figures: f1,
        ratio: f1.wallMs / fd.wallMs,
      });
      record[`${format}_full_one_thread`] = { expectCheck: f1, ratio: f1.wallMs / fd.wallMs };
    }

    // reading alone: the columns the suite reads, all of them for CSV (parsing is the whole cost)
    const readSamples: Sample[] = [];
    for (let r = 0; r < args.runs; r++) readSamples.push(await runChild(read, [file]));
    const inProcess = median(readSamples.map((s) => (JSON.parse(s.stdout) as { ms: number }).ms));
    const fr = summarize(readSamples);
    rows.push({
      case: `${format} read alone (all columns)`,
      tool: 'expect-check',
      rows: n,
      bytes,
      figures: fr,
    });
    record[`${format}_read`] = {
      rows: n,
      bytes,
      process: fr,
      inProcessMs: inProcess,
      mbPerS: bytes / 1e6 / (inProcess / 1000),
    };

    // memory: a suite without set-building expectations, small file against big file
    const smallFile = format === 'parquet' ? little.parquet : little.csv;
    const smallRows = format === 'parquet' ? little.parquetRows : little.csvRows;
    for (const [f, m] of [
      [smallFile, smallRows],
      [file, n],
    ] as const) {
      const s = summarize([await validate(f, streaming)()]);
      rows.push({
        case: `${format} ${fmtRate(m)} rows, no set-building`,
        tool: 'expect-check',
        rows: m,
        bytes: statSync(f).size,
        figures: s,
      });
      record[`${format}_streaming_${m}`] = s;
    }
    if (format === 'parquet') {
      // one thread, so that the difference is one table of n distinct ids (workers would each hold one)
      const one = ['--workers', '1'];
      const base = summarize([await validate(file, streaming, one)()]);
      const s = summarize([await validate(file, uniqueId, one)()]);
      for (const [name, f] of [
        ['no set-building', base],
        ['+ unique(id)', s],
      ] as const) {
        rows.push({
          case: `${format} ${fmtRate(n)} rows, ${name}`,
          tool: 'expect-check --workers 1',
          rows: n,
          bytes,
          figures: f,
        });
      }
      record.unique_id = { base, unique: s, bytesPerDistinct: (s.rssBytes - base.rssBytes) / n };
    }
  }

  console.log('');
  printTable(rows);
  console.log('');
  const floors: string[] = [];
  const pq = record.parquet_full as { ratio: number } | undefined;
  const csv = record.csv_full as { ratio: number } | undefined;
  const csvRead = record.csv_read as { mbPerS: number } | undefined;
  if (pq)
    floors.push(`Parquet ${fmtRate(big.parquetRows)} rows: ${pq.ratio.toFixed(2)}x DuckDB (floor <= 1.0x)`);
  if (csv) floors.push(`CSV ${fmtRate(big.csvRows)} rows: ${csv.ratio.toFixed(2)}x DuckDB (floor <= 1.5x)`);
  if (csvRead)
    floors.push(`CSV parsing alone: ${csvRead.mbPerS.toFixed(0)} MB/s in-process (floor >= 150 MB/s)`);
  for (const format of formats) {
    const a = record[
      `${format}_streaming_${format === 'parquet' ? little.parquetRows : little.csvRows}`
    ] as Figures;
    const b = record[
      `${format}_streaming_${format === 'parquet' ? big.parquetRows : big.csvRows}`
    ] as Figures;
    floors.push(
      `${format} without set-building: peak RSS ${fmtMB(a.rssBytes)} -> ${fmtMB(b.rssBytes)} (floor < 300 MB, flat)`,
    );
  }
  const u = record.unique_id as { bytesPerDistinct: number } | undefined;
  if (u) {
    // at CI size the table is a few MB, within the noise of a process's peak RSS
    const note = args.small ? ', too few rows to measure at --small' : '';
    floors.push(`uniqueness: ${u.bytesPerDistinct.toFixed(1)} bytes per distinct value (floor ~24${note})`);
  }
  if (args.small)
    floors.push('(CI size: start-up dominates these figures; the floors apply to the full run)');
  for (const f of floors) console.log(f);
  writeFileSync(
    join(DATA, 'results.json'),
    JSON.stringify({ machine, rows, record, floors, problems }, null, 2),
  );
  if (problems.length) {
    console.error(`\nexpect-check and DuckDB disagree:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nexpect-check and DuckDB agree on every figure compared');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
