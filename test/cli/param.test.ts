import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpText } from '../../src/cli/help.js';
import type { ValidationResult } from '../../src/result/types.js';
import { runMain } from './cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-param-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const data = join(tmp, 'data.csv');
writeFileSync(data, 'x,day\n1,2024-01-01\n5,2024-01-15\n9,2024-01-31\n');

function suiteFile(
  name: string,
  kwargs: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  const path = join(tmp, name);
  writeFileSync(
    path,
    JSON.stringify({
      name: 's',
      expectations: [{ type: 'expect_column_values_to_be_between', kwargs }],
      ...extra,
    }),
  );
  return path;
}

const run = (argv: readonly string[]) => runMain(argv);

const between = suiteFile('between.json', {
  column: 'x',
  min_value: { $PARAMETER: 'lo' },
  max_value: { $PARAMETER: 'lo + span' },
});

describe('expect-check validate --param', () => {
  it('passes NAME=VALUE pairs as suite parameters, VALUE read as JSON when it parses', async () => {
    const { code, stdout } = await run([
      'validate',
      data,
      '--suite',
      between,
      '--param',
      'lo=1',
      '--param',
      'span=8',
      '--param',
      'since=2024-01-01',
      '--param',
      'flags=[true, null]',
      '--param',
      'quoted="5"',
      '--param',
      'empty=',
      '--param',
      'eq=a=b',
      '--json',
      '-',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ValidationResult;
    expect(result.results[0]?.expectation_config.kwargs).toEqual({ column: 'x', min_value: 1, max_value: 9 });
    expect(result.suite_parameters).toEqual({
      lo: 1,
      span: 8,
      since: '2024-01-01',
      flags: [true, null],
      quoted: '5',
      empty: '',
      eq: 'a=b',
    });
  });

  it('the last value of a repeated name wins, and command-line values override the suite', async () => {
    const suite = suiteFile(
      'defaults.json',
      { column: 'x', max_value: { $PARAMETER: 'hi' } },
      { suite_parameters: { hi: 100 } },
    );
    const { code, stdout } = await run([
      'validate',
      data,
      '-s',
      suite,
      '--param',
      'hi=1',
      '--param',
      'hi=5',
      '--json',
      '-',
    ]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as ValidationResult).results[0]?.expectation_config.kwargs.max_value).toBe(5);
  });

  it('a missing parameter fails that expectation (exit 1) and says which', async () => {
    const { code, stdout } = await run([
      'validate',
      data,
      '--suite',
      between,
      '--param',
      'lo=1',
      '--json',
      '-',
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as ValidationResult;
    expect(result.results[0]?.exception_info.exception_message).toBe(
      'kwargs.max_value: no value for suite parameter "span"',
    );
  });

  it('compares date parameters with date columns', async () => {
    const suite = suiteFile('dates.json', {
      column: 'day',
      min_value: { $PARAMETER: 'since - timedelta(days=1)' },
    });
    const pass = await run(['validate', data, '--suite', suite, '--param', 'since=2024-01-02', '-q']);
    expect(pass.code).toBe(0);
    const fail = await run(['validate', data, '--suite', suite, '--param', 'since=2024-01-03', '-q']);
    expect(fail.code).toBe(1);
  });

  it.each([
    ['lo', '--param expects NAME=VALUE, got "lo"'],
    ['=1', '--param: "" is not a parameter name (a letter, then letters, digits, _ or $)'],
    ['1x=1', '--param: "1x" is not a parameter name (a letter, then letters, digits, _ or $)'],
    ['a-b=1', '--param: "a-b" is not a parameter name (a letter, then letters, digits, _ or $)'],
  ])('--param %s is a usage error', async (arg, message) => {
    const { code, stderr } = await run(['validate', data, '--suite', between, '--param', arg]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`expect-check: ${message}`);
  });

  it('a syntax error in the suite is a suite error (exit 2) naming the $PARAMETER path', async () => {
    const suite = suiteFile('bad.json', { column: 'x', max_value: { $PARAMETER: 'lo +' } });
    const { code, stderr } = await run(['validate', data, '--suite', suite]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `expect-check: ${suite}: expectations[0].kwargs.max_value.$PARAMETER: invalid expression "lo +": expected a number, a name or "(", found the end at column 5\n`,
    );
  });

  it('is in the help of validate', () => {
    expect(helpText('validate')).toMatch(/--param NAME=VALUE/);
  });
});
