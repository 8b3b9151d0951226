import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { resultToJson } from '../../src/result/json.js';
import { validationResultSchema } from '../../src/result/schema.js';

/** The published JSON Schema of results, as docs/result.schema.json holds it. */
export const publishedSchema: Record<string, unknown> = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../docs/result.schema.json'), 'utf8'),
);

const validateJson = new Ajv2020({ allErrors: true, strict: true }).compile(publishedSchema);

/** Why a result (an object as the engine returns it) breaks the zod schema or the published JSON Schema. */
export function schemaProblems(result: unknown): string[] {
  const problems: string[] = [];
  const parsed = validationResultSchema.safeParse(result);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 5))
      problems.push(`zod: ${issue.path.join('.')}: ${issue.message}`);
  }
  // the JSON Schema judges the JSON text, as consumers of the result file read it
  if (!validateJson(JSON.parse(resultToJson(result)))) {
    for (const e of (validateJson.errors ?? []).slice(0, 5))
      problems.push(`json schema: ${e.instancePath}: ${e.message}`);
  }
  return problems;
}

/** Throws when a result breaks either schema, naming the first problems. */
export function assertConforms(result: unknown): void {
  const problems = schemaProblems(result);
  if (problems.length) throw new Error(`result does not conform to its schema:\n${problems.join('\n')}`);
}
