import type { z } from 'zod';
import type { DataSource } from '../../io/types.js';
import type { ValidationResult } from '../../result/types.js';
import type { Suite } from '../../suite/model.js';
import type { Redact } from '../variables.js';

/** How an action ended: `skipped` when it had nothing to do (notify_on, no failing rows, a GX-only store). */
export type ActionStatus = 'ok' | 'skipped' | 'failed';

/** What an action reports; printed by the CLI, and kept in the result's `meta.checkpoint.failed_actions` when it failed. */
export interface ActionOutcome {
  name: string;
  class_name: string;
  status: ActionStatus;
  /** One line, without substituted values. */
  message: string;
  /** A file or directory the action wrote. */
  path?: string;
}

/** What one validation's actions leave for the others and for the end of the run. */
export interface ValidationState {
  /** Where a store action wrote the result: its file, the directory given to the store, and the text written. */
  stored?: { path: string; dir: string; json: string };
  /** The data docs page (or site index) of this result, once docs were built. */
  docs?: { site: string; page: string };
}

/** Settings of a run that actions read (timeouts, endpoints). */
export interface ActionSettings {
  /** Overrides every notification's timeout_ms. */
  readonly notificationTimeoutMs?: number;
  /** Where SlackNotificationAction posts with slack_token (default Slack's chat.postMessage). */
  readonly slackApiUrl: string;
  /** The GitHub Actions job summary file ($GITHUB_STEP_SUMMARY), when the run has one. */
  readonly stepSummary?: string;
}

/** What an action sees of the run and the validation it follows. */
export interface ActionContext {
  readonly checkpoint: {
    readonly name: string;
    readonly file?: string;
    readonly dir: string;
    /** GX site name -> directory, as written. */
    readonly dataDocsSites: Readonly<Record<string, string>>;
  };
  readonly runName: string;
  readonly runTime: Date;
  /** The validation's position in the checkpoint. */
  readonly index: number;
  readonly suite: Suite;
  /** The result, already redacted; the runner adds failed actions to `meta.checkpoint.failed_actions`. */
  readonly result: ValidationResult;
  /** The data source as opened for the run (for the one action that reads data again). */
  readonly source: DataSource;
  readonly validation: ValidationState;
  readonly settings: ActionSettings;
  /** A path of the checkpoint file made usable from the working directory. */
  resolve(path: string): string;
  readonly redact: Redact;
}

/** What `check` sees of the checkpoint around an action. */
export interface CheckScope {
  /** Class names of the actions listed before it. */
  readonly before: readonly string[];
  /** The checkpoint's `data_docs_sites` map: GX site name -> directory. */
  readonly dataDocsSites: Readonly<Record<string, string>>;
}

/** What an action's run returns (name and class are added by the runner). */
export type ActionReport = Omit<ActionOutcome, 'name' | 'class_name'>;

/** Needs of an action that change how the validation runs. */
export interface RunNeeds {
  /** Capture up to this many unexpected rows per expectation (result_format COMPLETE). */
  completeRows?: number;
}

/** An action: its GX class name, its options as a zod schema and what it does after a validation. */
export interface ActionDef<C = unknown> {
  readonly className: string;
  /** One sentence for docs. */
  readonly description: string;
  /** The options next to class_name (module_name is accepted and dropped before). */
  readonly options: z.ZodType<C>;
  /** A problem with the action in its checkpoint (e.g. docs without a store before them), or undefined. */
  check?(config: C, scope: CheckScope): string | undefined;
  /** How the validation must run for this action. */
  needs?(config: C): RunNeeds;
  run(config: C, ctx: ActionContext): Promise<ActionReport>;
  /** Runs after every action of the validation ran (the store writes again what later actions recorded). */
  afterValidation?(config: C, ctx: ActionContext): Promise<void>;
}

/** Declares an action; the config type comes from its options schema. */
export function defineAction<S extends z.ZodType>(def: ActionDef<z.output<S>> & { options: S }): ActionDef {
  return def as unknown as ActionDef;
}
