// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are checkpoint text, where ${VAR} is the syntax
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedUrl, startServer, type TestServer } from '../checkpoint/server.js';
import { runMain, TAXI, TAXI_DEFECTIVE, TAXI_SUITE } from './cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-cli-checkpoint-'));
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

const run = (argv: readonly string[], env: Record<string, string> = {}) => runMain(argv, { env });

/** Writes a checkpoint file (YAML) into a fresh directory and returns its path. */
function checkpointFile(yaml: string): string {
  const dir = mkdtempSync(join(tmp, 'c-'));
  const file = join(dir, 'checkpoint.yml');
  writeFileSync(file, yaml);
  return file;
}

function simple(batch: string, actions = ''): string {
  return `name: gate
validations:
  - batch: ${JSON.stringify(batch)}
    suite: ${JSON.stringify(TAXI_SUITE)}
action_list:
  - name: store
    action: { class_name: StoreValidationResultAction }
${actions}`;
}

/** Every file below a directory. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('expect-check checkpoint run', () => {
  it('exits 0 when every validation passes, printing each report, each action and a summary', async () => {
    const r = await run(['checkpoint', 'run', checkpointFile(simple(TAXI)), '--run-name', 'ci']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`taxi_training_gate on ${TAXI}`);
    expect(r.stdout).toMatch(
      /\n {2}✓ store \(StoreValidationResultAction\): stored .*results\/\d{8}T\d{6}\.\d{3}Z_ci_taxi_training_gate\.json\n/,
    );
    expect(r.stdout.endsWith('checkpoint gate, run ci: 1 validation, all passed\n')).toBe(true);
  });

  it('exits 1 when a validation fails', async () => {
    const r = await run(['checkpoint', 'run', checkpointFile(simple(TAXI_DEFECTIVE)), '--failures-only']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/: 1 validation, 1 failed\n$/);
  });

  it('reports a failed notification on stderr without changing the exit code', async () => {
    const file = checkpointFile(
      simple(
        TAXI,
        `  - name: hook
    action: { class_name: WebhookAction, url: "${server.url}/fail/cli", timeout_ms: 500 }
`,
      ),
    );
    const r = await run(['checkpoint', 'run', file, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'expect-check: action hook (WebhookAction): webhook not delivered: HTTP 500: internal error\n',
    );
  });

  it.each([
    [['checkpoint'], 'checkpoint needs a subcommand: run <file>'],
    [['checkpoint', 'start', 'x.yml'], 'unknown checkpoint subcommand "start" (subcommands: run)'],
    [['checkpoint', 'run'], 'checkpoint run needs a checkpoint file'],
    [['checkpoint', 'run', 'a.yml', 'b.yml'], 'checkpoint run takes one file, got "b.yml"'],
    [['checkpoint', 'run', 'a.yml', '--suite', 's.json'], 'option --suite does not apply to checkpoint'],
  ])('exits 2 on usage errors: %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`expect-check: ${message}`);
  });

  it('exits 2 with one line naming the place for a bad checkpoint or an unset variable', async () => {
    const bad = checkpointFile(
      'name: gate\nvalidations:\n  - batch: x.csv\n    suite: s.json\n    csv: { delimiter: ";;" }\n',
    );
    const r = await run(['checkpoint', 'run', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `expect-check: ${bad}: validations[0].csv.delimiter: must have at most 1 characters, got ";;"\n`,
    );

    const unset = checkpointFile(
      simple(TAXI, '  - name: hook\n    action: { class_name: WebhookAction, url: "${WEBHOOK_URL}" }\n'),
    );
    const u = await run(['checkpoint', 'run', unset]);
    expect(u.code).toBe(2);
    expect(u.stderr).toBe(
      `expect-check: ${unset}: action_list[1].action.url: environment variable WEBHOOK_URL is not set\n`,
    );
    expect(u.stdout).toBe('');
  });

  it('exits 2 for a bad suite and 3 for data that cannot be read, before any action runs', async () => {
    const dir = mkdtempSync(join(tmp, 'e-'));
    writeFileSync(
      join(dir, 'bad.json'),
      '{"name": "x", "expectations": [{"type": "expect_nothing", "kwargs": {}}]}',
    );
    const hook = `  - name: hook\n    action: { class_name: WebhookAction, url: "${server.url}/ok/not-sent" }\n`;
    const suiteFile = join(dir, 'c1.yml');
    writeFileSync(suiteFile, simple(TAXI, hook).replace(JSON.stringify(TAXI_SUITE), 'bad.json'));
    const s = await run(['checkpoint', 'run', suiteFile]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/bad\.json: expectations\[0\]\.type: unknown expectation "expect_nothing"/);
    const dataFile = join(dir, 'c2.yml');
    writeFileSync(dataFile, simple(join(dir, 'nope.parquet'), hook));
    const d = await run(['checkpoint', 'run', dataFile]);
    expect(d.code).toBe(3);
    expect(d.stderr).toBe(`expect-check: ${join(dir, 'nope.parquet')}: no such file or directory\n`);
    expect(server.received.filter((x) => x.path === '/ok/not-sent')).toEqual([]);
  });

  it('shows the checkpoint command in --help', async () => {
    const r = await run(['checkpoint', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: expect-check checkpoint run <file> \[options\]\n/);
  });
});

describe('secrets', () => {
  it('substituted values appear in no written file, no output and no payload', async () => {
    const dir = mkdtempSync(join(tmp, 's-'));
    const dataDir = join(dir, 'data-SECRET-DIR-777');
    mkdirSync(dataDir);
    copyFileSync(TAXI_DEFECTIVE, join(dataDir, 'taxi.parquet'));
    const env = {
      WEBHOOK_URL: `${server.url}/ok/hook-SECRET-PATH-123`,
      FAILING_URL: `${server.url}/fail/SECRET-FAIL-456`,
      API_TOKEN: 'tok-SECRET-TOKEN-789',
      DATA_DIR: dataDir,
      RUN_PREFIX: 'SECRET-RUN-000',
    };
    const file = join(dir, 'checkpoint.yml');
    writeFileSync(
      file,
      `name: gate
run_name_template: "\${RUN_PREFIX}_%Y%m%d"
validations:
  - batch: "\${DATA_DIR}/taxi.parquet"
    suite: ${JSON.stringify(TAXI_SUITE)}
action_list:
  - name: store
    action: { class_name: StoreValidationResultAction, target: out/results }
  - name: docs
    action: { class_name: UpdateDataDocsAction, site: out/docs }
  - name: quarantine
    action: { class_name: QuarantineAction, target: out/quarantine }
  - name: hook
    action: { class_name: WebhookAction, url: "\${WEBHOOK_URL}", headers: { authorization: "Bearer \${API_TOKEN}" } }
  - name: failing
    action: { class_name: SlackNotificationAction, slack_webhook: "\${FAILING_URL}" }
  - name: closed
    action: { class_name: WebhookAction, url: "${await closedUrl()}?t=\${API_TOKEN}" }
`,
    );
    const r = await run(['checkpoint', 'run', file, '--debug'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^expect-check: action failing \(SlackNotificationAction\): Slack message not delivered: HTTP 500/,
    );
    expect(r.stdout).toContain('${DATA_DIR}/taxi.parquet');
    expect(r.stdout).toMatch(/run \$\{RUN_PREFIX\}_\d{8}: 1 validation, 1 failed/);

    // the values were used where they belong
    const hook = server.received.find((x) => x.path === '/ok/hook-SECRET-PATH-123');
    expect(hook?.headers.authorization).toBe('Bearer tok-SECRET-TOKEN-789');
    expect(server.received.some((x) => x.path === '/fail/SECRET-FAIL-456')).toBe(true);

    const written = filesBelow(join(dir, 'out'));
    expect(written.some((f) => f.endsWith('.parquet'))).toBe(true);
    expect(written.some((f) => f.endsWith('.html'))).toBe(true);
    const texts = [
      r.stdout,
      r.stderr,
      JSON.stringify(hook?.body),
      ...written.map((f) => readFileSync(f).toString('latin1')),
    ];
    for (const secret of [
      'SECRET-PATH-123',
      'SECRET-FAIL-456',
      'SECRET-TOKEN-789',
      'SECRET-DIR-777',
      'SECRET-RUN-000',
    ]) {
      for (const t of texts) expect(t).not.toContain(secret);
    }
    const stored = JSON.parse(
      readFileSync(written.find((f) => f.endsWith('.json') && f.includes('results')) as string, 'utf8'),
    );
    expect(stored.meta.data_source.description).toBe('${DATA_DIR}/taxi.parquet');
    expect(stored.meta.checkpoint.failed_actions.map((a: { name: string }) => a.name)).toEqual([
      'failing',
      'closed',
    ]);
  });

  it('errors and stack traces (--debug) leave the values out', async () => {
    const dir = mkdtempSync(join(tmp, 't-'));
    const file = join(dir, 'checkpoint.yml');
    writeFileSync(file, simple('${DATA_DIR}/missing.parquet'));
    const r = await run(['checkpoint', 'run', file, '--debug'], { DATA_DIR: join(dir, 'SECRET-DIR-888') });
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')[0]).toBe(
      'expect-check: ${DATA_DIR}/missing.parquet: no such file or directory',
    );
    expect(r.stderr).toContain('ReadError');
    expect(r.stderr).not.toContain('SECRET-DIR-888');
  });
});
