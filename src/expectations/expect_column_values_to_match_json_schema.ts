import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { col, type JsonValue, json } from '../engine/expr.js';
import { compileJsonSchema } from '../engine/json.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** Each non-missing string is JSON that a JSON Schema accepts. */
export const expectColumnValuesToMatchJsonSchema = defineExpectation({
  type: 'expect_column_values_to_match_json_schema',
  description:
    "Each string is JSON (as json.loads reads it) that json_schema accepts: draft 2020-12 unless $schema names 2019-09 or 07, unknown keywords ignored, format not asserted, as Python's jsonschema. A string that is not JSON is unexpected (GX raises on it). Nulls are left out.",
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, json_schema: z.record(z.string(), z.unknown()) }),
  sentence: (k) =>
    valuesSentence(k.column, `are JSON matching the schema ${JSON.stringify(k.json_schema)}`, k.mostly),
  examples: [
    {
      kwargs: {
        column: 'event',
        json_schema: {
          type: 'object',
          properties: { id: { type: 'integer' }, kind: { enum: ['click', 'view'] } },
          required: ['id', 'kind'],
        },
      },
    },
  ],
  map: {
    predicate: (k) => {
      const schema = k.json_schema as JsonValue;
      // an invalid schema fails the expectation at plan time
      compileJsonSchema(schema);
      return json(col(k.column), schema);
    },
  },
});
