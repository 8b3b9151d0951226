import { basename } from 'node:path';
import type { DataType } from 'apache-arrow';
import { z } from 'zod';
import { type TypeFamily, typeFamily, typeName, valueType } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { runSuite } from '../engine/run.js';
import { registry } from '../expectations/index.js';
import { columnType } from '../expectations/support/schema.js';
import type { OpenOptions } from '../io/open.js';
import { type DistinctValues, distinctValues } from '../metrics/distinct.js';
import { type MinMax, minMax } from '../metrics/min-max.js';
import type { ExpectationConfig, ExpectationResult } from '../result/types.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { type SourceInput, toSource } from '../validate.js';
import { keyCode, valueCode } from './code.js';
import * as C from './columns.js';
import { SchemaDefinitionError } from './errors.js';
import { type Shape, type TableSchema, table } from './table.js';

/**
 * Schema inference: one pass over a batch through the engine (a profiling expectation over the shared
 * min/max and distinct-value metrics, and the not-null expectation for null counts), then a starting
 * schema: each column's type, nullability when nulls were seen, observed bounds rounded outward, small
 * sets of string values, and uniqueness where every value was distinct. `schemaToTypeScript` writes it as
 * code using the builders; `toSuite()` as a GX suite.
 */

/** Options of inferSchema. */
export interface InferOptions {
  /** The schema's name (default: the data file's base name). */
  name?: string;
  /** String columns with at most this many distinct values get `.in([...])` (default 20). */
  maxValues?: number;
  /** How to read paths. */
  read?: OpenOptions;
}

const PROFILE_TYPE = 'expect_check_profile_column';

const profileKwargs = z.strictObject({
  column: columnName,
  extremes: z.boolean(),
  distinct: z.boolean(),
  maxValues: z.number().int().min(0),
  ...runtimeKeys,
});

/** What the profile of one column observed. */
interface Profile {
  min?: unknown;
  max?: unknown;
  distinct?: number;
  nonMissing?: number;
  values?: unknown[];
}

/** Profiling as an expectation that always passes: its observed value is the column's profile. */
const profileColumn = defineExpectation({
  type: PROFILE_TYPE,
  description: 'Profiles a column (min, max, distinct values) for schema inference; always passes.',
  domain: 'column',
  kwargs: profileKwargs,
  sentence: (k) => `profile of \`${k.column}\``,
  examples: [],
  aggregate: {
    metrics: (k, ctx) => ({
      ...(k.extremes ? { mm: minMax(k.column) } : {}),
      ...(k.distinct ? { d: distinctValues(k.column, columnType(ctx, k.column)) } : {}),
    }),
    evaluate: ({ mm, d }, k) => {
      const p: Profile = {};
      if (mm) {
        const m = mm as MinMax;
        Object.assign(p, { min: m.min, max: m.max, nonMissing: m.count });
      }
      if (d) {
        const v = d as DistinctValues;
        p.distinct = v.distinct;
        p.nonMissing = v.nonMissing;
        if (v.distinct <= k.maxValues) p.values = v.valueCounts().map((c) => c.value);
      }
      return { success: true, result: { observed_value: p } };
    },
  },
});

const profileRegistry = new Map([...registry, [PROFILE_TYPE, profileColumn]]);

const EXTREMES: ReadonlySet<TypeFamily> = new Set(['integer', 'float', 'date', 'timestamp']);
const DISTINCT: ReadonlySet<TypeFamily> = new Set(['integer', 'string']);
const SIMPLE_TYPES: Readonly<Record<string, () => C.Column<C.Kind, false>>> = {
  int8: C.int8,
  int16: C.int16,
  int32: C.int32,
  int64: C.int64,
  uint8: C.uint8,
  uint16: C.uint16,
  uint32: C.uint32,
  uint64: C.uint64,
  float32: C.float32,
  float64: C.float64,
  bool: C.bool,
  date32: C.date,
  date64: C.date,
  utf8: C.utf8,
  large_utf8: C.utf8,
  utf8_view: C.utf8,
};

/** The builder for an Arrow type: the kind's own, or dtype(name) for types without one. */
function builderFor(type: DataType): C.Column<C.Kind, false> {
  const name = typeName(valueType(type));
  const simple = SIMPLE_TYPES[name];
  if (simple) return simple();
  const ts = /^timestamp\[(s|ms|us|ns)(?:, (.+))?\]$/.exec(name);
  if (ts) return C.timestamp(ts[1] as C.TimeUnit, ts[2]);
  return C.dtype(typeName(type));
}

/** Rounds a range outward to two significant digits of its larger end: [-52, 398.5] -> [-60, 400]. */
export function roundOutward(min: number, max: number, integer: boolean): [number, number] {
  const m = Math.max(Math.abs(min), Math.abs(max));
  const exp = m === 0 ? 0 : Math.floor(Math.log10(m)) - 1;
  const step = integer ? Math.max(1, 10 ** exp) : 10 ** exp;
  const digits = Math.max(0, -exp);
  // below 15 decimals rounding says nothing a reader could use
  if (digits > 15) return [min, max];
  const round = (x: number) => Number(x.toFixed(digits));
  // floating-point error may land a rounded bound just inside the range: step out once more
  let lo = round(Math.floor(min / step) * step);
  if (lo > min) lo = round(lo - step);
  let hi = round(Math.ceil(max / step) * step);
  if (hi < max) hi = round(hi + step);
  return [lo, hi];
}

const DAY = 86_400_000;

