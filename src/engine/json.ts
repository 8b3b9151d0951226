import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonValue } from './expr.js';

/** Error raised when a suite's JSON Schema cannot be used. */
export class JsonSchemaError extends Error {
  readonly code = 'invalid_json_schema';
}

const NAN_MARK = '\u0000py:NaN';

/**
 * Parses a string as Python's `json.loads` does: standard JSON, plus the bare `NaN`, `Infinity` and
 * `-Infinity` Python writes and reads. Returns undefined when the string is not JSON.
 */
export function parsePythonJson(s: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(s) };
  } catch {
    if (!s.includes('NaN') && !s.includes('Infinity')) return undefined;
  }
  const rewritten = rewriteNonFinite(s);
  if (rewritten === undefined) return undefined;
  try {
    return { value: JSON.parse(rewritten, (_k, v) => (v === NAN_MARK ? Number.NaN : v)) };
  } catch {
    return undefined;
  }
}

/** Replaces NaN and ±Infinity outside strings by JSON that parses to them (1e999 is Infinity). */
function rewriteNonFinite(s: string): string | undefined {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '"') {
      const end = stringEnd(s, i);
      out += s.slice(i, end);
      i = end - 1;
    } else if (s.startsWith('NaN', i)) {
      out += ` ${JSON.stringify(NAN_MARK)} `;
      i += 2;
      changed = true;
    } else if (s.startsWith('Infinity', i) || s.startsWith('-Infinity', i)) {
      // spaced, so that digits next to it never join it into one number
      const minus = c === '-';
      out += minus ? ' -1e999 ' : ' 1e999 ';
      i += minus ? 8 : 7;
      changed = true;
    } else {
      out += c;
    }
  }
  return changed ? out : undefined;
}

/** The index after the JSON string literal that starts at i (or the end of s when it is unterminated). */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '"') return j + 1;
  }
  return s.length;
}

const validators = new Map<string, (v: unknown) => boolean>();

/** The Ajv class for a schema's `$schema` (none means the latest draft, as Python's jsonschema). */
function ajvFor(schema: JsonValue): Ajv | Ajv2019 | Ajv2020 {
  const declared =
    schema && typeof schema === 'object' && !Array.isArray(schema)
      ? (schema as Record<string, unknown>).$schema
      : undefined;
  const opts = { strict: false, validateFormats: false } as const;
  if (declared === undefined) return new Ajv2020(opts);
  const uri = String(declared)
    .replace(/^https?:\/\//, '')
    .replace(/#$/, '');
  if (uri === 'json-schema.org/draft/2020-12/schema') return new Ajv2020(opts);
  if (uri === 'json-schema.org/draft/2019-09/schema') return new Ajv2019(opts);
  if (uri === 'json-schema.org/draft-07/schema') return new Ajv(opts);
  throw new JsonSchemaError(
    `json_schema: $schema ${JSON.stringify(declared)} is not supported (use draft 2020-12, 2019-09 or 07)`,
  );
}

/**
 * Compiles a JSON Schema once (validated against its meta-schema, as jsonschema's check_schema does)
 * and returns the test of a parsed document. Keywords Ajv does not know are ignored and `format` is
 * not asserted, as in Python's jsonschema; an invalid schema is a JsonSchemaError.
 */
export function compileJsonSchema(schema: JsonValue): (value: unknown) => boolean {
  const key = JSON.stringify(schema);
  const hit = validators.get(key);
  if (hit) return hit;
  let test: (value: unknown) => boolean;
  try {
    // one Ajv per schema, so that two schemas with the same $id never clash
    const validate = ajvFor(schema).compile(schema as object | boolean);
    test = (v) => validate(v) === true;
  } catch (e) {
    if (e instanceof JsonSchemaError) throw e;
    throw new JsonSchemaError(`invalid json_schema: ${(e as Error).message}`);
  }
  if (validators.size > 100) validators.clear();
  validators.set(key, test);
  return test;
}
