import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../../src/checkpoint/actions/notify.js';
import { type CheckpointMeta, runCheckpoint } from '../../src/checkpoint/run.js';
import { validationResultSchema } from '../../src/result/schema.js';
import type { ValidationResult } from '../../src/result/types.js';
import { TAXI, TAXI_CSV, TAXI_DEFECTIVE, TAXI_SUITE } from '../cli/cases.js';
import { closedUrl, startServer, type TestServer } from './server.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-checkpoint-run-'));
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh directory for one checkpoint's outputs. */
function workDir(): string {
  return mkdtempSync(join(tmp, 'w-'));
}

/** The requests the server received on a path, after `from`. */
function bodiesOn(path: string): NotificationPayload[] {
  return server.received.filter((r) => r.path === path).map((r) => r.body as NotificationPayload);
}

const NOW = new Date(Date.UTC(2024, 0, 31, 12, 0, 0));

function checkpoint(batch: string, actions: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    name: 'taxi_gate',
    run_name_template: 'taxi_%Y%m%d_%H%M%S',
    validations: [{ batch, suite: TAXI_SUITE }],
    action_list: actions.map((action, i) => ({ name: `a${i}`, action })),
    ...extra,
  };
}

function write(dir: string, doc: unknown): string {
  const file = join(dir, 'checkpoint.yml');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('a passing run', () => {
  it('stores the result, builds the docs and sends the webhook, in order', async () => {
    const dir = workDir();
    const file = write(
      dir,
      checkpoint(TAXI, [
        { class_name: 'StoreValidationResultAction', target: 'results/' },
        { class_name: 'UpdateDataDocsAction', site: 'docs/' },
        { class_name: 'WebhookAction', url: `${server.url}/ok/pass` },
      ]),
    );
    const out = await runCheckpoint(file, { now: NOW });
    expect(out.success).toBe(true);
    expect(out.run_id).toEqual({ run_name: 'taxi_20240131_120000', run_time: NOW.toISOString() });
    const [v] = out.validations;
    expect(v?.actions.map((a) => [a.name, a.class_name, a.status])).toEqual([
      ['a0', 'StoreValidationResultAction', 'ok'],
      ['a1', 'UpdateDataDocsAction', 'ok'],
      ['a2', 'WebhookAction', 'ok'],
    ]);
    const stored = readdirSync(join(dir, 'results'));
    expect(stored).toEqual(['20240131T120000.000Z_taxi_20240131_120000_taxi_training_gate.json']);
    const result = JSON.parse(
      readFileSync(join(dir, 'results', stored[0] as string), 'utf8'),
    ) as ValidationResult;
    expect(validationResultSchema.safeParse(result).success).toBe(true);
    expect(result.meta.run_id).toEqual(out.run_id);
    expect(result.meta.checkpoint).toEqual({
      name: 'taxi_gate',
      run_name: 'taxi_20240131_120000',
      validation: 0,
      actions: ['a0', 'a1', 'a2'],
      failed_actions: [],
    } satisfies CheckpointMeta);
    expect(existsSync(join(dir, 'docs/index.html'))).toBe(true);
    const page = join(dir, 'docs/runs/20240131T120000.000Z_taxi_20240131_120000_taxi_training_gate.html');
    expect(existsSync(page)).toBe(true);

    const [payload] = bodiesOn('/ok/pass');
    expect(payload).toMatchObject({
      status: 'success',
      checkpoint: 'taxi_gate',
      run_name: 'taxi_20240131_120000',
      suite: 'taxi_training_gate',
      batch: TAXI,
      failed_expectations: [],
      failed_expectations_omitted: 0,
      docs: page,
    });
    expect(payload?.statistics).toMatchObject({ evaluated_expectations: 17, successful_expectations: 17 });
    expect(payload?.text).toBe(`Passed: taxi_training_gate on ${TAXI} (17 of 17 expectations passed)`);
    expect(payload?.blocks[0]?.type).toBe('section');
  });

  it('runs at the checkpoint result_format unless an action needs COMPLETE', async () => {
    const out = await runCheckpoint(checkpoint(TAXI_DEFECTIVE, [], { result_format: 'BASIC' }), { now: NOW });
    const between = out.validations[0]?.result.results.find(
      (r) => !r.success && 'unexpected_count' in r.result,
    );
    expect(between?.result).not.toHaveProperty('partial_unexpected_index_list');
    expect(between?.result).not.toHaveProperty('unexpected_index_list');
  });
});

describe('a failing run', () => {
  it('lists the failed expectations and honours notify_on', async () => {
    const dir = workDir();
    const out = await runCheckpoint(
      write(
        dir,
        checkpoint(TAXI_DEFECTIVE, [
          { class_name: 'WebhookAction', url: `${server.url}/ok/on-failure`, notify_on: 'failure' },
          { class_name: 'WebhookAction', url: `${server.url}/ok/on-success`, notify_on: 'success' },
          { class_name: 'WebhookAction', url: `${server.url}/ok/always` },
          { class_name: 'StoreEvaluationParametersAction' },
        ]),
      ),
      { now: NOW },
    );
    expect(out.success).toBe(false);
    expect(out.validations[0]?.actions.map((a) => a.status)).toEqual(['ok', 'skipped', 'ok', 'skipped']);
    expect(out.validations[0]?.actions[1]?.message).toBe('notify_on: success (the validation failed)');
    expect(bodiesOn('/ok/on-success')).toEqual([]);
    const [payload] = bodiesOn('/ok/on-failure');
    expect(bodiesOn('/ok/always')).toEqual([payload]);
    expect(payload?.status).toBe('failure');
    expect(payload?.docs).toBeNull();
    expect(payload?.statistics.unsuccessful_expectations).toBe(6);
    expect(payload?.failed_expectations.map((f) => [f.type, f.columns])).toEqual([
      ['expect_column_values_to_not_be_null', ['passenger_count']],
      ['expect_column_values_to_be_between', ['fare_amount']],
      ['expect_column_mean_to_be_between', ['fare_amount']],
      ['expect_column_values_to_be_in_set', ['payment_type']],
      ['expect_column_pair_values_a_to_be_greater_than_b', ['dropoff_datetime', 'pickup_datetime']],
      [
        'expect_compound_columns_to_be_unique',
        ['vendor_id', 'pickup_datetime', 'dropoff_datetime', 'pickup_location_id', 'dropoff_location_id'],
      ],
    ]);
    expect(payload?.failed_expectations[1]).toMatchObject({
      expectation: expect.stringContaining('`fare_amount` are between 0 and 1000'),
      observed: expect.stringMatching(/^130 unexpected of 10038/),
    });
    expect(payload?.blocks[1]?.text?.text).toContain('• values in `fare_amount` are between 0 and 1000');
  });
});

describe('notifications that fail', () => {
  it('a 500, a slow receiver (timeout) and a closed port are recorded and do not change the outcome', async () => {
    const dir = workDir();
    const started = Date.now();
    const out = await runCheckpoint(
      write(
        dir,
        checkpoint(TAXI, [
          { class_name: 'StoreValidationResultAction', target: 'results/' },
          { class_name: 'WebhookAction', url: `${server.url}/fail/x` },
          { class_name: 'WebhookAction', url: `${server.url}/slow/x`, timeout_ms: 200 },
          { class_name: 'WebhookAction', url: await closedUrl() },
          { class_name: 'WebhookAction', url: `${server.url}/ok/after` },
        ]),
      ),
      { now: NOW },
    );
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(out.success).toBe(true);
    const actions = out.validations[0]?.actions ?? [];
    expect(actions.map((a) => a.status)).toEqual(['ok', 'failed', 'failed', 'failed', 'ok']);
    expect(actions[1]?.message).toBe('webhook not delivered: HTTP 500: internal error');
    expect(actions[2]?.message).toBe('webhook not delivered: no answer within 200 ms');
    expect(actions[3]?.message).toMatch(
      /^webhook not delivered: cannot reach the receiver \(ECONNREFUSED\)$/,
    );
    expect(bodiesOn('/slow/x')).toHaveLength(1);
    // the stored file is written again with the failures in its meta
    const [file] = readdirSync(join(dir, 'results'));
    const stored = JSON.parse(readFileSync(join(dir, 'results', file as string), 'utf8')) as ValidationResult;
    expect((stored.meta.checkpoint as CheckpointMeta).failed_actions).toEqual(
      [1, 2, 3].map((i) => ({ name: `a${i}`, class_name: 'WebhookAction', message: actions[i]?.message })),
    );
    expect(stored.meta.checkpoint).toEqual(out.validations[0]?.result.meta.checkpoint);
    expect(readdirSync(join(dir, 'results'))).toHaveLength(1);
  });

  it('notificationTimeoutMs overrides every timeout_ms', async () => {
    const out = await runCheckpoint(
      checkpoint(TAXI, [{ class_name: 'WebhookAction', url: `${server.url}/slow/y` }]),
      {
        notificationTimeoutMs: 100,
      },
    );
    expect(out.validations[0]?.actions[0]?.message).toBe('webhook not delivered: no answer within 100 ms');
  });
});

describe('SlackNotificationAction', () => {
  it('posts the Slack payload to an incoming webhook', async () => {
    await runCheckpoint(
      checkpoint(TAXI_DEFECTIVE, [
        {
          class_name: 'SlackNotificationAction',
          slack_webhook: `${server.url}/ok/slack-hook`,
          show_failed_expectations: false,
        },
      ]),
    );
    const [payload] = bodiesOn('/ok/slack-hook');
    expect(payload?.text).toMatch(
      /^Failed: taxi_training_gate on .*taxi_defective\.parquet \(11 of 17 expectations passed\)$/,
    );
    expect(payload?.blocks).toHaveLength(1);
  });

  it('posts to a channel with a bot token, and reports what Slack refused', async () => {
    const out = await runCheckpoint(
      checkpoint(TAXI, [
        { class_name: 'SlackNotificationAction', slack_token: 'xoxb-test-token', slack_channel: '#data' },
        { class_name: 'SlackNotificationAction', slack_token: 'xoxb-test-token', slack_channel: 'missing' },
      ]),
      { slackApiUrl: `${server.url}/slack` },
    );
    const calls = server.received.filter((r) => r.path === '/slack');
    expect(calls.map((c) => [c.headers.authorization, (c.body as { channel: string }).channel])).toEqual([
      ['Bearer xoxb-test-token', '#data'],
      ['Bearer xoxb-test-token', 'missing'],
    ]);
    expect(out.validations[0]?.actions.map((a) => [a.status, a.message])).toEqual([
      ['ok', 'sent Slack message'],
      ['failed', 'Slack message not delivered: Slack refused the message (channel_not_found)'],
    ]);
  });
});

describe('several validations', () => {
  it('share one run id; the run fails when one validation fails', async () => {
    const dir = workDir();
    const out = await runCheckpoint(
      write(dir, {
        ...checkpoint(TAXI, [{ class_name: 'StoreValidationResultAction' }]),
        validations: [
          { batch: TAXI, suite: TAXI_SUITE, name: 'clean' },
          { batch: TAXI_DEFECTIVE, suite: TAXI_SUITE },
        ],
      }),
      { now: NOW, runName: 'manual' },
    );
    expect(out.success).toBe(false);
    expect(out.validations.map((v) => v.result.success)).toEqual([true, false]);
    expect(out.validations.map((v) => v.result.meta.run_id)).toEqual([
      { run_name: 'manual', run_time: NOW.toISOString() },
      { run_name: 'manual', run_time: NOW.toISOString() },
    ]);
    expect(out.validations[0]?.result.meta.checkpoint).toMatchObject({
      validation: 0,
      validation_name: 'clean',
    });
    // default target results/ next to the checkpoint file; the second store of the same suite and time gets -2
    expect(readdirSync(join(dir, 'results')).sort()).toEqual([
      '20240131T120000.000Z_manual_taxi_training_gate-2.json',
      '20240131T120000.000Z_manual_taxi_training_gate.json',
    ]);
  });

  it('loads every suite and opens every batch before the first action', async () => {
    const dir = workDir();
    const e = await runCheckpoint(
      write(dir, {
        ...checkpoint(TAXI, [{ class_name: 'WebhookAction', url: `${server.url}/ok/never` }]),
        validations: [
          { batch: TAXI, suite: TAXI_SUITE },
          { batch: join(dir, 'missing.parquet'), suite: TAXI_SUITE },
        ],
      }),
    ).catch((x: unknown) => x);
    expect((e as Error).message).toBe(`${join(dir, 'missing.parquet')}: no such file or directory`);
    expect(bodiesOn('/ok/never')).toEqual([]);
  });
});

describe('a GX 0.x checkpoint', () => {
  it('runs with a datasources map: the asset, data_connector_query, the suite by name and GX actions', async () => {
    const dir = workDir();
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'expectations'));
    mkdirSync(join(dir, 'checkpoints'));
    copyFileSync(TAXI_CSV, join(dir, 'data/trips_2019-01.csv'));
    copyFileSync(TAXI_CSV, join(dir, 'data/trips_2019-02.csv'));
    copyFileSync(TAXI_SUITE, join(dir, 'expectations/taxi_training_gate.json'));
    const file = join(dir, 'checkpoints/taxi.yml');
    writeFileSync(
      file,
      `name: taxi
config_version: 1.0
class_name: Checkpoint
module_name: great_expectations.checkpoint
run_name_template: "%Y%m%d-%H%M%S-taxi"
validations:
  - batch_request:
      datasource_name: files
      data_connector_name: default_inferred_data_connector_name
      data_asset_name: trips
      data_connector_query: { index: -1 }
    expectation_suite_name: taxi_training_gate
action_list:
  - name: store_validation_result
    action: { class_name: StoreValidationResultAction }
  - name: store_evaluation_params
    action: { class_name: StoreEvaluationParametersAction }
  - name: update_data_docs
    action: { class_name: UpdateDataDocsAction, site_names: [] }
evaluation_parameters: {}
runtime_configuration: { result_format: { result_format: BASIC } }
profilers: []
ge_cloud_id:
datasources:
  files: { base_directory: ../data, assets: { trips: "trips_*.csv" } }
`,
    );
    const out = await runCheckpoint(file, { now: NOW });
    expect(out.success).toBe(true);
    expect(out.run_id.run_name).toBe('20240131-120000-taxi');
    const result = out.validations[0]?.result;
    expect(result?.meta.data_source.files).toEqual([join(dir, 'checkpoints/../data/trips_2019-02.csv')]);
    // BASIC from runtime_configuration: no SUMMARY counts
    const mapResult = result?.results.find((r) => 'unexpected_count' in r.result)?.result;
    expect(mapResult).toHaveProperty('partial_unexpected_list');
    expect(mapResult).not.toHaveProperty('partial_unexpected_counts');
    expect(out.validations[0]?.actions.map((a) => a.status)).toEqual(['ok', 'skipped', 'ok']);
    expect(existsSync(join(dir, 'checkpoints/results'))).toBe(true);
    expect(existsSync(join(dir, 'checkpoints/data_docs/index.html'))).toBe(true);
  });
});
