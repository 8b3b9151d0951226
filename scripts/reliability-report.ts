/**
 * Runs the reliability sweeps of test/reliability (every parquet-testing file and CSV dataset through the
 * CLI, crafted decompression bombs in processes of their own, ReDoS patterns from a suite, every
 * expectation on edge tables, CSV fuzzing) and writes their figures to docs/reliability.md.
 *
 *   npx tsx scripts/reliability-report.ts            the sweeps only
 *   npx tsx scripts/reliability-report.ts --vitest   also runs the property and security test files
 *                                                   elsewhere in test/ and records their outcomes
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatBytes } from '../src/io/watch.js';
import { FUZZ_RUNS } from '../test/fuzz-runs.js';
import { ROOT } from '../test/reliability/cli.js';
import { CSV_FUZZ_RUNS, fuzzCsvBytes, fuzzCsvRoundTrip } from '../test/reliability/csv-fuzz.js';
import { EDGE_TABLES, type EdgeRun, runEdgeTables } from '../test/reliability/edge.js';
import {
  CSV_DATASETS,
  type FileResult,
  parquetFiles,
  sweepCsvDataset,
  sweepParquetFile,
} from '../test/reliability/files.js';
import { BOMB_LIMIT, BOMBS, type BombRun, runBomb } from '../test/reliability/memory.js';
import { EVIL_PATTERNS, type RegexSweep, sweepRegexes } from '../test/reliability/regex.js';

const OUT = join(ROOT, 'docs/reliability.md');
const withVitest = process.argv.includes('--vitest');

/** Property and security tests outside test/reliability, with what they try. */
const OTHER_TESTS: readonly { file: string; tries: string }[] = [
  {
    file: 'test/engine/split-invariance.test.ts',
    tries: `every expectation over random tables, split into batches, files and streams; ${FUZZ_RUNS.hostileSplits} runs of hostile tables (1 MiB strings, int64 at ±2^63, NaN, -0, ±Infinity, all-null, no rows)`,
  },
  {
    file: 'test/suite/load.test.ts',
    tries: `${FUZZ_RUNS.suiteJson} random JSON documents, ${FUZZ_RUNS.suiteYaml} mangled YAML texts, ${FUZZ_RUNS.suiteMutations} mutated suites: every rejection a SuiteError whose issues name a path`,
  },
  {
    file: 'test/engine/regex.test.ts',
    tries: `${FUZZ_RUNS.regexEngines} random patterns and strings on both engines; ReDoS classics on 50,000-character values with a time bound`,
  },
  {
    file: 'test/io/csv.test.ts',
    tries: '1,500 random byte strings in memory, cut into random chunks; round trips',
  },
  {
    file: 'test/io/parquet.test.ts',
    tries: 'every data/ file against its footer at the reader; bad_data; truncated and corrupted copies',
  },
  {
    file: 'test/reliability/network.test.ts',
    tries:
      'validate (2 workers, every report), infer, checkpoint, docs build under a hook that records connections',
  },
  {
    file: 'test/cli/checkpoint.test.ts',
    tries:
      'secrets from checkpoint variables in webhook URLs, headers, paths and run names: absent from results, docs, stdout and stderr',
  },
  {
    file: 'test/report/html/browser.test.ts',
    tries: 'script payloads in column names, values, suite names and notes, in Chromium',
  },
];

interface VitestFile {
  name: string;
  status: string;
  assertionResults: { status: string; title: string }[];
  startTime: number;
  endTime: number;
}

