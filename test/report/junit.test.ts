import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import type { ValidationResult } from '../../src/result/types.js';
import { hugeResult, taxiResult, validateRows, xssResult } from './fixtures.js';

const SCHEMAS = ['test/fixtures/junit/JUnit.xsd', 'test/fixtures/junit/junit-10.xsd'];
const dir = mkdtempSync(join(tmpdir(), 'expect-check-junit-'));
let n = 0;

/** Validates XML against both schemas with libxml2's xmllint; returns its complaints ('' when valid). */
function schemaErrors(xml: string): string {
  const file = join(dir, `report-${n++}.xml`);
  writeFileSync(file, xml);
  const problems: string[] = [];
  for (const xsd of SCHEMAS) {
    try {
      execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
    } catch (e) {
      problems.push(`${xsd}: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
    }
  }
  return problems.join('\n');
}

let taxi: ValidationResult;
beforeAll(async () => {
  taxi = await taxiResult();
});

describe('JUnit XML', () => {
  it('the example run is valid against the Ant JUnit schema and Jenkins junit-10.xsd', () => {
    expect(schemaErrors(renderJunit(taxi))).toBe('');
  });

  it('a schema check that can fail: a testsuite without its attributes is refused', () => {
    expect(schemaErrors('<testsuites><testsuite name="x"/></testsuites>')).toMatch(/JUnit\.xsd/);
  });

  it('one testsuite per result, one testcase per expectation; failures carry the sentence and the observation', () => {
    const xml = renderJunit(taxi);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(17);
    expect(xml.match(/<failure /g)).toHaveLength(6);
    expect(xml).toContain('tests="17" failures="6" errors="0" time="1.234"');
    expect(xml).toContain('timestamp="2024-01-31T12:00:00"');
    expect(xml).toContain(
      '<failure message="130 unexpected of 10038 (1.3%), e.g. -212, -89, -71" type="expect_column_values_to_be_between">values in `fare_amount` are between 0 and 1000, at least 99.5% of the time\nobserved: 130 unexpected of 10038 (1.3%), e.g. -212, -89, -71\nunexpected values: 99999 (3), -137 (2),',
    );
    expect(xml).toContain('classname="taxi_training_gate.fare_amount"');
    expect(xml).toContain('<failure message="observed 199.223" type="expect_column_mean_to_be_between">');
  });

  it('several results (a checkpoint) are several testsuites with ids 0, 1, ...; errors are <error>', async () => {
    const xss = await xssResult();
    const xml = renderJunit([taxi, xss]);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toMatch(/id="0"[\s\S]*id="1"/);
    expect(xml).toContain('tests="6" failures="4" errors="1"');
    expect(xml.match(/<error /g)).toHaveLength(1);
    expect(schemaErrors(xml)).toBe('');
  });

  it('markup, control characters and lone surrogates in names and values stay valid XML', async () => {
    const xml = renderJunit(await xssResult());
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    const odd = await validateRows(
      [{ 'a\u0001\ud800]]>': 'x\u0000y\ufffe', b: 1 }],
      [
        {
          type: 'expect_column_values_to_be_in_set',
          kwargs: { column: 'a\u0001\ud800]]>', value_set: ['z'] },
        },
        {
          type: 'expect_column_values_to_be_in_set',
          kwargs: { column: 'a\u0001\ud800]]>', value_set: ['z'] },
        },
      ],
      { name: 'tab\there', source: 'line\nbreak' },
    );
    const oddXml = renderJunit(odd);
    expect(oddXml).toContain(' [2]" classname=');
    expect(schemaErrors(oddXml)).toBe('');
  });

  it('a 10M-row batch with millions of unexpected values: a small, valid document', () => {
    const xml = renderJunit(hugeResult(taxi));
    expect(xml.length).toBeLessThan(10_000);
    expect(xml).toContain('<failure message="4000000 unexpected of 10000000 (40%), e.g. ');
    expect(schemaErrors(xml)).toBe('');
  });

  it('any suite name, column name and value gives a valid document (property)', async () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
    const samples = fc.sample(fc.tuple(text, text, text), { numRuns: 25, seed: 7 });
    const results = await Promise.all(
      samples.map(([suite, column, value]) =>
        validateRows(
          [{ [column]: value }],
          [{ type: 'expect_column_values_to_be_in_set', kwargs: { column, value_set: ['never'] } }],
          { name: suite, source: value },
        ),
      ),
    );
    // one document of many testsuites: one schema check for all samples
    expect(schemaErrors(renderJunit(results))).toBe('');
  });
});
