import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ValidationResult } from '../../src/result/types.js';
import { footerFacts, PARQUET_DATA_FILES, PARQUET_TESTING, PARQUET_UNREADABLE } from '../io/support.js';

const DATA = join(PARQUET_TESTING, 'data');
const tmp = mkdtempSync(join(tmpdir(), 'expect-check-pq-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `expect-check validate` in this process; returns the exit code, stderr and the JSON result. */
async function validate(
  path: string,
  suite: object,
): Promise<{ code: number; stderr: string; json?: ValidationResult }> {
  const name = path.split('/').pop() as string;
  const suiteFile = join(tmp, `${name}.suite.json`);
  const out = join(tmp, `${name}.result.json`);
  writeFileSync(suiteFile, JSON.stringify(suite));
  let stderr = '';
  const code = await main(['validate', path, '--suite', suiteFile, '--json', out, '--quiet'], {
    stdout: { write: () => true },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: false,
    },
    env: {},
  });
  return code > 1 ? { code, stderr } : { code, stderr, json: JSON.parse(readFileSync(out, 'utf8')) };
}

describe('expect-check validate on every parquet-testing data/ file', () => {
  it.each(PARQUET_DATA_FILES.filter((f) => !PARQUET_UNREADABLE[f]))(
    '%s: the row count, the column count and the null counts of its footer',
    async (f) => {
      const path = join(DATA, f);
      const facts = await footerFacts(path);
      // float columns are left out: a validator counts NaN as missing too, which no footer counts
      const counted = [...facts.nulls].filter(([c]) => !/FLOAT|DOUBLE/.test(facts.physical.get(c) ?? ''));
      const suite = {
        name: f,
        expectations: [
          { type: 'expect_table_row_count_to_equal', kwargs: { value: facts.rows } },
          { type: 'expect_table_column_count_to_equal', kwargs: { value: facts.columns.length } },
          ...counted.map(([column]) => ({
            type: 'expect_column_values_to_not_be_null',
            kwargs: { column, result_format: 'COMPLETE' },
          })),
        ],
      };
      const { code, stderr, json } = await validate(path, suite);
      expect(stderr).toBe('');
      expect(code).toBeLessThanOrEqual(1);
      const [rows, columns, ...nulls] = json?.results ?? [];
      expect(rows?.success).toBe(true);
      expect(columns?.success).toBe(true);
      expect(nulls.map((r) => (facts.rows === 0 ? 0 : r.result.unexpected_count))).toEqual(
        counted.map(([, n]) => n),
      );
      expect(json?.results.filter((r) => r.exception_info.raised_exception)).toEqual([]);
    },
  );

  it('nation.dict-malformed.parquet, meant to fail, exits 3 with one line naming the column and its type', async () => {
    const path = join(DATA, 'nation.dict-malformed.parquet');
    const suite = {
      name: 'all columns',
      expectations: ['nation_key', 'name', 'region_key', 'comment_col'].map((column) => ({
        type: 'expect_column_values_to_not_be_null',
        kwargs: { column },
      })),
    };
    const { code, stderr } = await validate(path, suite);
    expect(code).toBe(3);
    expect(stderr).toBe(
      `expect-check: ${path}: cannot decode the data: the decoder aborted on corrupt or unsupported data (row group 0, column "name" of type binary)\n`,
    );
  });
});
