import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { AnyExpectationDef } from '../engine/expectation.js';
import { registry as defaultRegistry } from '../expectations/index.js';
import type { ExpectationConfig } from '../result/types.js';
import {
  formatPath,
  type IssueContext,
  issuesError,
  parseOptions,
  SuiteError,
  type SuiteIssue,
  showValue,
  suiteIssues,
  syntaxError,
  unreadableReason,
} from './errors.js';
import { resultFormat } from './kwargs.js';
import type { Suite } from './model.js';
import {
  evaluateParameterExpression,
  isParameterRef,
  PARAMETER_KEY,
  ParameterError,
  ParameterSyntaxError,
  parameterExpressionOf,
} from './parameters.js';
import { JsonSyntaxError, parsePythonJson } from './python-json.js';
import { didYouMean } from './suggest.js';

/** The expectations a suite may use, by GX type name. */
export type SuiteRegistry = ReadonlyMap<string, AnyExpectationDef>;

const id = z.string().nullable().optional();
const notes = z
  .union([z.string(), z.array(z.string())])
  .nullable()
  .optional();
const dict = z.record(z.string(), z.unknown());

// Every key GX 0.x or 1.x writes at the top of a suite; anything else is most likely a typo.
const suiteDocument = z.strictObject({
  name: z.string().optional(),
  expectation_suite_name: z.string().optional(),
  id,
  ge_cloud_id: id,
  expectations: z.array(z.unknown()).optional(),
  meta: dict.optional(),
  notes,
  suite_parameters: dict.nullable().optional(),
  evaluation_parameters: dict.nullable().optional(),
  data_asset_type: z.string().nullable().optional(),
  data_asset_name: z.unknown().optional(),
  result_format: resultFormat.optional(),
});

// Every key GX 0.x or 1.x writes on an expectation. Rendered content, descriptions and the like are
// accepted and dropped: they are derived or presentational and have no place in the suite model.
const expectationDocument = z.strictObject({
  type: z.string().optional(),
  expectation_type: z.string().optional(),
  kwargs: dict,
  meta: dict.nullable().optional(),
  notes,
  id,
  ge_cloud_id: id,
  description: z.string().nullable().optional(),
  severity: z.string().nullable().optional(),
  rendered_content: z.unknown().optional(),
  expectation_context: z.unknown().optional(),
  success_on_last_run: z.boolean().nullable().optional(),
});

/** The keys an object schema allows, looking through pipes and optional/default wrappers. */
function shapeKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return shapeKeys(schema.in as z.ZodType);
  const inner = (schema.def as { innerType?: unknown }).innerType;
  return inner instanceof z.ZodType ? shapeKeys(inner) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a value against a schema, ignoring problems of the keys in `unknownKeys` (values not known yet). */
function check(
  schema: z.ZodType,
  value: unknown,
  ctx: Omit<IssueContext, 'known'>,
  issues: SuiteIssue[],
  unknownKeys: ReadonlySet<string> = new Set(),
): boolean {
  const r = schema.safeParse(value, parseOptions);
  if (r.success) return true;
  const kept = r.error.issues.filter((i) => !unknownKeys.has(String(i.path[0])));
  issues.push(...suiteIssues(kept, { ...ctx, known: shapeKeys(schema) }));
  return kept.length === 0;
}

/** Stands for a kwarg whose value is known only when the suite runs. */
const RUNTIME_VALUE = Symbol('runtime suite parameter');

/**
 * The kwargs as the loader checks them, and the keys whose values are not known before the run. A
 * `$PARAMETER` expression that does not parse is reported here. One that names no runtime parameter is
 * evaluated now (now() being the load time), so its value is checked like a literal. One that names
 * runtime parameters may take any value: its key stays (so unknown keys are still reported) with a
 * placeholder whose own issues the caller drops. A placeholder fails its field, and zod then skips the
 * object's refinements, so rules across keys (min_value <= max_value) are judged when the suite runs.
 */
function loadTimeKwargs(
  kwargs: Record<string, unknown>,
  at: readonly PropertyKey[],
  issues: SuiteIssue[],
): { values: Record<string, unknown>; runtime: Set<string> } {
  const values = { ...kwargs };
  const runtime = new Set<string>();
  const scope = { values: {}, now: new Date() };
  for (const [key, v] of Object.entries(kwargs)) {
    if (!isParameterRef(v)) continue;
    values[key] = RUNTIME_VALUE;
    runtime.add(key);
    try {
      const expr = parameterExpressionOf(v);
      if (expr.names.length > 0) continue;
      values[key] = evaluateParameterExpression(expr, scope);
      runtime.delete(key);
    } catch (e) {
      if (!(e instanceof ParameterError || e instanceof ParameterSyntaxError)) throw e;
      const path = formatPath([...at, key, PARAMETER_KEY]);
      issues.push({ code: 'invalid_kwargs', path, message: e.message });
    }
  }
  return { values, runtime };
}

