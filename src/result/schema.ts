import { z } from 'zod';

/**
 * The validation result as a zod schema: the single source of docs/result.schema.json (JSON Schema)
 * and of the test that every emitted result conforms. Field names and nesting are GX 1.x's.
 */
const exceptionInfo = z.object({
  raised_exception: z.boolean(),
  exception_message: z.string().nullable(),
  exception_traceback: z.string().nullable(),
});

const expectationConfig = z.object({
  type: z.string().describe('GX expectation type, e.g. expect_column_values_to_be_between'),
  kwargs: z.record(z.string(), z.unknown()).describe('kwargs as written in the suite'),
  meta: z.record(z.string(), z.unknown()),
  id: z.string().optional(),
  notes: z.union([z.string(), z.array(z.string())]).optional(),
});

const count = z.number().int().min(0);
const percent = z.number().min(0).max(100).nullable();

const mapResult = z
  .object({
    element_count: count,
    unexpected_count: count,
    unexpected_percent: percent,
    missing_count: count.optional(),
    missing_percent: percent.optional(),
    unexpected_percent_total: percent.optional(),
    unexpected_percent_nonmissing: percent.optional(),
    partial_unexpected_list: z.array(z.unknown()).optional(),
    partial_unexpected_counts: z.array(z.object({ value: z.unknown(), count: count })).optional(),
    partial_unexpected_index_list: z.array(z.unknown()).optional(),
    unexpected_list: z.array(z.unknown()).optional(),
    unexpected_index_list: z.array(z.unknown()).optional(),
    unexpected_index_column_names: z.array(z.string()).optional(),
    unexpected_list_truncated: z.boolean().optional(),
  })
  .describe('row-wise (map) expectation result');

const aggregateResult = z
  .object({ observed_value: z.unknown(), details: z.record(z.string(), z.unknown()).optional() })
  .passthrough()
  .describe('aggregate expectation result');

const expectationResult = z.object({
  success: z.boolean(),
  expectation_config: expectationConfig,
  result: z.union([mapResult, aggregateResult, z.object({}).strict()]),
  meta: z.record(z.string(), z.unknown()),
  exception_info: exceptionInfo,
});

/** zod schema of a ValidationResult (see src/result/types.ts). */
export const validationResultSchema = z
  .object({
    success: z.boolean(),
    results: z.array(expectationResult),
    suite_name: z.string(),
    suite_parameters: z.record(z.string(), z.unknown()),
    statistics: z.object({
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
        data_source: z.object({
          description: z.string(),
          format: z.string(),
          files: z.array(z.string()),
          row_count: count.nullable(),
        }),
        run_id: z.object({ run_name: z.string().nullable(), run_time: z.string() }),
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
