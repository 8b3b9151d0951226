import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CsvColumnType, CsvOptions } from '../io/csv.js';
import type { SourceFormat } from '../io/formats.js';
import type { OpenOptions } from '../io/open.js';
import type { ResultFormatLevel, ResultFormatOptions } from '../result/types.js';
import { formatPath, parseOptions, suiteIssues, unreadableReason } from '../suite/errors.js';
import { resultFormat } from '../suite/kwargs.js';
import { parseYaml, SuiteError } from '../suite/load.js';
import { closest, didYouMean } from '../suite/suggest.js';
import { actions as defaultActions } from './actions/index.js';
import type { ActionDef } from './actions/types.js';
import { type DatasourceSpec, findSuite, inDir, resolveAsset } from './resolve.js';
import { unknownDirective } from './strftime.js';
import { type Redact, redactor, substituteVariables } from './variables.js';

/** Why a checkpoint file was rejected. */
export type CheckpointErrorCode =
  | 'checkpoint_unreadable'
  | 'checkpoint_syntax'
  | 'checkpoint_invalid'
  | 'missing_variable'
  | 'unknown_action'
  | 'unresolved';

/** One problem in a checkpoint: where it is (`action_list[2].action.url`) and what. */
export interface CheckpointIssue {
  code: CheckpointErrorCode;
  path: string;
  message: string;
}

/**
 * A checkpoint that cannot be read or used (CLI exit code 2). The message is one line naming the file, the
 * place in it and the first problem, without any substituted value; `issues` lists every problem.
 */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
  readonly issues: readonly CheckpointIssue[];
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
    readonly file?: string,
    issues?: readonly CheckpointIssue[],
  ) {
    super(message);
    this.issues = issues ?? [{ code, path: '', message }];
  }
}

/** An action of a validation, its options checked. */
export interface CheckpointAction {
  readonly name: string;
  readonly def: ActionDef;
  readonly config: unknown;
}

/** Which files of a GX data asset to read (GX's data_connector_query). */
export interface BatchPick {
  /** One file by position in path order; negative counts from the end. */
  readonly index?: number;
  /** The first files in path order. */
  readonly limit?: number;
}

/** One validation of a checkpoint, every name resolved to a path. */
export interface CheckpointValidation {
  /** Its place in the file, for messages (`validations[0]`). */
  readonly at: string;
  readonly name?: string;
  /** Files, directories or globs, read as one batch. */
  readonly batch: readonly string[];
  readonly pick?: BatchPick;
  readonly suite: string;
  readonly read: OpenOptions;
  readonly resultFormat?: ResultFormatLevel | ResultFormatOptions;
  readonly suiteParameters: Readonly<Record<string, unknown>>;
  readonly actions: readonly CheckpointAction[];
}

/** A checked checkpoint, ready to run. */
export interface Checkpoint {
  readonly name: string;
  readonly file?: string;
  /** The directory its paths are relative to. */
  readonly dir: string;
  readonly runNameTemplate: string;
  /** GX site name -> directory (as written). */
  readonly dataDocsSites: Readonly<Record<string, string>>;
  readonly validations: readonly CheckpointValidation[];
  /** Hides the substituted variable values in anything written. */
  readonly redact: Redact;
}

/** Options of loading a checkpoint. */
export interface LoadCheckpointOptions {
  /** Values of `${VAR}` references (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Actions by class_name (default: every built-in action). */
  actions?: ReadonlyMap<string, ActionDef>;
}

/** The run name template when the checkpoint has none. */
export const DEFAULT_RUN_NAME_TEMPLATE = '%Y%m%dT%H%M%SZ';

const dict = z.record(z.string(), z.unknown());
const optionalId = z.string().nullable().optional();
const pathText = z.string().min(1, 'expected a path');
const notifyOn = z.enum(['all', 'success', 'failure']);
const names = z.union([z.string(), z.array(z.string())]);

/** A GX key whose feature expect-check does not have: any value but null is reported with `why`. */
function unsupported(why: string) {
  return z.null({ error: `not supported: ${why}` }).optional();
}

const CSV_TYPES = [
  'int64',
  'float64',
  'bool',
  'timestamp',
  'date',
  'utf8',
] as const satisfies CsvColumnType[];

const csvDocument = z.strictObject({
  delimiter: z.string().length(1).optional(),
  null_values: z.array(z.string()).optional(),
  header: z.boolean().optional(),
  infer_rows: z.number().int().positive().optional(),
  schema: z.record(z.string(), z.enum(CSV_TYPES)).optional(),
});

