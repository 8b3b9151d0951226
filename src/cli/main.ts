import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createColors } from 'picocolors';
import { runSuite } from '../engine/run.js';
import { expectations, registry } from '../expectations/index.js';
import type { CsvColumnType, CsvOptions } from '../io/csv.js';
import { openSource } from '../io/open.js';
import { ReadError } from '../io/types.js';
import { renderTerminal } from '../report/terminal.js';
import { resultToJson } from '../result/json.js';
import type { ResultFormatLevel } from '../result/types.js';
import { loadSuite, SuiteError } from '../suite/load.js';
import { VERSION } from '../version.js';
import { type ParsedArgs, parseCommandLine, UsageError } from './args.js';
import { helpText } from './help.js';
import { EXIT } from './options.js';
import { Progress } from './progress.js';

/** Where the CLI writes; injectable for tests. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

const CSV_TYPES: readonly CsvColumnType[] = ['int64', 'float64', 'bool', 'timestamp', 'date', 'utf8'];

function parseSchemaSpec(spec: string): Record<string, CsvColumnType> {
  let entries: [string, string][];
  if (/\.json$/i.test(spec)) {
    let obj: unknown;
    try {
      obj = JSON.parse(readFileSync(spec, 'utf8'));
    } catch (e) {
      throw new UsageError(`--schema ${spec}: ${(e as Error).message}`);
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

function useColor(v: ParsedArgs['values'], io: Io): boolean {
  if (v['no-color']) return false;
  if (v.color) return true;
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}

async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const v = args.values;
  if (typeof v.suite !== 'string') throw new UsageError('validate needs --suite FILE');
  if (args.positionals.length === 0)
    throw new UsageError('validate needs at least one data file, directory or glob');
  const suite = await loadSuite(v.suite);
  const source = await openSource(args.positionals, {
    csv: csvOptions(v),
    ...(typeof v.format === 'string' ? { format: v.format as 'parquet' | 'csv' | 'arrow' } : {}),
  });
  const jsonToStdout = v.json === '-';
  const progress = new Progress(io.stderr as NodeJS.WriteStream);
  const result = await runSuite(suite, source, registry, {
    ...(typeof v['result-format'] === 'string'
      ? { resultFormat: v['result-format'] as ResultFormatLevel }
      : {}),
    ...(typeof v['max-unexpected-rows'] === 'number' ? { maxUnexpectedRows: v['max-unexpected-rows'] } : {}),
    ...(typeof v['run-name'] === 'string' ? { runName: v['run-name'] } : {}),
    onProgress: v.quiet ? undefined : (rows) => progress.update(rows),
  });
  progress.done();
  const json = `${resultToJson(result)}\n`;
  if (jsonToStdout) io.stdout.write(json);
  else if (typeof v.json === 'string') await writeFile(v.json, json);
  if (!v.quiet && !jsonToStdout) {
    io.stdout.write(
      renderTerminal(result, { color: useColor(v, io), failuresOnly: Boolean(v['failures-only']) }),
    );
  }
  return result.success ? EXIT.ok : EXIT.failed;
}

function listCommand(args: ParsedArgs, io: Io): number {
  const c = createColors(useColor(args.values, io));
  const defs = Object.values(expectations);
  const width = Math.max(...defs.map((d) => d.type.length));
  for (const d of defs)
    io.stdout.write(`${c.cyan(d.type.padEnd(width))}  ${c.dim(d.domain.padEnd(11))}  ${d.description}\n`);
  io.stdout.write(`${defs.length} expectations\n`);
  return EXIT.ok;
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
    if (args.values.help || !args.command) {
      io.stdout.write(helpText(args.command));
      return args.command || args.values.help ? EXIT.ok : EXIT.usage;
    }
    if (args.command === 'list') return listCommand(args, io);
    return await validateCommand(args, io);
  } catch (e) {
    const err = e as Error & { code?: string };
    const code = e instanceof UsageError || e instanceof SuiteError ? EXIT.usage : EXIT.data;
    const prefix =
      e instanceof ReadError || e instanceof SuiteError || e instanceof UsageError ? '' : 'error: ';
    io.stderr.write(`expect-check: ${prefix}${err.message.split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr.write('Run `expect-check --help` for usage.\n');
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return code;
  }
}