function instant(iso: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** Observed timestamps widened to whole UTC days: the day of the first, the day after the last. */
function dayBounds(min: string, max: string): [string, string] {
  const lo = Math.floor(instant(min) / DAY) * DAY;
  const hi = Math.ceil(instant(max) / DAY) * DAY;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return [day(lo), day(hi === lo ? hi + DAY : hi)];
}

type Chain = C.Column<C.Kind, boolean> & {
  between(min: unknown, max: unknown): C.Column<C.Kind, boolean>;
  in(values: unknown[]): C.Column<C.Kind, boolean>;
};

function inferColumn(
  type: DataType,
  p: Profile,
  nulls: number,
  maxValues: number,
): C.Column<C.Kind, boolean> {
  let c = builderFor(type) as unknown as Chain;
  const family = typeFamily(type);
  const n = p.nonMissing ?? 0;
  if (family === 'integer' || family === 'float') {
    if (typeof p.min === 'number' && typeof p.max === 'number') {
      const [lo, hi] = roundOutward(p.min, p.max, family === 'integer');
      c = c.between(lo, hi) as Chain;
    }
  } else if (family === 'timestamp' && typeof p.min === 'string' && typeof p.max === 'string') {
    const [lo, hi] = dayBounds(p.min, p.max);
    c = c.between(lo, hi) as Chain;
  } else if (family === 'date' && typeof p.min === 'string' && typeof p.max === 'string') {
    c = c.between(p.min, p.max) as Chain;
  }
  if (p.distinct !== undefined && n > 1 && p.distinct === n) {
    c = c.unique() as Chain;
  } else if (family === 'string' && p.values && p.values.length > 0 && p.values.length <= maxValues) {
    c = c.in(p.values) as Chain;
  }
  return nulls > 0 ? c.nullable() : c;
}

function defaultName(input: SourceInput): string {
  const path = typeof input === 'string' ? input : Array.isArray(input) ? input[0] : undefined;
  if (typeof path !== 'string') return 'inferred';
  return (
    basename(path)
      .replace(/\.[^.]*$/, '')
      .replace(/[*?[\]{}]/g, '') || 'inferred'
  );
}

/** Infers a starting schema from a batch of data in one pass (see the file comment for what it infers). */
export async function inferSchema(
  input: SourceInput,
  options: InferOptions = {},
): Promise<TableSchema<Shape>> {
  const source = await toSource(input, options.read);
  const schema = await source.schema();
  const maxValues = options.maxValues ?? 20;
  const expectations: ExpectationConfig[] = [];
  for (const f of schema.fields) {
    const family = typeFamily(f.type);
    expectations.push(
      {
        type: 'expect_column_values_to_not_be_null',
        kwargs: { column: f.name, result_format: 'BASIC' },
        meta: {},
      },
      {
        type: PROFILE_TYPE,
        kwargs: { column: f.name, extremes: EXTREMES.has(family), distinct: DISTINCT.has(family), maxValues },
        meta: {},
      },
    );
  }
  const result = await runSuite({ name: 'infer', expectations, meta: {} }, source, profileRegistry);
  const failed = result.results.find((r) => r.exception_info.raised_exception);
  if (failed)
    throw new Error(`cannot profile ${source.description}: ${failed.exception_info.exception_message}`);
  const shape: Shape = {};
  schema.fields.forEach((f, i) => {
    const nulls = (result.results[2 * i] as ExpectationResult).result.unexpected_count as number;
    const profile = (result.results[2 * i + 1] as ExpectationResult).result.observed_value as Profile;
    shape[f.name] = inferColumn(f.type, profile, nulls, maxValues);
  });
  return table(shape, { name: options.name ?? defaultName(input) });
}

/** A name as a TypeScript identifier in PascalCase: `yellow_tripdata-2019` -> `YellowTripdata2019`. */
export function identifierFor(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w) => (w[0] as string).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(id) ? id : `Schema${id}`;
}

/**
 * A schema as TypeScript using the builders: the column declarations and table checks. Row checks are
 * code the schema does not keep, so a schema with them cannot be written (SchemaDefinitionError).
 */
export function schemaToTypeScript(schema: TableSchema<Shape>, options: { comment?: string } = {}): string {
  const calls = schema.tableCalls();
  if (schema.rowCheckNames().length) {
    throw new SchemaDefinitionError(
      'not_exportable',
      `${schema.name}: row checks (${schema.rowCheckNames().join(', ')}) cannot be written as code`,
    );
  }
  const id = identifierFor(schema.name);
  const used = new Set<string>(['table']);
  const lines = Object.entries(schema.shape).map(([name, c]) => {
    used.add(c.state.typeCall.slice(0, c.state.typeCall.indexOf('(')));
    const s = c.state;
    const nullability =
      s.notNullMostly !== undefined
        ? `.notNull({ mostly: ${s.notNullMostly} })`
        : s.nullable
          ? '.nullable()'
          : '';
    return `    ${keyCode(name)}: ${s.typeCall}${nullability}${s.checks.map((k) => `.${k.call}`).join('')},`;
  });
  const tail = calls.map((call) => `.${call}`).join('');
  const names = [...used, 'type Infer'].sort((a, b) =>
    a.replace('type ', '').localeCompare(b.replace('type ', '')),
  );
  return [
    `import { ${names.join(', ')} } from 'expect-check';`,
    '',
    `/** ${options.comment ?? `The ${schema.name} table.`} */`,
    `export const ${id} = table(`,
    '  {',
    ...lines,
    '  },',
    `  { name: ${valueCode(schema.name)} },`,
    `)${tail};`,
    '',
    `/** A row of ${schema.name}. */`,
    `export type ${id}Row = Infer<typeof ${id}>;`,
    '',
  ].join('\n');
}
