import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { defineExpectation } from '../../src/engine/expectation.js';
import { registry } from '../../src/expectations/index.js';
import { runtimeKeys } from '../../src/suite/kwargs.js';
import {
  loadSuite,
  parseSuite,
  SuiteError,
  type SuiteIssue,
  type SuiteRegistry,
} from '../../src/suite/load.js';
import { stringifyPythonJson } from '../../src/suite/python-json.js';
import { suiteToJson } from '../../src/suite/write.js';
import { FUZZ_RUNS } from '../fuzz-runs.js';
import { jsonValue } from './arbitraries.js';

const dir = fileURLToPath(new URL('../fixtures/suites/', import.meta.url));
const fixture = (name: string) => join(dir, name);

/** The SuiteError a call throws (synchronously or not). */
async function failure(run: () => unknown): Promise<SuiteError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof SuiteError) return e;
    throw e;
  }
  throw new Error('expected a SuiteError');
}

/** A suite document with the given expectations, as JSON text. */
function suiteText(expectations: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 's', expectations, meta: {}, ...extra });
}

describe('loadSuite: GX suites as written by GX', () => {
  it('reads GX 0.x JSON: expectation_type, Python NaN/Infinity tokens, runtime keys in kwargs', async () => {
    const suite = await loadSuite(fixture('gx0-taxi.json'));
    expect(suite.name).toBe('yellow_tripdata.warning');
    expect(suite.id).toBeUndefined();
    expect(suite.expectations.map((e) => e.type)).toEqual([
      'expect_table_row_count_to_be_between',
      'expect_column_values_to_not_be_null',
      'expect_column_values_to_be_between',
      'expect_column_mean_to_be_between',
    ]);
    expect(suite.expectations[1]).toEqual({
      type: 'expect_column_values_to_not_be_null',
      kwargs: { column: 'vendor_id', result_format: 'BASIC', catch_exceptions: true },
      meta: {},
    });
    expect(suite.expectations[2]?.meta.observed).toEqual({
      min: Number.NEGATIVE_INFINITY,
      max: Number.POSITIVE_INFINITY,
      mean_of_empty: Number.NaN,
      label: 'NaN and Infinity in a string stay strings',
    });
    expect(suite.meta.great_expectations_version).toBe('0.15.50');
    expect(Object.keys(suite).sort()).toEqual(['expectations', 'meta', 'name']);
  });

  it('reads GX 1.x JSON: ids and notes kept, rendered content, description and severity dropped', async () => {
    const suite = await loadSuite(fixture('gx1-taxi.json'));
    expect(suite).toEqual({
      name: 'yellow_tripdata',
      id: 'a6f2c2a9-2a1b-4a3e-9a6b-1d3c1b2e4f50',
      expectations: [
        {
          type: 'expect_table_row_count_to_be_between',
          kwargs: { min_value: 9000, max_value: 11000 },
          meta: {},
          id: '0f8e5c4b-6f62-4b4c-8a52-0c4b9d5b3a11',
        },
        {
          type: 'expect_column_values_to_not_be_null',
          kwargs: { column: 'vendor_id' },
          meta: {},
          id: '54d0b0f7-6a1c-4e5a-bb1c-6f3f1a2c9d02',
          notes: 'Every trip comes from a vendor.',
        },
        {
          type: 'expect_column_values_to_be_between',
          kwargs: { column: 'passenger_count', min_value: 1, max_value: 6, mostly: 0.95 },
          meta: { owner: 'data-eng' },
          id: '7c1b0e55-3d3f-4c52-b9c3-2a1f0d4e8b63',
          notes: ['Taxis seat at most 6.', 'Zero-passenger rides are rare.'],
        },
        {
          type: 'expect_column_mean_to_be_between',
          kwargs: { column: 'trip_distance', min_value: 2, max_value: 4.5 },
          meta: {},
        },
      ],
      meta: { great_expectations_version: '1.3.5' },
      notes: 'Checks run on every monthly load.',
    });
  });

  it('reads the same suite from YAML, with .nan/.inf and a suite-wide result_format', async () => {
    const yaml = await loadSuite(fixture('taxi.yaml'));
    const json = await loadSuite(fixture('gx1-taxi.json'));
    expect(yaml.result_format).toBe('SUMMARY');
    expect(yaml.notes).toEqual(['Checks run on every monthly load.']);
    expect(yaml.expectations[2]?.meta).toEqual({
      observed_min: Number.NEGATIVE_INFINITY,
      observed_mean: Number.NaN,
    });
    expect(yaml.expectations.map((e) => [e.type, e.kwargs])).toEqual(
      json.expectations.map((e) => [e.type, e.kwargs]),
    );
  });

  it('keeps kwargs as written, without the defaults their schema adds', async () => {
    const suite = await loadSuite(fixture('gx1-taxi.json'));
    const between = suite.expectations[2];
    expect(between?.kwargs).not.toHaveProperty('strict_min');
    expect(registry.get('expect_column_values_to_be_between')?.kwargs.parse(between?.kwargs)).toHaveProperty(
      'strict_min',
      false,
    );
  });

  it('accepts every example of every registered expectation', () => {
    const expectations = [...registry.values()].flatMap((def) =>
      def.examples.map((ex) => ({ type: def.type, kwargs: ex.kwargs, meta: {} })),
    );
    const suite = parseSuite(suiteText(expectations), 'examples.json');
    expect(suite.expectations).toEqual(expectations);
  });
});

