// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are checkpoint text, where ${VAR} is the syntax
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointError, loadCheckpoint, parseCheckpoint } from '../../src/checkpoint/load.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-checkpoint-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A GX-style project: checkpoints/, expectations/ (one suite dotted into a folder), data/. */
function project(): string {
  const root = mkdtempSync(join(tmp, 'p-'));
  for (const d of ['checkpoints', 'expectations/users', 'data/orders', 'suites'])
    mkdirSync(join(root, d), { recursive: true });
  const suite = JSON.stringify({ name: 's', expectations: [] });
  writeFileSync(join(root, 'expectations/trips.json'), suite);
  writeFileSync(join(root, 'expectations/users/warning.json'), suite);
  writeFileSync(join(root, 'suites/native.yml'), 'name: native\nexpectations: []\n');
  writeFileSync(join(root, 'data/trips.csv'), 'a\n1\n');
  writeFileSync(join(root, 'data/users.parquet'), '');
  writeFileSync(join(root, 'data/dup.csv'), 'a\n');
  writeFileSync(join(root, 'data/dup.parquet'), '');
  writeFileSync(join(root, 'data/orders/2024-01.csv'), 'a\n1\n');
  writeFileSync(join(root, 'data/orders/2024-02.csv'), 'a\n2\n');
  return root;
}

function writeCheckpoint(dir: string, text: string): string {
  const file = join(dir, 'checkpoint.yml');
  writeFileSync(file, text);
  return file;
}

