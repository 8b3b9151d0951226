import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { parseSuite, SuiteError } from '../../src/suite/load.js';
import { suiteToJson, suiteToYaml } from '../../src/suite/write.js';

/** A suite document with one expect_column_values_to_be_between (or the given type) as JSON text. */
function suiteText(
  kwargs: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  type = 'expect_column_values_to_be_between',
): string {
  return JSON.stringify({ name: 's', expectations: [{ type, kwargs }], meta: {}, ...extra });
}

function failure(text: string): SuiteError {
  try {
    parseSuite(text, 'suite.json');
  } catch (e) {
    if (e instanceof SuiteError) return e;
    throw e;
  }
  throw new Error('expected a SuiteError');
}

describe('loading suites with $PARAMETER kwargs', () => {
  it('reports a syntax error in an expression at load time, one line, at the $PARAMETER path', () => {
    const e = failure(suiteText({ column: 'x', max_value: { $PARAMETER: 'now() - timedelta(days=1' } }));
    expect(e.code).toBe('invalid_kwargs');
    expect(e.path).toBe('expectations[0].kwargs.max_value.$PARAMETER');
    expect(e.message).toBe(
      'suite.json: expectations[0].kwargs.max_value.$PARAMETER: invalid expression "now() - timedelta(days=1": expected "," or ")", found the end at column 25',
    );
    expect(e.message).not.toContain('\n');
  });

  it.each([
    ["__import__('os').system('x')", 'unexpected character "_" at column 1'],
    ['process.exit()', 'unexpected character "." at column 8'],
    ['today()', 'unknown function today()'],
    ['hi >= 3', 'unexpected character ">" at column 4'],
  ])('rejects %j', (expr, reason) => {
    expect(failure(suiteText({ column: 'x', max_value: { $PARAMETER: expr } })).message).toContain(reason);
  });

  it('an expression must be a string', () => {
    const e = failure(suiteText({ column: 'x', max_value: { $PARAMETER: 5 } }));
    expect(e.message).toBe(
      'suite.json: expectations[0].kwargs.max_value.$PARAMETER: expected an expression string, got 5',
    );
  });

  it('evaluates expressions without runtime parameters and checks their values like literals', () => {
    const crossed = failure(
      suiteText({
        column: 'x',
        min_value: { $PARAMETER: 'datetime(2003, 1, 1)' },
        max_value: { $PARAMETER: 'datetime(1969, 1, 1)' },
      }),
    );
    expect(crossed.message).toBe(
      'suite.json: expectations[0].kwargs.min_value: min_value must be <= max_value',
    );
    const notANumber = failure(suiteText({ column: 'x', max_value: 3, mostly: { $PARAMETER: 'now()' } }));
    expect(notANumber.path).toBe('expectations[0].kwargs.mostly');
    expect(notANumber.message).toMatch(/expected a number, got "\d{4}-\d\d-\d\dT/);
    const outOfRange = failure(suiteText({ column: 'x', mostly: { $PARAMETER: '1 + 1' }, max_value: 3 }));
    expect(outOfRange.message).toBe(
      'suite.json: expectations[0].kwargs.mostly: mostly must be between 0 and 1',
    );
  });

  it('reports an expression that can never be evaluated at its $PARAMETER path', () => {
    expect(
      failure(suiteText({ column: 'x', min_value: { $PARAMETER: 'datetime(2020, 13, 1)' } })).message,
    ).toBe(
      'suite.json: expectations[0].kwargs.min_value.$PARAMETER: datetime() month must be in 1..12, got 13',
    );
    expect(failure(suiteText({ column: 'x', min_value: { $PARAMETER: '1 / 0' } })).message).toBe(
      'suite.json: expectations[0].kwargs.min_value.$PARAMETER: division by zero',
    );
  });

  it('a kwarg naming a runtime parameter may take any value: it is not judged before the run', () => {
    // alone it even satisfies "give min_value, max_value or both"
    const suite = parseSuite(suiteText({ column: 'x', max_value: { $PARAMETER: 'hi * 2' } }), 'suite.json');
    expect(suite.expectations[0]?.kwargs).toEqual({ column: 'x', max_value: { $PARAMETER: 'hi * 2' } });
    expect(() =>
      parseSuite(
        suiteText(
          { column: { $PARAMETER: 'col' }, value_set: { $PARAMETER: 'allowed' } },
          {},
          'expect_column_values_to_be_in_set',
        ),
        'suite.json',
      ),
    ).not.toThrow();
  });

  it('still checks the other kwargs and still reports unknown keys', () => {
    const other = failure(suiteText({ column: 'x', max_value: { $PARAMETER: 'hi' }, mostly: 2 }));
    expect(other.message).toBe('suite.json: expectations[0].kwargs.mostly: mostly must be between 0 and 1');
    const typo = failure(suiteText({ column: 'x', max_valeu: { $PARAMETER: 'hi' } }));
    expect(typo.message).toBe(
      'suite.json: expectations[0].kwargs: unknown kwarg "max_valeu" (did you mean max_value?)',
    );
  });

  it('lists every problem: syntax, evaluation and plain kwargs issues together', () => {
    const e = failure(
      suiteText({
        column: 'x',
        min_value: { $PARAMETER: '1 +' },
        max_value: { $PARAMETER: 'datetime(2020, 2, 30)' },
        strict_min: 'yes',
      }),
    );
    expect(e.issues.map((i) => i.path)).toEqual([
      'expectations[0].kwargs.min_value.$PARAMETER',
      'expectations[0].kwargs.max_value.$PARAMETER',
      'expectations[0].kwargs.strict_min',
    ]);
  });

  it('defers rules across kwargs to the run, where the resolved values meet them', async () => {
    const suite = parseSuite(
      suiteText({ column: 'x', min_value: 5, max_value: { $PARAMETER: 'hi' } }),
      'suite.json',
    );
    const r = await runSuite(suite, tableSource(tableFromArrays({ x: Float64Array.from([6]) })), registry, {
      suiteParameters: { hi: 1 },
    });
    expect(r.results[0]?.exception_info.exception_message).toBe(
      'kwargs.min_value: min_value must be <= max_value',
    );
  });

  it("keeps the suite's suite_parameters (and GX 0.x evaluation_parameters) as defaults", () => {
    const suite = parseSuite(
      suiteText(
        { column: 'x', max_value: { $PARAMETER: 'hi' } },
        { suite_parameters: { hi: 3 }, evaluation_parameters: { hi: 2, lo: 1 } },
      ),
      'suite.json',
    );
    expect(suite.suite_parameters).toEqual({ hi: 3, lo: 1 });
    const none = parseSuite(suiteText({ column: 'x', max_value: 1 }, { suite_parameters: {} }), 'suite.json');
    expect(Object.keys(none)).not.toContain('suite_parameters');
  });

  it('writes expressions and suite_parameters back as read, in JSON and YAML', () => {
    const text = suiteText(
      { column: 'x', max_value: { $PARAMETER: 'now() - timedelta(days=1)' } },
      { suite_parameters: { hi: 3 } },
    );
    const suite = parseSuite(text, 'suite.json');
    expect(parseSuite(suiteToJson(suite), 'again.json')).toEqual(suite);
    expect(parseSuite(suiteToYaml(suite), 'again.yaml')).toEqual(suite);
  });

  it('reads $PARAMETER kwargs from YAML suites', () => {
    const yaml = [
      'name: s',
      'expectations:',
      '  - type: expect_column_values_to_be_between',
      '    kwargs:',
      '      column: x',
      '      max_value: { $PARAMETER: "hi +" }',
    ].join('\n');
    expect(() => parseSuite(yaml, 'suite.yaml')).toThrow(
      'suite.yaml: expectations[0].kwargs.max_value.$PARAMETER: invalid expression "hi +": expected a number, a name or "(", found the end at column 5',
    );
  });
});
