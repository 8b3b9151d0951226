import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBudget } from '../../src/io/limits.js';
import { hyparquetSource } from '../../src/io/parquet-fallback.js';
import { watchMemory } from '../../src/io/watch.js';
import { countRows, expectReadError } from '../io/support.js';
import { dictionaryBomb } from './craft.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-reliability-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MiB = 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchMemory', () => {
  it('calls back once when the process grows past the budget, and not before', async () => {
    const calls: number[] = [];
    const stop = watchMemory(32 * MiB, (grown) => calls.push(grown));
    await sleep(50);
    expect(calls).toEqual([]);
    // touched pages count: fill them
    const held = Buffer.alloc(96 * MiB, 1);
    await sleep(100);
    stop();
    expect(held.length).toBe(96 * MiB);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThan(32 * MiB);
  });

  it('the budget of a decode is twice the batch limit and room for the rest of the process', () => {
    expect(decodeBudget(64 * MiB)).toBe(384 * MiB);
  });
});

describe('the fallback reader under the limit', () => {
  it('stops a text column whose dictionary repeats a long value, naming the row group', async () => {
    const path = join(tmp, 'text-bomb.parquet');
    writeFileSync(path, dictionaryBomb({ type: 'utf8', valueBytes: MiB, rows: 600, codec: 'gzip' }));
    const source = hyparquetSource(path, { maxBatchBytes: 16 * MiB });
    expect(await source.rowCount()).toBe(600);
    const message = await expectReadError(countRows(source.batches()), 'too_large');
    expect(message).toMatch(
      new RegExp(
        `^${path}: decoding row group 0 made the process grow by \\d+ MiB before it was stopped \\(read by the fallback reader\\), over the limit of 16 MiB per batch`,
      ),
    );
  }, 60_000);

  it('reads the same file when the limit allows it', async () => {
    const path = join(tmp, 'text-small.parquet');
    writeFileSync(path, dictionaryBomb({ type: 'utf8', valueBytes: 1000, rows: 5000, codec: 'gzip' }));
    expect(await countRows(hyparquetSource(path, { maxBatchBytes: 64 * MiB }).batches())).toBe(5000);
  });
});
