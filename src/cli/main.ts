import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createColors } from 'picocolors';
import { CheckpointError } from '../checkpoint/load.js';
import { runCheckpoint } from '../checkpoint/run.js';
import { runSuite } from '../engine/run.js';
import { expectations, registry } from '../expectations/index.js';
import type { CsvColumnType, CsvOptions } from '../io/csv.js';
import { parseByteSize } from '../io/limits.js';
import { openSource } from '../io/open.js';
import { ReadError } from '../io/types.js';
import { setOwn } from '../own.js';
import { type BuildOutcome, buildDataDocs, runPagePath, storeResult } from '../report/html/site.js';
import { escapeControl } from '../report/observed.js';
import { reporters } from '../report/reporters.js';
import { renderTerminal } from '../report/terminal.js';
import type { ResultFormatLevel, ValidationResult } from '../result/types.js';
import { inferSchema, schemaToTypeScript } from '../schema/infer.js';
import { loadSuite, SuiteError } from '../suite/load.js';
import { isParameterName } from '../suite/parameters.js';
import { suiteToJson, suiteToYaml } from '../suite/write.js';
import { VERSION } from '../version.js';
import { type ParsedArgs, parseCommandLine, UsageError } from './args.js';
import { helpText } from './help.js';
import { COMMANDS, EXIT } from './options.js';
import { Progress, type ProgressStream } from './progress.js';

/** Where the CLI writes; injectable for tests. */
export interface Io {
  /** The report, the JSON of `--json -` and the list; `columns` is the terminal's width. */
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Error lines and the progress line. */
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
}

const CSV_TYPES: readonly CsvColumnType[] = ['int64', 'float64', 'bool', 'timestamp', 'date', 'utf8'];

/** Node's file errors in a few words: the path is already named by the caller. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

function fileProblem(e: unknown): string {
  return FILE_ERRORS[(e as { code?: string }).code ?? ''] ?? (e instanceof Error ? e.message : String(e));
}

function parseSchemaSpec(spec: string): Record<string, CsvColumnType> {
  let entries: [string, string][];
  if (/\.json$/i.test(spec)) {
    let obj: unknown;
    let text: string;
    try {
      text = readFileSync(spec, 'utf8');
    } catch (e) {
      throw new UsageError(`--schema ${spec}: cannot read the file (${fileProblem(e)})`);
    }
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--schema ${spec}: invalid JSON (${(e as Error).message})`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      throw new UsageError(`--schema ${spec}: expected an object of column: type`);
    entries = Object.entries(obj as Record<string, string>);
  } else {
    entries = spec.split(',').map((p) => {
      const i = p.lastIndexOf(':');
      if (i <= 0) throw new UsageError(`--schema: expected col:type, got ${JSON.stringify(p)}`);
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    });
  }
  const out: Record<string, CsvColumnType> = {};
  for (const [col, type] of entries) {
    if (!CSV_TYPES.includes(type as CsvColumnType)) {
      throw new UsageError(
        `--schema: column ${JSON.stringify(col)}: unknown type ${JSON.stringify(type)} (types: ${CSV_TYPES.join(', ')})`,
      );
    }
    setOwn(out, col, type as CsvColumnType);
  }
  return out;
}

function csvOptions(v: ParsedArgs['values']): CsvOptions {
  const o: CsvOptions = {};
  if (typeof v['csv-delimiter'] === 'string') {
    const d = v['csv-delimiter'] === '\\t' ? '\t' : v['csv-delimiter'];
    if (d.length !== 1)
      throw new UsageError(`--csv-delimiter expects one character, got ${JSON.stringify(d)}`);
    o.delimiter = d;
  }
  if (Array.isArray(v['csv-null'])) o.nullValues = v['csv-null'];
  if (v['csv-no-header']) o.header = false;
  if (typeof v['csv-infer-rows'] === 'number') o.inferRows = v['csv-infer-rows'];
  if (typeof v.schema === 'string') o.schema = parseSchemaSpec(v.schema);
  return o;
}

/** `--max-batch-bytes SIZE` as the option of the readers and the run. */
function batchLimit(v: ParsedArgs['values']): { maxBatchBytes?: number } {
  const text = v['max-batch-bytes'];
  if (typeof text !== 'string') return {};
  const bytes = parseByteSize(text);
  if (bytes === undefined) {
    throw new UsageError(
      `--max-batch-bytes expects a size such as 1048576, 512MiB or 2GB, got ${JSON.stringify(text)}`,
    );
  }
  return { maxBatchBytes: bytes };
}

