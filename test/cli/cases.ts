import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openSource } from '../../src/io/open.js';
import { writeParquetFile } from '../../src/io/parquet.js';

/** The repository root (tests run from anywhere). */
export const ROOT = join(import.meta.dirname, '../..');
export const TAXI = join(ROOT, 'examples/data/taxi.parquet');
export const TAXI_CSV = join(ROOT, 'examples/data/taxi.csv');
export const TAXI_DEFECTIVE = join(ROOT, 'examples/data/taxi_defective.parquet');
export const TAXI_SUITE = join(ROOT, 'suites/taxi_training_gate.json');
export const BROKEN_SUITES = join(ROOT, 'test/fixtures/suites/broken');
export const BAD_PARQUET = join(ROOT, 'test/fixtures/parquet-testing/bad_data');
/** The one file of bad_data that parquet-wasm reads without complaint. */
export const READABLE_BAD_PARQUET = 'ARROW-GH-43605.parquet';
export const USAGE_HINT = 'Run `expect-check --help` for usage.';

/** What one run printed and returned. */
export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How the in-process CLI sees its terminal: stdout a TTY of some width, and the environment. */
export interface Terminal {
  /** stdout is a terminal (colours on unless told otherwise). */
  tty?: boolean;
  columns?: number;
  env?: Record<string, string>;
}

/** Runs the CLI's `main` in this process with captured output (the process's own env is not seen). */
export async function runMain(
  argv: readonly string[],
  term: Terminal = {},
): Promise<RunOutput & { code: number }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
      isTTY: term.tty ?? false,
      ...(term.columns ? { columns: term.columns } : {}),
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: false,
    },
    env: term.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A command line that must fail, and what its one error line must name. */
export interface ErrorCase {
  readonly name: string;
  readonly argv: readonly string[];
  readonly code: 2 | 3;
  /** Each must appear in the error line: the file, the line or place, the offending word. */
  readonly names: readonly (string | RegExp)[];
}

/** A suite file that requires every listed column to be read (a projection would skip the others). */
function readingSuite(dir: string, name: string, columns: readonly string[]): string {
  const path = join(dir, `${name}.suite.json`);
  const expectations = columns.length
    ? columns.map((column) => ({ type: 'expect_column_values_to_not_be_null', kwargs: { column } }))
    : [{ type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 0 } }];
  writeFileSync(path, JSON.stringify({ name, expectations }));
  return path;
}

/** The columns of a file, or none when even its schema cannot be read (that is then the error). */
async function columnsOf(path: string): Promise<string[]> {
  try {
    return (await (await openSource(path)).schema()).fields.map((f) => f.name);
  } catch {
    return [];
  }
}

/** Where each broken suite fixture goes wrong; a fixture not listed here must still name its file. */
const SUITE_PLACES: Readonly<Record<string, RegExp>> = {
  'empty.json': /: empty file$/,
  'ill-typed-kwarg.json': /: expectations\[3\]\.kwargs\.min_value: /,
  'meta-not-object.json': /: expectations\[0\]\.meta: /,
  'min-gt-max.json': /: expectations\[2\]\.kwargs\.min_value: /,
  'missing-kwarg.json': /: expectations\[4\]\.kwargs\.column: /,
  'not-object.json': /: expected a suite object/,
  'syntax.json': /:8:5: invalid JSON/,
  'syntax.yaml': /:5:5: invalid YAML/,
  'unknown-kwarg.json': /: expectations\[0\]\.kwargs: unknown kwarg "maxvalue" \(did you mean max_value\?\)/,
  'unknown-top-key.json': /: unknown key "expectation" \(did you mean expectations\?\)/,
  'unknown-type.json': /: expectations\[1\]\.type: unknown expectation "expect_colum_values_to_be_between"/,
};

/**
 * Every command line that must fail, with its data written below `dir`: usage errors, every broken
 * suite fixture, and data that cannot be read (missing, corrupt or truncated Parquet, broken CSV,
 * sources that do not add up).
 */
