// biome-ignore-all lint/suspicious/noTemplateCurlyInString: checkpoint text, where ${VAR} is the syntax
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { NotificationPayload } from '../../src/checkpoint/actions/notify.js';
import { main } from '../../src/cli/main.js';
import { openSource } from '../../src/io/open.js';
import { loadSuite } from '../../src/suite/load.js';
import { ROOT, TAXI_DEFECTIVE } from '../cli/cases.js';
import { startServer, type TestServer } from './server.js';

// the example imports the package by name, as a user's pipeline does
vi.mock('expect-check', () => import('../../src/index.js'));

/** examples/pipeline/: the training-data gate in TypeScript, its checkpoint and the GitHub Actions workflow. */
const DIR = join(ROOT, 'examples/pipeline');
const WORKFLOW = join(DIR, 'github-workflow.yml');
const CHECKPOINT = join(DIR, 'checkpoint.yml');
/** Where the example checkpoint and gate write (ignored by git). */
const OUT = join(ROOT, '.tmp/pipeline');

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-pipeline-'));
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  rmSync(OUT, { recursive: true, force: true });
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(OUT, { recursive: true, force: true });
});

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'continue-on-error'?: unknown;
}

interface CheckpointAction {
  name: string;
  action: Record<string, unknown> & { class_name: string };
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as {
  on: { push?: unknown; schedule?: { cron: string }[] };
  jobs: Record<string, { 'runs-on': string; steps: Step[]; 'continue-on-error'?: unknown }>;
};
const checkpoint = parse(readFileSync(CHECKPOINT, 'utf8')) as {
  validations: { batch: string; suite: string }[];
  action_list: CheckpointAction[];
};
const [job] = Object.values(workflow.jobs);
const steps = job?.steps ?? [];
const checkpointStep = steps.find((s) => s.run?.includes('checkpoint run')) as Step;
const publishStep = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@')) as Step;

/** The checkpoint's action of a class. */
function actionOf(className: string): CheckpointAction['action'] | undefined {
  return checkpoint.action_list.find((a) => a.action.class_name === className)?.action;
}

/** A directory of the checkpoint file as the repository root sees it, as a workflow path names it. */
function fromRoot(path: string): string {
  return `${relative(ROOT, resolve(DIR, path)).split('\\').join('/')}/`;
}

/** Runs the workflow's checkpoint step as the job runs it: its command, its env and a job summary file. */
async function runCheckpointStep(summary: string, argv?: string[]) {
  const command = (checkpointStep.run as string).trim().split(/\s+/);
  expect(command.slice(0, 2)).toEqual(['npx', 'expect-check']);
  const env = Object.fromEntries(
    Object.keys(checkpointStep.env ?? {}).map((k) => [k, `${server.url}/ok/${k.toLowerCase()}`]),
  );
  let stdout = '';
  let stderr = '';
  const code = await main(argv ?? command.slice(2), {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...env, GITHUB_STEP_SUMMARY: summary },
  });
  return { code, stdout, stderr };
}

