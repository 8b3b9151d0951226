import { describe, expect, it } from 'vitest';
import { compileJsonSchema, JsonSchemaError, parsePythonJson } from '../../src/engine/json.js';

describe('parsePythonJson', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    [' [1, 2] ', [1, 2]],
    ['"x"', 'x'],
    ['null', null],
    ['1e2', 100],
    ['[NaN, Infinity, -Infinity]', [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
    ['{"NaN": "Infinity", "v": NaN}', { NaN: 'Infinity', v: Number.NaN }],
  ])('reads %j as json.loads does', (s, want) => {
    expect(parsePythonJson(s)?.value).toEqual(want);
  });

  it.each([
    '',
    'a',
    "{'a': 1}",
    '{"a":1',
    '[1,]',
    'nan',
    '[NaNa]',
    '{"a": 1} x',
    '1.5Infinity',
    '-Infinity1',
    'undefined',
  ])('refuses %j as json.loads does', (s) => {
    expect(parsePythonJson(s)).toBeUndefined();
  });
});

describe('compileJsonSchema', () => {
  const schema = { properties: { a: { type: 'integer' } }, required: ['a'] };

  it('validates documents, draft 2020-12 by default', () => {
    const v = compileJsonSchema(schema);
    expect(v({ a: 1 })).toBe(true);
    expect(v({ a: 1.0 })).toBe(true);
    expect(v({ a: 1.5 })).toBe(false);
    expect(v({ b: 1 })).toBe(false);
    // prefixItems exists from 2020-12 on
    const tuple = compileJsonSchema({ prefixItems: [{ type: 'string' }], items: false });
    expect(tuple(['x'])).toBe(true);
    expect(tuple(['x', 1])).toBe(false);
  });

  it('ignores unknown keywords and formats, as Python jsonschema', () => {
    const v = compileJsonSchema({ type: 'string', format: 'email', 'x-note': 'free text' });
    expect(v('not an email')).toBe(true);
    expect(v(1)).toBe(false);
  });

  it('follows $schema for draft-07 and 2019-09', () => {
    const d7 = compileJsonSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: false,
    });
    expect(d7(['x'])).toBe(true);
    expect(d7(['x', 1])).toBe(false);
    const d19 = compileJsonSchema({ $schema: 'https://json-schema.org/draft/2019-09/schema', minimum: 2 });
    expect(d19(1)).toBe(false);
  });

  it('refuses schemas that are not valid JSON Schema, or drafts it does not know', () => {
    expect(() => compileJsonSchema({ type: 'nope' })).toThrow(JsonSchemaError);
    expect(() => compileJsonSchema({ minimum: 'x' })).toThrow(/invalid json_schema/);
    expect(() => compileJsonSchema({ $schema: 'http://json-schema.org/draft-04/schema#' })).toThrow(
      /not supported/,
    );
  });
});
