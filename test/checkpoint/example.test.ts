import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NotificationPayload } from '../../src/checkpoint/actions/notify.js';
import { runCheckpoint } from '../../src/checkpoint/run.js';
import { ROOT } from '../cli/cases.js';
import { startServer, type TestServer } from './server.js';

/** Where examples/checkpoint.yml writes (ignored by git). */
const OUT = join(ROOT, '.tmp/checkpoint');
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(OUT, { recursive: true, force: true });
});

it('examples/checkpoint.yml passes, stores both results, builds the docs and posts two webhooks', async () => {
  const run = await runCheckpoint(join(ROOT, 'examples/checkpoint.yml'), {
    env: { WEBHOOK_URL: `${server.url}/ok/example` },
  });
  expect(run.success).toBe(true);
  expect(run.validations.map((v) => v.actions.map((a) => a.status))).toEqual([
    ['ok', 'ok', 'skipped', 'ok'],
    ['ok', 'ok', 'skipped', 'ok'],
  ]);
  const payloads = server.received.map((r) => r.body as NotificationPayload);
  expect(payloads.map((p) => [p.status, p.batch])).toEqual([
    ['success', join(ROOT, 'examples/data/taxi.parquet')],
    ['success', join(ROOT, 'examples/data/taxi.csv')],
  ]);
  for (const p of payloads) expect(existsSync(p.docs as string)).toBe(true);
  expect(existsSync(join(OUT, 'data_docs/index.html'))).toBe(true);
});