const runtimeConfiguration = z.strictObject({
  result_format: resultFormat.optional(),
  catch_exceptions: z.boolean().optional(),
  include_config: z.boolean().optional(),
});

const dataConnectorQuery = z.strictObject({
  index: z
    .union([z.number().int(), z.string().regex(/^-?\d+$/, 'expected an integer index')])
    .nullable()
    .optional(),
  limit: z.number().int().positive().nullable().optional(),
  batch_filter_parameters: unsupported('name the files of the asset under assets in the datasources map'),
  custom_filter_function: unsupported('name the files of the asset under assets in the datasources map'),
});

const batchRequest = z.strictObject({
  datasource_name: z.string().min(1).optional(),
  data_connector_name: z.string().nullable().optional(),
  data_asset_name: z.string().min(1).optional(),
  data_connector_query: dataConnectorQuery.nullable().optional(),
  runtime_parameters: z
    .strictObject({
      path: pathText.optional(),
      query: unsupported('expect-check reads files; give runtime_parameters.path'),
      batch_data: unsupported('expect-check reads files; give runtime_parameters.path'),
    })
    .nullable()
    .optional(),
  batch_identifiers: dict.nullable().optional(),
  batch_spec_passthrough: z
    .looseObject({
      reader_options: z
        .looseObject({ sep: z.string().length(1).optional(), delimiter: z.string().length(1).optional() })
        .optional(),
    })
    .nullable()
    .optional(),
  options: dict
    .refine(
      (o) => Object.keys(o).length === 0,
      'batch options are not supported: name the files in the datasources map',
    )
    .nullable()
    .optional(),
});

type BatchRequest = z.output<typeof batchRequest>;

// class_name may be left out where a validation's action updates a checkpoint action of the same name
const actionItem = z.strictObject({
  name: z.string().min(1),
  action: z.looseObject({
    class_name: z.string().min(1).optional(),
    module_name: z.string().nullable().optional(),
  }),
});

type ActionItem = z.output<typeof actionItem>;

const validationDocument = z.strictObject({
  name: z.string().optional(),
  id: optionalId,
  batch: z.union([pathText, z.array(pathText).min(1)]).optional(),
  suite: pathText.optional(),
  format: z.enum(['parquet', 'csv', 'arrow']).optional(),
  csv: csvDocument.optional(),
  result_format: resultFormat.optional(),
  suite_parameters: dict.optional(),
  action_list: z.array(actionItem).nullable().optional(),
  // GX 0.x
  batch_request: batchRequest.nullable().optional(),
  expectation_suite_name: z.string().min(1).optional(),
  expectation_suite_ge_cloud_id: optionalId,
  expectation_suite_id: optionalId,
  evaluation_parameters: dict.nullable().optional(),
  runtime_configuration: runtimeConfiguration.nullable().optional(),
});

type ValidationDocument = z.output<typeof validationDocument>;

const datasource = z.union([
  pathText,
  z.strictObject({
    base_directory: pathText,
    assets: z.record(z.string(), z.union([pathText, z.array(pathText).min(1)])).optional(),
  }),
]);

const checkpointDocument = z.strictObject({
  name: z.string().min(1),
  run_name_template: z
    .string()
    .min(1)
    .refine((t) => unknownDirective(t) === undefined, {
      error: (i) => `unknown strftime directive ${unknownDirective(i.input as string)}`,
    })
    .nullable()
    .optional(),
  validations: z.array(validationDocument).nullable().optional(),
  action_list: z.array(actionItem).nullable().optional(),
  datasources: z.record(z.string(), datasource).optional(),
  data_docs_sites: z.record(z.string(), pathText).optional(),
  result_format: resultFormat.optional(),
  suite_parameters: dict.optional(),
  // GX 0.x
  config_version: z.number().nullable().optional(),
  class_name: z.enum(['Checkpoint', 'SimpleCheckpoint']).optional(),
  module_name: z.string().nullable().optional(),
  template_name: unsupported('checkpoint templates; write the validations and actions in this file'),
  expectation_suite_name: z.string().min(1).nullable().optional(),
  expectation_suite_ge_cloud_id: optionalId,
  expectation_suite_id: optionalId,
  batch_request: batchRequest.nullable().optional(),
  evaluation_parameters: dict.nullable().optional(),
  runtime_configuration: runtimeConfiguration.nullable().optional(),
  profilers: z.array(z.unknown()).max(0, 'not supported: profilers').nullable().optional(),
  ge_cloud_id: optionalId,
  id: optionalId,
  default_validation_id: optionalId,
  // SimpleCheckpoint's shorthand for its default actions
  site_names: names.nullable().optional(),
  slack_webhook: z.string().nullable().optional(),
  notify_on: notifyOn.nullable().optional(),
  notify_with: names.nullable().optional(),
});

