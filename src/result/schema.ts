import { z } from 'zod';

/**
 * The validation result as a zod schema: the single source of docs/result.schema.json (JSON Schema)
 * and of the test that every emitted result conforms. Field names and nesting are GX 1.x's.
 */
const exceptionInfo = z.strictObject({
  raised_exception: z.boolean(),
  exception_message: z.string().nullable(),
  exception_traceback: z.string().nullable(),
});

const expectationConfig = z.strictObject({
  type: z.string().describe('GX expectation type, e.g. expect_column_values_to_be_between'),
  kwargs: z.record(z.string(), z.unknown()).describe('kwargs as written in the suite'),
  meta: z.record(z.string(), z.unknown()),
  id: z.string().optional(),
  notes: z.union([z.string(), z.array(z.string())]).optional(),
});

const count = z.number().int().min(0);
const percent = z.number().min(0).max(100).nullable();
/** A row number, or the identifying record of a row when unexpected_index_column_names are given. */
const rowIndex = z.union([count, z.record(z.string(), z.unknown())]);

/** Map results hold counts and never an observed_value; aggregate results the reverse: the arms exclude each other. */
const mapResult = z
  .strictObject({
    element_count: count,
    unexpected_count: count,
    unexpected_percent: percent,
    missing_count: count.optional(),
    missing_percent: percent.optional(),
    unexpected_percent_total: percent.optional(),
    unexpected_percent_nonmissing: percent.optional(),
    partial_unexpected_list: z.array(z.unknown()).optional(),
    partial_unexpected_counts: z.array(z.strictObject({ value: z.unknown(), count: count })).optional(),
    partial_unexpected_index_list: z.array(rowIndex).optional(),
    unexpected_list: z.array(z.unknown()).optional(),
    unexpected_index_list: z.array(rowIndex).optional(),
    unexpected_index_column_names: z.array(z.string()).optional(),
    unexpected_list_truncated: z.boolean().optional(),
  })
  .describe('row-wise (map) expectation result (BASIC, SUMMARY or COMPLETE)');

const aggregateResult = z
  .strictObject({
    observed_value: z.unknown().describe('what was measured (may be null, e.g. the mean of no values)'),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('aggregate expectation result (BASIC, SUMMARY or COMPLETE)');

const noResult = z
  .strictObject({})
  .describe('no result: result_format BOOLEAN_ONLY, an expectation that reports none, or an exception');

const expectationResultFields = {
  expectation_config: expectationConfig,
  meta: z.record(z.string(), z.unknown()),
};

/** An expectation that ran: its success and its result, and no exception. */
const ranResult = z
  .strictObject({
    success: z.boolean(),
    ...expectationResultFields,
    result: z.union([mapResult, aggregateResult, noResult]),
    exception_info: exceptionInfo.extend({
      raised_exception: z.literal(false),
      exception_message: z.null(),
      exception_traceback: z.null(),
    }),
  })
  .describe('an expectation that ran');

/** An expectation that could not run: never a success, no result, and the reason. */
const raisedResult = z
  .strictObject({
    success: z.literal(false),
    ...expectationResultFields,
    result: noResult,
    exception_info: exceptionInfo.extend({
      raised_exception: z.literal(true),
      exception_message: z.string(),
    }),
  })
  .describe('an expectation that could not run (exception_info says why)');

const expectationResult = z.union([ranResult, raisedResult]);

/** zod schema of a ValidationResult (see src/result/types.ts); strict objects, so that zod and the JSON Schema agree. */
export const validationResultSchema = z
  .strictObject({
    success: z.boolean(),
    results: z.array(expectationResult),
    suite_name: z.string(),
    suite_parameters: z.record(z.string(), z.unknown()),
    statistics: z.strictObject({
      evaluated_expectations: count,
      successful_expectations: count,
      unsuccessful_expectations: count,
      success_percent: percent,
    }),
    meta: z
      .object({
        expect_check_version: z.string(),
        result_schema_version: z.string(),
        suite_name: z.string(),
        data_source: z.strictObject({
          description: z.string(),
          format: z.string(),
          files: z.array(z.string()),
          row_count: count.nullable(),
          read: z.literal('metadata').optional(),
        }),
        run_id: z.strictObject({ run_name: z.string().nullable(), run_time: z.string() }),
        validation_time: z.string(),
        duration_ms: z.number().min(0),
      })
      .passthrough(),
    id: z.string().nullable(),
  })
  .describe('expect-check validation result (GX 1.x suite validation result shape)');

/** The JSON Schema (draft 2020-12) of a validation result, as written to docs/result.schema.json. */
export function resultJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://expect-check.dev/schemas/validation-result/1.json',
    ...z.toJSONSchema(validationResultSchema, { unrepresentable: 'any' }),
  } as Record<string, unknown>;
}
