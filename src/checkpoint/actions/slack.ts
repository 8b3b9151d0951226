import { z } from 'zod';
import {
  deliver,
  NotificationError,
  notificationKeys,
  notificationPayload,
  notifySkip,
  postJson,
  timeoutOf,
} from './notify.js';
import { defineAction } from './types.js';

const slackOptions = z
  .strictObject({
    slack_webhook: z.url({ protocol: /^https?$/ }).optional(),
    slack_token: z.string().min(1).optional(),
    slack_channel: z.string().min(1).optional(),
    /** GX: list failed expectations in the message. */
    show_failed_expectations: z.boolean().default(true),
    /** GX: the data docs sites to link; the link here is the page of the docs built before the message. */
    notify_with: z
      .union([z.string(), z.array(z.string())])
      .nullable()
      .optional(),
    /** GX: a renderer class; the message here is always expect-check's own. */
    renderer: z.record(z.string(), z.unknown()).nullable().optional(),
    ...notificationKeys,
  })
  .refine(
    (c) => c.slack_webhook !== undefined || (c.slack_token !== undefined && c.slack_channel !== undefined),
    {
      message: 'give slack_webhook, or slack_token and slack_channel',
      path: ['slack_webhook'],
    },
  );

/** Slack's Web API answers 200 with `{ ok: false, error }` when it refuses a message. */
function checkSlackAnswer(text: string): void {
  let answer: { ok?: unknown; error?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new NotificationError('Slack answered with something other than JSON');
  }
  if (answer.ok !== true) throw new NotificationError(`Slack refused the message (${String(answer.error)})`);
}

/** Posts the result to Slack through an incoming webhook, or with a bot token to a channel. */
export const slackNotificationAction = defineAction({
  className: 'SlackNotificationAction',
  description:
    'Posts the result to Slack: through `slack_webhook`, or with `slack_token` to `slack_channel`; `notify_on` all, success or failure.',
  options: slackOptions,
  async run(config, ctx) {
    const skip = notifySkip(config.notify_on, ctx.result.success);
    if (skip) return skip;
    const payload = notificationPayload(ctx, {
      docsBaseUrl: config.docs_base_url,
      listFailures: config.show_failed_expectations,
    });
    const timeoutMs = timeoutOf(ctx, config.timeout_ms);
    if (config.slack_webhook) {
      const url = config.slack_webhook;
      return deliver(() => postJson(url, payload, { timeoutMs }), 'Slack message');
    }
    const headers = { authorization: `Bearer ${config.slack_token}` };
    return deliver(async () => {
      const answer = await postJson(
        ctx.settings.slackApiUrl,
        { channel: config.slack_channel, ...payload },
        { headers, timeoutMs },
      );
      checkSlackAnswer(answer);
    }, 'Slack message');
  },
});
