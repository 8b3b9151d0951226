import { z } from 'zod';
import { deliver, notificationKeys, notificationPayload, notifySkip, postJson, timeoutOf } from './notify.js';
import { defineAction } from './types.js';

/** POSTs the notification payload (Slack-compatible JSON) to any URL. */
export const webhookAction = defineAction({
  className: 'WebhookAction',
  description:
    'POSTs a Slack-compatible JSON payload (status, suite, batch, failed expectations, docs link) to `url`, with optional `headers`.',
  options: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    headers: z.record(z.string(), z.string()).optional(),
    ...notificationKeys,
  }),
  async run(config, ctx) {
    const skip = notifySkip(config.notify_on, ctx.result.success);
    if (skip) return skip;
    const payload = notificationPayload(ctx, { docsBaseUrl: config.docs_base_url });
    return deliver(
      () =>
        postJson(config.url, payload, {
          headers: config.headers,
          timeoutMs: timeoutOf(ctx, config.timeout_ms),
        }),
      'webhook',
    );
  },
});
