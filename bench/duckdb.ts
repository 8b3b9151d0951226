/**
 * The benchmark's reference: the metrics of a suite as SQL in DuckDB over the same file, as a user who
 * picked DuckDB instead would write them (one aggregate query, plus a GROUP BY per uniqueness check).
 * Run as its own process: `node duckdb.js <file> <suite.json>`; prints one JSON line of figures keyed
 * by the expectation's index in the suite (unexpected counts for row-wise expectations, the observed
 * value for aggregates) so that the run can check both tools agree.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

interface Config {
  type: string;
  kwargs: Record<string, unknown>;
}

const quoteId = (c: unknown): string => `"${String(c).replaceAll('"', '""')}"`;
const quoteLit = (v: unknown): string =>
  typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v as number);

/** One SQL aggregate per figure of an expectation, or a whole query for those that need a GROUP BY. */
interface Plan {
  aggregates: [name: string, sql: string][];
  queries: [name: string, sql: string][];
}

/** The SQL aggregate of an expectation's figure; null when the schema answers it, undefined when it needs a query. */
function aggregateOf(e: Config): string | null | undefined {
  const k = e.kwargs;
  const c = quoteId(k.column);
  switch (e.type) {
    case 'expect_table_row_count_to_be_between':
      return 'count(*)';
    case 'expect_column_to_exist':
      return null;
    case 'expect_column_values_to_not_be_null':
      return `count(*) - count(${c})`;
    case 'expect_column_mean_to_be_between':
      return `avg(${c})`;
    case 'expect_column_stdev_to_be_between':
      return `stddev_samp(${c})`;
    case 'expect_column_min_to_be_between':
      return `min(${c})`;
    case 'expect_column_max_to_be_between':
      return `max(${c})`;
    case 'expect_column_values_to_be_between':
      return `count(${c}) FILTER (WHERE NOT (${c} BETWEEN ${quoteLit(k.min_value)} AND ${quoteLit(k.max_value)}))`;
    case 'expect_column_values_to_be_in_set':
      return `count(${c}) FILTER (WHERE ${c} NOT IN (${(k.value_set as unknown[]).map(quoteLit).join(', ')}))`;
    case 'expect_column_values_to_match_regex':
      return `count(${c}) FILTER (WHERE NOT regexp_matches(${c}, ${quoteLit(k.regex)}))`;
    case 'expect_column_pair_values_a_to_be_greater_than_b': {
      const a = quoteId(k.column_A);
      const b = quoteId(k.column_B);
      return `count(*) FILTER (WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND NOT (${a} > ${b}))`;
    }
    case 'expect_column_distinct_values_to_be_in_set':
      // GX leaves nulls out of the distinct values; list() keeps them, and a FILTER beside the other
      // aggregates of the query did not always drop them, so they are dropped from the list itself
      return `list_sort(list_filter(list(DISTINCT ${c}), x -> x IS NOT NULL))`;
    default:
      return undefined;
  }
}

function planOf(expectations: readonly Config[], source: string): Plan {
  const plan: Plan = { aggregates: [], queries: [] };
  expectations.forEach((e, i) => {
    const sql = aggregateOf(e);
    if (sql) plan.aggregates.push([`e${i}`, sql]);
    else if (sql === undefined && e.type === 'expect_column_values_to_be_unique') {
      // GX counts every occurrence of a repeated value
      const c = quoteId(e.kwargs.column);
      plan.queries.push([
        `e${i}`,
        `SELECT coalesce(sum(n), 0) AS v FROM (SELECT count(*) AS n FROM ${source} WHERE ${c} IS NOT NULL GROUP BY ${c} HAVING count(*) > 1)`,
      ]);
    } else if (sql === undefined) throw new Error(`bench/duckdb.ts has no SQL for ${e.type}`);
  });
  return plan;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'items' in v) return (v as { items: unknown[] }).items.map(plain);
  if (v && typeof v === 'object') return String(v);
  return v;
}

async function main(): Promise<void> {
  const [file, suitePath] = process.argv.slice(2);
  if (!file || !suitePath) throw new Error('usage: duckdb.js <file> <suite.json>');
  const suite = JSON.parse(readFileSync(suitePath, 'utf8')) as { expectations: Config[] };
  const source = file.endsWith('.csv') ? `read_csv(${quoteLit(file)})` : `read_parquet(${quoteLit(file)})`;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const figures: Record<string, unknown> = {};
  const plan = planOf(suite.expectations, source);
  if (plan.aggregates.length) {
    const sql = `SELECT ${plan.aggregates.map(([n, s]) => `${s} AS ${n}`).join(', ')} FROM ${source}`;
    const rows = (await con.runAndReadAll(sql)).getRowObjects();
    for (const [k, v] of Object.entries(rows[0] ?? {})) figures[k] = plain(v);
  }
  for (const [name, sql] of plan.queries) {
    const rows = (await con.runAndReadAll(sql)).getRowObjects();
    figures[name] = plain(rows[0]?.v);
  }
  con.closeSync();
  db.closeSync();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
