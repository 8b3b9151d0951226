import type { Table } from 'apache-arrow';
import type { ValidationResult } from '../result/types.js';

/** Why a schema cannot be declared, converted or written out. */
export type SchemaDefinitionCode =
  | 'invalid_check'
  | 'duplicate_check'
  | 'unsupported_regex'
  | 'unsupported_value'
  | 'unsupported_zod'
  | 'not_exportable';

/** A schema that cannot be built as written: a bad check, a regex GX cannot run, a zod type with no column. */
export class SchemaDefinitionError extends Error {
  override readonly name = 'SchemaDefinitionError';
  constructor(
    readonly code: SchemaDefinitionCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Data that fails a schema, thrown by `schema.assert()` after every check ran (lazy, like Pandera's
 * `lazy=True`): the message lists each failed check, `failureCases` holds one row per failure.
 */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  readonly code = 'schema_failed';
  constructor(
    message: string,
    /** The whole validation result. */
    readonly result: ValidationResult,
    /**
     * One row per failure: column (utf8, null for table and row checks), check (utf8), expectation
     * (utf8, the GX type), value (utf8 text, null for a missing value), value_type (utf8), row_index
     * (int64, null for failures of the whole column or table).
     */
    readonly failureCases: Table,
  ) {
    super(message);
  }
}
