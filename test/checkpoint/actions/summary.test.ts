import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckpoint } from '../../../src/checkpoint/run.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { TAXI, TAXI_DEFECTIVE, TAXI_SUITE } from '../../cli/cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-summary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function summaryCheckpoint(dir: string, summary: Record<string, unknown>, batches = [TAXI, TAXI_DEFECTIVE]) {
  return {
    name: 'gate',
    validations: batches.map((batch) => ({ batch, suite: TAXI_SUITE })),
    action_list: [
      { name: 'store', action: { class_name: 'StoreValidationResultAction', target: join(dir, 'results') } },
      { name: 'docs', action: { class_name: 'UpdateDataDocsAction', site: join(dir, 'site') } },
      { name: 'summary', action: { class_name: 'MarkdownSummaryAction', ...summary } },
    ],
  };
}

describe('MarkdownSummaryAction', () => {
  it('appends each validation to the GitHub job summary, without a docs link there', async () => {
    const dir = mkdtempSync(join(tmp, 'gh-'));
    const stepSummary = join(dir, 'step_summary.md');
    const run = await runCheckpoint(summaryCheckpoint(dir, {}), {
      env: { GITHUB_STEP_SUMMARY: stepSummary },
    });
    expect(run.success).toBe(false);
    const outcomes = run.validations.map((v) => v.actions[2]);
    expect(outcomes.map((o) => [o?.status, o?.message, o?.path])).toEqual([
      ['ok', 'appended the summary to the job summary ($GITHUB_STEP_SUMMARY)', stepSummary],
      ['ok', 'appended the summary to the job summary ($GITHUB_STEP_SUMMARY)', stepSummary],
    ]);
    // what renderMarkdown makes of each stored result, one after the other
    const expected = run.validations.map((v) => `${renderMarkdown(v.result)}\n`).join('');
    expect(readFileSync(stepSummary, 'utf8')).toBe(expected);
    expect(expected).toMatch(/^### ✅ `taxi_training_gate` passed\n/);
    expect(expected).toContain('### ❌ `taxi_training_gate` failed');
    expect(expected).not.toContain('Data docs');
  });

  it('writes its own file with the docs page linked relative to it, or under docs_base_url', async () => {
    const dir = mkdtempSync(join(tmp, 'own-'));
    await runCheckpoint(summaryCheckpoint(dir, { target: join(dir, 'reports', 'summary.md') }, [TAXI]), {
      env: {},
    });
    const text = readFileSync(join(dir, 'reports', 'summary.md'), 'utf8');
    const link = /\[Data docs for this run\]\(\.\.\/site\/runs\/([^)]+\.html)\)/.exec(text);
    expect(link?.[1]).toBeDefined();
    expect(existsSync(join(dir, 'site', 'runs', decodeURI(link?.[1] as string)))).toBe(true);

    const published = join(dir, 'published.md');
    await runCheckpoint(
      summaryCheckpoint(dir, { target: published, docs_base_url: 'https://docs.example.com/gate/' }, [TAXI]),
      { env: {} },
    );
    expect(readFileSync(published, 'utf8')).toMatch(
      /\[Data docs for this run\]\(https:\/\/docs\.example\.com\/gate\/runs\/[^)]+\.html\)/,
    );
  });

  it('has nothing to do outside GitHub Actions without a target', async () => {
    const dir = mkdtempSync(join(tmp, 'none-'));
    const run = await runCheckpoint(summaryCheckpoint(dir, {}, [TAXI]), { env: {} });
    expect(run.validations[0]?.actions[2]).toEqual({
      name: 'summary',
      class_name: 'MarkdownSummaryAction',
      status: 'skipped',
      message: 'no target, and GITHUB_STEP_SUMMARY is not set',
    });
  });

  it('refuses options it does not know, before anything runs', async () => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    await expect(runCheckpoint(summaryCheckpoint(dir, { max_rows: 0 }), { env: {} })).rejects.toThrow(
      /action_list\[2\]\.action\.max_rows/,
    );
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });
});
