import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { openSource } from '../../src/io/open.js';
import { writeParquetFile } from '../../src/io/parquet.js';
import { validationResultSchema } from '../../src/result/schema.js';
import type { Suite } from '../../src/suite/model.js';
import { tempDir } from '../io/support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const e = (type: string, kwargs: Record<string, unknown>) => ({ type, kwargs, meta: {} });

describe('runs that read no column', () => {
  it('take the row count from the Parquet footer and say so, with the results of a scan', async () => {
    const path = join(tmp.dir, 'rows.parquet');
    const n = 12_345;
    await writeParquetFile(tableFromArrays({ x: Float64Array.from({ length: n }, (_, i) => i) }), path, {
      rowGroupSize: 1000,
    });
    const suite: Suite = {
      name: 'rows',
      meta: {},
      expectations: [
        e('expect_table_row_count_to_be_between', { min_value: 1, max_value: 20_000 }),
        e('expect_table_row_count_to_equal', { value: n }),
        e('expect_column_to_exist', { column: 'x' }),
      ],
    };
    const now = new Date('2024-05-01T00:00:00Z');
    const footer = await runSuite(suite, await openSource(path), registry, { now });
    expect(footer.meta.data_source.read).toBe('metadata');
    expect(footer.meta.data_source.row_count).toBe(n);
    expect(footer.results.map((r) => r.success)).toEqual([true, true, true]);
    expect(validationResultSchema.safeParse(JSON.parse(JSON.stringify(footer))).success).toBe(true);
    // the same suite with a column to read scans the data, with the same figures
    const scanned = await runSuite(
      {
        ...suite,
        expectations: [...suite.expectations, e('expect_column_values_to_not_be_null', { column: 'x' })],
      },
      await openSource(path),
      registry,
      { now },
    );
    expect(scanned.meta.data_source.read).toBeUndefined();
    expect(scanned.results.slice(0, 3).map((r) => r.result)).toEqual(footer.results.map((r) => r.result));
  });

  it('still scan a CSV file, which has no row count in its metadata', async () => {
    const path = join(tmp.dir, 'rows.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'a\n1\n2\n3\n');
    const suite: Suite = {
      name: 'rows',
      meta: {},
      expectations: [e('expect_table_row_count_to_equal', { value: 3 })],
    };
    const r = await runSuite(suite, await openSource(path), registry);
    expect(r.meta.data_source.read).toBeUndefined();
    expect(r.success).toBe(true);
  });
});
