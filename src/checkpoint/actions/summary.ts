import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { z } from 'zod';
import { renderMarkdown } from '../../report/markdown.js';
import { docsLink, notificationKeys } from './notify.js';
import type { ActionContext } from './types.js';
import { defineAction } from './types.js';

/**
 * Where the summary's docs link points: the published page under `docs_base_url`; else, for a file of its
 * own, the page relative to that file; in a GitHub job summary a local path leads nowhere, so no link.
 */
function summaryLink(ctx: ActionContext, target: string | undefined, baseUrl: string | undefined) {
  const link = docsLink(ctx, baseUrl);
  if (link === null || baseUrl) return link;
  if (target === undefined) return null;
  return relative(dirname(target), link).split('\\').join('/');
}

/**
 * Appends the Markdown summary of each result (src/report/markdown.ts) to a file: by default the GitHub
 * Actions job summary, so that a checkpoint run in a workflow shows its verdict and failed expectations on
 * the run's page; outside GitHub Actions, without a target, it has nothing to do.
 */
export const markdownSummaryAction = defineAction({
  className: 'MarkdownSummaryAction',
  description:
    'Appends the Markdown summary of the result (verdict, failed expectations, docs link) to `target`, by default the GitHub Actions job summary ($GITHUB_STEP_SUMMARY); skipped when there is neither.',
  options: z.strictObject({
    /** A Markdown file to append to (default: $GITHUB_STEP_SUMMARY). */
    target: z.string().min(1).optional(),
    /** Most failed expectations listed per result (default 50). */
    max_rows: z.number().int().positive().optional(),
    docs_base_url: notificationKeys.docs_base_url,
  }),
  async run(config, ctx) {
    const target = config.target === undefined ? undefined : ctx.resolve(config.target);
    const path = target ?? ctx.settings.stepSummary;
    if (path === undefined) {
      return { status: 'skipped', message: 'no target, and GITHUB_STEP_SUMMARY is not set' };
    }
    const link = summaryLink(ctx, target, config.docs_base_url);
    const text = renderMarkdown(ctx.result, {
      ...(link !== null ? { docsLink: ctx.redact(link) } : {}),
      ...(config.max_rows !== undefined ? { maxRows: config.max_rows } : {}),
    });
    await mkdir(dirname(path), { recursive: true });
    // several validations of a run, and several steps of a job, add to one summary
    await appendFile(path, `${text}\n`);
    return {
      status: 'ok',
      message: `appended the summary to ${target ?? 'the job summary ($GITHUB_STEP_SUMMARY)'}`,
      path,
    };
  },
});
