/**
 * expect-check: Great Expectations-compatible data validation over Apache Arrow, in one streaming pass.
 */
export { type ExpectBuilders, expect, SuiteBuildError, suite } from './build.js';
export type { AnyExpectationDef, Domain, ExpectationDef, PlanContext } from './engine/expectation.js';
export type { Expr } from './engine/expr.js';
export type { Metric } from './engine/metric.js';
export { ExpectationError, type Registry, type RunOptions, runSuite } from './engine/run.js';
export { describeExpectation } from './expectations/describe.js';
export { expectations, registry } from './expectations/index.js';
export { type CsvColumnType, type CsvOptions, csvSource, readCsvTable } from './io/csv.js';
export { ipcSource, writeIpcFile } from './io/ipc.js';
export { streamSource, tableSource } from './io/memory.js';
export { type OpenOptions, openSource } from './io/open.js';
export { parquetSource, writeParquetFile } from './io/parquet.js';
export { type DataSource, ReadError, type ReadErrorCode, type SourceBatch } from './io/types.js';
export { renderTerminal } from './report/terminal.js';
export { resultToJson } from './result/json.js';
export { resultJsonSchema, validationResultSchema } from './result/schema.js';
export type {
  ExceptionInfo,
  ExpectationConfig,
  ExpectationResult,
  ResultFormatLevel,
  ResultFormatOptions,
  Statistics,
  ValidationResult,
} from './result/types.js';
export { loadSuite, parseSuite, SuiteError } from './suite/load.js';
export type { Suite } from './suite/model.js';
export { saveSuite, suiteToJson } from './suite/write.js';
export {
  assertValid,
  type SourceInput,
  toSource,
  type ValidateOptions,
  ValidationFailedError,
  validate,
} from './validate.js';
export { VERSION } from './version.js';