/** The `--param NAME=VALUE` options as suite parameters; VALUE is JSON when it parses, else a string. */
function suiteParameters(v: ParsedArgs['values']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of Array.isArray(v.param) ? v.param : []) {
    const eq = p.indexOf('=');
    const name = p.slice(0, Math.max(eq, 0));
    if (!isParameterName(name)) {
      throw new UsageError(
        eq < 0
          ? `--param expects NAME=VALUE, got ${JSON.stringify(p)}`
          : `--param: ${JSON.stringify(name)} is not a parameter name (a letter, then letters, digits, _ or $)`,
      );
    }
    const text = p.slice(eq + 1);
    try {
      setOwn(out, name, JSON.parse(text));
    } catch {
      setOwn(out, name, text);
    }
  }
  return out;
}

function useColor(v: ParsedArgs['values'], io: Io): boolean {
  if (v['no-color']) return false;
  if (v.color) return true;
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}

/** Writes a report file; a path that cannot be written is a usage error, as a bad option value is. */
async function writeReportFile(option: string, path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    throw new UsageError(`--${option} ${path}: cannot write the file (${fileProblem(e)})`);
  }
}

/** Reports written to a file named by the option of the same name, or to stdout for `-`. */
const FILE_REPORTS = ['json', 'junit', 'markdown'] as const;

/** A path as a relative link from `fromDir`, with forward slashes (Markdown and browsers read those everywhere). */
function linkFrom(fromDir: string, target: string): string {
  return relative(resolve(fromDir), resolve(target)).split(sep).join('/');
}

/** Adds the run to the data docs in `dir` (its results store is `dir`/results); returns the run page's path. */
async function addToDataDocs(dir: string, result: ValidationResult, io: Io): Promise<string> {
  const store = join(dir, 'results');
  try {
    const stored = await storeResult(result, store);
    const outcome = await buildDataDocs(store, dir);
    for (const s of outcome.skipped)
      io.stderr.write(`expect-check: data docs: skipped ${escapeControl(s)}\n`);
    return join(dir, runPagePath(stored));
  } catch (e) {
    throw new UsageError(`--html ${dir}: cannot write the data docs (${fileProblem(e)})`);
  }
}

/** `docs build <results-dir> --out DIR`: builds or updates the data docs from stored results. */
async function docsCommand(args: ParsedArgs, io: Io): Promise<number> {
  const [sub, results, ...extra] = args.positionals;
  if (sub !== 'build') {
    throw new UsageError(
      sub === undefined
        ? 'docs needs a subcommand: build <results-dir>'
        : `unknown docs subcommand ${JSON.stringify(sub)} (subcommands: build)`,
    );
  }
  if (!results) throw new UsageError('docs build needs a directory of stored results');
  if (extra.length > 0)
    throw new UsageError(`docs build takes one directory, got ${JSON.stringify(extra[0])}`);
  const out = args.values.out;
  if (typeof out !== 'string') throw new UsageError('docs build needs --out DIR');
  let outcome: BuildOutcome;
  try {
    outcome = await buildDataDocs(results, out);
  } catch (e) {
    const path = (e as { path?: string }).path ?? results;
    throw new UsageError(`docs build: ${path}: ${fileProblem(e)}`);
  }
  for (const s of outcome.skipped) io.stderr.write(`expect-check: skipped ${escapeControl(s)}\n`);
  io.stdout.write(
    `data docs: ${outcome.runs} run${outcome.runs === 1 ? '' : 's'}, ${outcome.pages} page${outcome.pages === 1 ? '' : 's'} written: ${escapeControl(join(out, 'index.html'))}\n`,
  );
  return EXIT.ok;
}