type CheckpointDocument = z.output<typeof checkpointDocument>;

type Key = string | number;

/** Collects issues; every message is redacted before it is kept. */
class Issues {
  readonly list: CheckpointIssue[] = [];
  constructor(private readonly redact: Redact) {}
  add(code: CheckpointErrorCode, at: readonly Key[], message: string): void {
    this.list.push({ code, path: this.redact(formatPath(at)), message: this.redact(message) });
  }
  /** Checks a value against a schema; returns the parsed value, or undefined after adding its issues. */
  parse<S extends z.ZodType>(
    schema: S,
    value: unknown,
    at: readonly Key[],
    keyNoun = 'key',
  ): z.output<S> | undefined {
    const r = schema.safeParse(value, parseOptions);
    if (r.success) return r.data;
    const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    for (const i of suiteIssues(r.error.issues, { code: 'suite_invalid', at, keyNoun, known })) {
      this.list.push({
        code: 'checkpoint_invalid',
        path: this.redact(i.path),
        message: this.redact(i.message),
      });
    }
    return undefined;
  }
}

function errorOf(label: string, issues: readonly CheckpointIssue[], file?: string): CheckpointError {
  const first = issues[0] as CheckpointIssue;
  const where = first.path ? `${label}: ${first.path}` : label;
  return new CheckpointError(first.code, `${where}: ${first.message}`, file, issues);
}

/** SimpleCheckpoint's actions: store, evaluation parameters, docs, and Slack when it has a webhook. */
function simpleCheckpointActions(d: CheckpointDocument): ActionItem[] {
  const list: ActionItem[] = [
    { name: 'store_validation_result', action: { class_name: 'StoreValidationResultAction' } },
    { name: 'store_evaluation_params', action: { class_name: 'StoreEvaluationParametersAction' } },
    {
      name: 'update_data_docs',
      action: { class_name: 'UpdateDataDocsAction', site_names: d.site_names ?? [] },
    },
  ];
  if (d.slack_webhook) {
    list.push({
      name: 'send_slack_notification',
      action: {
        class_name: 'SlackNotificationAction',
        slack_webhook: d.slack_webhook,
        notify_on: d.notify_on ?? 'all',
        ...(d.notify_with != null ? { notify_with: d.notify_with } : {}),
      },
    });
  }
  return list;
}

interface PlacedAction {
  item: ActionItem;
  at: Key[];
}

/** GX's merge of action lists: a later action of the same name updates the earlier one's keys. */
function mergeActions(base: readonly PlacedAction[], more: readonly PlacedAction[]): PlacedAction[] {
  const out = [...base];
  for (const a of more) {
    const i = out.findIndex((b) => b.item.name === a.item.name);
    if (i < 0) out.push(a);
    else {
      const b = out[i] as PlacedAction;
      out[i] = { item: { name: a.item.name, action: { ...b.item.action, ...a.item.action } }, at: a.at };
    }
  }
  return out;
}

function placed(list: readonly ActionItem[] | null | undefined, at: readonly Key[]): PlacedAction[] {
  return (list ?? []).map((item, i) => ({ item, at: [...at, i, 'action'] }));
}

/** " (did you mean X?)" for a misspelt class name; class names compare in snake case, as suite names do. */
function suggestClass(word: string, known: readonly string[]): string {
  const byKey = new Map(known.map((k) => [k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), k]));
  const c = closest(word, byKey.keys());
  return c === undefined ? '' : ` (did you mean ${byKey.get(c)}?)`;
}

function checkActions(
  list: readonly PlacedAction[],
  registry: ReadonlyMap<string, ActionDef>,
  sites: Readonly<Record<string, string>>,
  issues: Issues,
): CheckpointAction[] {
  const out: CheckpointAction[] = [];
  const before: string[] = [];
  for (const { item, at } of list) {
    const { class_name, module_name: _module, ...options } = item.action;
    if (class_name === undefined) {
      issues.add('checkpoint_invalid', [...at, 'class_name'], 'required');
      continue;
    }
    const def = registry.get(class_name);
    if (!def) {
      const known = [...registry.keys()];
      const hint = suggestClass(class_name, known) || ` (actions: ${known.join(', ')})`;
      issues.add(
        'unknown_action',
        [...at, 'class_name'],
        `unknown action ${JSON.stringify(class_name)}${hint}`,
      );
      continue;
    }
    const config = issues.parse(def.options, options, at, 'option');
    if (config !== undefined) {
      const problem = def.check?.(config, { before, dataDocsSites: sites });
      if (problem) issues.add('checkpoint_invalid', at, problem);
      else out.push({ name: item.name, def, config });
    }
    before.push(class_name);
  }
  return out;
}

