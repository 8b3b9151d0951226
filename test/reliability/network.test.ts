import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from './cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-reliability-net-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TAXI = join(ROOT, 'examples/data/taxi.parquet');
const TAXI_CSV = join(ROOT, 'examples/data/taxi.csv');
const SUITE = join(ROOT, 'suites/taxi_training_gate.json');

function checkpoint(name: string, actions: string): string {
  const file = join(tmp, `${name}.yml`);
  writeFileSync(
    file,
    `name: ${name}\nvalidations:\n  - batch: ${JSON.stringify(TAXI)}\n    suite: ${JSON.stringify(SUITE)}\naction_list:\n${actions}`,
  );
  return file;
}

/** A connection tsx makes to its own IPC pipe (a Unix socket), not one of the CLI's. */
const TSX_PIPE = /^connect thread=\d+ \{"path":"[^"]*\/tsx-\d+\/\d+\.pipe"\}$/;

/** Every command that reads data or writes reports, then one whose action notifies (the control). */
const PLAN = [
  {
    phase: 'validate parquet, 2 workers, every report',
    argv: [
      'validate',
      TAXI,
      '--suite',
      SUITE,
      '--workers',
      '2',
      '--json',
      join(tmp, 'r.json'),
      '--junit',
      join(tmp, 'r.xml'),
      '--markdown',
      join(tmp, 'r.md'),
      '--html',
      join(tmp, 'site'),
    ],
  },
  { phase: 'validate csv', argv: ['validate', TAXI_CSV, '--suite', SUITE, '--json', join(tmp, 'c.json')] },
  { phase: 'infer', argv: ['infer', TAXI, '--out', join(tmp, 'inferred.json'), '--name', 'inferred'] },
  {
    phase: 'checkpoint: store and data docs',
    argv: [
      'checkpoint',
      'run',
      checkpoint(
        'local',
        '  - name: store\n    action: { class_name: StoreValidationResultAction, target: results/ }\n  - name: docs\n    action: { class_name: UpdateDataDocsAction, site: docs/ }\n',
      ),
    ],
  },
  { phase: 'docs build', argv: ['docs', 'build', join(tmp, 'results'), '--out', join(tmp, 'built')] },
  {
    phase: 'control: a webhook action',
    // port 9 (discard) on the loopback: refused at once, but the attempt is made
    argv: [
      'checkpoint',
      'run',
      checkpoint(
        'hook',
        '  - name: hook\n    action: { class_name: WebhookAction, url: "http://127.0.0.1:9/hook" }\n',
      ),
    ],
  },
];

it('no command opens a connection or resolves a name unless an action notifies', () => {
  const plan = join(tmp, 'plan.json');
  writeFileSync(plan, JSON.stringify(PLAN));
  const log = join(tmp, 'net.log');
  writeFileSync(log, '');
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      join(import.meta.dirname, 'network-hook.cjs'),
      '--import',
      'tsx',
      join(import.meta.dirname, 'network-driver.ts'),
      plan,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, EXPECT_CHECK_NET_LOG: log } },
  );
  expect(r.status, r.stderr).toBe(0);
  const codes = JSON.parse(r.stdout) as Record<string, number>;
  expect(Object.keys(codes)).toEqual(PLAN.map((p) => p.phase));
  // taxi passes its gate; the webhook's failure does not change the outcome
  expect(Object.values(codes)).toEqual([0, 0, 0, 0, 0, 0]);
  const byPhase = new Map<string, string[]>();
  let phase = '';
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    if (line.startsWith('phase ')) {
      phase = line.slice(6);
      byPhase.set(phase, []);
    }
    // tsx, which runs this CLI from source, connects each worker thread to its parent over a local pipe
    else if (!TSX_PIPE.test(line)) byPhase.get(phase)?.push(line);
  }
  const control = PLAN.at(-1)?.phase as string;
  for (const p of PLAN.slice(0, -1)) expect(byPhase.get(p.phase), p.phase).toEqual([]);
  // the hook sees requests: the control's webhook is one
  expect(byPhase.get(control)?.some((l) => l.includes('127.0.0.1:9'))).toBe(true);
}, 120_000);
