import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RecordBatch, Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { writeIpcFile } from '../../src/io/ipc.js';
import { openSource } from '../../src/io/open.js';
import type { ValidationResult } from '../../src/result/types.js';
import { loadSuite } from '../../src/suite/load.js';
import type { Suite } from '../../src/suite/model.js';
import { comparable } from '../engine/split-cases.js';
import { assertConforms } from '../result/conformance.js';
import { tempDir } from './support.js';

const DATA = join(import.meta.dirname, '../../examples/data');
const SUITE = join(import.meta.dirname, '../../suites/taxi_training_gate.json');

let suite: Suite;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  suite = await loadSuite(SUITE);
  tmp = tempDir();
});
afterAll(() => tmp.remove());

/** Validates the files at COMPLETE, checks the result against its schemas, and returns it. */
async function validateFiles(paths: string | string[]): Promise<ValidationResult> {
  const result = await runSuite(suite, await openSource(paths), registry, { resultFormat: 'COMPLETE' });
  assertConforms(result);
  return result;
}

/** Every row of a file as one Arrow table. */
async function readTable(path: string): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const { batch } of (await openSource(path)).batches()) batches.push(batch);
  return new Table(batches);
}

/** Writes the CSV text as `parts` files of about equal rows, each with the header. */
function splitCsv(text: string, parts: number, dir: string): void {
  // the taxi files quote nothing, so a line is a row
  expect(text).not.toContain('"');
  const [header, ...rows] = text.trimEnd().split('\n');
  const per = Math.ceil(rows.length / parts);
  for (let p = 0; p < parts; p++) {
    const body = rows.slice(p * per, (p + 1) * per);
    writeFileSync(join(dir, `part-${p}.csv`), `${header}\n${body.join('\n')}\n`);
  }
}

describe.each(['taxi', 'taxi_defective'])('%s: every format gives the same result', (base) => {
  let want: ValidationResult;

  // validating 10,000 rows at COMPLETE can pass the default hook timeout on a busy machine
  beforeAll(async () => {
    want = await validateFiles(join(DATA, `${base}.csv`));
  }, 60_000);

  it('checks something: the suite has results with unexpected rows on the defective data', () => {
    expect(want.results).toHaveLength(suite.expectations.length);
    expect(want.results.every((r) => !r.exception_info.raised_exception)).toBe(true);
    const failing = want.results.filter((r) => !r.success);
    if (base === 'taxi') expect(failing).toEqual([]);
    else {
      // row numbers from the last third, so that the split source must continue them across files
      const rows = failing.flatMap((r) => (r.result.unexpected_index_list as number[] | undefined) ?? []);
      expect(Math.max(...rows)).toBeGreaterThan(((want.meta.data_source.row_count ?? 0) * 2) / 3);
    }
  });

  it('Parquet', async () => {
    expect(comparable(await validateFiles(join(DATA, `${base}.parquet`)))).toBe(comparable(want));
  }, 60_000);

  it('Arrow IPC written from the Parquet file', async () => {
    const path = join(tmp.dir, `${base}.arrow`);
    await writeIpcFile(await readTable(join(DATA, `${base}.parquet`)), path);
    expect(comparable(await validateFiles(path))).toBe(comparable(want));
  }, 60_000);

  it('three CSV parts with the header repeated, read as one source (row numbers continue)', async () => {
    const dir = join(tmp.dir, `${base}-parts`);
    mkdirSync(dir);
    splitCsv(readFileSync(join(DATA, `${base}.csv`), 'utf8'), 3, dir);
    const got = await validateFiles(dir);
    expect(got.meta.data_source.files).toHaveLength(3);
    expect(comparable(got)).toBe(comparable(want));
  }, 60_000);
});
