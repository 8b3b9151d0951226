import { relative } from 'node:path';
import { z } from 'zod';
import { describeExpectation, expectationColumns } from '../../expectations/describe.js';
import { observedSummary, truncate } from '../../report/observed.js';
import type { Statistics } from '../../result/types.js';
import type { ActionContext, ActionReport } from './types.js';

/** When a notification is sent: GX's notify_on. */
export const notifyOn = z.enum(['all', 'success', 'failure']).default('all');

/** Options every notification action shares. */
export const notificationKeys = {
  notify_on: notifyOn,
  /** Milliseconds to wait for the receiver before giving up. */
  timeout_ms: z.number().int().positive().default(10_000),
  /** Where the data docs are published: the link becomes this URL plus the page's path in the site. */
  docs_base_url: z.url({ protocol: /^https?$/ }).optional(),
};

/** A failed expectation as a notification lists it. */
export interface FailedExpectation {
  type: string;
  columns: string[];
  /** The expectation as a sentence. */
  expectation: string;
  /** What was observed instead (a count and examples, an observed value, or the error). */
  observed: string;
}

/** A Slack Block Kit block (only the kinds the payload uses). */
export interface SlackBlock {
  type: 'section' | 'divider' | 'context';
  text?: { type: 'mrkdwn'; text: string };
  elements?: { type: 'mrkdwn'; text: string }[];
}

/**
 * What notifications send: Slack's `text` and `blocks` (so a Slack incoming webhook shows it as is) and
 * the same facts as fields for any other receiver.
 */
export interface NotificationPayload {
  text: string;
  blocks: SlackBlock[];
  status: 'success' | 'failure';
  checkpoint: string;
  run_name: string;
  run_time: string;
  suite: string;
  batch: string;
  statistics: Statistics;
  failed_expectations: FailedExpectation[];
  /** How many failed expectations were left out of the list. */
  failed_expectations_omitted: number;
  /** The data docs page of this result (a path, or a URL with docs_base_url), null without docs. */
  docs: string | null;
}

/** Most failed expectations a payload lists: a message is read, not searched. */
const LISTED = 20;
/** Slack rejects section texts over 3000 characters. */
const SECTION_TEXT = 3000;

/** Slack mrkdwn treats these three as markup. */
function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The docs link of a validation: its page, as a URL under `baseUrl` when given. */
export function docsLink(ctx: ActionContext, baseUrl: string | undefined): string | null {
  const docs = ctx.validation.docs;
  if (!docs) return null;
  if (!baseUrl) return docs.page;
  const inSite = relative(docs.site, docs.page).split('\\').join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${inSite.split('/').map(encodeURIComponent).join('/')}`;
}

/** The payload for a validation's result. */
export function notificationPayload(
  ctx: ActionContext,
  options: { docsBaseUrl?: string | undefined; listFailures?: boolean },
): NotificationPayload {
  const r = ctx.result;
  const failed = r.results.filter((x) => !x.success);
  const listed = failed.slice(0, LISTED).map(
    (x): FailedExpectation => ({
      type: x.expectation_config.type,
      columns: expectationColumns(x.expectation_config),
      expectation: describeExpectation(x.expectation_config),
      observed: observedSummary(x),
    }),
  );
  const docs = docsLink(ctx, options.docsBaseUrl);
  const s = r.statistics;
  const status = r.success ? 'success' : 'failure';
  const batch = r.meta.data_source.description;
  const headline = `${r.success ? 'Passed' : 'Failed'}: ${r.suite_name} on ${batch}`;
  const counts = `${s.successful_expectations} of ${s.evaluated_expectations} expectations passed`;
  const blocks: SlackBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${escapeSlack(headline)}*\n${counts}. Checkpoint \`${escapeSlack(ctx.checkpoint.name)}\`, run \`${escapeSlack(ctx.runName)}\`.`,
          SECTION_TEXT,
        ),
      },
    },
  ];
  if (options.listFailures !== false && listed.length > 0) {
    const lines = listed.map((f) => `• ${escapeSlack(f.expectation)}: ${escapeSlack(f.observed)}`);
    if (failed.length > listed.length) lines.push(`… and ${failed.length - listed.length} more`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(lines.join('\n'), SECTION_TEXT) },
    });
  }
  if (docs) {
    const link = /^https?:/.test(docs) ? `<${docs}|data docs>` : `data docs: \`${escapeSlack(docs)}\``;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: link }] });
  }
  return {
    text: `${headline} (${counts})`,
    blocks,
    status,
    checkpoint: ctx.checkpoint.name,
    run_name: ctx.runName,
    run_time: ctx.runTime.toISOString(),
    suite: r.suite_name,
    batch,
    statistics: s,
    failed_expectations: listed,
    failed_expectations_omitted: failed.length - listed.length,
    docs,
  };
}

/** Whether notify_on asks for a notification of this result; the skip report when not. */
export function notifySkip(
  notify: 'all' | 'success' | 'failure',
  success: boolean,
): ActionReport | undefined {
  if (notify === 'all' || (notify === 'success') === success) return undefined;
  return {
    status: 'skipped',
    message: `notify_on: ${notify} (the validation ${success ? 'passed' : 'failed'})`,
  };
}

/** A receiver that did not take the notification; the message never names the URL (it may hold a secret). */
export class NotificationError extends Error {
  override readonly name = 'NotificationError';
}

/** Node's network errors in a few words. */
function networkProblem(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `cannot reach the receiver (${cause.code})`;
  return `cannot reach the receiver (${cause?.message ?? (e instanceof Error ? e.message : String(e))})`;
}

/**
 * POSTs JSON and returns the response's text; throws a NotificationError for a timeout, a network
 * failure or a status other than 2xx.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; timeoutMs: number },
): Promise<string> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw new NotificationError(`no answer within ${options.timeoutMs} ms`);
    throw new NotificationError(networkProblem(e));
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new NotificationError(
      signal.aborted ? `no complete answer within ${options.timeoutMs} ms` : 'the answer broke off',
    );
  }
  if (!response.ok) {
    const detail = text.trim() ? `: ${truncate(text.trim().split('\n')[0] ?? '', 120)}` : '';
    throw new NotificationError(`HTTP ${response.status}${detail}`);
  }
  return text;
}

/** The timeout of a notification: the run's override, else the action's own. */
export function timeoutOf(ctx: ActionContext, own: number): number {
  return ctx.settings.notificationTimeoutMs ?? own;
}

/** Sends a payload and turns the outcome into a report. */
export async function deliver(send: () => Promise<unknown>, what: string): Promise<ActionReport> {
  try {
    await send();
    return { status: 'ok', message: `sent ${what}` };
  } catch (e) {
    if (!(e instanceof NotificationError)) throw e;
    return { status: 'failed', message: `${what} not delivered: ${e.message}` };
  }
}
