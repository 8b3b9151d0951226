import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PARQUET_TESTING } from '../io/support.js';
import { spawnCli } from './cli.js';
import { CSV_DATASETS, type FileResult, parquetFiles, sweepCsvDataset, sweepParquetFile } from './files.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-reliability-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * data/ files the CLI refuses, with the column and type its one line names: they are meant to fail
 * (parquet-testing's INVENTORY.md: "EXPECT ERROR: malformed dictionary page"), so neither reader decodes them.
 */
const REFUSED_DATA: Readonly<Record<string, RegExp>> = {
  'data/nation.dict-malformed.parquet':
    /: cannot decode the data: .*\(row group 0, column "name" of type binary\)$/,
};
/** The bad_data/ file arrow-rs reads: an RLE bit width of 0 for dictionary indices, valid but rare (it crashed Arrow Go). */
const READ_BAD = new Set(['bad_data/ARROW-GH-43605.parquet']);

const tally = new Map<string, number>();
const count = (r: FileResult) => tally.set(r.outcome, (tally.get(r.outcome) ?? 0) + 1);

describe('every parquet-testing file through the CLI', () => {
  it.each(parquetFiles('data'))(
    '%s: rows, columns and null counts of its footer, or exit 3 naming the column',
    async (file) => {
      const r = await sweepParquetFile(tmp, file);
      count(r);
      const refused = REFUSED_DATA[file];
      if (refused) {
        expect(r.outcome, r.message).toBe('refused');
        expect(r.message).toMatch(refused);
        return;
      }
      expect(r.outcome, r.message).toBe('read');
    },
  );

  it.each(parquetFiles('bad_data'))('%s: exit 3 with one line, no crash, no hang', async (file) => {
    const r = await sweepParquetFile(tmp, file);
    count(r);
    expect(r.outcome, r.message).toBe(READ_BAD.has(file) ? 'read' : 'refused');
  });

  it('read all but the file meant to fail', () => {
    const data = parquetFiles('data').length;
    const bad = parquetFiles('bad_data').length;
    expect(data).toBe(64);
    expect(bad).toBe(8);
    expect(Object.fromEntries(tally)).toEqual({
      read: data - Object.keys(REFUSED_DATA).length + READ_BAD.size,
      refused: bad - READ_BAD.size + Object.keys(REFUSED_DATA).length,
    });
  });

  // tsx costs about 1.5 s of CPU per start (test/cli/bin.test.ts spawns the other bad_data files): a file
  // whose decoder crashes its thread, and the one read by the fallback reader
  it.each([
    ['data/nation.dict-malformed.parquet', 3],
    ['data/dict-page-offset-zero.parquet', 0],
  ])(
    '%s as a process: exit %i, at most one line',
    async (file, code) => {
      const path = join(PARQUET_TESTING, file);
      const { suite } = await sweepParquetFile(tmp, file);
      const r = await spawnCli(['validate', path, '--suite', suite, '--quiet']);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(code);
      expect(r.stderr).toBe(code === 0 ? '' : `${r.stderr.split('\n')[0]}\n`);
    },
    60_000,
  );
});

describe('the CSV datasets through the CLI', () => {
  it.each(CSV_DATASETS)(
    '$file: $rows rows, $columns columns, the documented types and missing values',
    async (d) => {
      const r = await sweepCsvDataset(tmp, d);
      expect(r.outcome, r.message).toBe('read');
      expect(r.checks).toBeGreaterThanOrEqual(Object.keys(d.types).length * 2);
    },
  );
});
