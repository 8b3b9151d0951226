import { describe, expect, it } from 'vitest';
import { WorkerFailure, WorkerSession } from '../../src/io/worker-session.js';

// a thread that echoes, reports an error, crashes, or holds on to memory, as asked
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const held = [];
parentPort.on('message', (m) => {
  if (m.op === 'echo') parentPort.postMessage({ id: m.id, ok: true, reply: { said: m.say, tag: workerData.tag } });
  else if (m.op === 'fail') parentPort.postMessage({ id: m.id, ok: false, error: 'no such thing' });
  else if (m.op === 'crash') setTimeout(() => { throw new RangeError('unreachable'); });
  else if (m.op === 'grow') {
    const grow = () => { const b = Buffer.alloc(16 << 20, 1); held.push(b); setTimeout(grow, 1); };
    grow();
  }
});
`;

describe('WorkerSession', () => {
  it('answers requests in turn, and a reported error leaves it usable', async () => {
    const s = new WorkerSession(SOURCE, { tag: 't' });
    expect(await s.request({ op: 'echo', say: 1 })).toEqual({ said: 1, tag: 't' });
    const e = await s.request({ op: 'fail' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkerFailure);
    expect(e).toMatchObject({ message: 'no such thing', crashed: false });
    expect(await s.request({ op: 'echo', say: 2 })).toEqual({ said: 2, tag: 't' });
    expect(s.dead).toBe(false);
    await s.close();
  });

  it('a thread that crashes fails its request as crashed, and every later one', async () => {
    const s = new WorkerSession(SOURCE, {});
    const e = await s.request({ op: 'crash' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ crashed: true, message: 'RangeError: unreachable' });
    expect(s.dead).toBe(true);
    await expect(s.request({ op: 'echo' })).rejects.toMatchObject({ crashed: true });
  });

  it('a thread that outgrows its memory budget is stopped, saying by how much the process grew', async () => {
    const s = new WorkerSession(SOURCE, {});
    const budget = 64 << 20;
    const e = (await s.request({ op: 'grow' }, budget).catch((x: unknown) => x)) as WorkerFailure;
    expect(e).toBeInstanceOf(WorkerFailure);
    expect(e.crashed).toBe(true);
    expect(e.grown).toBeGreaterThan(budget);
    expect(e.message).toMatch(/took more than 64 MiB of memory/);
    expect(s.dead).toBe(true);
  }, 30_000);
});
