import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { footerFacts, PARQUET_TESTING } from '../io/support.js';
import { type CliRun, ROOT, runCli, writeSuite } from './cli.js';

/**
 * Every real file of the fixtures through the CLI (main() in this process): each parquet-testing file and
 * each CSV dataset is validated against a suite that states what the file holds (rows, columns, nulls,
 * types, taken from the file's own footer, its *_expect.csv or the dataset's documentation), so a file
 * counts as read only when the CLI agrees with all of it. No vitest here: scripts/reliability-report.ts
 * runs the same sweeps to write docs/reliability.md.
 */

/** How a file ended. */
export type FileOutcome =
  /** Exit 0: every stated fact held. */
  | 'read'
  /** Exit 3 with one line naming the file. */
  | 'refused'
  /** Read, but a fact did not hold, or refused in some other way than one line. */
  | 'wrong'
  /** main() threw, or exited with a code it should not have. */
  | 'crashed'
  | 'hung';

/** One file's outcome. */
export interface FileResult {
  /** The path below the fixtures folder (`data/binary.parquet`). */
  readonly file: string;
  readonly outcome: FileOutcome;
  readonly rows?: number;
  readonly columns?: number;
  /** Facts checked besides rows and columns (null counts, types, columns read whole). */
  readonly checks: number;
  /** Of these, exact null counts. */
  readonly nullCounts: number;
  /** The error line of a refusal, or what went wrong. */
  readonly message?: string;
  readonly ms: number;
  /** The suite file the file was validated against. */
  readonly suite: string;
}

/** An expectation the suite of a file states, and the unexpected_count it must report (for null counts). */
interface Fact {
  readonly type: string;
  readonly kwargs: Record<string, unknown>;
  readonly unexpected?: number;
}

/** Validates a file against facts and judges the run. */
async function judge(dir: string, path: string, file: string, facts: readonly Fact[]): Promise<FileResult> {
  const suite = writeSuite(
    dir,
    file,
    facts.map(({ type, kwargs }) => ({ type, kwargs })),
  );
  const out = join(dir, `${file.replace(/[^\w.-]/g, '_')}.result.json`);
  const run = await runCli(['validate', path, '--suite', suite, '--json', out, '--quiet']);
  return { file, ...outcomeOf(run, path, facts), ms: run.ms, suite };
}

function outcomeOf(
  run: CliRun,
  path: string,
  facts: readonly Fact[],
): Pick<FileResult, 'outcome' | 'checks' | 'nullCounts' | 'message' | 'rows' | 'columns'> {
  const none = { checks: 0, nullCounts: 0 };
  if (run.code === 'hung') return { outcome: 'hung', ...none };
  if (run.code === 'threw' || run.code === 2 || run.code > 3)
    return { outcome: 'crashed', ...none, message: `exit ${run.code}: ${run.stderr}` };
  if (run.code === 3) {
    const line = run.stderr.replace(/\n$/, '');
    const oneLine = !line.includes('\n') && line.startsWith(`expect-check: ${path}: `);
    return { outcome: oneLine ? 'refused' : 'wrong', ...none, message: line };
  }
  const results = run.json?.results ?? [];
  const wrong = facts.flatMap((f, i) => {
    const r = results[i];
    if (!r || r.exception_info.raised_exception)
      return [`${f.type} ${JSON.stringify(f.kwargs)}: ${r?.exception_info.exception_message}`];
    if (f.unexpected === undefined) return r.success ? [] : [`${f.type} ${JSON.stringify(f.kwargs)} failed`];
    const got = r.result.unexpected_count;
    return got === f.unexpected
      ? []
      : [`${JSON.stringify(f.kwargs.column)}: ${got} nulls, not ${f.unexpected}`];
  });
  const rows = facts.find((f) => f.type === 'expect_table_row_count_to_equal')?.kwargs.value as number;
  const columns = facts.find((f) => f.type === 'expect_table_column_count_to_equal')?.kwargs.value as number;
  return {
    outcome: wrong.length === 0 && run.stderr === '' ? 'read' : 'wrong',
    rows,
    columns,
    checks: facts.length - 2,
    nullCounts: facts.filter((f) => f.unexpected !== undefined).length,
    ...(wrong.length ? { message: wrong.join('; ') } : {}),
  };
}

