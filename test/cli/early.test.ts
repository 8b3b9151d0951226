import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { earlyStart, HEAVY_EXPECTATIONS } from '../../src/cli/early.js';
import { AUTO_PARALLEL_BYTES } from '../../src/engine/parallel.js';
import { registry } from '../../src/expectations/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-early-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A sparse file of `bytes` (no disk taken). */
function fileOf(name: string, bytes: number): string {
  const path = join(tmp, name);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

function suiteOf(name: string, types: string[]): string {
  const path = join(tmp, name);
  const expectations = types.map((type) => ({ type, kwargs: { column: 'id' } }));
  writeFileSync(path, JSON.stringify({ name, expectations }));
  return path;
}

const big = fileOf('big.parquet', AUTO_PARALLEL_BYTES);
const small = fileOf('small.parquet', AUTO_PARALLEL_BYTES - 1);
const bigCsv = fileOf('big.csv', AUTO_PARALLEL_BYTES);
const unique = suiteOf('unique.json', ['expect_column_values_to_be_unique']);
const plain = suiteOf('plain.json', ['expect_column_values_to_not_be_null']);

describe('earlyStart', () => {
  it('lists exactly the expectations the registry calls heavy', () => {
    const heavy = [...registry].filter(([, def]) => def.heavy).map(([type]) => type);
    expect([...HEAVY_EXPECTATIONS].sort()).toEqual(heavy.sort());
  });

  it('starts both threads for a large Parquet file and a suite with uniqueness checks', () => {
    expect(earlyStart(['validate', big, '--suite', unique], 2)).toEqual({ reader: true, worker: true });
    expect(earlyStart(['validate', '-s', unique, big], 4)).toEqual({ reader: true, worker: true });
  });

  it('starts the worker without a reader thread for a large CSV file', () => {
    expect(earlyStart(['validate', bigCsv, '--suite', unique], 2)).toEqual({ reader: false, worker: true });
    expect(earlyStart(['validate', bigCsv, '--suite', unique, '--format', 'parquet'], 2)).toEqual({
      reader: true,
      worker: true,
    });
  });

  it('starts no worker when the engine would not start one beside the scan', () => {
    const cases: [string, string[], number][] = [
      ['no heavy expectation', ['validate', big, '--suite', plain], 2],
      ['a file under the size', ['validate', small, '--suite', unique], 2],
      ['a worker count given', ['validate', big, '--suite', unique, '--workers', '2'], 2],
      ['one core', ['validate', big, '--suite', unique], 1],
      ['two files', ['validate', big, small, '--suite', unique], 2],
      ['a missing file', ['validate', join(tmp, 'none.parquet'), '--suite', unique], 2],
      ['a missing suite', ['validate', big, '--suite', join(tmp, 'none.json')], 2],
      ['a directory', ['validate', tmp, '--suite', unique], 2],
    ];
    for (const [why, argv, cores] of cases) expect(earlyStart(argv, cores).worker, why).toBe(false);
    expect(earlyStart(['validate', big, '--suite', plain], 2).reader).toBe(true);
  });

  it('starts nothing for other commands or a command line the CLI will refuse', () => {
    const none = { reader: false, worker: false };
    expect(earlyStart(['infer', big], 2)).toEqual(none);
    expect(earlyStart(['--version'], 2)).toEqual(none);
    expect(earlyStart(['validate', big, '--suite', unique, '--no-such-option'], 2)).toEqual(none);
    expect(earlyStart(['validate', big, '--suite'], 2)).toEqual(none);
    expect(earlyStart([], 2)).toEqual(none);
  });
});