function runVitest(dir: string): Map<string, VitestFile> {
  const out = join(dir, 'vitest.json');
  const files = OTHER_TESTS.map((t) => t.file);
  spawnSync('npx', ['vitest', 'run', ...files, '--reporter=json', `--outputFile=${out}`], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 30 * 60_000,
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { testResults: VitestFile[] };
  return new Map(report.testResults.map((r) => [relative(ROOT, r.name), r]));
}

const cellText = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tally = <T extends string>(xs: readonly T[]) => {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};
const describeTally = (m: Map<string, number>) => [...m].map(([k, n]) => `${n} ${k}`).join(', ');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'expect-check-reliability-report-'));
  try {
    const started = performance.now();
    const log = (s: string) => process.stderr.write(`${s}\n`);
    log('parquet-testing ...');
    const parquet: FileResult[] = [];
    for (const f of [...parquetFiles('data'), ...parquetFiles('bad_data')])
      parquet.push(await sweepParquetFile(dir, f));
    log('CSV datasets ...');
    const csv: FileResult[] = [];
    for (const d of CSV_DATASETS) csv.push(await sweepCsvDataset(dir, d));
    log('bombs ...');
    const bombs: BombRun[] = [];
    for (const [i, b] of BOMBS.entries()) bombs.push(await runBomb(dir, b, i));
    log('regexes ...');
    const regex: RegexSweep = await sweepRegexes(dir);
    log('edge tables ...');
    const edge: EdgeRun[] = await runEdgeTables();
    log('CSV fuzzing ...');
    const bytes = await fuzzCsvBytes(dir);
    const cells = await fuzzCsvRoundTrip(dir);
    const vitest = withVitest ? runVitest(dir) : undefined;
    const md = render({
      parquet,
      csv,
      bombs,
      regex,
      edge,
      bytes,
      cells,
      vitest,
      ms: performance.now() - started,
    });
    writeFileSync(OUT, md);
    process.stdout.write(md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Figures {
  parquet: FileResult[];
  csv: FileResult[];
  bombs: BombRun[];
  regex: RegexSweep;
  edge: EdgeRun[];
  bytes: Awaited<ReturnType<typeof fuzzCsvBytes>>;
  cells: number;
  vitest: Map<string, VitestFile> | undefined;
  ms: number;
}

function render(f: Figures): string {
  const inFolder = (folder: string) => f.parquet.filter((r) => r.file.startsWith(`${folder}/`));
  const data = inFolder('data');
  const bad = inFolder('bad_data');
  const sum = (rs: FileResult[], of: (r: FileResult) => number) => rs.reduce((n, r) => n + of(r), 0);
  const all = [...f.parquet, ...f.csv];
  const crashed =
    all.filter((r) => r.outcome === 'crashed').length + f.edge.filter((r) => r.outcome === 'threw').length;
  const hung =
    all.filter((r) => r.outcome === 'hung').length + f.edge.filter((r) => r.outcome === 'slow').length;
  const wrong = all.filter((r) => r.outcome === 'wrong').length;
  const bombFailures = f.bombs.filter((b) => b.code !== 3 || b.signal !== null).length;
  const byteErrors = Object.values(f.bytes.readError).reduce((a, b) => a + b, 0);
  const edgeTally = tally(f.edge.map((r) => r.outcome));
  const edgeTypes = new Set(f.edge.map((r) => r.type)).size;
  const lines: string[] = [];
  const push = (...xs: string[]) => lines.push(...xs);

  push(
    '# Reliability and security',
    '',
    '<!-- Generated by scripts/reliability-report.ts from a real run. Do not edit by hand. -->',
    '',
    'What expect-check was fed and how it ended. Every figure below comes from one run of',
    `\`npx tsx scripts/reliability-report.ts${f.vitest ? ' --vitest' : ''}\`, which runs the sweeps of`,
    '`test/reliability/` (the same code the tests there assert on) and writes this page.',
    `Run on Node ${process.version}, ${cpus().length} cores, in ${seconds(f.ms)}.`,
    '',
    '## Summary',
    '',
    '| inputs tried | count | outcome |',
    '|---|---|---|',
    `| parquet-testing \`data/\` files, through the CLI | ${data.length} | ${describeTally(tally(data.map((r) => r.outcome)))}: row and column counts, and ${sum(data, (r) => r.nullCounts)} exact null counts from the files' own footers and \`*_expect.csv\` |`,
    `| parquet-testing \`bad_data/\` files, through the CLI | ${bad.length} | ${describeTally(tally(bad.map((r) => r.outcome)))} |`,
    `| CSV datasets (NYC taxi, palmerpenguins, penguins_raw) | ${f.csv.length} | ${describeTally(tally(f.csv.map((r) => r.outcome)))}: row and column counts, ${sum(f.csv, (r) => r.checks - r.nullCounts)} column types and ${sum(f.csv, (r) => r.nullCounts)} missing-value counts |`,
    `| crafted decompression bombs, \`--max-batch-bytes ${BOMB_LIMIT}\`, each in its own process | ${f.bombs.length} | ${f.bombs.filter((b) => b.code === 3).length} exit 3 with one line; peak memory at most ${formatBytes(Math.max(...f.bombs.map((b) => b.peakRssBytes)))} |`,
    `| catastrophic-backtracking patterns in a suite × 2 regex expectations, values up to 200,000 characters | ${EVIL_PATTERNS.length * 2} | ${f.regex.ran} run in linear time, ${f.regex.errors.length} reported as expectation errors; whole run ${seconds(f.regex.ms)} |`,
    `| every registered expectation (${edgeTypes}) × kwargs × edge tables (${Object.keys(EDGE_TABLES).join(', ')}) | ${f.edge.length} | ${describeTally(edgeTally)}; slowest ${seconds(Math.max(...f.edge.map((r) => r.ms)))} |`,
    `| random bytes as CSV files (fast-check), read in chunks of 1 to 16 bytes | ${CSV_FUZZ_RUNS.bytes} | ${f.bytes.read} read, ${byteErrors} ReadError (${describeTally(new Map(Object.entries(f.bytes.readError)))}), nothing else |`,
    `| well-formed CSV files (quotes, delimiters, CR/LF, unicode, BOM), read back | ${CSV_FUZZ_RUNS.roundTrip} | all the same cells (${f.cells} cells) |`,
    '',
    `**Crashed: ${crashed}. Hung: ${hung}. Read wrong: ${wrong}. Bombs not stopped: ${bombFailures}.**`,
    '',
  );

  push(
    '## Parquet files',
    '',
    'Each file is validated with `expect-check validate FILE --suite S --json R` (main() in-process). The suite',
    "states the file's row count, column count, the null count of every flat non-float column whose footer",
    'statistics give one (float columns are left out: the CLI counts NaN as missing, which no footer counts),',
    'the null counts of its `*_expect.csv`, and reads every other column whole. **read** means exit 0 and every',
    'stated fact held; **refused** means exit 3 with one line naming the file (and the column and type, where a',
    'page cannot be decoded). The files come from apache/parquet-testing (test/fixtures/parquet-testing, see',
    'its INVENTORY.md); `data/large_string_map.brotli.parquet` (2 GiB of text in 4 KB) is not among them.',
    '`dict-page-offset-zero.parquet`, whose footer parquet-wasm refuses, is read by the fallback reader (hyparquet).',
    '`bad_data/ARROW-GH-43605.parquet` is read: its dictionary indices use an RLE bit width of 0, which is',
    'valid (all indices 0); it was added because it crashed Arrow Go.',
    '',
    '| file | outcome | rows | columns | null counts | time | message |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of f.parquet) {
    push(
      `| ${r.file} | ${r.outcome} | ${r.rows ?? ''} | ${r.columns ?? ''} | ${r.outcome === 'read' ? r.nullCounts : ''} | ${Math.round(r.ms)} ms | ${cellText(r.message ?? '').replace(/^expect-check: \S+: /, '')} |`,
    );
  }
  push(
    '',
    '## CSV datasets',
    '',
    'Copies in test/fixtures/csv (see its ORIGIN.md): rows, columns, Arrow types and missing values as documented.',
    '',
    '| file | outcome | rows | columns | types | missing-value counts | time |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of f.csv)
    push(
      `| ${r.file} | ${r.outcome} | ${r.rows} | ${r.columns} | ${r.checks - r.nullCounts} | ${r.nullCounts} | ${Math.round(r.ms)} ms |`,
    );

  push(
    '',
    '## Decompression bombs',
    '',
    `Hand-made files (test/reliability/craft.ts), each validated by the CLI in a process of its own under`,
    `\`--max-batch-bytes ${BOMB_LIMIT}\`; peak memory is the process's maximum resident set (all threads) from`,
    '`/usr/bin/time`. A footer that states the decoded size is refused before any page is read; text whose',
    'dictionary repeats a long value cannot be foreseen from a footer, so the reader thread is stopped once the',
    'process has grown by twice the limit plus 256 MiB (unguarded, the second bomb took 2.3 GiB and was read).',
    '',
    '| bomb | file | exit | peak memory | message |',
    '|---|---|---|---|---|',
  );
  for (const [i, b] of f.bombs.entries()) {
    const line = b.stderr.split('\n')[0]?.replace(/^expect-check: \S+: /, '') ?? '';
    push(
      `| ${BOMBS[i]?.name} | ${b.fileBytes} bytes | ${b.code} | ${formatBytes(b.peakRssBytes)} | ${cellText(line)} |`,
    );
  }

  const slowest = [...f.edge].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const raised = f.edge.filter((r) => r.outcome === 'exception_info');
  push(
    '',
    '## Edge values and regexes',
    '',
    `Every registered expectation (${edgeTypes}), with kwargs drawn from test/engine/split-cases.ts, ran on`,
    `each edge table: ${f.edge.length} runs, ${describeTally(edgeTally)}. The expectation errors: ${
      describeTally(tally(raised.map((r) => `× ${r.type} on "${r.table}" (${r.message})`))) || 'none'
    }.`,
    `Slowest: ${slowest.map((r) => `${r.type} on "${r.table}" ${Math.round(r.ms)} ms`).join('; ')}.`,
    '',
    `Regexes: ${EVIL_PATTERNS.map((p) => `\`${p}\``).join(', ')}, each in \`expect_column_values_to_match_regex\``,
    'and `expect_column_values_to_not_match_regex`, over values of 30,000 to 200,000 characters: exit',
    `${f.regex.code} in ${seconds(f.regex.ms)}; ${f.regex.ran} ran (on RE2 where V8 could backtrack), ${f.regex.errors.length} reported:`,
    ...[...new Set(f.regex.errors)].map((e) => `- ${e}`),
    '',
  );

  push('## Property and security tests elsewhere', '');
  push(
    f.vitest
      ? 'Run by `vitest` as part of this report:'
      : 'Not run for this page (run the script with `--vitest` to record their outcomes):',
    '',
    '| test file | what it tries | tests | outcome | time |',
    '|---|---|---|---|---|',
  );
  for (const t of OTHER_TESTS) {
    const r = f.vitest?.get(t.file);
    const counts = r ? tally(r.assertionResults.map((a) => a.status)) : undefined;
    push(
      `| ${t.file} | ${cellText(t.tries)} | ${r ? r.assertionResults.length : ''} | ${counts ? describeTally(counts) : 'not run'} | ${r ? seconds(r.endTime - r.startTime) : ''} |`,
    );
  }
  const failed = [...(f.vitest?.values() ?? [])].flatMap((r) =>
    r.assertionResults
      .filter((a) => a.status === 'failed')
      .map((a) => `${relative(ROOT, r.name)}: ${a.title}`),
  );
  if (failed.length) push('', 'Failed in this run:', '', ...failed.map((t) => `- ${cellText(t)}`));
  push('');
  return `${lines.join('\n')}\n`;
}

await main();
