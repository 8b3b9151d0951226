import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/options.js';
import { registry } from '../../src/expectations/index.js';
import { textWidth } from '../../src/report/observed.js';
import { validationResultSchema } from '../../src/result/schema.js';
import type { ValidationResult } from '../../src/result/types.js';
import { VERSION } from '../../src/version.js';
import { controlCodes, hasAnsi, stripColor } from '../report/text.js';
import {
  errorCases,
  expectErrorContract,
  ROOT,
  type RunOutput,
  runMain,
  TAXI,
  TAXI_DEFECTIVE,
  TAXI_SUITE,
} from './cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cases = await errorCases(tmp);

const run = runMain;

let n = 0;
/** Writes a file into the temporary folder and returns its path. */
function write(name: string, content: string | object): string {
  const path = join(tmp, `${n++}-${name}`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A suite file of the given expectations. */
function suite(...expectations: { type: string; kwargs: Record<string, unknown> }[]): string {
  return write('suite.json', { name: 'test', expectations });
}

/** Lines of printed text, without the final newline. */
function linesOf(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('exit codes', () => {
  it('0 when every expectation passes, 1 when one fails, with nothing on stderr', async () => {
    const good = await run(['validate', TAXI, '--suite', TAXI_SUITE]);
    expect(good.code).toBe(0);
    expect(good.stderr).toBe('');
    expect(good.stdout).toMatch(/^PASSED 17 expectations: 17 passed, 0 failed/m);
    const bad = await run(['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('');
    expect(bad.stdout).toMatch(/^FAILED 17 expectations: 11 passed, 6 failed/m);
  });

  it('a bad_data file that parquet-wasm reads fine is validated, not refused', async () => {
    const path = join(ROOT, 'test/fixtures/parquet-testing/bad_data/ARROW-GH-43605.parquet');
    const s = suite({ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'min_fl' } });
    const out = await run(['validate', path, '--suite', s]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('21,186 rows');
  });

  it('a CSV of only a header reads as zero rows', async () => {
    const path = write('header-only.csv', 'a,b\n');
    const s = suite(
      { type: 'expect_table_row_count_to_equal', kwargs: { value: 0 } },
      { type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: ['a', 'b'] } },
    );
    const out = await run(['validate', path, '--suite', s]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });
});

describe('errors: one line naming the file and the place, no stack, nothing on stdout', () => {
  it('covers usage errors, every broken suite and every kind of unreadable data', () => {
    const kinds = new Set(cases.map((c) => c.name.split(':')[0]));
    expect(kinds).toEqual(new Set(['usage', 'suite', 'data']));
    expect(cases.filter((c) => c.name.startsWith('data: bad parquet'))).toHaveLength(7);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectErrorContract(await run(c.argv), c);
  });

  it.each(
    ['usage: no --suite', 'suite: syntax.json', 'data: csv ragged', 'data: truncated parquet'].map((name) => [
      name,
    ]),
  )('--debug adds the stack: %s', async (name) => {
    const c = cases.find((x) => x.name === name);
    if (!c) throw new Error(`no case ${name}`);
    expectErrorContract(await run([...c.argv, '--debug']), c, true);
  });

  it('a value with control characters is shown escaped in the error line', async () => {
    const path = write('hostile.csv', `a,b\n${'1,x\n'.repeat(3)}"\u001b[31mred\nline",x\n`);
    const s = suite({ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' } });
    const out = await run(['validate', path, '--suite', s, '--csv-infer-rows', '2']);
    expect(out.code).toBe(3);
    expect(linesOf(out.stderr)).toHaveLength(1);
    expect(hasAnsi(out.stderr)).toBe(false);
    expect(out.stderr).toContain('\\u001b[31mred\\nline');
  });
});

describe('output', () => {
  it('--json FILE writes a result that validates against the schema, besides the report', async () => {
    const path = join(tmp, 'result.json');
    const out = await run(['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE, '--json', path]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('FAILED');
    const result = validationResultSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    expect(result.success).toBe(false);
    expect(result.results).toHaveLength(17);
    expect(result.meta.expect_check_version).toBe(VERSION);
    expect(result.meta.data_source.row_count).toBe(10_038);
  });

  it('--json - writes only the JSON to stdout', async () => {
    const out = await run(['validate', TAXI, '--suite', TAXI_SUITE, '--json', '-'], { tty: true });
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const result = validationResultSchema.parse(JSON.parse(out.stdout));
    expect(result.success).toBe(true);
    expect(hasAnsi(out.stdout)).toBe(false);
  });

  it('--quiet prints nothing, and the exit code still tells', async () => {
    expect(await run(['validate', TAXI, '--suite', TAXI_SUITE, '--quiet'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(await run(['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE, '-q'])).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
  });

  it('--quiet still writes the --json file', async () => {
    const path = join(tmp, 'quiet.json');
    const out = await run(['validate', TAXI, '--suite', TAXI_SUITE, '--quiet', '--json', path]);
    expect(out).toEqual({ code: 0, stdout: '', stderr: '' });
    validationResultSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  });

  it('--result-format COMPLETE gives unexpected_list and overrides per-expectation result_format', async () => {
    const s = suite({
      type: 'expect_column_values_to_be_between',
      kwargs: { column: 'fare_amount', min_value: 0, max_value: 1000, result_format: 'BOOLEAN_ONLY' },
    });
    const parse = (o: RunOutput) => JSON.parse(o.stdout) as ValidationResult;
    const asSuite = parse(await run(['validate', TAXI_DEFECTIVE, '--suite', s, '--json', '-']));
    expect(asSuite.results[0]?.result).toEqual({});
    const complete = parse(
      await run(['validate', TAXI_DEFECTIVE, '--suite', s, '--json', '-', '--result-format', 'complete']),
    );
    const r = complete.results[0]?.result ?? {};
    expect(r.unexpected_count).toBe(130);
    expect(r.unexpected_list).toHaveLength(130);
    expect(r.unexpected_index_list).toHaveLength(130);
  });

  it('the report has a header, one line per expectation and a summary', async () => {
    const out = await run(['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE]);
    const lines = linesOf(out.stdout);
    expect(lines).toHaveLength(17 + 2);
    expect(lines[0]).toMatch(/^taxi_training_gate on .*taxi_defective\.parquet \(10,038 rows, [\d.]+ s\)$/);
    expect(lines.slice(1, -1).every((l) => /^ {2}[✓✗!] /.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('  ✗'))).toHaveLength(6);
  });

  it('--failures-only keeps the header, the failed expectations and the summary', async () => {
    const out = await run(['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE, '--failures-only']);
    const lines = linesOf(out.stdout);
    expect(lines).toHaveLength(6 + 2);
    expect(lines.slice(1, -1).every((l) => l.startsWith('  ✗ '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^FAILED 17 expectations: 11 passed, 6 failed/);
    const passing = await run(['validate', TAXI, '--suite', TAXI_SUITE, '--failures-only']);
    expect(linesOf(passing.stdout)).toHaveLength(2);
  });

  it('lines fit the terminal width', async () => {
    for (const columns of [60, 100]) {
      const out = await run(['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE], { tty: true, columns });
      const plain = stripColor(out.stdout);
      for (const line of linesOf(plain)) expect(textWidth(line)).toBeLessThanOrEqual(columns);
    }
  });

  it('colour: on for a terminal, off otherwise, under NO_COLOR and with --no-color; --color forces it', async () => {
    const argv = ['validate', TAXI, '--suite', TAXI_SUITE];
    expect(hasAnsi((await run(argv)).stdout)).toBe(false);
    expect(hasAnsi((await run(argv, { tty: true })).stdout)).toBe(true);
    expect(hasAnsi((await run(argv, { tty: true, env: { NO_COLOR: '1' } })).stdout)).toBe(false);
    // NO_COLOR counts only when set to something
    expect(hasAnsi((await run(argv, { tty: true, env: { NO_COLOR: '' } })).stdout)).toBe(true);
    expect(hasAnsi((await run([...argv, '--no-color'], { tty: true })).stdout)).toBe(false);
    expect(hasAnsi((await run([...argv, '--color'])).stdout)).toBe(true);
    expect(hasAnsi((await run([...argv, '--color', '--no-color'], { tty: true })).stdout)).toBe(false);
    expect(hasAnsi((await run(['list', '--color'])).stdout)).toBe(true);
    expect(hasAnsi((await run(['list'])).stdout)).toBe(false);
  });

  it('several files are one source: rows add up and the description names every file', async () => {
    // relative, as typed in a shell (tests run from the repository root)
    const csv = 'examples/data/taxi.csv';
    const argv = ['validate', csv, csv, '--suite', TAXI_SUITE];
    const result = JSON.parse((await run([...argv, '--json', '-'])).stdout) as ValidationResult;
    const ds = result.meta.data_source;
    expect(ds.row_count).toBe(20_000);
    expect(ds.files).toEqual([csv, csv]);
    expect(ds.description).toBe(`${csv}, ${csv} (2 csv files)`);
    // every trip now appears twice
    expect(result.success).toBe(false);
    const header = linesOf((await run(argv)).stdout)[0];
    expect(header).toMatch(
      /^taxi_training_gate on examples\/data\/taxi\.csv, examples\/data\/taxi\.csv \(2 csv files\) \(20,000 rows, [\d.]+ s\)$/,
    );
  });
});

describe('hostile data in the report', () => {
  it('escape sequences and line breaks from the data are shown escaped, never sent to the terminal', async () => {
    const path = write('hostile.csv', 'name\n"\u001b[31mred"\n"a\nb"\nok\n"\u009b2J"\n"\u202eevil"\n');
    const s = suite({
      type: 'expect_column_values_to_be_in_set',
      kwargs: { column: 'name', value_set: ['ok'] },
    });
    for (const tty of [false, true]) {
      const out = await run(['validate', path, '--suite', s, '--no-color'], { tty });
      expect(out.code).toBe(1);
      const lines = linesOf(out.stdout);
      expect(lines).toHaveLength(3);
      expect(controlCodes(out.stdout).filter((c) => c !== 0x0a)).toEqual([]);
      expect(lines[1]).toContain('"\\u001b[31mred"');
      expect(lines[1]).toContain('"a\\nb"');
      expect(lines[1]).toContain('4 unexpected of 5');
    }
  });

  it('column names from the data and the suite cannot break the layout either', async () => {
    const name = 'col\u001b[2J\none';
    const path = write('hostile-header.csv', `"${name}",b\n1,2\n`);
    const s = suite(
      { type: 'expect_column_values_to_be_null', kwargs: { column: name } },
      { type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: ['b'] } },
      { type: 'expect_column_values_to_be_null', kwargs: { column: `${name} missing` } },
    );
    const out = await run(['validate', path, '--suite', s]);
    expect(out.code).toBe(1);
    const lines = linesOf(out.stdout);
    expect(lines).toHaveLength(5);
    expect(controlCodes(out.stdout).filter((c) => c !== 0x0a)).toEqual([]);
    expect(lines[1]).toContain('values in `col\\u001b[2J\\none` are null');
    expect(lines[3]).toContain('error: column "col\\u001b[2J\\none missing"');
  });
});

describe('CSV reading options', () => {
  const runCsv = async (path: string, s: string, ...extra: string[]) =>
    (await run(['validate', path, '--suite', s, ...extra])).code;

  it('--csv-delimiter', async () => {
    const path = write('semi.csv', 'a;b\n1;2\n');
    const s = suite({
      type: 'expect_table_columns_to_match_ordered_list',
      kwargs: { column_list: ['a', 'b'] },
    });
    expect(await runCsv(path, s)).toBe(1);
    expect(await runCsv(path, s, '--csv-delimiter', ';')).toBe(0);
    const tabs = write('tabs.csv', 'a\tb\n1\t2\n');
    expect(await runCsv(tabs, s, '--csv-delimiter', '\\t')).toBe(0);
    const out = await run(['validate', path, '--suite', s, '--csv-delimiter', ';;']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--csv-delimiter expects one character');
  });

  it('--csv-null (repeatable)', async () => {
    const path = write('nulls.csv', 'a\n1\n-\n3\n?\n');
    const s = suite({ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' } });
    expect(await runCsv(path, s)).toBe(0);
    const out = await run([
      'validate',
      path,
      '--suite',
      s,
      '--csv-null',
      '-',
      '--csv-null',
      '?',
      '--json',
      '-',
    ]);
    expect(out.code).toBe(1);
    expect((JSON.parse(out.stdout) as ValidationResult).results[0]?.result.unexpected_count).toBe(2);
  });

  it('--csv-no-header', async () => {
    const path = write('headless.csv', '1,2\n3,4\n');
    const rows = suite({ type: 'expect_table_row_count_to_equal', kwargs: { value: 2 } });
    expect(await runCsv(path, rows)).toBe(1);
    expect(await runCsv(path, rows, '--csv-no-header')).toBe(0);
    const names = suite({
      type: 'expect_table_columns_to_match_ordered_list',
      kwargs: { column_list: ['f0', 'f1'] },
    });
    expect(await runCsv(path, names, '--csv-no-header')).toBe(0);
  });

  it('--schema col:type and --schema file.json', async () => {
    const path = write('ints.csv', 'a,b\n1,x\n2,y\n');
    const s = suite({
      type: 'expect_column_values_to_be_of_type',
      kwargs: { column: 'a', type_: 'float64' },
    });
    expect(await runCsv(path, s)).toBe(1);
    expect(await runCsv(path, s, '--schema', 'a:float64')).toBe(0);
    expect(await runCsv(path, s, '--schema', 'a:float64,b:utf8')).toBe(0);
    const file = write('schema.json', { a: 'float64' });
    expect(await runCsv(path, s, '--schema', file)).toBe(0);
    const bad = await run(['validate', path, '--suite', s, '--schema', 'a']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--schema: expected col:type, got "a"');
  });

  it('--format csv reads a .txt file', async () => {
    const path = write('data.txt', 'a\n1\n2\n');
    const s = suite({ type: 'expect_table_row_count_to_equal', kwargs: { value: 2 } });
    const refused = await run(['validate', path, '--suite', s]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`${path}: cannot tell the format`);
    expect(await runCsv(path, s, '--format', 'csv')).toBe(0);
  });
});

describe('help, version and list', () => {
  it('--help, -h and a command with --help print help to stdout and exit 0', async () => {
    const top = await run(['--help']);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    expect(top.stdout).toContain('Usage: expect-check <command> [options]');
    expect((await run(['-h'])).stdout).toBe(top.stdout);
    const validate = await run(['validate', '--help']);
    expect(validate).toMatchObject({ code: 0, stderr: '' });
    for (const o of OPTIONS.filter((x) => x.commands.includes('validate')))
      expect(validate.stdout).toContain(`--${o.name}`);
    const list = await run(['list', '--help']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toContain('Usage: expect-check list');
    expect(list.stdout).not.toContain('--suite');
  });

  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect((await run(['-v'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('list prints every registered expectation and the count', async () => {
    const out = await run(['list']);
    expect(out.code).toBe(0);
    const lines = linesOf(out.stdout);
    expect(lines.at(-1)).toBe(`${registry.size} expectations`);
    const listed = lines.slice(0, -1).map((l) => l.split(/\s+/)[0]);
    expect(listed.sort()).toEqual([...registry.keys()].sort());
  });
});
