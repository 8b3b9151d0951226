import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Bool,
  type DataType,
  DateDay,
  Field,
  Int64,
  makeData,
  makeVector,
  Null,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { rowConditionOf } from '../../src/engine/condition.js';
import { columnsOf } from '../../src/engine/expr.js';
import { isFloatMember, keysInOrder, parsePyJson, pyFloatRepr, pyStr } from './pyjson.js';

/** The folder holding GX's fixtures, unchanged. */
export const GX_DIR = fileURLToPath(new URL('./gx/', import.meta.url));

/** Fixture categories whose datasets get GX's `pk_index` column and unexpected_index_column_names. */
const MAP_CATEGORIES = [
  'column_map_expectations',
  'column_pair_map_expectations',
  'multicolumn_map_expectations',
];

/** Expectations GX's own harness skips on pandas (candidate_test_is_on_temporary_notimplemented_list_v3_api). */
const GX_SKIPS_ON_PANDAS = new Set([
  'expect_table_row_count_to_equal_other_table',
  'expect_column_values_to_match_like_pattern',
  'expect_column_values_to_not_match_like_pattern',
  'expect_column_values_to_match_like_pattern_list',
  'expect_column_values_to_not_match_like_pattern_list',
  'expect_multicolumn_values_to_be_unique',
  'expect_column_pair_cramers_phi_value_to_be_less_than',
  'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than',
  'expect_column_chisquare_test_p_value_to_be_greater_than',
  'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than',
]);

/** `only_for` entries under which GX's harness generates a test for pandas (pandas 2.x). */
const PANDAS_ONLY_FOR = ['pandas', 'pandas_v3_api', 'pandas>=024'];
/** `suppress_test_for` entries that suppress a test on pandas. */
const PANDAS_SUPPRESS = ['pandas', 'pandas_v3_api'];

type Json = Record<string, unknown>;

/** One test of a fixture file, as GX's pandas harness would run it. */
export interface GxCase {
  /** Fixture path relative to GX_DIR, e.g. `column_map_expectations/expect_column_values_to_be_unique.json`. */
  readonly file: string;
  readonly expectationType: string;
  readonly title: string;
  /** The test's `in`: the expectation's kwargs. */
  readonly kwargs: Json;
  /** The test's `out`. */
  readonly out: Json;
  /** Relative tolerance for observed_value, when the test gives one. */
  readonly tolerance?: number;
  /** exact_match_out: the whole result is compared, not the listed keys. */
  readonly exact: boolean;
  /** The test expects the expectation to raise (`error` or `out.traceback_substring`). */
  readonly expectsRaise: boolean;
  /** A map category: the table has `pk_index` and results are indexed by it. */
  readonly pkColumn: boolean;
  /** Why GX's own harness does not run this test on pandas; absent when it does. */
  readonly skip?: string;
  readonly dataset: GxDataset;
}

/** One dataset of a fixture file: its data, its pandas schema and its tests. */
export interface GxDataset {
  readonly data: Json | unknown[];
  readonly pandasSchema?: Record<string, string>;
  readonly cases: GxCase[];
}

/** One fixture file. */
export interface GxFile {
  readonly file: string;
  readonly category: string;
  readonly expectationType: string;
  readonly datasets: GxDataset[];
}

