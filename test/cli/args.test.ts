import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';
import { cliMarkdown, helpText } from '../../src/cli/help.js';
import { OPTIONS } from '../../src/cli/options.js';

describe('command line parsing', () => {
  it('parses validate with options', () => {
    const a = parseCommandLine([
      'validate',
      'a.parquet',
      'b.parquet',
      '--suite',
      's.json',
      '--result-format',
      'complete',
      '--csv-null',
      'NA',
      '--csv-null',
      '-',
    ]);
    expect(a.command).toBe('validate');
    expect(a.positionals).toEqual(['a.parquet', 'b.parquet']);
    expect(a.values.suite).toBe('s.json');
    expect(a.values['result-format']).toBe('COMPLETE');
    expect(a.values['csv-null']).toEqual(['NA', '-']);
  });

  it.each([
    [['validate', '--bogus'], /^unknown option --bogus$/],
    [['validate', '--sute', 'x'], /^unknown option --sute \(did you mean --suite\?\)$/],
    [['validate', '-x'], /^unknown option -x$/],
    [['validate', '--suite'], /^--suite needs a value \(FILE\)$/],
    [['validate', '-s'], /^--suite needs a value \(FILE\)$/],
    [['validate', '--suite', '--json', 'x'], /^--suite needs a value \(FILE\)$/],
    [['validate', '--quiet=yes'], /^--quiet takes no value$/],
    [['validate', '--csv-infer-rows', ''], /^--csv-infer-rows needs a value \(N\)$/],
    [['validate', '--suite', ''], /^--suite needs a value \(FILE\)$/],
    [['validate', '--csv-infer-rows', '1.5'], /--csv-infer-rows expects a whole number, got "1.5"/],
    [['valdate'], /^unknown command "valdate" \(did you mean validate\?\)/],
    [
      ['validate', '--result-format', 'ALL'],
      /--result-format expects one of BOOLEAN_ONLY, BASIC, SUMMARY, COMPLETE, got "ALL"/,
    ],
    [['validate', '--max-unexpected-rows', 'lots'], /--max-unexpected-rows expects a whole number/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['list', '--suite', 'x'], /option --suite does not apply to list/],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseCommandLine(argv)).toThrowError(UsageError);
    expect(() => parseCommandLine(argv)).toThrowError(msg);
  });

  it('help and docs list every option of a command', () => {
    const help = helpText('validate');
    const md = cliMarkdown();
    for (const o of OPTIONS.filter((x) => x.commands.includes('validate'))) {
      expect(help).toContain(`--${o.name}`);
      expect(md).toContain(`--${o.name}`);
    }
  });
});
