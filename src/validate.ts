import { type RecordBatch, Table } from 'apache-arrow';
import { type RunOptions, runSuite } from './engine/run.js';
import { registry } from './expectations/index.js';
import { streamSource, tableSource } from './io/memory.js';
import { type OpenOptions, openSource } from './io/open.js';
import type { DataSource } from './io/types.js';
import type { ValidationResult } from './result/types.js';
import { loadSuite } from './suite/load.js';
import type { Suite } from './suite/model.js';

/**
 * What `validate` accepts as data: a path, glob or directory (or several, read as one batch), an
 * apache-arrow Table, an (async) iterable of RecordBatches, or any DataSource.
 */
export type SourceInput =
  | string
  | readonly string[]
  | Table
  | AsyncIterable<RecordBatch>
  | Iterable<RecordBatch>
  | DataSource;

/** Options of `validate`: the run's options and, for paths, how to read the files. */
export interface ValidateOptions extends RunOptions {
  /** Reader options for paths (format, CSV options). */
  read?: OpenOptions;
}

function isDataSource(x: unknown): x is DataSource {
  return (
    typeof x === 'object' && x !== null && 'batches' in x && typeof (x as DataSource).schema === 'function'
  );
}

/** Turns any accepted input into a data source. */
export async function toSource(input: SourceInput, read?: OpenOptions): Promise<DataSource> {
  if (typeof input === 'string') return openSource(input, read);
  if (Array.isArray(input) && input.every((x) => typeof x === 'string'))
    return openSource(input as string[], read);
  if (input instanceof Table) return tableSource(input);
  if (isDataSource(input)) return input;
  return streamSource(input as AsyncIterable<RecordBatch> | Iterable<RecordBatch>);
}

/**
 * Validates data against a suite (a Suite, or the path of a GX JSON/YAML suite file) in one streaming
 * pass and returns GX's suite validation result. A failing expectation is a result (success false),
 * never an exception; unreadable data rejects with a ReadError, a bad suite with a SuiteError.
 */
export async function validate(
  input: SourceInput,
  suite: Suite | string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const { read, ...run } = options;
  const s = typeof suite === 'string' ? await loadSuite(suite) : suite;
  // the run's limit reaches the readers too, so that they refuse a batch before decoding it
  const limit = run.maxBatchBytes === undefined ? {} : { maxBatchBytes: run.maxBatchBytes };
  return runSuite(s, await toSource(input, { ...limit, ...read }), registry, run);
}

/** Error thrown by `assertValid` when the data fails the suite; it carries the whole result. */
export class ValidationFailedError extends Error {
  readonly code = 'validation_failed';
  constructor(readonly result: ValidationResult) {
    const failed = result.results.filter((r) => !r.success).map((r) => r.expectation_config.type);
    super(
      `${result.suite_name}: ${failed.length} of ${result.results.length} expectations failed on ${result.meta.data_source.description} (${[...new Set(failed)].slice(0, 5).join(', ')})`,
    );
  }
}

/** Like `validate`, but throws a ValidationFailedError (carrying the result) when any expectation fails. */
export async function assertValid(
  input: SourceInput,
  suite: Suite | string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const result = await validate(input, suite, options);
  if (!result.success) throw new ValidationFailedError(result);
  return result;
}