describe('examples/pipeline/github-workflow.yml', () => {
  it('runs the checkpoint on a schedule and on push, and publishes the data docs whatever the outcome', () => {
    expect(workflow.on.push).toBeDefined();
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(checkpointStep.run?.trim()).toBe(
      'npx expect-check checkpoint run examples/pipeline/checkpoint.yml',
    );
    // a failed batch (exit code 1) must fail the job: nothing may swallow the exit code
    expect(checkpointStep['continue-on-error']).toBeUndefined();
    expect(job?.['continue-on-error']).toBeUndefined();
    expect(checkpointStep.run).not.toMatch(/\|\||;|set \+e/);
    // the docs are published after the checkpoint step, also when it failed
    expect(steps.indexOf(publishStep)).toBeGreaterThan(steps.indexOf(checkpointStep));
    expect(publishStep.if).toMatch(/always\(\)|!cancelled\(\)|failure\(\)/);
    const site = actionOf('UpdateDataDocsAction')?.site as string;
    expect(publishStep.with?.path).toBe(fromRoot(site));
  });

  it('writes the Markdown summary to $GITHUB_STEP_SUMMARY and gives the checkpoint every variable', () => {
    expect(actionOf('MarkdownSummaryAction')).toEqual({ class_name: 'MarkdownSummaryAction' });
    const used = [...readFileSync(CHECKPOINT, 'utf8').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    expect([...new Set(used)]).toEqual(Object.keys(checkpointStep.env ?? {}));
    expect(used).toContain('SLACK_WEBHOOK_URL');
    expect(checkpointStep.env?.SLACK_WEBHOOK_URL).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
  });

  it('its checkpoint step passes the training data, writes the job summary and the docs it publishes', async () => {
    const summary = join(tmp, 'step_summary_pass.md');
    const r = await runCheckpointStep(summary);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(
      /^### ✅ `taxi_trips` passed\n\nAll 44 expectations passed/,
    );
    expect(existsSync(join(ROOT, publishStep.with?.path as string, 'index.html'))).toBe(true);
    // notify_on: failure
    expect(server.received.filter((x) => x.path === '/ok/slack_webhook_url')).toEqual([]);
  });

  it('a failed batch exits 1 (failing the job), with the summary, the docs and Slack saying so', async () => {
    // the same checkpoint with the defective batch, its paths made absolute
    const failing = {
      ...checkpoint,
      validations: checkpoint.validations.map((v) => ({
        ...v,
        batch: TAXI_DEFECTIVE,
        suite: resolve(DIR, v.suite),
      })),
      action_list: checkpoint.action_list.map((a) => ({
        ...a,
        action: Object.fromEntries(
          Object.entries(a.action).map(([k, v]) => [
            k,
            k === 'target' || k === 'site' ? join(tmp, 'out', k) : v,
          ]),
        ),
      })),
    };
    const file = join(tmp, 'failing.yml');
    writeFileSync(file, JSON.stringify(failing));
    const summary = join(tmp, 'step_summary_fail.md');
    const r = await runCheckpointStep(summary, ['checkpoint', 'run', file]);
    expect(r.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(
      /^### ❌ `taxi_trips` failed\n\n5 of 44 expectations failed on `[^`]*taxi_defective\.parquet`/,
    );
    expect(text).toContain('| ❌ | `fare_amount` |');
    const posts = server.received.filter((x) => x.path === '/ok/slack_webhook_url');
    expect(posts.map((p) => (p.body as NotificationPayload).status)).toEqual(['failure']);
    expect((posts[0]?.body as NotificationPayload | undefined)?.docs).toMatch(/site\/runs\/.+\.html$/);
  });

  it('runs the suite written from the typed schema (up to date with schema.ts)', async () => {
    const { Trips, SUITE_FILE } = await import('../../examples/pipeline/schema.js');
    expect(resolve(DIR, checkpoint.validations[0]?.suite as string)).toBe(SUITE_FILE);
    expect(await loadSuite(SUITE_FILE)).toEqual(Trips.toSuite({ skipCallbacks: true }));
  });
});

/** Runs a script of examples/pipeline as a pipeline step does: a process of its own. */
function script(
  name: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(DIR, name), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const gate = (args: string[]) => script('gate.ts', args);

describe('examples/pipeline/gate.ts', () => {
  it('lets training continue on a batch that passes (exit code 0)', async () => {
    const r = await gate(['examples/data/taxi.parquet', join(tmp, 'never.parquet')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'examples/data/taxi.parquet: all 45 checks of taxi_trips passed (10000 rows); training can start.\n',
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(tmp, 'never.parquet'))).toBe(false);
  }, 60_000);

  it('stops on a failing batch (exit code 1), listing every failure and writing the failure cases', async () => {
    const cases = join(tmp, 'cases', 'failure_cases.parquet');
    const r = await gate(['examples/data/taxi_defective.parquet', cases]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      'taxi_trips: 6 of 45 checks failed on examples/data/taxi_defective.parquet (10038 rows):',
    );
    expect(lines.slice(1, -1).map((l) => l.replace(/: \d+ of .*|: observed .*/, ''))).toEqual([
      '  - passenger_count: notNull({ mostly: 0.99 })',
      '  - payment_type: in([1, 2, 3, 4, 5, 6])',
      '  - fare_amount: between(0, 1000, { mostly: 0.99 })',
      '  - fare_amount: mean({ min: 5, max: 30 })',
      '  - ends_after_start',
      '  - long_fares_are_long_trips',
    ]);
    const batches: RecordBatch[] = [];
    for await (const b of (await openSource(cases)).batches()) batches.push(b.batch);
    const rows = batches.reduce((n, b) => n + b.numRows, 0);
    expect(lines.at(-1)).toBe(`${rows} failure cases written to ${cases}; training stopped.`);
    expect(rows).toBeGreaterThan(500);
  }, 60_000);
});

describe('examples/pipeline/suite-gate.ts', () => {
  it('continues on the training data and stops on the defective copy, naming what failed', async () => {
    const [good, bad] = await Promise.all([
      script('suite-gate.ts', ['examples/data/taxi.parquet']),
      script('suite-gate.ts', ['examples/data/taxi_defective.parquet']),
    ]);
    expect([good.code, good.stdout, good.stderr]).toEqual([
      0,
      'examples/data/taxi.parquet: 6 expectations passed; training can start.\n',
      '',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe('examples/data/taxi_defective.parquet: not fit to train on:');
    expect(bad.stderr).toContain('  - values in `fare_amount` are between 0 and 1000');
  }, 60_000);
});