function csvOptions(
  c: z.output<typeof csvDocument> | undefined,
  request: BatchRequest | undefined,
): CsvOptions {
  const reader = request?.batch_spec_passthrough?.reader_options;
  const delimiter = c?.delimiter ?? reader?.sep ?? reader?.delimiter;
  const o: CsvOptions = {};
  if (delimiter !== undefined) o.delimiter = delimiter;
  if (c?.null_values) o.nullValues = c.null_values;
  if (c?.header !== undefined) o.header = c.header;
  if (c?.infer_rows !== undefined) o.inferRows = c.infer_rows;
  if (c?.schema) o.schema = c.schema;
  return o;
}

function pickOf(request: BatchRequest | undefined): BatchPick | undefined {
  const q = request?.data_connector_query;
  if (!q || (q.index == null && q.limit == null)) return undefined;
  return {
    ...(q.index != null ? { index: Number(q.index) } : {}),
    ...(q.limit != null ? { limit: q.limit } : {}),
  };
}

interface Context {
  doc: CheckpointDocument;
  dir: string;
  registry: ReadonlyMap<string, ActionDef>;
  topActions: PlacedAction[];
  issues: Issues;
}

/** The batch of a GX batch_request: runtime_parameters.path, or an asset of a mapped datasource. */
async function batchOfRequest(
  request: BatchRequest,
  at: readonly Key[],
  ctx: Context,
): Promise<string[] | undefined> {
  const path = request.runtime_parameters?.path;
  if (path) return [inDir(ctx.dir, path)];
  const { datasource_name: ds, data_asset_name: asset } = request;
  if (!ds || !asset) {
    ctx.issues.add('checkpoint_invalid', [...at, ds ? 'data_asset_name' : 'datasource_name'], 'required');
    return undefined;
  }
  const spec = ctx.doc.datasources?.[ds] as DatasourceSpec | undefined;
  if (!spec) {
    const known = Object.keys(ctx.doc.datasources ?? {});
    ctx.issues.add(
      'unresolved',
      [...at, 'datasource_name'],
      known.length
        ? `datasource ${JSON.stringify(ds)} is not in datasources${didYouMean(ds, known)} (${known.join(', ')})`
        : `datasource ${JSON.stringify(ds)} is unknown: map it to a directory with \`datasources: { ${ds}: <directory> }\``,
    );
    return undefined;
  }
  const files = await resolveAsset(ds, spec, asset, ctx.dir);
  if (!Array.isArray(files)) {
    ctx.issues.add('unresolved', [...at, 'data_asset_name'], files.problem);
    return undefined;
  }
  return files;
}

async function readValidation(
  v: ValidationDocument,
  at: Key[],
  ctx: Context,
): Promise<CheckpointValidation | undefined> {
  const { doc, issues } = ctx;
  const before = issues.list.length;
  const request =
    v.batch === undefined && (v.batch_request || doc.batch_request)
      ? ({ ...doc.batch_request, ...v.batch_request } as BatchRequest)
      : undefined;
  if (v.batch !== undefined && v.batch_request) {
    issues.add('checkpoint_invalid', [...at, 'batch_request'], 'give batch or batch_request, not both');
  }
  let batch: string[] | undefined;
  if (v.batch !== undefined)
    batch = (typeof v.batch === 'string' ? [v.batch] : v.batch).map((p) => inDir(ctx.dir, p));
  else if (request) batch = await batchOfRequest(request, [...at, 'batch_request'], ctx);
  else
    issues.add(
      'checkpoint_invalid',
      [...at, 'batch'],
      'required (a file, glob or directory; or a GX batch_request)',
    );

  const suiteName = v.expectation_suite_name ?? doc.expectation_suite_name ?? undefined;
  let suite: string | undefined;
  if (v.suite !== undefined && v.expectation_suite_name !== undefined) {
    issues.add(
      'checkpoint_invalid',
      [...at, 'expectation_suite_name'],
      'give suite or expectation_suite_name, not both',
    );
  } else if (v.suite !== undefined) suite = inDir(ctx.dir, v.suite);
  else if (suiteName !== undefined) {
    const found = await findSuite(suiteName, ctx.dir);
    if (typeof found === 'string') suite = found;
    else issues.add('unresolved', [...at, 'expectation_suite_name'], found.problem);
  } else
    issues.add(
      'checkpoint_invalid',
      [...at, 'suite'],
      'required (a suite file; or a GX expectation_suite_name)',
    );

  const actions = checkActions(
    mergeActions(ctx.topActions, placed(v.action_list, [...at, 'action_list'])),
    ctx.registry,
    doc.data_docs_sites ?? {},
    issues,
  );
  if (issues.list.length > before || !batch || !suite) return undefined;
  const rf =
    v.result_format ??
    v.runtime_configuration?.result_format ??
    doc.result_format ??
    doc.runtime_configuration?.result_format;
  const csv = csvOptions(v.csv, request);
  const read: OpenOptions = {
    ...(Object.keys(csv).length ? { csv } : {}),
    ...(v.format ? { format: v.format as SourceFormat } : {}),
  };
  const pick = pickOf(request);
  return {
    at: formatPath(at),
    ...(v.name !== undefined ? { name: v.name } : {}),
    batch,
    ...(pick ? { pick } : {}),
    suite,
    read,
    ...(rf !== undefined ? { resultFormat: rf } : {}),
    suiteParameters: {
      ...doc.evaluation_parameters,
      ...doc.suite_parameters,
      ...v.evaluation_parameters,
      ...v.suite_parameters,
    },
    actions,
  };
}

