/**
 * expect-check: Great Expectations-compatible data validation over Apache Arrow, in one streaming pass.
 */
export { type ExpectBuilders, expect, SuiteBuildError, suite } from './build.js';
export { actions as checkpointActions } from './checkpoint/actions/index.js';
export type { NotificationPayload } from './checkpoint/actions/notify.js';
export {
  type ActionContext,
  type ActionDef,
  type ActionOutcome,
  type ActionReport,
  defineAction,
} from './checkpoint/actions/types.js';
export {
  type Checkpoint,
  CheckpointError,
  type CheckpointErrorCode,
  type LoadCheckpointOptions,
  loadCheckpoint,
  parseCheckpoint,
} from './checkpoint/load.js';
export {
  type CheckpointMeta,
  type CheckpointResult,
  type CheckpointValidationResult,
  type RunCheckpointOptions,
  runCheckpoint,
} from './checkpoint/run.js';
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
export { renderGithubAnnotations } from './report/github.js';
export { type RunPageLinks, renderRunPage } from './report/html/run-page.js';
export { type BuildOutcome, buildDataDocs, runPagePath, storeResult } from './report/html/site.js';
export { renderSuitePage, type SuiteView, suiteOfResult } from './report/html/suite-page.js';
export { renderJunit } from './report/junit.js';
export { type MarkdownOptions, renderMarkdown } from './report/markdown.js';
export { type Reporter, type ReporterName, type ReportOptions, reporters } from './report/reporters.js';
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
export type { RowCallback } from './schema/callback.js';
export {
  type BetweenOptions,
  bool,
  Column,
  type ColumnCheck,
  type ColumnExpectationType,
  date,
  dtype,
  float32,
  float64,
  int8,
  int16,
  int32,
  int64,
  type Kind,
  type LiteralOf,
  type MostlyOption,
  type RangeOptions,
  type TimeUnit,
  timestamp,
  uint8,
  uint16,
  uint32,
  uint64,
  utf8,
  type ValueOf,
} from './schema/columns.js';
export { type SchemaDefinitionCode, SchemaDefinitionError, SchemaError } from './schema/errors.js';
export {
  and,
  Condition,
  col,
  type IgnoreRowIf,
  type LiteralInput,
  lit,
  not,
  type Operand,
  or,
  type RowCheckOptions,
  Value,
} from './schema/expr.js';
export { failureCasesTable } from './schema/failures.js';
export { type InferOptions, inferSchema, schemaToTypeScript } from './schema/infer.js';
export { regexToPython } from './schema/regex.js';
export {
  type ColumnsMode,
  type ColumnValue,
  type Infer,
  type RowOf,
  type Shape,
  TableSchema,
  type ToSuiteOptions,
  table,
} from './schema/table.js';
export { type FromZodOptions, fromZod, type ShapeFromZod, toZod } from './schema/zod.js';
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
