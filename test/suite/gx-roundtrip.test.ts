import { describe, expect, it } from 'vitest';
import { registry } from '../../src/expectations/index.js';
import { parseSuite, SuiteError } from '../../src/suite/load.js';
import type { Suite } from '../../src/suite/model.js';
import { stringifyPythonJson } from '../../src/suite/python-json.js';
import { suiteToJson, suiteToYaml } from '../../src/suite/write.js';
import { type GxCase, loadFixtureFiles } from '../conformance/fixtures.js';

/**
 * Every test case of GX's own fixtures whose expectation is registered here, on any backend (the kwargs
 * of a SQL-only case are still GX kwargs), except those that pass positional arguments instead of kwargs.
 */
const cases: GxCase[] = loadFixtureFiles()
  .flatMap((f) => f.datasets.flatMap((d) => d.cases))
  .filter((c) => registry.has(c.expectationType) && !Array.isArray(c.kwargs));

const label = (c: GxCase) => `${c.expectationType} / ${c.title}`;

/** A GX 1.x suite document holding the given cases, each as one expectation. */
function gx1Document(of: readonly GxCase[]): Record<string, unknown> {
  return {
    name: 'gx_fixtures',
    expectations: of.map((c) => ({ type: c.expectationType, kwargs: c.kwargs, meta: { gx_case: c.title } })),
    meta: { great_expectations_version: '1.2.0' },
  };
}

/** The same suite as GX 0.x writes it (expectation_suite_name, expectation_type). */
function gx0Document(of: readonly GxCase[]): Record<string, unknown> {
  return {
    expectation_suite_name: 'gx_fixtures',
    data_asset_type: null,
    expectations: of.map((c) => ({
      expectation_type: c.expectationType,
      kwargs: c.kwargs,
      meta: { gx_case: c.title },
    })),
    meta: { great_expectations_version: '1.2.0' },
  };
}

/** Loads one case as a suite of its own: the suite, or the loader's error. */
function loadAlone(c: GxCase): Suite | SuiteError {
  try {
    return parseSuite(stringifyPythonJson(gx1Document([c])), 'case.json');
  } catch (e) {
    if (e instanceof SuiteError) return e;
    throw e;
  }
}

const loaded = cases.map((c) => ({ c, got: loadAlone(c) }));
const accepted = loaded.filter((x) => !(x.got instanceof SuiteError)).map((x) => x.c);
const rejected = loaded.filter((x): x is { c: GxCase; got: SuiteError } => x.got instanceof SuiteError);

describe("a suite of the kwargs of GX's fixture cases", () => {
  it('covers every registered expectation that has fixtures', () => {
    const withFixtures = new Set(cases.map((c) => c.expectationType));
    expect(cases.length).toBeGreaterThan(600);
    expect(new Set(accepted.map((c) => c.expectationType))).toEqual(withFixtures);
  });

  it('rejects only cases in which GX raises, and only for their kwargs', () => {
    expect(rejected.map((x) => label(x.c)).filter((_, i) => !rejected[i]?.c.expectsRaise)).toEqual([]);
    expect(rejected.length).toBeGreaterThan(0);
    for (const { c, got } of rejected) {
      expect(got.issues.length, label(c)).toBeGreaterThan(0);
      for (const issue of got.issues) {
        expect(issue.code, label(c)).toBe('invalid_kwargs');
        expect(issue.path, label(c)).toMatch(/^expectations\[0\]\.kwargs/);
      }
    }
  });

  it('reads GX 1.x JSON with the kwargs as written, and reads back what it writes without change', () => {
    const first = parseSuite(stringifyPythonJson(gx1Document(accepted)), 'gx1.json');
    expect(first.expectations.map((e) => e.kwargs)).toEqual(accepted.map((c) => c.kwargs));
    expect(first.expectations.map((e) => e.type)).toEqual(accepted.map((c) => c.expectationType));
    const written = suiteToJson(first);
    const second = parseSuite(written, 'written.json');
    expect(second).toEqual(first);
    expect(suiteToJson(second)).toBe(written);
  });

  it('reads GX 0.x JSON as the same suite, and writes it as GX 1.x that reads back unchanged', () => {
    const v1 = parseSuite(stringifyPythonJson(gx1Document(accepted)), 'gx1.json');
    const v0 = parseSuite(stringifyPythonJson(gx0Document(accepted)), 'gx0.json');
    expect(v0).toEqual(v1);
    expect(parseSuite(suiteToJson(v0), 'written.json')).toEqual(v0);
  });

  it('writes YAML that reads back unchanged', () => {
    const first = parseSuite(stringifyPythonJson(gx1Document(accepted)), 'gx1.json');
    const yaml = suiteToYaml(first);
    const second = parseSuite(yaml, 'written.yaml');
    expect(second).toEqual(first);
    expect(suiteToYaml(second)).toBe(yaml);
  });

  it('rejects the whole suite when one expectation has invalid kwargs, naming it', () => {
    const bad = rejected[0];
    if (!bad) throw new Error('no rejected case');
    const mixed = [...accepted.slice(0, 3), bad.c];
    try {
      parseSuite(stringifyPythonJson(gx1Document(mixed)), 'mixed.json');
      expect.unreachable('the suite loaded');
    } catch (e) {
      expect(e).toBeInstanceOf(SuiteError);
      expect((e as SuiteError).issues.map((i) => i.path.split('.')[0])).toEqual(
        bad.got.issues.map(() => 'expectations[3]'),
      );
    }
  });
});
