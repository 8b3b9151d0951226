import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createColors } from 'picocolors';
import { runSuite } from '../engine/run.js';
import { expectations, registry } from '../expectations/index.js';
import type { CsvColumnType, CsvOptions } from '../io/csv.js';
import { openSource } from '../io/open.js';
import { ReadError } from '../io/types.js';
import { escapeControl } from '../report/observed.js';
import { renderTerminal } from '../report/terminal.js';
import { resultToJson } from '../result/json.js';
import type { ResultFormatLevel } from '../result/types.js';
import { loadSuite, SuiteError } from '../suite/load.js';
import { isParameterName } from '../suite/parameters.js';
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
    out[col] = type as CsvColumnType;
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
      out[name] = JSON.parse(text);
    } catch {
      out[name] = text;
    }
  }
  return out;
}

function useColor(v: ParsedArgs['values'], io: Io): boolean {
  if (v['no-color']) return false;
  if (v.color) return true;
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}

/** Writes the `--json` file; a path that cannot be written is a usage error, as a bad option value is. */
async function writeJsonFile(path: string, json: string): Promise<void> {
  try {
    await writeFile(path, json);
  } catch (e) {
    throw new UsageError(`--json ${path}: cannot write the file (${fileProblem(e)})`);
  }
}

async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const v = args.values;
  if (typeof v.suite !== 'string') throw new UsageError('validate needs --suite FILE');
  if (args.positionals.length === 0)
    throw new UsageError('validate needs at least one data file, directory or glob');
  if (args.positionals.includes('')) throw new UsageError('a data path is empty (check the quoting)');
  const csv = csvOptions(v);
  const parameters = suiteParameters(v);
  const suite = await loadSuite(v.suite);
  const source = await openSource(args.positionals, {
    csv,
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
      suiteParameters: parameters,
      onProgress: v.quiet ? undefined : (rows) => progress.update(rows),
    });
  } finally {
    // an error line must not land on the end of a progress line
    progress.done();
  }
  const jsonToStdout = v.json === '-';
  if (typeof v.json === 'string') {
    const json = `${resultToJson(result)}\n`;
    if (jsonToStdout) io.stdout.write(json);
    else await writeJsonFile(v.json, json);
  }
  if (!v.quiet && !jsonToStdout) {
    io.stdout.write(
      renderTerminal(result, {
        color: useColor(v, io),
        failuresOnly: Boolean(v['failures-only']),
        ...(io.stdout.isTTY && io.stdout.columns ? { width: io.stdout.columns } : {}),
      }),
    );
  }
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

/**
 * The one line an error prints. Our own errors are one line by design, so a line break or escape in
 * them comes from a path or a value and is shown escaped; anything else is unexpected, and its first
 * line is shown.
 */
function errorLine(e: unknown): string {
  if (e instanceof ReadError || e instanceof SuiteError || e instanceof UsageError) {
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
    return await validateCommand(args, io);
  } catch (e) {
    io.stderr.write(`expect-check: ${errorLine(e)}\n`);
    if (e instanceof UsageError) io.stderr.write('Run `expect-check --help` for usage.\n');
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return e instanceof UsageError || e instanceof SuiteError ? EXIT.usage : EXIT.data;
  }
}