describe('parseSuite: formats', () => {
  const yamlText =
    'name: s\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: a}\n';
  const jsonText = suiteText([
    { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' }, meta: {} },
  ]);
  const expected = {
    name: 's',
    expectations: [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' }, meta: {} }],
    meta: {},
  };

  it('chooses by extension, case-insensitively', () => {
    expect(parseSuite(yamlText, 'a.YML')).toEqual(expected);
    expect(parseSuite(yamlText, 'a.yaml')).toEqual(expected);
    expect(parseSuite(jsonText, 'a.JSON')).toEqual(expected);
    // JSON is YAML too, but .json files get JSON's error messages
    expect((() => parseSuite(yamlText, 'a.json')) as () => unknown).toThrow('a.json:1:1: invalid JSON');
  });

  it('sniffs the format of other names from the text', () => {
    expect(parseSuite(yamlText, 'suite')).toEqual(expected);
    expect(parseSuite(`\n  ${jsonText}`, 'suite.txt')).toEqual(expected);
  });

  it('ignores a byte order mark', () => {
    expect(parseSuite(`\uFEFF${jsonText}`, 'a.json')).toEqual(expected);
    expect(parseSuite(`\uFEFF${yamlText}`, 'a.yaml')).toEqual(expected);
  });

  it('maps GX 0.x ge_cloud_id to id and treats null ids, notes and expectation meta as absent', () => {
    const suite = parseSuite(
      JSON.stringify({
        expectation_suite_name: 's',
        ge_cloud_id: 'abc',
        evaluation_parameters: {},
        expectations: [
          {
            expectation_type: 'expect_column_values_to_not_be_null',
            kwargs: { column: 'a' },
            meta: null,
            ge_cloud_id: 'e1',
            notes: null,
          },
        ],
        notes: null,
      }),
      'v0.json',
    );
    expect(suite).toEqual({
      name: 's',
      id: 'abc',
      expectations: [
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' }, meta: {}, id: 'e1' },
      ],
      meta: {},
    });
  });

  it('defaults a missing expectation list and meta to empty', () => {
    expect(parseSuite('{"name": "empty"}', 'e.json')).toEqual({ name: 'empty', expectations: [], meta: {} });
  });
});

describe('SuiteError: broken suites', () => {
  it.each([
    ['broken/syntax.json', 'suite_syntax', ':8:5: invalid JSON: Unexpected token }', { line: 8, column: 5 }],
    [
      'broken/syntax.yaml',
      'suite_syntax',
      ':5:5: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
      { line: 5, column: 5 },
    ],
    [
      'broken/unknown-type.json',
      'unknown_expectation',
      ': expectations[1].type: unknown expectation "expect_colum_values_to_be_between" (did you mean expect_column_values_to_be_between?)',
      { path: 'expectations[1].type' },
    ],
    [
      'broken/unknown-kwarg.json',
      'invalid_kwargs',
      ': expectations[0].kwargs: unknown kwarg "maxvalue" (did you mean max_value?)',
      { path: 'expectations[0].kwargs' },
    ],
    [
      'broken/ill-typed-kwarg.json',
      'invalid_kwargs',
      ': expectations[3].kwargs.min_value: expected a number, got "x"',
      { path: 'expectations[3].kwargs.min_value' },
    ],
    [
      'broken/min-gt-max.json',
      'invalid_kwargs',
      ': expectations[2].kwargs.min_value: min_value must be <= max_value',
      { path: 'expectations[2].kwargs.min_value' },
    ],
    [
      'broken/missing-kwarg.json',
      'invalid_kwargs',
      ': expectations[4].kwargs.column: required',
      { path: 'expectations[4].kwargs.column' },
    ],
    [
      'broken/meta-not-object.json',
      'suite_invalid',
      ': expectations[0].meta: expected an object, got "owned by data-eng"',
      { path: 'expectations[0].meta' },
    ],
    ['broken/empty.json', 'suite_syntax', ': empty file', {}],
    ['broken/not-object.json', 'suite_invalid', ': expected a suite object, got a list of 1 item', {}],
    [
      'broken/unknown-top-key.json',
      'suite_invalid',
      ': unknown key "expectation" (did you mean expectations?)',
      {},
    ],
  ])('%s: %s', async (name, code, rest, fields) => {
    const file = fixture(name);
    const err = await failure(() => loadSuite(file));
    expect(err.message).toBe(`${file}${rest}`);
    expect(err.code).toBe(code);
    expect(err.file).toBe(file);
    expect(err).toMatchObject(fields);
    expect(err.message).not.toContain('\n');
  });

  it('names a file that cannot be read', async () => {
    const missing = fixture('no-such-suite.json');
    const err = await failure(() => loadSuite(missing));
    expect(err.message).toBe(`${missing}: file not found`);
    expect(err.code).toBe('suite_unreadable');
    expect((await failure(() => loadSuite(dir))).message).toBe(`${dir}: is a directory`);
  });

  it('lists every problem in issues, in document order, and reports the first', () => {
    const text = JSON.stringify({
      name: 's',
      colour: 'blue',
      expectations: [
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a', mostly: 2 }, meta: {} },
        { type: 'expect_nothing', kwargs: {}, meta: {} },
        3,
        { kwargs: {} },
        { expectation_type: 5, kwargs: [] },
      ],
    });
    const err = (() => {
      try {
        parseSuite(text, 'many.json');
      } catch (e) {
        return e as SuiteError;
      }
    })();
    expect(err?.issues).toEqual([
      { code: 'suite_invalid', path: '', message: 'unknown key "colour"' },
      {
        code: 'invalid_kwargs',
        path: 'expectations[0].kwargs.mostly',
        message: 'mostly must be between 0 and 1',
      },
      {
        code: 'unknown_expectation',
        path: 'expectations[1].type',
        message: 'unknown expectation "expect_nothing"',
      },
      { code: 'suite_invalid', path: 'expectations[2]', message: 'expected an object, got 3' },
      { code: 'suite_invalid', path: 'expectations[3].type', message: 'required' },
      {
        code: 'suite_invalid',
        path: 'expectations[4].expectation_type',
        message: 'expected a string, got 5',
      },
      { code: 'suite_invalid', path: 'expectations[4].kwargs', message: 'expected an object, got []' },
    ]);
    expect(err?.message).toBe('many.json: unknown key "colour"');
  });

  it.each([
    ['{"expectations": []}', 'name: required'],
    ['{"name": 3}', 'name: expected a string, got 3'],
    ['{"name": "s", "meta": []}', 'meta: expected an object, got []'],
    ['{"name": "s", "expectations": {}}', 'expectations: expected a list, got {}'],
    ['{"name": "s", "notes": 1}', 'notes: expected a string or a list, got 1'],
    ['{"name": "s", "notes": ["a", 2]}', 'notes[1]: expected a string, got 2'],
    [
      '{"name": "s", "result_format": "FULL"}',
      'result_format: expected one of "BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE" or an object, got "FULL"',
    ],
    ['null', 'expected a suite object, got null'],
    ['"suite"', 'expected a suite object, got "suite"'],
  ])('checks the suite document: %s', async (text, message) => {
    const err = await failure(() => parseSuite(text, 'x.json'));
    expect([err.code, err.message]).toEqual(['suite_invalid', `x.json: ${message}`]);
  });

  it('reports an empty YAML document (only comments) as an empty file', () => {
    expect(() => parseSuite('# nothing yet\n', 'x.yaml')).toThrow('x.yaml: empty file');
    expect(() => parseSuite('  \n\t\n', 'x.yml')).toThrow('x.yml: empty file');
  });

  it('reports YAML that only fails when built, without a position', () => {
    expect(() => parseSuite('name: *nowhere\n', 'x.yaml')).toThrow(/^x\.yaml: invalid YAML: /);
  });
});

describe('SuiteError: kwargs messages from zod issues', () => {
  const probe = defineExpectation({
    type: 'expect_probe',
    description: 'Exercises every kind of kwargs issue.',
    domain: 'table',
    kwargs: z
      .strictObject({
        name: z.string().min(1),
        tags: z.array(z.string()).min(2).max(3).optional(),
        level: z.enum(['low', 'high']).optional(),
        code: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional(),
        step: z.number().multipleOf(5).optional(),
        count: z.number().int().optional(),
        ratio: z.number().gt(0).lt(1).optional(),
        flag: z.literal(true).optional(),
        bound: z.union([z.number().min(0), z.null()]).optional(),
        either: z.union([z.number(), z.string(), z.boolean()]).optional(),
        nested: z.strictObject({ a: z.boolean() }).optional(),
        label: z.string().max(3, 'labels are at most 3 characters').optional(),
        ...runtimeKeys,
      })
      .refine((k) => k.name !== 'forbidden', { message: 'this name is reserved', path: ['name'] }),
    sentence: () => 'probe',
    examples: [],
  });
  const probes: SuiteRegistry = new Map([[probe.type, probe]]);
  const messageFor = (kwargs: unknown): string => {
    try {
      parseSuite(suiteText([{ type: 'expect_probe', kwargs, meta: {} }]), 'p.json', probes);
    } catch (e) {
      if (e instanceof SuiteError) return e.message.replace('p.json: expectations[0].kwargs', '');
      throw e;
    }
    return 'accepted';
  };

  it.each([
    [{}, '.name: required'],
    [{ name: '' }, '.name: must not be empty, got ""'],
    [{ name: 7 }, '.name: expected a string, got 7'],
    [{ name: { first: 'a', last: 'b' } }, '.name: expected a string, got {"first":"a","last":"b"}'],
    [
      { name: { text: 'a much longer value than fits in a message' } },
      '.name: expected a string, got an object',
    ],
    [{ name: Array.from({ length: 20 }, (_, i) => i) }, '.name: expected a string, got a list of 20 items'],
    [{ name: 'forbidden' }, '.name: this name is reserved'],
    [{ name: 'a', tags: ['x'] }, '.tags: must have at least 2 items, got ["x"]'],
    [{ name: 'a', tags: ['w', 'x', 'y', 'z'] }, '.tags: must have at most 3 items, got ["w","x","y","z"]'],
    [{ name: 'a', tags: ['x', 1] }, '.tags[1]: expected a string, got 1'],
    [{ name: 'a', level: 'mid' }, '.level: expected one of "low", "high", got "mid"'],
    [{ name: 'a', code: 'ab' }, '.code: must match /^[A-Z]{3}$/, got "ab"'],
    [{ name: 'a', step: 7 }, '.step: must be a multiple of 5, got 7'],
    [{ name: 'a', count: 1.5 }, '.count: expected an integer, got 1.5'],
    [{ name: 'a', ratio: 1 }, '.ratio: must be < 1, got 1'],
    [{ name: 'a', ratio: 0 }, '.ratio: must be > 0, got 0'],
    [{ name: 'a', flag: false }, '.flag: expected true, got false'],
    [{ name: 'a', bound: -1 }, '.bound: must be >= 0, got -1'],
    [{ name: 'a', bound: 'x' }, '.bound: expected a number, got "x"'],
    [{ name: 'a', either: null }, '.either: expected a number, a string or a boolean, got null'],
    [{ name: 'a', nested: { a: 1 } }, '.nested.a: expected a boolean, got 1'],
    [{ name: 'a', nested: { a: true, b: 2 } }, '.nested: unknown key "b"'],
    [{ name: 'a', label: 'long' }, '.label: labels are at most 3 characters'],
    [{ name: 'a', lable: 'x', colour: 1 }, ': unknown kwargs "lable" (did you mean label?), "colour"'],
    [
      { name: 'a', result_format: { result_format: 'BASIC', partial_unexpected_count: -1 } },
      '.result_format.partial_unexpected_count: must be >= 0, got -1',
    ],
    [
      { name: 'a', result_format: { result_format: 'BASIC', extra: 1 } },
      '.result_format: unknown key "extra"',
    ],
    [{ name: 'a', catch_exceptions: 'yes' }, '.catch_exceptions: expected a boolean, got "yes"'],
    [{ name: 'a', include_config: true, catch_exceptions: false, result_format: 'COMPLETE' }, 'accepted'],
  ])('%j -> %s', (kwargs, message) => {
    expect(messageFor(kwargs)).toBe(message);
  });

  it('says which finite number it wanted when given a Python token', () => {
    const text =
      '{"name": "s", "expectations": [{"type": "expect_probe", "kwargs": {"name": "a", "bound": Infinity}}]}';
    expect(() => parseSuite(text, 'p.json', probes)).toThrow(
      'p.json: expectations[0].kwargs.bound: expected a finite number, got Infinity',
    );
  });

  it('shortens long strings it quotes', () => {
    const long = 'abcdefghij'.repeat(6);
    expect(messageFor({ name: 'a', level: long })).toBe(
      `.level: expected one of "low", "high", got "${long.slice(0, 37)}…"`,
    );
  });

  it('suggests nothing for an unknown expectation far from every registered name', () => {
    const text = suiteText([{ type: 'expect_something_else', kwargs: {}, meta: {} }]);
    expect(() => parseSuite(text, 'p.json', probes)).toThrow(
      'p.json: expectations[0].type: unknown expectation "expect_something_else"',
    );
  });

  it('round-trips the probe suite through suiteToJson (the writer is registry-agnostic)', () => {
    const suite = parseSuite(
      suiteText([{ type: 'expect_probe', kwargs: { name: 'a' }, meta: {} }]),
      'p.json',
      probes,
    );
    expect(parseSuite(suiteToJson(suite), 'p.json', probes)).toEqual(suite);
  });
});

describe('fixtures are what they claim', () => {
  it('the GX 0.x fixture really carries bare Python tokens', () => {
    const text = readFileSync(fixture('gx0-taxi.json'), 'utf8');
    expect(text).toMatch(/: -Infinity,/);
    expect(text).toMatch(/: NaN,/);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('fuzzing: no input crashes the loader, every rejection names its place', () => {
  const types = [...registry.keys()];
  const exampleSuite = [...registry.values()].flatMap((def) =>
    def.examples.map((ex) => ({ type: def.type, kwargs: ex.kwargs as Record<string, unknown>, meta: {} })),
  );
  const kwargKeys = [
    ...new Set([
      ...exampleSuite.flatMap((e) => Object.keys(e.kwargs)),
      'result_format',
      'mostly',
      'row_condition',
      'condition_parser',
    ]),
  ];
  const suiteKeys = [
    'name',
    'expectation_suite_name',
    'expectations',
    'meta',
    'notes',
    'id',
    'suite_parameters',
  ];
  const key = fc.oneof(
    fc.constantFrom(...suiteKeys, ...kwargKeys, 'type', 'kwargs'),
    fc.string({ maxLength: 6 }),
  );
  const value = fc.oneof(
    jsonValue(key, [...types, 'SUMMARY', 'COMPLETE', 'pandas', 'a > 1', '', 'NaN'], 4),
    fc.record({ $PARAMETER: fc.oneof(fc.string(), fc.constantFrom('x + 1', 'now()', 'p')) }),
  );
  const expectationArb = fc.record(
    {
      type: fc.oneof(fc.constantFrom(...types), value),
      kwargs: fc.oneof(fc.dictionary(fc.constantFrom(...kwargKeys), value, { maxKeys: 5 }), value),
      meta: value,
      notes: value,
      id: value,
    },
    { requiredKeys: ['type', 'kwargs'] },
  );
  const suiteArb = fc.record(
    { name: value, expectations: fc.oneof(fc.array(expectationArb, { maxLength: 4 }), value), meta: value },
    { requiredKeys: [] },
  );

  /** A valid path as messages write it: `expectations[3].kwargs.min_value`, `["odd key"]`. */
  const PATH =
    /^(?:[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])(?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])*$/;

  /** Parses, and checks the contract of a rejection: a one-line SuiteError naming the file and the place. */
  function parseOrReject(text: string, file: string): { error?: SuiteError } {
    try {
      parseSuite(text, file);
      return {};
    } catch (e) {
      expect(e).toBeInstanceOf(SuiteError);
      const err = e as SuiteError;
      expect(err.file).toBe(file);
      expect(err.message).not.toContain('\n');
      const first = err.issues[0] as SuiteIssue;
      for (const issue of err.issues) if (issue.path) expect(issue.path).toMatch(PATH);
      if (err.code === 'suite_syntax') {
        expect(err.message).toMatch(
          // a text mangled down to blanks is refused as empty
          new RegExp(`^${file.replace('.', '\\.')}((:\\d+:\\d+)?: invalid (JSON|YAML): |: empty file$)`),
        );
      } else {
        expect(err.message.startsWith(first.path ? `${file}: ${first.path}: ` : `${file}: `)).toBe(true);
      }
      return { error: err };
    }
  }

  it(`random JSON documents (${FUZZ_RUNS.suiteJson} runs)`, () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(value, suiteArb), (doc) => {
        if (parseOrReject(stringifyPythonJson(doc), 'fuzz.json').error) rejected++;
      }),
      { numRuns: FUZZ_RUNS.suiteJson },
    );
    expect(rejected).toBeGreaterThan(FUZZ_RUNS.suiteJson / 2);
  });

  it(`random YAML texts, written and then mangled (${FUZZ_RUNS.suiteYaml} runs)`, () => {
    const edit = fc.tuple(
      fc.nat(),
      fc.nat({ max: 3 }),
      fc.constantFrom(':', '-', '[', '{', '"', '\n', ' ', '&a', '*a', '!!', '#', '\t', '|'),
    );
    fc.assert(
      fc.property(suiteArb, fc.array(edit, { maxLength: 4 }), (doc, edits) => {
        let text = stringifyYaml(
          JSON.parse(stringifyPythonJson(doc).replace(/\bNaN\b|-?Infinity\b/g, 'null')),
        );
        for (const [at, drop, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + drop);
        }
        parseOrReject(text, 'fuzz.yaml');
      }),
      { numRuns: FUZZ_RUNS.suiteYaml },
    );
  });

  it(`random mutations of a valid suite are rejected at the mutated expectation (${FUZZ_RUNS.suiteMutations} runs)`, () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('set-kwarg'), key: fc.constantFrom(...kwargKeys), v: value }),
      fc.record({ op: fc.constant('drop-kwarg'), k: fc.nat() }),
      fc.record({ op: fc.constant('typo-kwarg'), k: fc.nat() }),
      fc.record({
        op: fc.constant('set-field'),
        field: fc.constantFrom('type', 'kwargs', 'meta', 'notes', 'id'),
        v: value,
      }),
      fc.record({ op: fc.constant('replace'), v: value }),
    );
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat({ max: exampleSuite.length - 1 }), mutation, (i, m) => {
        const expectations: unknown[] = structuredClone(exampleSuite);
        const e = expectations[i] as Record<string, unknown>;
        const kwargs = e.kwargs as Record<string, unknown>;
        const keys = Object.keys(kwargs);
        const pick = (k: number) => keys[k % Math.max(keys.length, 1)];
        if (m.op === 'set-kwarg') kwargs[m.key] = m.v;
        else if (m.op === 'drop-kwarg' && keys.length) delete kwargs[pick(m.k) as string];
        else if (m.op === 'typo-kwarg' && keys.length) {
          const k = pick(m.k) as string;
          kwargs[`${k}x`] = kwargs[k];
          delete kwargs[k];
        } else if (m.op === 'set-field') e[m.field] = m.v;
        else if (m.op === 'replace') expectations[i] = m.v;
        const { error } = parseOrReject(suiteText(expectations), 'mutated.json');
        if (error) {
          rejected++;
          expect(error.issues.every((x) => x.path.startsWith(`expectations[${i}]`))).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS.suiteMutations },
    );
    expect(rejected).toBeGreaterThan(FUZZ_RUNS.suiteMutations / 4);
  }, 120_000);
});
