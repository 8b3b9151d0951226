import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/expectations/index.js';
import type { ExpectationConfig } from '../../src/result/types.js';
import { loadSuite, parseSuite } from '../../src/suite/load.js';
import type { Suite } from '../../src/suite/model.js';
import { parsePythonJson } from '../../src/suite/python-json.js';
import { saveSuite, suiteToJson, suiteToYaml } from '../../src/suite/write.js';
import { jsonValue } from './arbitraries.js';

const dir = fileURLToPath(new URL('../fixtures/suites/', import.meta.url));

const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('__proto__', 'constructor', '1'),
);
const jsonish = jsonValue(key, ['NaN', 'Infinity', '.nan', '-.inf', 'true', 'null', '~', '- x', '#', ''], 3);
const meta = fc.dictionary(key, jsonish, { maxKeys: 4, noNullPrototype: true });
const notes = fc.option(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })), { nil: undefined });
const id = fc.option(fc.uuid(), { nil: undefined });
const resultFormat = fc.constantFrom(
  'BOOLEAN_ONLY' as const,
  'BASIC' as const,
  'SUMMARY' as const,
  'COMPLETE' as const,
  { result_format: 'COMPLETE' as const, partial_unexpected_count: 3, exclude_unexpected_values: true },
);
// GX accepts the runtime keys on every expectation, so any registered one can carry them.
const runtime = fc.record(
  { result_format: resultFormat, catch_exceptions: fc.boolean(), include_config: fc.boolean() },
  { requiredKeys: [] },
);

const examples = [...registry.values()].flatMap((def) => def.examples.map((ex) => ({ type: def.type, ex })));

const expectation: fc.Arbitrary<ExpectationConfig> = fc
  .record({ pick: fc.constantFrom(...examples), runtime, meta, id, notes })
  .map(({ pick, runtime, meta, id, notes }) => ({
    type: pick.type,
    kwargs: { ...pick.ex.kwargs, ...runtime },
    meta,
    ...(id !== undefined && { id }),
    ...(notes !== undefined && { notes }),
  }));

const suite: fc.Arbitrary<Suite> = fc
  .record({
    name: fc.string({ unit: 'binary' }),
    expectations: fc.array(expectation, { maxLength: 6 }),
    meta,
    id,
    notes,
    result_format: fc.option(resultFormat, { nil: undefined }),
  })
  .map(({ id, notes, result_format, ...rest }) => ({
    ...rest,
    ...(id !== undefined && { id }),
    ...(notes !== undefined && { notes }),
    ...(result_format !== undefined && { result_format }),
  }));

describe('suiteToJson', () => {
  it('writes GX 1.x JSON with 2-space indent and Python tokens', () => {
    const s: Suite = {
      name: 'taxi',
      id: 'f1',
      expectations: [
        {
          type: 'expect_column_values_to_be_between',
          kwargs: { column: 'fare', min_value: 0 },
          meta: { observed: [Number.NaN, Number.NEGATIVE_INFINITY] },
          notes: 'fares are never negative',
          id: 'e1',
        },
      ],
      meta: {},
      notes: ['n'],
      result_format: 'COMPLETE',
    };
    expect(suiteToJson(s)).toBe(
      [
        '{',
        '  "name": "taxi",',
        '  "id": "f1",',
        '  "expectations": [',
        '    {',
        '      "type": "expect_column_values_to_be_between",',
        '      "kwargs": {',
        '        "column": "fare",',
        '        "min_value": 0',
        '      },',
        '      "meta": {',
        '        "observed": [',
        '          NaN,',
        '          -Infinity',
        '        ]',
        '      },',
        '      "id": "e1",',
        '      "notes": "fares are never negative"',
        '    }',
        '  ],',
        '  "meta": {},',
        '  "notes": [',
        '    "n"',
        '  ],',
        '  "result_format": "COMPLETE"',
        '}',
      ].join('\n'),
    );
  });

  it('leaves out what the suite does not set', () => {
    const text = suiteToJson({ name: 's', expectations: [], meta: {} });
    expect(text).toBe('{\n  "name": "s",\n  "expectations": [],\n  "meta": {}\n}');
  });

  it('reads back to a deep-equal suite (random suites from registered examples)', () => {
    fc.assert(
      fc.property(suite, (s) => {
        expect(parseSuite(suiteToJson(s), 'random.json')).toEqual(s);
      }),
    );
  });

  it('writes the same text again after reading it back', () => {
    fc.assert(
      fc.property(suite, (s) => {
        const text = suiteToJson(s);
        expect(suiteToJson(parseSuite(text, 'random.json'))).toBe(text);
      }),
      { numRuns: 50 },
    );
  });
});

describe('suiteToYaml', () => {
  it('reads back to a deep-equal suite (random suites from registered examples)', () => {
    fc.assert(
      fc.property(suite, (s) => {
        expect(parseSuite(suiteToYaml(s), 'random.yaml')).toEqual(s);
      }),
      { numRuns: 60 },
    );
  });

  it('writes NaN and infinities as YAML does', () => {
    const text = suiteToYaml({
      name: 's',
      expectations: [],
      meta: { a: Number.NaN, b: Number.NEGATIVE_INFINITY },
    });
    expect(text).toBe('name: s\nexpectations: []\nmeta:\n  a: .nan\n  b: -.inf\n');
  });
});

describe('GX suite files round trip', () => {
  it.each(['gx0-taxi.json', 'gx1-taxi.json', 'taxi.yaml'])(
    '%s: read, write, read gives the same suite',
    async (name) => {
      const first = await loadSuite(join(dir, name));
      const text = suiteToJson(first);
      const second = parseSuite(text, 'copy.json');
      expect(second).toEqual(first);
      expect(suiteToJson(second)).toBe(text);
      expect(parseSuite(suiteToYaml(first), 'copy.yaml')).toEqual(first);
    },
  );

  it('writes a GX 0.x suite in the 1.x shape', async () => {
    const doc = parsePythonJson(suiteToJson(await loadSuite(join(dir, 'gx0-taxi.json')))) as {
      name: string;
      expectations: object[];
    };
    expect(Object.keys(doc)).toEqual(['name', 'expectations', 'meta']);
    expect(doc.name).toBe('yellow_tripdata.warning');
    for (const e of doc.expectations) expect(Object.keys(e)).toEqual(['type', 'kwargs', 'meta']);
  });
});

describe('saveSuite', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'expect-check-suite-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes JSON (with a final newline) into folders it creates, and loadSuite reads it back', async () => {
    const original = await loadSuite(join(dir, 'gx0-taxi.json'));
    const path = join(tmp, 'nested', 'deeper', 'taxi.json');
    await saveSuite(original, path);
    expect(await readFile(path, 'utf8')).toBe(`${suiteToJson(original)}\n`);
    expect(await loadSuite(path)).toEqual(original);
  });

  it('writes YAML for .yaml and .yml paths', async () => {
    const original = await loadSuite(join(dir, 'taxi.yaml'));
    for (const name of ['taxi.yaml', 'taxi.YML']) {
      const path = join(tmp, name);
      await saveSuite(original, path);
      expect(await readFile(path, 'utf8')).toBe(suiteToYaml(original));
      expect(await loadSuite(path)).toEqual(original);
    }
  });
});