async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const v = args.values;
  if (typeof v.suite !== 'string') throw new UsageError('validate needs --suite FILE');
  if (args.positionals.length === 0)
    throw new UsageError('validate needs at least one data file, directory or glob');
  if (args.positionals.includes('')) throw new UsageError('a data path is empty (check the quoting)');
  const toStdout = FILE_REPORTS.filter((name) => v[name] === '-');
  if (toStdout.length > 1) {
    throw new UsageError(
      `only one report can go to stdout, got ${toStdout.map((n) => `--${n} -`).join(' and ')}`,
    );
  }
  const csv = csvOptions(v);
  const limit = batchLimit(v);
  const parameters = suiteParameters(v);
  const suite = await loadSuite(v.suite);
  const source = await openSource(args.positionals, {
    csv,
    ...limit,
    ...(typeof v.format === 'string' ? { format: v.format as 'parquet' | 'csv' | 'arrow' } : {}),
  });
  const progress = new Progress(io.stderr);
  let result: Awaited<ReturnType<typeof runSuite>>;
  try {
    result = await runSuite(suite, source, registry, {
      ...(typeof v['result-format'] === 'string'
        ? { resultFormat: v['result-format'] as ResultFormatLevel }
        : {}),
      ...(typeof v['max-unexpected-rows'] === 'number'
        ? { maxUnexpectedRows: v['max-unexpected-rows'] }
        : {}),
      ...(typeof v['run-name'] === 'string' ? { runName: v['run-name'] } : {}),
      ...(typeof v.workers === 'number' ? { workers: v.workers } : {}),
      suiteParameters: parameters,
      ...limit,
      onProgress: v.quiet ? undefined : (rows) => progress.update(rows),
    });
  } finally {
    // an error line must not land on the end of a progress line
    progress.done();
  }
  // the docs first: the Markdown summary links to the run's page
  const docsPage = typeof v.html === 'string' ? await addToDataDocs(v.html, result, io) : undefined;
  for (const name of FILE_REPORTS) {
    const target = v[name];
    if (typeof target !== 'string') continue;
    const docsLink = docsPage && linkFrom(target === '-' ? '.' : dirname(target), docsPage);
    const text = reporters[name](result, docsLink ? { docsLink } : {});
    if (target === '-') io.stdout.write(text);
    else await writeReportFile(name, target, text);
  }
  // stdout that carries a report carries nothing else
  const stdoutFree = toStdout.length === 0;
  if (!v.quiet && stdoutFree) {
    io.stdout.write(
      reporters.terminal(result, {
        color: useColor(v, io),
        failuresOnly: Boolean(v['failures-only']),
        ...(io.stdout.isTTY && io.stdout.columns ? { width: io.stdout.columns } : {}),
      }),
    );
    if (docsPage) io.stdout.write(`Data docs: ${escapeControl(docsPage)}\n`);
  }
  // GitHub reads workflow commands from either stream
  if (v.github) (stdoutFree ? io.stdout : io.stderr).write(reporters.github(result, {}));
  return result.success ? EXIT.ok : EXIT.failed;
}

function listCommand(args: ParsedArgs, io: Io): number {
  if (args.positionals.length > 0)
    throw new UsageError(`list takes no arguments, got ${JSON.stringify(args.positionals[0])}`);
  const c = createColors(useColor(args.values, io));
  const defs = Object.values(expectations);
  const width = Math.max(...defs.map((d) => d.type.length));
  for (const d of defs)
    io.stdout.write(`${c.cyan(d.type.padEnd(width))}  ${c.dim(d.domain.padEnd(11))}  ${d.description}\n`);
  io.stdout.write(`${defs.length} expectations\n`);
  return EXIT.ok;
}

/** `infer <data...> [--out FILE]`: a starting schema as TypeScript (stdout or .ts) or as a GX suite (.json/.yaml). */
async function inferCommand(args: ParsedArgs, io: Io): Promise<number> {
  const v = args.values;
  if (args.positionals.length === 0)
    throw new UsageError('infer needs at least one data file, directory or glob');
  if (args.positionals.includes('')) throw new UsageError('a data path is empty (check the quoting)');
  const out = typeof v.out === 'string' ? v.out : undefined;
  const kind =
    out === undefined ? 'ts' : /\.[cm]?ts$/i.test(out) ? 'ts' : /\.ya?ml$/i.test(out) ? 'yaml' : 'json';
  if (out !== undefined && kind === 'json' && !/\.json$/i.test(out)) {
    throw new UsageError(`--out ${out}: expected a .ts, .json, .yaml or .yml file`);
  }
  const source = await openSource(args.positionals, {
    csv: csvOptions(v),
    ...(typeof v.format === 'string' ? { format: v.format as 'parquet' | 'csv' | 'arrow' } : {}),
  });
  const name =
    typeof v.name === 'string' ? v.name : basename(args.positionals[0] as string).replace(/\.[^.]*$/, '');
  const schema = await inferSchema(source, { name });
  const text =
    kind === 'ts'
      ? schemaToTypeScript(schema, {
          comment: `Inferred by \`expect-check infer\` from ${source.description}: a starting point to edit.`,
        })
      : kind === 'yaml'
        ? suiteToYaml(schema.toSuite())
        : `${suiteToJson(schema.toSuite())}\n`;
  if (out === undefined) {
    io.stdout.write(text);
  } else {
    await writeReportFile('out', out, text);
    io.stdout.write(
      `${escapeControl(out)}: schema ${escapeControl(schema.name)}, ${schema.columnNames.length} columns\n`,
    );
  }
  return EXIT.ok;
}

