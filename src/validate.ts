import { type RecordBatch, Table } from 'apache-arrow';
import { type RunOptions, runSuite } from './engine/run.js';
import { registry } from './expectations/index.js';
import { streamSource, tableSource } from './io/memory.js';
import type { DataSource } from './io/types.js';
import type { ValidationResult } from './result/types.js';
import type { Suite } from './suite/model.js';

/** What `validate` accepts as data. */
export type SourceInput = Table | AsyncIterable<RecordBatch> | Iterable<RecordBatch> | DataSource;

/** Options of `validate`. */
export type ValidateOptions = RunOptions;

function isDataSource(x: unknown): x is DataSource {
  return (
    typeof x === 'object' &&
    x !== null &&
    'batches' in x &&
    'schema' in x &&
    typeof (x as DataSource).schema === 'function'
  );
}

/** Turns any accepted input into a data source. */
export function toSource(input: SourceInput): DataSource {
  if (input instanceof Table) return tableSource(input);
  if (isDataSource(input)) return input;
  return streamSource(input);
}

/**
 * Validates data against a suite in one streaming pass and returns GX's suite validation result.
 * A failing expectation is a result (success false), never an exception.
 */
export async function validate(
  input: SourceInput,
  suite: Suite,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  return runSuite(suite, toSource(input), registry, options);
}