function asList(v: unknown): string[] {
  if (v == null || v === '') return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Why GX's pandas harness leaves a test out, or undefined when it runs it (test_expectations_v3_api.py). */
function gxSkipReason(type: string, dataset: Json, test: Json): string | undefined {
  if (GX_SKIPS_ON_PANDAS.has(type)) return 'GX does not run this expectation on pandas';
  const dOnly = asList(dataset.only_for);
  if (asList(dataset.suppress_test_for).includes('pandas')) return 'dataset suppressed for pandas';
  if (dOnly.length && !dOnly.includes('pandas')) return `dataset only for ${dOnly.join(', ')}`;
  const only = asList(test.only_for);
  if (only.length && !only.some((o) => PANDAS_ONLY_FOR.includes(o))) return `only for ${only.join(', ')}`;
  const suppress = asList(test.suppress_test_for);
  if (suppress.some((s) => PANDAS_SUPPRESS.includes(s))) return 'suppressed for pandas';
  if (Array.isArray(dataset.data)) return 'several tables';
  if (!test.in || typeof test.in !== 'object' || Array.isArray(test.in)) return 'positional arguments';
  return undefined;
}

/** Reads one fixture file's text; `file` is its path relative to GX_DIR (its first folder is the category). */
export function parseFixture(text: string, file: string): GxFile {
  const json = parsePyJson(text, file) as Json;
  const category = file.split('/')[0] as string;
  const expectationType = json.expectation_type as string;
  const pkColumn = MAP_CATEGORIES.includes(category);
  const datasets = (json.datasets as Json[]).map((d): GxDataset => {
    const schemas = d.schemas as Json | undefined;
    const dataset: GxDataset = {
      data: d.data as Json,
      ...(schemas?.pandas ? { pandasSchema: schemas.pandas as Record<string, string> } : {}),
      cases: [],
    };
    for (const t of d.tests as Json[]) {
      const out = (t.out ?? {}) as Json;
      const skip = gxSkipReason(expectationType, d, t);
      dataset.cases.push({
        file,
        expectationType,
        title: String(t.title),
        kwargs: (t.in ?? {}) as Json,
        out,
        ...(typeof t.tolerance === 'number' ? { tolerance: t.tolerance } : {}),
        exact: t.exact_match_out === true,
        expectsRaise: 'error' in t || 'traceback_substring' in out,
        pkColumn: pkColumn && !Array.isArray(d.data),
        ...(skip ? { skip } : {}),
        dataset,
      });
    }
    return dataset;
  });
  return { file, category, expectationType, datasets };
}

/** Every fixture file under GX_DIR, sorted by path. */
export function loadFixtureFiles(): GxFile[] {
  const files = readdirSync(GX_DIR, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => parseFixture(readFileSync(join(GX_DIR, f), 'utf8'), f));
}

/** Data GX's pandas harness holds in a form Arrow cannot say (Python objects of mixed kinds). */
export class Unrepresentable extends Error {}

/** A column as pandas holds it, in the few shapes Arrow can say. */
type PandasColumn =
  | { kind: 'int64'; values: (number | null)[] }
  | { kind: 'float64'; values: number[] }
  | { kind: 'utf8'; values: (string | null)[] }
  | { kind: 'bool'; values: (boolean | null)[] }
  | { kind: 'null'; length: number }
  | { kind: 'timestamp'; values: (bigint | null)[]; utc: boolean }
  | { kind: 'date'; values: (number | null)[] }
  | { kind: 'object'; why: string };

type Kind = 'none' | 'bool' | 'int' | 'float' | 'str' | 'other';

function kindOf(values: unknown[], k: number): Kind {
  const v = values[k];
  if (v === null) return 'none';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isFloatMember(values, k) || !Number.isInteger(v) ? 'float' : 'int';
  if (typeof v === 'string') return 'str';
  return 'other';
}

/** What pd.DataFrame({col: values}) makes of a list of JSON values. */
function inferPandas(values: unknown[]): PandasColumn {
  const kinds = new Set(values.map((_, k) => kindOf(values, k)));
  const has = (k: Kind) => kinds.has(k);
  const only = (...ks: Kind[]) => [...kinds].every((k) => ks.includes(k));
  if (only('none')) return { kind: 'null', length: values.length };
  if (only('int')) return { kind: 'int64', values: values as number[] };
  // pandas turns an int column with None into float64 with NaN
  if (only('int', 'float', 'none'))
    return { kind: 'float64', values: values.map((v) => (v === null ? Number.NaN : (v as number))) };
  if (only('str', 'none')) return { kind: 'utf8', values: values as (string | null)[] };
  // an object column of True/False/None: GX's pandas metrics treat None as missing, like Arrow nulls
  if (only('bool', 'none')) return { kind: 'bool', values: values as (boolean | null)[] };
  const present = [...kinds].filter((k) => k !== 'none').join(', ');
  return { kind: 'object', why: `mixed Python objects (${present}${has('none') ? ', None' : ''})` };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_DT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const MON_DT = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses the date strings the fixtures use (what pandas.to_datetime reads) into ns since the epoch. */
function parseDateTime(s: string): { ns: bigint; offset: boolean } {
  let y: string | undefined;
  let mo: number;
  let d: string | undefined;
  let h: string | undefined;
  let mi: string | undefined;
  let sec: string | undefined;
  let frac: string | undefined;
  let tz: string | undefined;
  const iso = ISO_DT.exec(s.trim());
  if (iso) {
    [, y, , d, h, mi, sec, frac, tz] = iso;
    mo = Number(iso[2]);
  } else {
    const m = MON_DT.exec(s.trim());
    const month = m ? MONTHS.indexOf((m[1] as string).toLowerCase()) : -1;
    if (!m || month < 0)
      throw new Unrepresentable(`date string ${JSON.stringify(s)} in a format not handled here`);
    [, , d, y, h, mi, sec] = m;
    mo = month + 1;
  }
  const ms = Date.UTC(Number(y), mo - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0));
  let offsetMin = 0;
  if (tz && tz.toUpperCase() !== 'Z') {
    const digits = tz.slice(1).replace(':', '');
    offsetMin = (tz[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const ns = BigInt(ms - offsetMin * 60_000) * 1_000_000n + BigInt((frac ?? '').padEnd(9, '0') || '0');
  return { ns, offset: tz !== undefined };
}

function toDateTimes(name: string, values: unknown[], utc: boolean): PandasColumn {
  const out = values.map((v) => {
    if (v === null) return null;
    if (typeof v !== 'string')
      throw new Unrepresentable(`column ${name}: non-string values for a datetime dtype`);
    const { ns, offset } = parseDateTime(v);
    // without utc=True pandas keeps strings with UTC offsets as tz-aware or mixed Python datetimes
    if (offset && !utc)
      throw new Unrepresentable(`column ${name}: datetimes with UTC offsets in a naive column`);
    return ns;
  });
  return { kind: 'timestamp', values: out, utc };
}

function cannot(name: string, dtype: string, why: string): never {
  throw new Unrepresentable(`column ${name}: pandas cannot cast to ${dtype} (${why})`);
}

/** Python's truthiness of a JSON value (what astype(bool) applies to an object column). */
function truthy(v: unknown): boolean {
  return !(v === null || v === false || v === 0 || v === '');
}

/** What GX's harness does to one column given its `schemas.pandas` dtype (df.astype / pd.to_datetime). */
function applyDtype(name: string, values: unknown[], inferred: PandasColumn, dtype: string): PandasColumn {
  const lower = dtype.toLowerCase();
  if (lower === 'timestamp' || lower === 'datetime64[ns, tz]') return toDateTimes(name, values, true);
  if (['datetime', 'datetime64', 'datetime64[ns]'].includes(lower)) return toDateTimes(name, values, false);
  if (lower === 'date') {
    const ts = toDateTimes(name, values, false) as { values: (bigint | null)[] };
    return {
      kind: 'date',
      values: ts.values.map((ns) => (ns === null ? null : Number(ns / 86_400_000_000_000n))),
    };
  }
  const numeric = inferred.kind === 'int64' || inferred.kind === 'float64' || inferred.kind === 'null';
  switch (dtype) {
    case 'str':
      // astype(str) is Python's str() of each held value: None -> 'None', NaN -> 'nan', 2.0 -> '2.0'
      return {
        kind: 'utf8',
        values:
          inferred.kind === 'float64'
            ? inferred.values.map(pyFloatRepr)
            : values.map((v, k) => pyStr(v, isFloatMember(values, k))),
      };
    case 'object':
      return inferred;
    case 'int':
    case 'int64':
    case 'Int64Dtype': {
      const nullable = dtype === 'Int64Dtype';
      const out = values.map((v) => {
        if (v === null) return nullable ? null : cannot(name, dtype, 'None');
        if (typeof v === 'boolean') return Number(v);
        const x = typeof v === 'string' ? Number(v.trim()) : (v as number);
        if (!Number.isFinite(x) || (typeof v === 'string' && !/^\s*[+-]?\d+\s*$/.test(v)))
          cannot(name, dtype, JSON.stringify(v));
        if (nullable && !Number.isInteger(x)) cannot(name, dtype, `non-integer ${x}`);
        return Math.trunc(x);
      });
      return { kind: 'int64', values: out };
    }
    case 'float':
    case 'float64':
      return {
        kind: 'float64',
        values: values.map((v) => {
          if (v === null) return Number.NaN;
          const x = Number(v);
          if (typeof v === 'string' && Number.isNaN(x)) cannot(name, dtype, JSON.stringify(v));
          return x;
        }),
      };
    case 'bool':
      return {
        kind: 'bool',
        values: numeric
          ? (inferred.kind === 'float64' ? inferred.values : values).map((v) => v !== 0 && v !== null)
          : values.map(truthy),
      };
    default:
      throw new Unrepresentable(`column ${name}: pandas dtype ${dtype} not handled here`);
  }
}

function validity(values: readonly unknown[]): Uint8Array | undefined {
  if (!values.includes(null)) return undefined;
  const bm = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, k) => {
    if (v !== null) bm[k >> 3] = (bm[k >> 3] as number) | (1 << (k & 7));
  });
  return bm;
}

function toVector(name: string, col: PandasColumn): Vector {
  switch (col.kind) {
    case 'int64': {
      const type = new Int64();
      const data = BigInt64Array.from(col.values, (v) => BigInt(v ?? 0));
      const nullBitmap = validity(col.values);
      return makeVector(makeData({ type, length: data.length, data, ...(nullBitmap ? { nullBitmap } : {}) }));
    }
    case 'float64':
      return makeVector(Float64Array.from(col.values));
    case 'utf8':
      return vectorFromArray(col.values, new Utf8());
    case 'bool':
      return vectorFromArray(col.values, new Bool());
    case 'null':
      return makeVector(makeData({ type: new Null(), length: col.length }));
    case 'timestamp': {
      const type = new TimestampNanosecond(col.utc ? 'UTC' : null);
      const data = BigInt64Array.from(col.values, (v) => v ?? 0n);
      const nullBitmap = validity(col.values);
      return makeVector(makeData({ type, length: data.length, data, ...(nullBitmap ? { nullBitmap } : {}) }));
    }
    case 'date': {
      const type = new DateDay();
      const data = Int32Array.from(col.values, (v) => v ?? 0);
      const nullBitmap = validity(col.values);
      return makeVector(makeData({ type, length: data.length, data, ...(nullBitmap ? { nullBitmap } : {}) }));
    }
    default:
      throw new Unrepresentable(`column ${name}: ${col.why}`);
  }
}

/** A dataset as Arrow holds it, and the columns it could not hold (name -> why). */
export interface BuiltTable {
  readonly table: Table;
  readonly leftOut: ReadonlyMap<string, string>;
}

/**
 * The Arrow table GX's pandas harness would validate: columns in written order, each typed as pandas
 * types it (from `schemas.pandas`, else inferred from the JSON values), plus `pk_index` (0..n-1, int64)
 * for map categories. Columns pandas holds as mixed Python objects are left out and named in `leftOut`.
 */
export function buildTable(dataset: GxDataset, pkColumn: boolean): BuiltTable {
  if (Array.isArray(dataset.data)) throw new Unrepresentable('several tables in one dataset');
  const data = dataset.data;
  const names = keysInOrder(data);
  const first = (data[names[0] as string] ?? []) as unknown[];
  const columns: [string, unknown[]][] = names.map((n) => [n, data[n] as unknown[]]);
  if (pkColumn) columns.push(['pk_index', first.map((_, k) => k)]);
  const schema = { ...(dataset.pandasSchema ?? {}) };
  if (pkColumn && dataset.pandasSchema) schema.pk_index = 'int';
  const length = first.length;
  const fields: Field[] = [];
  const children: ReturnType<typeof makeData>[] = [];
  const leftOut = new Map<string, string>();
  for (const [name, values] of columns) {
    if (values.length !== length)
      throw new Unrepresentable(`column ${name}: length differs (pandas refuses it)`);
    try {
      const inferred = inferPandas(values);
      const dtype = schema[name];
      const vector = toVector(name, dtype ? applyDtype(name, values, inferred, dtype) : inferred);
      fields.push(new Field(name, vector.type as DataType, true));
      children.push(vector.data[0] as ReturnType<typeof makeData>);
    } catch (e) {
      if (!(e instanceof Unrepresentable)) throw e;
      leftOut.set(name, e.message);
    }
  }
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return { table: new Table([new RecordBatch(new Schema(fields), struct)]), leftOut };
}

/**
 * The columns a case reads: its `column` / `column_A` / `column_B`, or `column_list` for multicolumn
 * expectations, and those its row_condition names; undefined when it looks at the whole table (then
 * every column must be there).
 */
export function caseColumns(c: GxCase): string[] | undefined {
  const k = c.kwargs;
  const named = [k.column, k.column_A, k.column_B].filter((x): x is string => typeof x === 'string');
  if (c.file.startsWith('multicolumn_map_expectations/') && Array.isArray(k.column_list))
    named.push(...k.column_list.map(String));
  return named.length ? [...named, ...conditionColumns(k)] : undefined;
}

/** The columns of a case's row_condition (none when it has none or it does not parse: the run reports that). */
function conditionColumns(k: Json): string[] {
  try {
    const condition = rowConditionOf(k);
    return condition ? columnsOf(condition) : [];
  } catch {
    return [];
  }
}
