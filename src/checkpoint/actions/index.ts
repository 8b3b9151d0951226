import { updateDataDocsAction } from './docs.js';
import { storeEvaluationParametersAction, storeMetricsAction } from './gx-stores.js';
import { quarantineAction } from './quarantine.js';
import { slackNotificationAction } from './slack.js';
import { storeValidationResultAction } from './store.js';
import { markdownSummaryAction } from './summary.js';
import type { ActionDef } from './types.js';
import { webhookAction } from './webhook.js';

/** Every action a checkpoint may list, by class_name. */
export const actions: ReadonlyMap<string, ActionDef> = new Map(
  [
    storeValidationResultAction,
    updateDataDocsAction,
    slackNotificationAction,
    webhookAction,
    quarantineAction,
    markdownSummaryAction,
    storeEvaluationParametersAction,
    storeMetricsAction,
  ].map((a) => [a.className, a]),
);
