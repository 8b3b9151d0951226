import { type Registry, runSuite } from '../engine/run.js';
import { registry as defaultRegistry } from '../expectations/index.js';
import { oneLine } from '../io/files.js';
import { openSource } from '../io/open.js';
import { type DataSource, ReadError } from '../io/types.js';
import { normalizeResultFormat } from '../result/format.js';
import type { ResultFormatLevel, ResultFormatOptions, ValidationResult } from '../result/types.js';
import { loadSuite } from '../suite/load.js';
import type { Suite } from '../suite/model.js';
import type {
  ActionContext,
  ActionOutcome,
  ActionReport,
  ActionSettings,
  ValidationState,
} from './actions/types.js';
import {
  type Checkpoint,
  type CheckpointAction,
  type CheckpointValidation,
  type LoadCheckpointOptions,
  loadCheckpoint,
  parseCheckpoint,
} from './load.js';
import { inDir } from './resolve.js';
import { strftime } from './strftime.js';
import { type Redact, redactDeep } from './variables.js';

/** Options of `runCheckpoint`. */
export interface RunCheckpointOptions extends LoadCheckpointOptions {
  /** The run name (default: the checkpoint's run_name_template formatted with the run time in UTC). */
  runName?: string;
  /** The run time (default: now). */
  now?: Date;
  /** Expectations by type (default: every built-in expectation). */
  registry?: Registry;
  /** Overrides the timeout_ms of every notification. */
  notificationTimeoutMs?: number;
  /** Where SlackNotificationAction posts with a slack_token (default Slack's chat.postMessage). */
  slackApiUrl?: string;
  /** Called with each validation's result before its actions run. */
  onValidation?: (result: ValidationResult, index: number) => void;
  /** Called with each action's outcome as it ends. */
  onAction?: (outcome: ActionOutcome, index: number) => void;
  /** Called after each batch with the rows read so far in the current validation. */
  onProgress?: (rowsRead: number) => void;
}

/** One validation of a checkpoint run: its result and what its actions did. */
export interface CheckpointValidationResult {
  result: ValidationResult;
  actions: ActionOutcome[];
}

/** The outcome of a checkpoint run (GX's CheckpointResult, in short). */
export interface CheckpointResult {
  name: string;
  /** True when every validation passed; actions do not count. */
  success: boolean;
  run_id: { run_name: string; run_time: string };
  validations: CheckpointValidationResult[];
}

/** A failed action as the stored result records it. */
export interface FailedAction {
  name: string;
  class_name: string;
  message: string;
}

/** What a checkpoint run adds to each result's meta. */
export interface CheckpointMeta {
  name: string;
  run_name: string;
  /** The validation's position in the checkpoint, and its name when it has one. */
  validation: number;
  validation_name?: string;
  /** The actions of the validation, by name. */
  actions: string[];
  /** Actions that failed before the result was last stored (a notification that was not delivered). */
  failed_actions: FailedAction[];
}

const SLACK_API = 'https://slack.com/api/chat.postMessage';

/** Keys of a result's meta that are times the run made, never a substituted value. */
const TIMES = new Set(['run_time', 'validation_time']);

/** The result as written anywhere: substituted values hidden in its meta and error messages. */
function redactResult(result: ValidationResult, redact: Redact): ValidationResult {
  return {
    ...result,
    results: result.results.map((r) =>
      r.exception_info.exception_message === null
        ? r
        : {
            ...r,
            exception_info: {
              ...r.exception_info,
              exception_message: redact(r.exception_info.exception_message),
            },
          },
    ),
    meta: redactDeep(result.meta, redact, TIMES),
  };
}

/** The run's result_format with the COMPLETE detail an action needs (row numbers, not index columns). */
function completeFormat(rf: ResultFormatLevel | ResultFormatOptions | undefined): ResultFormatOptions {
  const { unexpected_index_column_names: _columns, ...rest } = normalizeResultFormat(rf);
  return { ...rest, result_format: 'COMPLETE', return_unexpected_index_query: true };
}

/** Opens a validation's batch, keeping only the files its data_connector_query picks. */
async function openBatch(v: CheckpointValidation): Promise<DataSource> {
  const source = await openSource(v.batch, v.read);
  if (!v.pick) return source;
  const files = [...source.files].sort();
  let picked = files;
  if (v.pick.index !== undefined) {
    const i = v.pick.index < 0 ? files.length + v.pick.index : v.pick.index;
    picked = files.slice(i, i + 1);
    if (i < 0 || picked.length === 0) {
      throw new ReadError(
        'no_files',
        `${v.batch.join(', ')}: data_connector_query index ${v.pick.index} is out of range (${files.length} files)`,
      );
    }
  }
  if (v.pick.limit !== undefined) picked = picked.slice(0, v.pick.limit);
  return openSource(picked, v.read);
}

interface Prepared {
  v: CheckpointValidation;
  suite: Suite;
  source: DataSource;
}

function outcomeOf(a: CheckpointAction, report: ActionReport, redact: Redact): ActionOutcome {
  return {
    name: a.name,
    class_name: a.def.className,
    status: report.status,
    message: redact(report.message),
    ...(report.path !== undefined ? { path: redact(report.path) } : {}),
  };
}

function failure(e: unknown): ActionReport {
  return { status: 'failed', message: oneLine(e) };
}