/** Where a checkpoint came from: its file (for messages) and the directory its paths are relative to. */
export interface CheckpointOrigin {
  file?: string;
  dir: string;
}

/**
 * Checks a parsed checkpoint document (the native shape or GX 0.x's), substitutes `${VAR}` references,
 * and resolves GX datasources and suite names to files; throws a CheckpointError naming the place.
 */
export async function parseCheckpoint(
  raw: unknown,
  origin: CheckpointOrigin,
  options: LoadCheckpointOptions = {},
): Promise<Checkpoint> {
  const label = origin.file ?? 'checkpoint';
  const substituted = substituteVariables(raw, options.env ?? process.env);
  const redact = redactor(substituted.used);
  const issues = new Issues(redact);
  for (const p of substituted.problems) {
    issues.add(p.missing ? 'missing_variable' : 'checkpoint_invalid', p.at as Key[], p.message);
  }
  if (issues.list.length) throw errorOf(label, issues.list, origin.file);
  const value = substituted.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.add('checkpoint_invalid', [], 'expected a checkpoint object (name, validations, action_list)');
    throw errorOf(label, issues.list, origin.file);
  }
  const doc = issues.parse(checkpointDocument, value, []);
  if (!doc) throw errorOf(label, issues.list, origin.file);
  const registry = options.actions ?? defaultActions;
  const defaults = doc.class_name === 'SimpleCheckpoint' ? simpleCheckpointActions(doc) : [];
  const topActions = mergeActions(
    defaults.map((item) => ({ item, at: ['class_name'] })),
    placed(doc.action_list, ['action_list']),
  );
  const ctx: Context = { doc, dir: origin.dir, registry, topActions, issues };
  const docs = doc.validations ?? [];
  const list: [ValidationDocument, Key[]][] = docs.map((v, i) => [v, ['validations', i]]);
  // GX 0.x: a checkpoint with a batch_request and no validations validates that one batch
  if (list.length === 0 && doc.batch_request && Object.keys(doc.batch_request).length > 0)
    list.push([{}, []]);
  if (list.length === 0)
    issues.add('checkpoint_invalid', ['validations'], 'give at least one validation (batch and suite)');
  const validations: CheckpointValidation[] = [];
  for (const [v, at] of list) {
    const checked = await readValidation(v, at, ctx);
    if (checked) validations.push(checked);
  }
  if (issues.list.length) throw errorOf(label, issues.list, origin.file);
  return {
    name: doc.name,
    ...(origin.file !== undefined ? { file: origin.file } : {}),
    dir: origin.dir,
    runNameTemplate: doc.run_name_template ?? DEFAULT_RUN_NAME_TEMPLATE,
    dataDocsSites: doc.data_docs_sites ?? {},
    validations,
    redact,
  };
}

function unreadable(file: string, e: unknown): CheckpointError {
  return new CheckpointError('checkpoint_unreadable', `${file}: ${unreadableReason(e)}`, file);
}

/** Reads a checkpoint file (YAML, or JSON); paths in it are relative to its directory (see parseCheckpoint). */
export async function loadCheckpoint(file: string, options: LoadCheckpointOptions = {}): Promise<Checkpoint> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw unreadable(file, e);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  } catch (e) {
    if (!(e instanceof SuiteError)) throw e;
    throw new CheckpointError('checkpoint_syntax', e.message, file);
  }
  return parseCheckpoint(raw, { file, dir: dirname(file) }, options);
}
