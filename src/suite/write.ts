import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import type { Suite } from './model.js';
import { stringifyPythonJson } from './python-json.js';

/**
 * A suite as a GX 1.x document: name, id, expectations (type, kwargs, meta, id, notes), meta, notes,
 * suite_parameters, plus result_format when the suite sets one (an expect-check extension GX does not know).
 */
export function suiteDocument(suite: Suite): Record<string, unknown> {
  return {
    name: suite.name,
    ...(suite.id !== undefined && { id: suite.id }),
    expectations: suite.expectations.map((e) => ({
      type: e.type,
      kwargs: e.kwargs,
      meta: e.meta,
      ...(e.id !== undefined && { id: e.id }),
      ...(e.notes !== undefined && { notes: e.notes }),
    })),
    meta: suite.meta,
    ...(suite.notes !== undefined && { notes: suite.notes }),
    ...(suite.suite_parameters !== undefined && { suite_parameters: suite.suite_parameters }),
    ...(suite.result_format !== undefined && { result_format: suite.result_format }),
  };
}

/** The suite as GX 1.x JSON, indented by 2, with NaN and Infinity written as Python writes them. */
export function suiteToJson(suite: Suite): string {
  return stringifyPythonJson(suiteDocument(suite), 2);
}

/** The suite as YAML (same document as suiteToJson; YAML writes NaN and Infinity as .nan and .inf). */
export function suiteToYaml(suite: Suite): string {
  // lineWidth 0: folding long strings would make diffs of suites under version control noisy
  return stringifyYaml(suiteDocument(suite), { lineWidth: 0 });
}

/** Writes a suite to a file: YAML for .yaml/.yml, GX 1.x JSON otherwise; creates missing folders. */
export async function saveSuite(suite: Suite, path: string): Promise<void> {
  const text = /\.ya?ml$/i.test(path) ? suiteToYaml(suite) : `${suiteToJson(suite)}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}
