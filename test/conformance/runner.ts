import type { Table } from 'apache-arrow';
import { type Registry, runSuite } from '../../src/engine/run.js';
import { tableSource } from '../../src/io/memory.js';
import type { ExpectationResult } from '../../src/result/types.js';
import {
  type BuiltTable,
  buildTable,
  caseColumns,
  type GxCase,
  type GxDataset,
  type GxFile,
  Unrepresentable,
} from './fixtures.js';
import { judge } from './judge.js';

/** How a case came out: judged (pass/fail), or not run because the expectation or the data is missing here. */
export type Verdict = 'pass' | 'fail' | 'not_implemented' | 'unrepresentable';

/** One case's verdict and what differed (for fail) or why it was not run (for unrepresentable). */
export interface CaseOutcome {
  readonly case: GxCase;
  readonly verdict: Verdict;
  readonly why: readonly string[];
  /** runSuite itself threw: an engine bug, never an expectation result. */
  readonly crashed?: boolean;
}

/** Counts over outcomes; `applicable` is the cases of registered expectations over representable data. */
export interface Tally {
  pass: number;
  applicable: number;
  notImplemented: number;
  unrepresentable: number;
}

const tables = new WeakMap<GxDataset, BuiltTable | Unrepresentable>();

/** The case's table, or why GX's data for it cannot be said in Arrow. */
function tableFor(c: GxCase): Table | Unrepresentable {
  let built = tables.get(c.dataset);
  if (!built) {
    try {
      built = buildTable(c.dataset, c.pkColumn);
    } catch (e) {
      if (!(e instanceof Unrepresentable)) throw e;
      built = e;
    }
    tables.set(c.dataset, built);
  }
  if (built instanceof Unrepresentable) return built;
  const { table, leftOut } = built;
  const needed = caseColumns(c) ?? [...leftOut.keys()];
  const missing = needed.filter((n) => leftOut.has(n));
  return missing.length ? new Unrepresentable(missing.map((n) => leftOut.get(n)).join('; ')) : table;
}

/** The kwargs GX's harness passes: COMPLETE (indexed by pk_index for map categories), then the test's `in`. */
function harnessKwargs(c: GxCase): Record<string, unknown> {
  const result_format = c.pkColumn
    ? { result_format: 'COMPLETE', unexpected_index_column_names: ['pk_index'] }
    : { result_format: 'COMPLETE' };
  return { result_format, ...c.kwargs };
}

/** Runs one case through the engine and judges it as GX would. */
export async function runCase(c: GxCase, registry: Registry): Promise<CaseOutcome> {
  if (!registry.has(c.expectationType)) return { case: c, verdict: 'not_implemented', why: [] };
  const table = tableFor(c);
  if (table instanceof Unrepresentable) return { case: c, verdict: 'unrepresentable', why: [table.message] };
  let result: ExpectationResult;
  try {
    const run = await runSuite(
      {
        name: 'gx-conformance',
        expectations: [{ type: c.expectationType, kwargs: harnessKwargs(c), meta: {} }],
        meta: {},
      },
      tableSource(table, c.file),
      registry,
    );
    result = run.results[0] as ExpectationResult;
  } catch (e) {
    return {
      case: c,
      verdict: 'fail',
      why: [`engine threw: ${e instanceof Error ? e.message : String(e)}`],
      crashed: true,
    };
  }
  const why = judge(c, result);
  return { case: c, verdict: why.length ? 'fail' : 'pass', why };
}

/** The cases of a file that GX's own harness runs on pandas. */
export function applicableCases(file: GxFile): GxCase[] {
  return file.datasets.flatMap((d) => d.cases.filter((c) => !c.skip));
}

/** Runs every applicable case of a fixture file. */
export async function runFile(file: GxFile, registry: Registry): Promise<CaseOutcome[]> {
  const out: CaseOutcome[] = [];
  for (const c of applicableCases(file)) out.push(await runCase(c, registry));
  return out;
}

/** Adds up outcomes. */
export function tally(outcomes: readonly CaseOutcome[]): Tally {
  const t: Tally = { pass: 0, applicable: 0, notImplemented: 0, unrepresentable: 0 };
  for (const o of outcomes) {
    if (o.verdict === 'not_implemented') t.notImplemented++;
    else if (o.verdict === 'unrepresentable') t.unrepresentable++;
    else {
      t.applicable++;
      if (o.verdict === 'pass') t.pass++;
    }
  }
  return t;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A compact table of failed and left-out cases: file, title, what differed. */
export function failureTable(outcomes: readonly CaseOutcome[]): string {
  const rows = outcomes
    .filter((o) => o.verdict === 'fail' || o.verdict === 'unrepresentable')
    .map((o) => [
      o.case.file.replace(/^.*\//, '').replace(/\.json$/, ''),
      clip(o.case.title, 60),
      `${o.verdict === 'unrepresentable' ? 'left out: ' : ''}${clip(o.why.join('; '), 400)}`,
    ]);
  if (!rows.length) return 'no failures';
  const w0 = Math.max(...rows.map((r) => (r[0] as string).length));
  const w1 = Math.max(...rows.map((r) => (r[1] as string).length));
  return rows.map(([f, t, w]) => `${(f as string).padEnd(w0)}  ${(t as string).padEnd(w1)}  ${w}`).join('\n');
}
