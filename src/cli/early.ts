import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { AUTO_PARALLEL_BYTES, prestartWorker } from '../engine/parallel.js';
import { formatByExtension, type SourceFormat } from '../io/formats.js';
import { warmParquetReader } from '../io/parquet-thread.js';
import { type ParsedArgs, parseCommandLine } from './args.js';

/**
 * The expectations whose metrics get a worker thread of their own beside a large scan (their definitions
 * say `heavy: true`; a test holds the two lists together). Listed here by name so that the CLI can tell
 * from a suite's text, before it loads the registry, that the run will want that worker.
 */
export const HEAVY_EXPECTATIONS: readonly string[] = [
  'expect_column_values_to_be_unique',
  'expect_compound_columns_to_be_unique',
];

/** What a `validate` command line is about to need, judged from the line and the files alone. */
export interface EarlyStart {
  /** The Parquet reader thread: some data path is Parquet. */
  readonly reader: boolean;
  /**
   * A worker thread for the uniqueness checks beside the scan (as the engine decides later, see
   * `mayScanBeside` in engine/run.ts): one data file of at least AUTO_PARALLEL_BYTES, a suite that names
   * a heavy expectation, no worker count given and a second core.
   */
  readonly worker: boolean;
}

/** The threads a command line will want (none for anything but a well-formed `validate`). */
export function earlyStart(argv: readonly string[], cores = availableParallelism()): EarlyStart {
  let args: ParsedArgs;
  try {
    args = parseCommandLine(argv);
  } catch {
    // the CLI reports it once it has loaded
    return { reader: false, worker: false };
  }
  const { command, positionals, values } = args;
  if (command !== 'validate') return { reader: false, worker: false };
  // as openSource reads them: the asked format, else the extension's
  const asked = values.format as SourceFormat | undefined;
  const reader = positionals.some((p) => (asked ?? formatByExtension(p, undefined)) === 'parquet');
  const worker =
    positionals.length === 1 &&
    values.workers === undefined &&
    cores >= 2 &&
    typeof values.suite === 'string' &&
    largeFile(positionals[0] as string) &&
    namesHeavy(values.suite);
  return { reader, worker };
}

function largeFile(path: string): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && s.size >= AUTO_PARALLEL_BYTES;
  } catch {
    return false;
  }
}

/** True when the suite's text names a heavy expectation (a mention in a note only starts a thread in vain). */
function namesHeavy(suitePath: string): boolean {
  let text: string;
  try {
    text = readFileSync(suitePath, 'utf8');
  } catch {
    return false;
  }
  return HEAVY_EXPECTATIONS.some((name) => text.includes(name));
}

/**
 * Starts the threads a `validate` command line is about to need before the CLI loads the engine (about
 * a third of a second), so that their own start-up (parquet-wasm's instance; the worker's engine and its
 * reader thread) overlaps it. Threads the run turns out not to want are stopped (the worker) or idle
 * (the reader thread); neither keeps the process alive.
 */
export function startEarly(argv: readonly string[]): void {
  const start = earlyStart(argv);
  if (start.reader) warmParquetReader();
  if (start.worker) prestartWorker({ parquet: start.reader });
}