function isCheckpoint(x: unknown): x is Checkpoint {
  return typeof x === 'object' && x !== null && typeof (x as Checkpoint).redact === 'function';
}

/** Hides substituted values in an error's message and stack before it leaves the run. */
function redactError(e: unknown, redact: Redact): unknown {
  if (e instanceof Error) {
    e.message = redact(e.message);
    if (e.stack) e.stack = redact(e.stack);
  }
  return e;
}

/** Runs one validation and its actions. */
async function runValidation(
  cp: Checkpoint,
  p: Prepared,
  index: number,
  common: {
    runName: string;
    runTime: Date;
    registry: Registry;
    settings: ActionSettings;
    options: RunCheckpointOptions;
  },
): Promise<CheckpointValidationResult> {
  const { v } = p;
  const { options, runName, runTime } = common;
  const completeRows = Math.max(0, ...v.actions.map((a) => a.def.needs?.(a.config).completeRows ?? 0));
  const rf = completeRows > 0 ? completeFormat(v.resultFormat) : v.resultFormat;
  const raw = await runSuite(p.suite, p.source, common.registry, {
    ...(rf !== undefined ? { resultFormat: rf } : {}),
    ...(completeRows > 0 ? { maxUnexpectedRows: completeRows } : {}),
    runName,
    now: runTime,
    suiteParameters: v.suiteParameters,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const result = redactResult(raw, cp.redact);
  // one run, one run id: every validation of the checkpoint shares the run's time, as in GX
  result.meta.run_id = { run_name: runName, run_time: runTime.toISOString() };
  const failed: FailedAction[] = [];
  const meta: CheckpointMeta = {
    name: cp.redact(cp.name),
    run_name: runName,
    validation: index,
    ...(v.name !== undefined ? { validation_name: cp.redact(v.name) } : {}),
    actions: v.actions.map((a) => cp.redact(a.name)),
    failed_actions: failed,
  };
  result.meta.checkpoint = meta;
  options.onValidation?.(result, index);
  const validation: ValidationState = {};
  const ctx: ActionContext = {
    checkpoint: {
      name: meta.name,
      ...(cp.file ? { file: cp.file } : {}),
      dir: cp.dir,
      dataDocsSites: cp.dataDocsSites,
    },
    runName,
    runTime,
    index,
    suite: p.suite,
    result,
    source: p.source,
    validation,
    settings: common.settings,
    resolve: (path) => inDir(cp.dir, path),
    redact: cp.redact,
  };
  const outcomes: ActionOutcome[] = [];
  const record = (a: CheckpointAction, report: ActionReport) => {
    const outcome = outcomeOf(a, report, cp.redact);
    outcomes.push(outcome);
    if (outcome.status === 'failed') {
      failed.push({ name: outcome.name, class_name: outcome.class_name, message: outcome.message });
    }
    options.onAction?.(outcome, index);
  };
  for (const a of v.actions) record(a, await a.def.run(a.config, ctx).catch(failure));
  for (const a of v.actions) {
    if (!a.def.afterValidation) continue;
    await a.def.afterValidation(a.config, ctx).catch((e: unknown) => record(a, failure(e)));
  }
  return { result, actions: outcomes };
}

/**
 * Runs a checkpoint: a checkpoint file (YAML; the native shape or GX 0.x's), a parsed checkpoint document
 * (paths relative to the working directory) or a loaded Checkpoint. Every suite is loaded and every batch
 * opened before the first validation runs; then each validation runs in one pass and its actions follow
 * in order. A failed action is recorded, never thrown: the run's success is the validations' alone.
 */
export async function runCheckpoint(
  checkpoint: string | Checkpoint | Record<string, unknown>,
  options: RunCheckpointOptions = {},
): Promise<CheckpointResult> {
  const cp =
    typeof checkpoint === 'string'
      ? await loadCheckpoint(checkpoint, options)
      : isCheckpoint(checkpoint)
        ? checkpoint
        : await parseCheckpoint(checkpoint, { dir: '.' }, options);
  try {
    const registry = options.registry ?? defaultRegistry;
    const runTime = options.now ?? new Date();
    const runName = cp.redact(options.runName ?? strftime(cp.runNameTemplate, runTime));
    const prepared: Prepared[] = [];
    for (const v of cp.validations) {
      prepared.push({ v, suite: await loadSuite(v.suite, registry), source: await openBatch(v) });
    }
    const stepSummary = (options.env ?? process.env).GITHUB_STEP_SUMMARY;
    const settings: ActionSettings = {
      slackApiUrl: options.slackApiUrl ?? SLACK_API,
      ...(stepSummary ? { stepSummary } : {}),
      ...(options.notificationTimeoutMs !== undefined
        ? { notificationTimeoutMs: options.notificationTimeoutMs }
        : {}),
    };
    const validations: CheckpointValidationResult[] = [];
    for (const [i, p] of prepared.entries()) {
      validations.push(await runValidation(cp, p, i, { runName, runTime, registry, settings, options }));
    }
    return {
      name: cp.redact(cp.name),
      success: validations.every((v) => v.result.success),
      run_id: { run_name: runName, run_time: runTime.toISOString() },
      validations,
    };
  } catch (e) {
    throw redactError(e, cp.redact);
  }
}