function readExpectation(
  raw: unknown,
  i: number,
  registry: SuiteRegistry,
  issues: SuiteIssue[],
): ExpectationConfig | undefined {
  const at = ['expectations', i];
  const ok = check(expectationDocument, raw, { code: 'suite_invalid', at, keyNoun: 'key' }, issues);
  if (!isRecord(raw)) return undefined;
  // GX 0.x calls the type expectation_type; report problems under the key the file uses.
  const typeKey = raw.type === undefined && raw.expectation_type !== undefined ? 'expectation_type' : 'type';
  const type = raw[typeKey];
  if (type === undefined) {
    issues.push({ code: 'suite_invalid', path: `expectations[${i}].type`, message: 'required' });
    return undefined;
  }
  if (typeof type !== 'string') return undefined;
  const def = registry.get(type);
  if (!def) {
    const message = `unknown expectation ${JSON.stringify(type)}${didYouMean(type, registry.keys())}`;
    issues.push({ code: 'unknown_expectation', path: `expectations[${i}].${typeKey}`, message });
    return undefined;
  }
  const { kwargs } = raw;
  if (!isRecord(kwargs)) return undefined;
  const { values, runtime } = loadTimeKwargs(kwargs, [...at, 'kwargs'], issues);
  const kwargsOk = check(
    def.kwargs,
    values,
    { code: 'invalid_kwargs', at: [...at, 'kwargs'], keyNoun: 'kwarg' },
    issues,
    runtime,
  );
  if (!ok || !kwargsOk) return undefined;
  const doc = raw as z.output<typeof expectationDocument>;
  const config: ExpectationConfig = { type, kwargs, meta: doc.meta ?? {} };
  const configId = doc.id ?? doc.ge_cloud_id;
  if (configId != null) config.id = configId;
  if (doc.notes != null) config.notes = doc.notes;
  return config;
}

/** Checks a parsed suite document (GX 0.x or 1.x shape) and turns it into a Suite. */
function toSuite(doc: unknown, file: string, registry: SuiteRegistry): Suite {
  if (!isRecord(doc)) {
    throw issuesError(file, [
      { code: 'suite_invalid', path: '', message: `expected a suite object, got ${showValue(doc)}` },
    ]);
  }
  const issues: SuiteIssue[] = [];
  const ok = check(suiteDocument, doc, { code: 'suite_invalid', at: [], keyNoun: 'key' }, issues);
  if (doc.name === undefined && doc.expectation_suite_name === undefined) {
    issues.push({ code: 'suite_invalid', path: 'name', message: 'required' });
  }
  const rawList = Array.isArray(doc.expectations) ? doc.expectations : [];
  const expectations = rawList.map((raw, i) => readExpectation(raw, i, registry, issues));
  if (!ok || issues.length > 0) throw issuesError(file, issues);
  const d = doc as z.output<typeof suiteDocument>;
  const suite: Suite = {
    name: (d.name ?? d.expectation_suite_name) as string,
    expectations: expectations as ExpectationConfig[],
    meta: d.meta ?? {},
  };
  const suiteId = d.id ?? d.ge_cloud_id;
  if (suiteId != null) suite.id = suiteId;
  if (d.notes != null) suite.notes = d.notes;
  if (d.result_format !== undefined) suite.result_format = d.result_format;
  // GX 0.x called them evaluation_parameters; 1.x suite_parameters wins where both name a parameter
  const parameters = { ...d.evaluation_parameters, ...d.suite_parameters };
  if (Object.keys(parameters).length > 0) suite.suite_parameters = parameters;
  return suite;
}

function emptyFile(file: string): SuiteError {
  return new SuiteError('suite_syntax', `${file}: empty file`, { file });
}

function parseJson(text: string, file: string): unknown {
  try {
    return parsePythonJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw syntaxError(file, 'JSON', e.message, e);
  }
}

/** Parses YAML text (the suite format's YAML reader, shared with checkpoint files); throws a SuiteError. */
export function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text);
  const err = doc.errors[0];
  if (err) {
    // yaml appends the position and a code frame to its messages; the position goes in front instead.
    const message = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const pos = err.linePos?.[0];
    throw syntaxError(file, 'YAML', message, pos && { line: pos.line, column: pos.col });
  }
  if (doc.contents === null) throw emptyFile(file);
  try {
    return doc.toJS();
  } catch (e) {
    // unresolved aliases and alias bombs surface only when the document is built
    throw syntaxError(file, 'YAML', e instanceof Error ? e.message : String(e));
  }
}

/** JSON for .json, YAML for .yaml/.yml; otherwise JSON when the text starts with { or [. */
function isJson(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  return /^\s*[{[]/.test(text);
}

/**
 * Parses and checks a suite written as GX 0.x or 1.x JSON (with Python's NaN/Infinity tokens) or
 * YAML, validating every expectation's kwargs; throws a SuiteError naming `file` and the place.
 */
export function parseSuite(text: string, file: string, registry: SuiteRegistry = defaultRegistry): Suite {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw emptyFile(file);
  const doc = isJson(file, body) ? parseJson(body, file) : parseYaml(body, file);
  return toSuite(doc, file, registry);
}

function unreadable(file: string, e: unknown): SuiteError {
  return new SuiteError('suite_unreadable', `${file}: ${unreadableReason(e)}`, { file });
}

/** Reads a suite file (see parseSuite). */
export async function loadSuite(path: string, registry: SuiteRegistry = defaultRegistry): Promise<Suite> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw unreadable(path, e);
  }
  return parseSuite(text, path, registry);
}

export { SuiteError, type SuiteErrorCode, type SuiteIssue } from './errors.js';