/** Null counts of a parquet-testing *_expect.csv, by column (an unquoted empty cell is a null). */
function expectCsvNulls(path: string): Map<string, number> {
  const [header = '', ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cells = (line: string) =>
    [...line.matchAll(/(?:^|,)(?:"([^"]*)"|([^,]*))/g)].map((m) => (m[1] === undefined ? m[2] : m[1]));
  const names = cells(header).map((h) => (h ?? '').trim());
  const nulls = new Map(names.map((n) => [n, 0]));
  for (const line of lines) {
    cells(line).forEach((c, i) => {
      const name = names[i] as string;
      if (c === '') nulls.set(name, (nulls.get(name) ?? 0) + 1);
    });
  }
  return nulls;
}

const nullFact = (column: string, n: number): Fact => ({
  type: 'expect_column_values_to_not_be_null',
  kwargs: { column, result_format: 'BASIC' },
  unexpected: n,
});

const shapeFacts = (rows: number, columns: number): Fact[] => [
  { type: 'expect_table_row_count_to_equal', kwargs: { value: rows } },
  { type: 'expect_table_column_count_to_equal', kwargs: { value: columns } },
];

/**
 * The facts of a Parquet file: its footer's rows, top-level columns and the null counts its statistics
 * state for flat columns (float columns left out: the CLI counts NaN as missing too, which no footer
 * counts), and the null counts of its *_expect.csv when there is one.
 */
async function parquetFacts(path: string): Promise<Fact[]> {
  const facts = await footerFacts(path);
  const nulls = new Map([...facts.nulls].filter(([c]) => !/FLOAT|DOUBLE/.test(facts.physical.get(c) ?? '')));
  const expectCsv = path.replace(/\.parquet$/, '_expect.csv');
  if (existsSync(expectCsv)) {
    // delta_encoding_required_column's Spark writer ended its column names with ':'
    for (const [name, n] of expectCsvNulls(expectCsv)) {
      const column = facts.columns.find((c) => c.replace(/:$/, '') === name);
      if (column === undefined) throw new Error(`${expectCsv}: no column ${name} in the Parquet file`);
      if (nulls.has(column) && nulls.get(column) !== n)
        throw new Error(`${expectCsv}: ${n} nulls in ${name}, the footer says ${nulls.get(column)}`);
      nulls.set(column, n);
    }
  }
  // every other column is read too (a column no expectation names is never decoded)
  const read = facts.columns
    .filter((c) => !nulls.has(c))
    .map((column): Fact => ({ type: 'expect_column_values_to_not_be_null', kwargs: { column, mostly: 0 } }));
  return [
    ...shapeFacts(facts.rows, facts.columns.length),
    ...[...nulls].map(([column, n]) => nullFact(column, facts.rows === 0 ? 0 : n)),
    ...read,
  ];
}

/** The .parquet files of a parquet-testing folder (`data` or `bad_data`), sorted. */
export function parquetFiles(folder: 'data' | 'bad_data'): string[] {
  return readdirSync(join(PARQUET_TESTING, folder))
    .filter((f) => f.endsWith('.parquet'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

/** Validates one parquet-testing file (`data/x.parquet`) against its own footer. */
export async function sweepParquetFile(dir: string, file: string): Promise<FileResult> {
  const path = join(PARQUET_TESTING, file);
  let facts: Fact[];
  try {
    facts = await parquetFacts(path);
  } catch {
    // a footer that hyparquet cannot parse either: the CLI must refuse the file, which any suite shows
    facts = shapeFacts(0, 0);
  }
  return judge(dir, path, file, facts);
}

/** A CSV dataset and what its documentation (test/fixtures/csv/ORIGIN.md) says it holds. */
interface CsvDataset {
  readonly file: string;
  readonly rows: number;
  readonly columns: number;
  /** Arrow type names of some columns (every column for the narrow files). */
  readonly types: Readonly<Record<string, string>>;
  /** Missing values by column; columns not listed have none. */
  readonly nulls: Readonly<Record<string, number>>;
}

const TAXI_TYPES = {
  vendor_id: 'int64',
  pickup_datetime: 'timestamp[us]',
  dropoff_datetime: 'timestamp[us]',
  passenger_count: 'int64',
  trip_distance: 'float64',
  rate_code_id: 'int64',
  store_and_fwd_flag: 'utf8',
  pickup_location_id: 'int64',
  dropoff_location_id: 'int64',
  payment_type: 'int64',
  fare_amount: 'float64',
  extra: 'float64',
  mta_tax: 'float64',
  tip_amount: 'float64',
  tolls_amount: 'float64',
  improvement_surcharge: 'float64',
  total_amount: 'float64',
  congestion_surcharge: 'float64',
};

/** The CSV datasets of test/fixtures/csv. */
export const CSV_DATASETS: readonly CsvDataset[] = [
  {
    file: 'yellow_tripdata_sample_2019-01.csv',
    rows: 10_000,
    columns: 18,
    types: TAXI_TYPES,
    nulls: { congestion_surcharge: 6327 },
  },
  {
    file: 'penguins.csv',
    rows: 344,
    columns: 8,
    types: {
      species: 'utf8',
      island: 'utf8',
      bill_length_mm: 'float64',
      bill_depth_mm: 'float64',
      flipper_length_mm: 'int64',
      body_mass_g: 'int64',
      sex: 'utf8',
      year: 'int64',
    },
    nulls: { bill_length_mm: 2, bill_depth_mm: 2, flipper_length_mm: 2, body_mass_g: 2, sex: 11 },
  },
  {
    file: 'penguins_raw.csv',
    rows: 344,
    columns: 17,
    types: {
      studyName: 'utf8',
      'Sample Number': 'int64',
      'Individual ID': 'utf8',
      'Date Egg': 'date32',
      'Culmen Length (mm)': 'float64',
      'Culmen Depth (mm)': 'float64',
      'Flipper Length (mm)': 'int64',
      'Body Mass (g)': 'int64',
      'Delta 15 N (o/oo)': 'float64',
      'Delta 13 C (o/oo)': 'float64',
      Comments: 'utf8',
    },
    nulls: {
      'Culmen Length (mm)': 2,
      'Culmen Depth (mm)': 2,
      'Flipper Length (mm)': 2,
      'Body Mass (g)': 2,
      Sex: 11,
      'Delta 15 N (o/oo)': 14,
      'Delta 13 C (o/oo)': 13,
      Comments: 290,
    },
  },
];

/** Folder of the CSV datasets (NYC taxi sample, palmerpenguins). */
export const CSV_FIXTURES = join(ROOT, 'test/fixtures/csv');

/** Validates one CSV dataset against its documented rows, columns, types and missing values. */
export async function sweepCsvDataset(dir: string, d: CsvDataset): Promise<FileResult> {
  const types = Object.entries(d.types).map(([column, type_]) => ({
    type: 'expect_column_values_to_be_of_type',
    kwargs: { column, type_ },
  }));
  const typed = new Set(Object.keys(d.types));
  const nulls = [...new Set([...typed, ...Object.keys(d.nulls)])].map((c) => nullFact(c, d.nulls[c] ?? 0));
  return judge(dir, join(CSV_FIXTURES, d.file), d.file, [
    ...shapeFacts(d.rows, d.columns),
    ...types,
    ...nulls,
  ]);
}