async function loadError(file: string, env: Record<string, string> = {}): Promise<CheckpointError> {
  const e = await loadCheckpoint(file, { env }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(CheckpointError);
  const err = e as CheckpointError;
  expect(err.message).not.toContain('\n');
  return err;
}

describe('native shape', () => {
  it('resolves paths relative to the file and merges validation actions into the checkpoint list', async () => {
    const root = project();
    const file = writeCheckpoint(
      root,
      `name: nightly
run_name_template: "nightly_%Y%m%d"
result_format: BASIC
suite_parameters: { p: 1 }
validations:
  - batch: data/trips.csv
    suite: suites/native.yml
    csv: { delimiter: ";", null_values: ["-"], header: true, schema: { a: int64 } }
    suite_parameters: { q: 2 }
    action_list:
      - name: notify
        action: { notify_on: failure }
  - batch: [data/orders/2024-01.csv, "data/orders/*.csv"]
    suite: suites/native.yml
    format: csv
action_list:
  - name: store
    action: { class_name: StoreValidationResultAction, target: out/results/ }
  - name: notify
    action: { class_name: WebhookAction, url: "\${HOOK}" }
`,
    );
    const cp = await loadCheckpoint(file, { env: { HOOK: 'http://127.0.0.1:9/x' } });
    expect(cp.name).toBe('nightly');
    expect(cp.runNameTemplate).toBe('nightly_%Y%m%d');
    expect(cp.validations).toHaveLength(2);
    const [a, b] = cp.validations;
    expect(a?.batch).toEqual([join(root, 'data/trips.csv')]);
    expect(a?.suite).toBe(join(root, 'suites/native.yml'));
    expect(a?.read).toEqual({
      csv: { delimiter: ';', nullValues: ['-'], header: true, schema: { a: 'int64' } },
    });
    expect(a?.resultFormat).toBe('BASIC');
    expect(a?.suiteParameters).toEqual({ p: 1, q: 2 });
    expect(a?.actions.map((x) => [x.name, x.def.className, x.config])).toEqual([
      ['store', 'StoreValidationResultAction', { target: 'out/results/' }],
      ['notify', 'WebhookAction', { url: 'http://127.0.0.1:9/x', notify_on: 'failure', timeout_ms: 10_000 }],
    ]);
    expect(b?.batch).toEqual([join(root, 'data/orders/2024-01.csv'), join(root, 'data/orders/*.csv')]);
    expect(b?.read).toEqual({ format: 'csv' });
    expect(b?.actions[1]?.config).toMatchObject({ notify_on: 'all' });
  });

  it('accepts a parsed object, with paths relative to the given directory', async () => {
    const root = project();
    const cp = await parseCheckpoint(
      { name: 'x', validations: [{ batch: 'data/trips.csv', suite: 'suites/native.yml' }] },
      { dir: root },
    );
    expect(cp.validations[0]?.batch).toEqual([join(root, 'data/trips.csv')]);
    expect(cp.runNameTemplate).toBe('%Y%m%dT%H%M%SZ');
  });
});

describe('GX 0.x shape', () => {
  it('runs a GX checkpoint with a datasources map added', async () => {
    const root = project();
    const file = writeCheckpoint(
      join(root, 'checkpoints'),
      `name: my_checkpoint
config_version: 1.0
template_name:
module_name: great_expectations.checkpoint
class_name: Checkpoint
run_name_template: '%Y%m%d-%H%M%S-my-run-name-template'
expectation_suite_name:
batch_request: {}
action_list:
  - name: store_validation_result
    action:
      class_name: StoreValidationResultAction
  - name: store_evaluation_params
    action:
      class_name: StoreEvaluationParametersAction
  - name: update_data_docs
    action:
      class_name: UpdateDataDocsAction
      site_names: []
evaluation_parameters: {}
runtime_configuration:
  result_format:
    result_format: COMPLETE
    partial_unexpected_count: 5
validations:
  - batch_request:
      datasource_name: my_datasource
      data_connector_name: default_inferred_data_connector_name
      data_asset_name: trips
      data_connector_query:
        index: -1
    expectation_suite_name: trips
  - batch_request:
      datasource_name: warehouse
      data_asset_name: orders
      data_connector_query: { index: "0" }
      batch_spec_passthrough: { reader_options: { sep: "|" } }
    expectation_suite_name: users.warning
    action_list:
      - name: notify
        action:
          class_name: SlackNotificationAction
          slack_webhook: https://hooks.slack.example/T/B/x
          notify_on: failure
          renderer: { module_name: great_expectations.render.renderer.slack_renderer, class_name: SlackRenderer }
profilers: []
ge_cloud_id:
expectation_suite_ge_cloud_id:
datasources:
  my_datasource: ../data
  warehouse: { base_directory: ../data, assets: { orders: "orders/*.csv" } }
`,
    );
    const cp = await loadCheckpoint(file);
    const [a, b] = cp.validations;
    expect(a?.batch).toEqual([join(root, 'data/trips.csv')]);
    expect(a?.pick).toEqual({ index: -1 });
    expect(a?.suite).toBe(join(root, 'expectations/trips.json'));
    expect(a?.resultFormat).toEqual({ result_format: 'COMPLETE', partial_unexpected_count: 5 });
    expect(a?.actions.map((x) => x.def.className)).toEqual([
      'StoreValidationResultAction',
      'StoreEvaluationParametersAction',
      'UpdateDataDocsAction',
    ]);
    expect(b?.batch).toEqual([join(root, 'data/orders/*.csv')]);
    expect(b?.pick).toEqual({ index: 0 });
    expect(b?.read).toEqual({ csv: { delimiter: '|' } });
    expect(b?.suite).toBe(join(root, 'expectations/users/warning.json'));
    expect(b?.actions.map((x) => x.name)).toEqual([
      'store_validation_result',
      'store_evaluation_params',
      'update_data_docs',
      'notify',
    ]);
  });

  it('validates the top-level batch_request of a checkpoint without validations, with SimpleCheckpoint defaults', async () => {
    const root = project();
    const file = writeCheckpoint(
      root,
      `name: simple
class_name: SimpleCheckpoint
expectation_suite_name: trips
batch_request: { datasource_name: files, data_asset_name: users.parquet }
slack_webhook: \${SLACK}
notify_on: failure
datasources: { files: data }
`,
    );
    const cp = await loadCheckpoint(file, { env: { SLACK: 'https://hooks.slack.example/T/B/secret' } });
    expect(cp.validations).toHaveLength(1);
    expect(cp.validations[0]?.batch).toEqual([join(root, 'data/users.parquet')]);
    expect(cp.validations[0]?.actions.map((x) => [x.name, x.def.className])).toEqual([
      ['store_validation_result', 'StoreValidationResultAction'],
      ['store_evaluation_params', 'StoreEvaluationParametersAction'],
      ['update_data_docs', 'UpdateDataDocsAction'],
      ['send_slack_notification', 'SlackNotificationAction'],
    ]);
    expect(cp.validations[0]?.actions[3]?.config).toMatchObject({ notify_on: 'failure' });
  });

  it('takes runtime_parameters.path as the batch', async () => {
    const root = project();
    const cp = await parseCheckpoint(
      {
        name: 'rt',
        validations: [
          {
            batch_request: {
              datasource_name: 'rt',
              data_connector_name: 'default_runtime_data_connector_name',
              data_asset_name: 'x',
              runtime_parameters: { path: 'data/trips.csv' },
              batch_identifiers: { default_identifier_name: 'id' },
            },
            expectation_suite_name: 'trips',
          },
        ],
      },
      { dir: root },
    );
    expect(cp.validations[0]?.batch).toEqual([join(root, 'data/trips.csv')]);
  });
});

describe('errors: one line naming the file and the place', () => {
  const cases: [string, string, RegExp, string][] = [
    [
      'unknown key',
      'name: x\nvalidation: []\n',
      /checkpoint\.yml: unknown key "validation" \(did you mean validations\?\)$/,
      'checkpoint_invalid',
    ],
    [
      'no validations',
      'name: x\n',
      /checkpoint\.yml: validations: give at least one validation/,
      'checkpoint_invalid',
    ],
    [
      'missing batch',
      'name: x\nvalidations:\n  - suite: suites/native.yml\n',
      /checkpoint\.yml: validations\[0\]\.batch: required/,
      'checkpoint_invalid',
    ],
    [
      'unknown action',
      'name: x\nvalidations: [{batch: data/trips.csv, suite: suites/native.yml}]\naction_list:\n  - name: a\n    action: { class_name: SlackNotificationActon, slack_webhook: "https://x.example" }\n',
      /checkpoint\.yml: action_list\[0\]\.action\.class_name: unknown action "SlackNotificationActon" \(did you mean SlackNotificationAction\?\)$/,
      'unknown_action',
    ],
    [
      'unknown action, nothing close',
      'name: x\nvalidations: [{batch: data/trips.csv, suite: suites/native.yml}]\naction_list:\n  - name: a\n    action: { class_name: EmailAction }\n',
      /action_list\[0\]\.action\.class_name: unknown action "EmailAction" \(actions: StoreValidationResultAction, UpdateDataDocsAction, /,
      'unknown_action',
    ],
    [
      'bad option',
      'name: x\nvalidations: [{batch: data/trips.csv, suite: suites/native.yml}]\naction_list:\n  - name: a\n    action: { class_name: WebhookAction, url: "https://x.example", notify_on: sometimes }\n',
      /checkpoint\.yml: action_list\[0\]\.action\.notify_on: expected one of "all", "success", "failure", got "sometimes"/,
      'checkpoint_invalid',
    ],
    [
      'docs without a store',
      'name: x\nvalidations: [{batch: data/trips.csv, suite: suites/native.yml}]\naction_list:\n  - name: docs\n    action: { class_name: UpdateDataDocsAction }\n',
      /checkpoint\.yml: action_list\[0\]\.action: needs a StoreValidationResultAction before it/,
      'checkpoint_invalid',
    ],
    [
      'strftime',
      'name: x\nrun_name_template: "%Y-%Q"\nvalidations: [{batch: data/trips.csv, suite: suites/native.yml}]\n',
      /checkpoint\.yml: run_name_template: unknown strftime directive %Q/,
      'checkpoint_invalid',
    ],
    [
      'unknown datasource',
      'name: x\nvalidations:\n  - batch_request: { datasource_name: ds, data_asset_name: trips }\n    expectation_suite_name: trips\n',
      /checkpoint\.yml: validations\[0\]\.batch_request\.datasource_name: datasource "ds" is unknown: map it to a directory with `datasources: \{ ds: <directory> \}`/,
      'unresolved',
    ],
    [
      'unknown asset',
      'name: x\ndatasources: { ds: data }\nvalidations:\n  - batch_request: { datasource_name: ds, data_asset_name: nope }\n    expectation_suite_name: trips\n',
      /validations\[0\]\.batch_request\.data_asset_name: no data asset "nope" in datasource "ds"/,
      'unresolved',
    ],
    [
      'ambiguous asset',
      'name: x\ndatasources: { ds: data }\nvalidations:\n  - batch_request: { datasource_name: ds, data_asset_name: dup }\n    expectation_suite_name: trips\n',
      /data_asset_name: data asset "dup" is ambiguous in .* \(dup\.csv, dup\.parquet\)/,
      'unresolved',
    ],
    [
      'unknown suite name',
      'name: x\nvalidations:\n  - batch: data/trips.csv\n    expectation_suite_name: nope\n',
      /validations\[0\]\.expectation_suite_name: no suite file "nope" \(looked for nope\.json, \.yml or \.yaml in /,
      'unresolved',
    ],
    [
      'GX feature without an equivalent',
      'name: x\ndatasources: { ds: data }\nvalidations:\n  - batch_request: { datasource_name: ds, data_asset_name: trips, data_connector_query: { batch_filter_parameters: { year: "2024" } } }\n    expectation_suite_name: trips\n',
      /validations\[0\]\.batch_request\.data_connector_query\.batch_filter_parameters: not supported: name the files/,
      'checkpoint_invalid',
    ],
    [
      'template',
      'name: x\ntemplate_name: base\n',
      /checkpoint\.yml: template_name: not supported: checkpoint templates/,
      'checkpoint_invalid',
    ],
    ['syntax', 'name: x\nvalidations: [\n', /checkpoint\.yml:\d+:\d+: invalid YAML: /, 'checkpoint_syntax'],
    ['empty', '', /checkpoint\.yml: empty file$/, 'checkpoint_syntax'],
    ['not an object', '- a\n- b\n', /checkpoint\.yml: expected a checkpoint object/, 'checkpoint_invalid'],
  ];
  it.each(cases)('%s', async (_name, text, message, code) => {
    const err = await loadError(writeCheckpoint(project(), text));
    expect(err.message).toMatch(message);
    expect(err.code).toBe(code);
    expect(err.file).toMatch(/checkpoint\.yml$/);
  });

  it('lists every problem in issues', async () => {
    const err = await loadError(
      writeCheckpoint(project(), 'name: x\nvalidations:\n  - suite: a.json\n  - batch: b.csv\n'),
    );
    expect(err.issues.map((i) => i.path)).toEqual(['validations[0].batch', 'validations[1].suite']);
  });

  it('names a missing file', async () => {
    const err = await loadError(join(tmp, 'nope.yml'));
    expect(err.code).toBe('checkpoint_unreadable');
    expect(err.message).toBe(`${join(tmp, 'nope.yml')}: file not found`);
  });
});

describe('variables', () => {
  const text =
    'name: x\nvalidations: [{batch: data/trips.csv, suite: suites/native.yml}]\naction_list:\n  - name: hook\n    action: { class_name: WebhookAction, url: "${HOOK}", headers: { authorization: "Bearer ${TOKEN}" } }\n';

  it('a missing variable is an error naming it and the place', async () => {
    const err = await loadError(writeCheckpoint(project(), text), { TOKEN: 'tok-123456' });
    expect(err.code).toBe('missing_variable');
    expect(err.message).toMatch(
      /checkpoint\.yml: action_list\[0\]\.action\.url: environment variable HOOK is not set$/,
    );
  });

  it('a substituted value never appears in an error', async () => {
    const err = await loadError(writeCheckpoint(project(), text), {
      HOOK: 'not-a-url-SECRET-1234',
      TOKEN: 'tok-123456',
    });
    expect(err.message).toMatch(/action_list\[0\]\.action\.url: expected a valid url, got "\$\{HOOK\}"/);
    expect(JSON.stringify(err.issues)).not.toContain('SECRET-1234');
  });

  it('substitutes into the checked options', async () => {
    const cp = await loadCheckpoint(writeCheckpoint(project(), text), {
      env: { HOOK: 'https://hooks.example/abc', TOKEN: 'tok-123456' },
    });
    expect(cp.validations[0]?.actions[0]?.config).toMatchObject({
      url: 'https://hooks.example/abc',
      headers: { authorization: 'Bearer tok-123456' },
    });
    expect(cp.redact('sent to https://hooks.example/abc')).toBe('sent to ${HOOK}');
  });
});
