import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { BOMBS, runBomb } from './memory.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-reliability-memory-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MiB = 2 ** 20;

describe('decompression bombs under --max-batch-bytes 64MiB, each in a process of its own', () => {
  for (const [i, bomb] of BOMBS.entries()) {
    it.concurrent(`${bomb.name}: exit 3 with one line, and the process stays small`, async ({ expect }) => {
      const r = await runBomb(tmp, bomb, i);
      expect(r.signal).toBeNull();
      expect(r.fileBytes).toBeLessThan(2000);
      expect(r.code, r.stderr).toBe(3);
      const [line, rest] = r.stderr.split(/\n(.*)/s);
      expect(rest).toBe('');
      expect(line?.startsWith(`expect-check: ${r.path}: `)).toBe(true);
      expect(line?.slice(`expect-check: ${r.path}: `.length)).toMatch(bomb.message);
      // the CLI alone takes about 200 MiB; the text bomb, unguarded, took 2.3 GiB before it was read
      if (!Number.isNaN(r.peakRssBytes)) expect(r.peakRssBytes).toBeLessThan(800 * MiB);
    }, 60_000);
  }
});