export async function errorCases(dir: string): Promise<ErrorCase[]> {
  const file = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const abSuite = readingSuite(dir, 'ab', ['a', 'b']);
  const cases: ErrorCase[] = [];
  const usage = (name: string, argv: string[], ...names: (string | RegExp)[]) =>
    cases.push({ name: `usage: ${name}`, argv, code: 2, names });
  const data = (name: string, argv: string[], ...names: (string | RegExp)[]) =>
    cases.push({ name: `data: ${name}`, argv, code: 3, names });

  usage('no command', [], 'no command given');
  usage('no --suite', ['validate', TAXI], 'validate needs --suite FILE');
  usage('no data', ['validate', '--suite', TAXI_SUITE], 'at least one data file');
  usage('unknown option', ['validate', TAXI, '--suite', TAXI_SUITE, '--bogus'], 'unknown option --bogus');
  usage(
    'misspelt option',
    ['validate', TAXI, '--suite', TAXI_SUITE, '--result-formt', 'BASIC'],
    '--result-formt (did you mean --result-format?)',
  );
  usage('option without its value', ['validate', TAXI, '--suite'], '--suite needs a value');
  usage('unknown command', ['frobnicate', TAXI], 'unknown command "frobnicate"');
  usage('option of another command', ['list', '--suite', TAXI_SUITE], '--suite does not apply to list');
  usage(
    'bad --result-format',
    ['validate', TAXI, '--suite', TAXI_SUITE, '--result-format', 'EVERYTHING'],
    '--result-format expects one of',
    '"EVERYTHING"',
  );
  usage(
    'bad --schema type',
    ['validate', TAXI_CSV, '--suite', TAXI_SUITE, '--schema', 'fare_amount:money'],
    '"fare_amount"',
    '"money"',
  );
  usage('empty data path', ['validate', '', '--suite', TAXI_SUITE], 'a data path is empty');
  const noSchema = join(dir, 'no-such-schema.json');
  usage(
    'missing --schema file',
    ['validate', TAXI_CSV, '--suite', TAXI_SUITE, '--schema', noSchema],
    `--schema ${noSchema}: cannot read the file (no such file or directory)`,
  );
  usage(
    'bad --max-batch-bytes',
    ['validate', TAXI, '--suite', TAXI_SUITE, '--max-batch-bytes', 'lots'],
    '--max-batch-bytes expects a size such as 1048576, 512MiB or 2GB, got "lots"',
  );
  const unwritable = join(dir, 'no-such-dir', 'result.json');
  usage('unwritable --json', ['validate', TAXI, '--suite', TAXI_SUITE, '--json', unwritable], unwritable);

  for (const name of readdirSync(BROKEN_SUITES).sort()) {
    const path = join(BROKEN_SUITES, name);
    const place = SUITE_PLACES[name];
    cases.push({
      name: `suite: ${name}`,
      argv: ['validate', TAXI, '--suite', path],
      code: 2,
      names: place ? [path, place] : [path],
    });
  }
  cases.push({
    name: 'suite: missing file',
    argv: ['validate', TAXI, '--suite', join(dir, 'nope.json')],
    code: 2,
    names: [join(dir, 'nope.json')],
  });

  const missing = join(dir, 'missing.parquet');
  data('missing data file', ['validate', missing, '--suite', TAXI_SUITE], missing, 'no such file');
  for (const name of readdirSync(BAD_PARQUET).filter((n) => n.endsWith('.parquet'))) {
    if (name === READABLE_BAD_PARQUET) continue;
    const path = join(BAD_PARQUET, name);
    const suite = readingSuite(dir, name, await columnsOf(path));
    data(`bad parquet ${name}`, ['validate', path, '--suite', suite], path, /Parquet footer|row group \d+/);
  }
  const taxi = readFileSync(TAXI);
  const truncated = file('truncated.parquet', taxi.subarray(0, Math.floor(taxi.length * 0.6)));
  data('truncated parquet', ['validate', truncated, '--suite', TAXI_SUITE], truncated, 'truncated');
  const fake = file('fake.parquet', 'vendor_id,fare\n1,2.5\n');
  data('not a parquet file', ['validate', fake, '--suite', TAXI_SUITE], fake, 'not a Parquet file');

  // 16 MB of one repeated float in a few KB of zstd: refused from the footer, before any page is read
  const bomb = join(dir, 'bomb.parquet');
  await writeParquetFile(tableFromArrays({ big: new Float64Array(2_000_000).fill(1.5) }), bomb, {
    compression: 'zstd',
    rowGroupSize: 2_000_000,
  });
  data(
    'parquet decompression bomb',
    ['validate', bomb, '--suite', readingSuite(dir, 'bomb', ['big']), '--max-batch-bytes', '1MiB'],
    bomb,
    'row group 0 would decode to about 15.3 MiB',
    'over the limit of 1 MiB per batch',
  );
  const csv = (name: string, content: string | Uint8Array, place: string | RegExp, ...extra: string[]) => {
    const path = file(`${name}.csv`, content);
    data(`csv ${name}`, ['validate', path, '--suite', abSuite, ...extra], path, place);
  };
  csv('ragged', 'a,b\n1,2\n3\n4,5\n', ':3: expected 2 fields, found 1');
  csv(
    'invalid-utf8',
    Buffer.concat([Buffer.from('a,b\n1,x\n2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
    ':3: column "b": invalid UTF-8',
  );
  csv('unterminated-quote', 'a,b\n1,2\n3,"open\n4,5\n', /:3: column "b": the quoted field is not closed/);
  csv(
    'type-after-sample',
    `a,b\n${Array.from({ length: 8 }, (_, i) => `${i},x\n`).join('')}eight,x\n`,
    /:10: column "a": "eight" is not an int64 \(type inferred from the first 5 rows/,
    '--csv-infer-rows',
    '5',
  );
  csv('empty', '', ': no header row');
  csv(
    'enormous-field',
    `a,b\n1,x\n2,"${'y'.repeat(3_000_000)}"\n`,
    /:3: a record .* over the limit of 1 MiB per batch/,
    '--max-batch-bytes',
    '1MiB',
  );

  const mixed = join(dir, 'mixed');
  mkdirSync(mixed);
  cpSync(TAXI, join(mixed, 'taxi.parquet'));
  cpSync(TAXI_CSV, join(mixed, 'taxi.csv'));
  data(
    'directory of mixed formats',
    ['validate', mixed, '--suite', TAXI_SUITE],
    mixed,
    'mixes csv and parquet',
  );
  const glob = join(dir, 'nothing-here', '*.parquet');
  data('glob matching nothing', ['validate', glob, '--suite', TAXI_SUITE], glob, 'no file matches');
  const parts = join(dir, 'parts');
  mkdirSync(parts);
  cpSync(TAXI, join(parts, 'part-0.parquet'));
  cpSync(join(BAD_PARQUET, READABLE_BAD_PARQUET), join(parts, 'part-1.parquet'));
  data(
    'parts with mismatched schemas',
    ['validate', parts, '--suite', TAXI_SUITE],
    join(parts, 'part-1.parquet'),
    `"vendor_id" in ${join(parts, 'part-0.parquet')}`,
  );
  return cases;
}

/** Checks the error contract: the exit code, one line on stderr naming the place, nothing on stdout. */
export function expectErrorContract(out: RunOutput, c: ErrorCase, debug = false): void {
  expect({ code: out.code, stdout: out.stdout }).toEqual({ code: c.code, stdout: '' });
  const lines = out.stderr.split('\n');
  expect(lines.pop()).toBe('');
  const [line = '', ...rest] = lines;
  expect(line).toMatch(/^expect-check: \S/);
  for (const n of c.names) {
    if (typeof n === 'string') expect(line).toContain(n);
    else expect(line).toMatch(n);
  }
  const stack = rest.filter((l) => /^\s+at /.test(l));
  if (debug) {
    expect(stack.length).toBeGreaterThan(0);
    return;
  }
  expect(stack).toEqual([]);
  expect(rest).toEqual(c.name.startsWith('usage:') ? [USAGE_HINT] : []);
}
