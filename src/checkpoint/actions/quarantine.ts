import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Data,
  Field,
  Int32,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { z } from 'zod';
import { takeData } from '../../arrow/take.js';
import { expectationColumns } from '../../expectations/describe.js';
import { writeParquetFile } from '../../io/parquet.js';
import type { ExpectationResult } from '../../result/types.js';
import { defineAction } from './types.js';

/** Where quarantine files go when the action names no target. */
export const DEFAULT_QUARANTINE_DIR = 'quarantine/';

/** Columns the quarantine file adds in front of the data's own. */
export const QUARANTINE_COLUMNS = ['_expectation', '_expectation_index', '_columns', '_row_index'] as const;

/** The failing rows to pick: row numbers ascending, and for each the expectation (index in the suite). */
interface Picks {
  rows: Float64Array;
  expectations: Int32Array;
  /** Expectations whose unexpected rows were cut at max_rows. */
  truncated: number;
}

function isRowWiseFailure(r: ExpectationResult): boolean {
  return !r.success && Array.isArray(r.result.unexpected_index_list);
}

/** Every (row, expectation) pair of the failed row-wise expectations, sorted by row, then expectation. */
function picksOf(results: readonly ExpectationResult[], only: ReadonlySet<string> | undefined): Picks {
  const rows: number[] = [];
  const exps: number[] = [];
  let truncated = 0;
  results.forEach((r, i) => {
    if (!isRowWiseFailure(r) || (only && !only.has(r.expectation_config.type))) return;
    for (const row of r.result.unexpected_index_list as unknown[]) {
      if (typeof row !== 'number') continue;
      rows.push(row);
      exps.push(i);
    }
    if (r.result.unexpected_list_truncated === true) truncated++;
  });
  const order = Uint32Array.from(rows.keys()).sort(
    (a, b) => (rows[a] as number) - (rows[b] as number) || (exps[a] as number) - (exps[b] as number),
  );
  return {
    rows: Float64Array.from(order, (k) => rows[k] as number),
    expectations: Int32Array.from(order, (k) => exps[k] as number),
    truncated,
  };
}

/** Row numbers as int64 data, written through 32-bit halves (row numbers stay below 2^53). */
function int64Data(values: Float64Array): Data<Int64> {
  const out = new BigInt64Array(values.length);
  const halves = new Int32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    halves[2 * i] = v % 4294967296;
    halves[2 * i + 1] = Math.floor(v / 4294967296);
  }
  return makeData({ type: new Int64(), length: values.length, data: out });
}

/** File names keep letters, digits, dot, dash and underscore. */
function safeName(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(0, 120) || '_';
}

/**
 * Writes the failing rows of the failed row-wise expectations to one Parquet file: each row once per
 * expectation it fails, after four columns naming the expectation and the row. The rows are those of
 * unexpected_index_list (the run is made COMPLETE, up to max_rows per expectation), read back from the
 * source in one more pass: the only place expect-check reads data twice.
 */
export const quarantineAction = defineAction({
  className: 'QuarantineAction',
  description:
    'Writes the failing rows of failed row-wise expectations to a Parquet file under `target` (default `quarantine/`), with the expectation and row index of each; reads the data a second time.',
  options: z.strictObject({
    target: z.string().min(1).default(DEFAULT_QUARANTINE_DIR),
    /** Most failing rows kept per expectation (bounds memory). */
    max_rows: z.number().int().positive().default(100_000),
    /** Only these expectation types (default: every row-wise expectation). */
    expectations: z.array(z.string()).min(1).optional(),
  }),
  needs: (config) => ({ completeRows: config.max_rows }),
  async run(config, ctx) {
    const picks = picksOf(ctx.result.results, config.expectations && new Set(config.expectations));
    if (picks.rows.length === 0) return { status: 'skipped', message: 'no failing rows to quarantine' };
    const schema = await ctx.source.schema();
    const clash = schema.fields.find((f) => (QUARANTINE_COLUMNS as readonly string[]).includes(f.name));
    if (clash) return { status: 'failed', message: `the data has a column named ${clash.name}` };
    const configs = ctx.result.results.map((r) => r.expectation_config);
    const batches: RecordBatch[] = [];
    let out: Schema | undefined;
    let p = 0;
    for await (const { batch, rowOffset } of ctx.source.batches()) {
      const end = rowOffset + batch.numRows;
      const start = p;
      while (p < picks.rows.length && (picks.rows[p] as number) < end) p++;
      if (p === start) continue;
      const local = Uint32Array.from(picks.rows.subarray(start, p), (r) => r - rowOffset);
      const exps = picks.expectations.subarray(start, p);
      const extra = [
        vectorFromArray(
          Array.from(exps, (e) => configs[e]?.type ?? ''),
          new Utf8(),
        ).data[0] as Data,
        makeData({ type: new Int32(), length: exps.length, data: Int32Array.from(exps) }),
        vectorFromArray(
          Array.from(exps, (e) => expectationColumns(configs[e] ?? { kwargs: {} }).join(',')),
          new Utf8(),
        ).data[0] as Data,
        int64Data(picks.rows.subarray(start, p)),
      ];
      out ??= new Schema([
        new Field('_expectation', new Utf8(), false),
        new Field('_expectation_index', new Int32(), false),
        new Field('_columns', new Utf8(), false),
        new Field('_row_index', new Int64(), false),
        ...batch.schema.fields,
      ]);
      const children = [...extra, ...batch.data.children.map((c) => takeData(c, local))];
      const data = makeData({ type: new Struct(out.fields), length: local.length, children });
      batches.push(new RecordBatch(out, data));
      if (p === picks.rows.length) break;
    }
    if (p < picks.rows.length) {
      return { status: 'failed', message: 'the data has fewer rows than when it was validated' };
    }
    const dir = ctx.resolve(config.target);
    await mkdir(dir, { recursive: true });
    const path = join(
      dir,
      `${safeName(ctx.runName)}-${safeName(ctx.result.suite_name)}-${ctx.index}.parquet`,
    );
    await writeParquetFile(new Table(batches), path);
    const cut = picks.truncated
      ? ` (${picks.truncated} expectation(s) cut at max_rows ${config.max_rows})`
      : '';
    return { status: 'ok', message: `quarantined ${picks.rows.length} failing rows in ${path}${cut}`, path };
  },
});
