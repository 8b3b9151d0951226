import type { Table } from 'apache-arrow';
import { registry } from '../../src/expectations/index.js';
import { buildTable, loadFixtureFiles } from '../conformance/fixtures.js';
import { type CaseOutcome, runCase } from '../conformance/runner.js';

/**
 * Every case of GX's fixture file for an expectation, judged as GX judges them, including the cases
 * GX's own harness no longer runs on pandas (the distributional expectations GX 1.x left as stubs).
 */
export async function allGxCases(type: string): Promise<CaseOutcome[]> {
  const file = loadFixtureFiles().find((f) => f.expectationType === type);
  if (!file) throw new Error(`no GX fixture file for ${type}`);
  const out: CaseOutcome[] = [];
  for (const d of file.datasets) for (const c of d.cases) out.push(await runCase(c, registry));
  return out;
}

/** The titles of cases that did not pass, with what differed. */
export function failures(outcomes: readonly CaseOutcome[]): string[] {
  return outcomes.filter((o) => o.verdict !== 'pass').map((o) => `${o.case.title}: ${o.why.join('; ')}`);
}

/** The table of a dataset of GX's fixture file for an expectation, as GX's pandas harness builds it. */
export function gxTable(type: string, dataset = 0): Table {
  const file = loadFixtureFiles().find((f) => f.expectationType === type);
  const d = file?.datasets[dataset];
  if (!d) throw new Error(`no GX fixture dataset ${dataset} for ${type}`);
  return buildTable(d, false).table;
}