/** `checkpoint run <file>`: the report of each validation, a line per action, failed actions on stderr. */
async function checkpointCommand(args: ParsedArgs, io: Io): Promise<number> {
  const [sub, file, ...extra] = args.positionals;
  if (sub !== 'run') {
    throw new UsageError(
      sub === undefined
        ? 'checkpoint needs a subcommand: run <file>'
        : `unknown checkpoint subcommand ${JSON.stringify(sub)} (subcommands: run)`,
    );
  }
  if (!file) throw new UsageError('checkpoint run needs a checkpoint file');
  if (extra.length > 0)
    throw new UsageError(`checkpoint run takes one file, got ${JSON.stringify(extra[0])}`);
  const v = args.values;
  const c = createColors(useColor(v, io));
  let progress: Progress | undefined;
  const out = (s: string) => {
    if (!v.quiet) io.stdout.write(s);
  };
  const mark = { ok: c.green('✓'), skipped: c.dim('-'), failed: c.red('✗') } as const;
  const result = await runCheckpoint(file, {
    env: io.env,
    ...(typeof v['run-name'] === 'string' ? { runName: v['run-name'] } : {}),
    onProgress: v.quiet
      ? undefined
      : (rows) => {
          progress ??= new Progress(io.stderr);
          progress.update(rows);
        },
    onValidation: (r) => {
      progress?.done();
      progress = undefined;
      out(
        renderTerminal(r, {
          color: useColor(v, io),
          failuresOnly: Boolean(v['failures-only']),
          ...(io.stdout.isTTY && io.stdout.columns ? { width: io.stdout.columns } : {}),
        }),
      );
    },
    onAction: (a) => {
      const line = `${a.name} (${a.class_name}): ${escapeControl(a.message)}`;
      if (a.status === 'failed') io.stderr.write(`expect-check: action ${line}\n`);
      else out(`  ${mark[a.status]} ${line}\n`);
    },
  });
  const failed = result.validations.filter((x) => !x.result.success).length;
  const n = result.validations.length;
  out(
    `checkpoint ${escapeControl(result.name)}, run ${escapeControl(result.run_id.run_name)}: ${n} validation${n === 1 ? '' : 's'}, ${failed ? c.red(`${failed} failed`) : c.green('all passed')}\n`,
  );
  return result.success ? EXIT.ok : EXIT.failed;
}

/**
 * The one line an error prints. Our own errors are one line by design, so a line break or escape in
 * them comes from a path or a value and is shown escaped; anything else is unexpected, and its first
 * line is shown.
 */
function errorLine(e: unknown): string {
  if (
    e instanceof ReadError ||
    e instanceof SuiteError ||
    e instanceof UsageError ||
    e instanceof CheckpointError
  ) {
    return escapeControl(e.message);
  }
  const message = e instanceof Error ? e.message : String(e);
  return `error: ${escapeControl(message.split('\n')[0] ?? '')}`;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const args = parseCommandLine(argv);
    debug = Boolean(args.values.debug);
    if (args.values.version) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (args.values.help) {
      io.stdout.write(helpText(args.command));
      return EXIT.ok;
    }
    if (!args.command) {
      throw new UsageError(`no command given (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    }
    if (args.command === 'list') return listCommand(args, io);
    if (args.command === 'checkpoint') return await checkpointCommand(args, io);
    if (args.command === 'docs') return await docsCommand(args, io);
    if (args.command === 'infer') return await inferCommand(args, io);
    return await validateCommand(args, io);
  } catch (e) {
    io.stderr.write(`expect-check: ${errorLine(e)}\n`);
    if (e instanceof UsageError) io.stderr.write('Run `expect-check --help` for usage.\n');
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return e instanceof UsageError || e instanceof SuiteError || e instanceof CheckpointError
      ? EXIT.usage
      : EXIT.data;
  }
}
