import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { makeData, RecordBatch, Schema, Struct } from 'apache-arrow';
import { typeFamily, typeName } from '../arrow/types.js';
import { checkBatch, maxBatchBytes } from '../io/limits.js';
import type { DataSource, SourcePart } from '../io/types.js';
import { mapMetric } from '../metrics/map.js';
import { captureLimit, formatMapResult, mostlySuccess, normalizeResultFormat } from '../result/format.js';
import type {
  ExpectationConfig,
  ExpectationResult,
  MapOutcome,
  ResultFormatLevel,
  ResultFormatOptions,
  ValidationResult,
} from '../result/types.js';
import type { Suite } from '../suite/model.js';
import {
  jsonParameterValue,
  ParameterError,
  type ParameterScope,
  resolveKwargs,
} from '../suite/parameters.js';
import { VERSION } from '../version.js';
import { sideMetrics } from './balance.js';
import { BatchView } from './batch.js';
import { rowConditionOf } from './condition.js';
import { type AnyExpectationDef, domainColumns, type PlanContext } from './expectation.js';
import { columnsOf } from './expr.js';
import { filtered } from './filtered.js';
import type { AnyMetric } from './metric.js';
import {
  AUTO_PARALLEL_BYTES,
  AUTO_PARALLEL_ROWS,
  dropSpareWorker,
  type PartResult,
  type PartRunOptions,
  type PartSlot,
  prestartWorker,
  scanParts,
} from './parallel.js';

/** Options of a validation run. */
export interface RunOptions {
  /** result_format for the run; like GX's runtime configuration it overrides suite and kwargs. */
  resultFormat?: ResultFormatLevel | ResultFormatOptions;
  /** Most unexpected rows kept per expectation at COMPLETE (bounded memory). Default 100000. */
  maxUnexpectedRows?: number;
  /** A name for the run (GX run_name). */
  runName?: string;
  /** Called after each batch with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /** Values of the runtime parameters `$PARAMETER` kwargs name; they override the suite's suite_parameters. */
  suiteParameters?: Readonly<Record<string, unknown>>;
  /** The run's start time as now() in `$PARAMETER` expressions sees it (default: when the run starts). */
  now?: Date;
  /** Above this many non-missing values in a column, quantiles come from a sketch. Default 10 million. */
  exactQuantileLimit?: number;
  /**
   * Memory one batch read from files may take (default 1 GiB): a larger one ends the run with a
   * `too_large` ReadError. Readers given the same limit (validate passes it on) refuse it before decoding.
   */
  maxBatchBytes?: number;
  /**
   * Threads that scan parts of the data at once, each with its own metric states merged at the end (the
   * results are the same as with one). Default: one per two cores (a scan already keeps two busy: its
   * Parquet decoder runs in a thread of its own), up to the source's parts, for data of at least 2
   * million rows that splits (Parquet row groups); otherwise 1, though the uniqueness tables of a large
   * Parquet or CSV file still get a thread of their own beside the scan (with the metrics that balance
   * the two threads' work) unless `workers` is given (1: one thread).
   * Only the built-in registry runs in workers (they rebuild the plan from the suite); a custom registry
   * always scans in this thread.
   */
  workers?: number;
}

/**
 * Cores per worker a run starts by default: each worker scans with its own decoder thread, so on two
 * cores one scan already fills the machine (bench: 2 workers took twice the wall time of one, 2026-11).
 */
const CORES_PER_WORKER = 2;

/** Looks up expectation definitions by GX type name. */
export type Registry = ReadonlyMap<string, AnyExpectationDef>;

interface Planned {
  config: ExpectationConfig;
  def?: AnyExpectationDef;
  kwargs?: Record<string, unknown>;
  rf: ResultFormatOptions;
  error?: string;
  mapId?: string;
  aggregateIds?: Record<string, string>;
}

interface MetricSlot {
  metric: AnyMetric;
  state: unknown;
  error?: string;
  /** Set when a worker that read the whole source finished the metric there. */
  finished?: { value: unknown };
}

/** An expectation that cannot run: its message becomes exception_info in its result. */
export class ExpectationError extends Error {
  readonly code = 'expectation_error';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The config with its `$PARAMETER` kwargs resolved, as GX reports it in results; or the config as written
 * and why a parameter cannot be resolved.
 */
function resolveConfig(
  config: ExpectationConfig,
  scope: ParameterScope,
): { config: ExpectationConfig; error?: string } {
  try {
    const kwargs = resolveKwargs(config.kwargs, scope);
    return { config: kwargs === config.kwargs ? config : { ...config, kwargs } };
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    return { config, error: e.message };
  }
}

function plan(
  suite: Suite,
  registry: Registry,
  ctx: PlanContext,
  opts: RunOptions,
  metrics: Map<string, MetricSlot>,
  scope: ParameterScope,
): Planned[] {
  const fields = new Map(ctx.schema.fields.map((f) => [f.name, f]));
  const completeCap = opts.maxUnexpectedRows ?? 100_000;
  const add = (m: AnyMetric): string => {
    if (!metrics.has(m.id)) metrics.set(m.id, { metric: m, state: undefined });
    return m.id;
  };
  return suite.expectations.map((written): Planned => {
    const { config, error: parameterError } = resolveConfig(written, scope);
    // an unresolved result_format is still a $PARAMETER object: leave it to the suite and run
    const kwargsRf = parameterError ? undefined : (config.kwargs.result_format as Planned['rf'] | undefined);
    const rawRf = opts.resultFormat ?? kwargsRf ?? suite.result_format;
    const p: Planned = { config, rf: normalizeResultFormat(rawRf) };
    try {
      if (parameterError) throw new ExpectationError(parameterError);
      const def = registry.get(config.type);
      if (!def) throw new ExpectationError(`unknown expectation type ${config.type}`);
      p.def = def;
      const parsed = def.kwargs.safeParse(config.kwargs);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ExpectationError(`kwargs.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      const k = parsed.data as Record<string, unknown>;
      p.kwargs = k;
      const condition = rowConditionOf(k);
      for (const c of condition ? columnsOf(condition) : []) {
        if (!fields.has(c))
          throw new ExpectationError(
            `row_condition: column ${JSON.stringify(c)} does not exist in ${ctx.source}`,
          );
      }
      // every metric of an expectation with a row_condition sees only the rows where it holds
      const use = (m: AnyMetric): string => add(condition ? filtered(m, condition) : m);
      const cols = domainColumns(def.domain, k);
      for (const c of cols) {
        if (!fields.has(c))
          throw new ExpectationError(`column ${JSON.stringify(c)} does not exist in ${ctx.source}`);
      }
      const accepts = typeof def.accepts === 'function' ? def.accepts(k) : def.accepts;
      if (accepts) {
        for (const c of cols) {
          const t = (fields.get(c) as { type: Schema['fields'][number]['type'] }).type;
          if (!accepts.includes(typeFamily(t))) {
            throw new ExpectationError(
              `column ${JSON.stringify(c)} has type ${typeName(t)}; ${def.type} accepts ${accepts.join(', ')} columns`,
            );
          }
        }
      }
      if (def.map && (def.map.when?.(k, ctx) ?? true)) {
        const indexColumns = p.rf.unexpected_index_column_names;
        for (const c of indexColumns ?? []) {
          if (!fields.has(c))
            throw new ExpectationError(
              `unexpected_index_column_names: column ${JSON.stringify(c)} does not exist`,
            );
        }
        const capture = { limit: captureLimit(p.rf, completeCap), ...(indexColumns ? { indexColumns } : {}) };
        if (def.map.metric) {
          p.mapId = use(def.map.metric(k, capture, ctx) as AnyMetric);
        } else if (def.map.predicate) {
          p.mapId = use(
            mapMetric({
              domain: cols,
              predicate: def.map.predicate(k, ctx),
              ignoreIf: def.map.nullsAreValues ? 'never' : (def.map.ignoreIf?.(k) ?? 'any'),
              countsMissing: !def.map.nullsAreValues,
              shape:
                def.map.shape ??
                (def.domain === 'column' ? 'scalar' : def.domain === 'column_pair' ? 'pair' : 'record'),
              capture,
            }),
          );
        } else {
          throw new ExpectationError(`${def.type} declares neither a predicate nor a metric`);
        }
      } else if (def.aggregate) {
        const wanted = def.aggregate.metrics(k, ctx);
        p.aggregateIds = Object.fromEntries(Object.entries(wanted).map(([name, m]) => [name, use(m)]));
      }
    } catch (e) {
      p.error = message(e);
    }
    return p;
  });
}

function exceptionResult(p: Planned, msg: string): ExpectationResult {
  return {
    success: false,
    expectation_config: configOut(p.config),
    result: {},
    meta: {},
    exception_info: { raised_exception: true, exception_message: msg, exception_traceback: null },
  };
}

function configOut(c: ExpectationConfig): ExpectationConfig {
  return {
    type: c.type,
    kwargs: c.kwargs,
    meta: c.meta ?? {},
    ...(c.id ? { id: c.id } : {}),
    ...(c.notes ? { notes: c.notes } : {}),
  };
}

const NO_EXCEPTION = { raised_exception: false, exception_message: null, exception_traceback: null };

function evaluate(
  p: Planned,
  metrics: Map<string, MetricSlot>,
  values: Map<string, unknown>,
  ctx: PlanContext,
): ExpectationResult {
  if (p.error || !p.def || !p.kwargs) return exceptionResult(p, p.error ?? 'not planned');
  const failed = [p.mapId, ...Object.values(p.aggregateIds ?? {})].find((id) => id && metrics.get(id)?.error);
  if (failed) return exceptionResult(p, metrics.get(failed)?.error as string);
  try {
    let success: boolean;
    let result: Record<string, unknown>;
    if (p.mapId) {
      const outcome = values.get(p.mapId) as MapOutcome;
      success = mostlySuccess(outcome, (p.kwargs.mostly as number | undefined) ?? 1);
      result = formatMapResult(outcome, p.rf);
    } else {
      const vals = Object.fromEntries(
        Object.entries(p.aggregateIds ?? {}).map(([name, id]) => [name, values.get(id)]),
      );
      const out = p.def.aggregate!.evaluate(vals, p.kwargs, ctx);
      success = out.success;
      result = p.rf.result_format === 'BOOLEAN_ONLY' ? {} : out.result;
    }
    return {
      success,
      expectation_config: configOut(p.config),
      result,
      meta: {},
      exception_info: NO_EXCEPTION,
    };
  } catch (e) {
    return exceptionResult(p, message(e));
  }
}

/** A planned run: its context, parameters, expectations and the distinct metrics they need, initialised. */
interface Prepared {
  ctx: PlanContext;
  scope: ParameterScope;
  planned: Planned[];
  metrics: Map<string, MetricSlot>;
  /** The columns the metrics read. */
  columns: string[];
}

async function prepare(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  opts: RunOptions,
  now: Date,
): Promise<Prepared> {
  const schema = await source.schema();
  const ctx: PlanContext = {
    schema,
    source: source.description,
    exactQuantileLimit: opts.exactQuantileLimit,
  };
  const metrics = new Map<string, MetricSlot>();
  const scope: ParameterScope = {
    values: { ...suite.suite_parameters, ...opts.suiteParameters },
    now: opts.now ?? now,
  };
  const planned = plan(suite, registry, ctx, opts, metrics, scope);
  for (const slot of metrics.values()) slot.state = slot.metric.init();
  const columns = [...new Set([...metrics.values()].flatMap((s) => s.metric.columns))];
  return { ctx, scope, planned, metrics, columns };
}

/** Feeds every batch of the source to every metric (a metric that throws stops there); returns the rows. */
async function scan(source: DataSource, p: Prepared, opts: RunOptions): Promise<number> {
  const { metrics, columns } = p;
  const limit = maxBatchBytes(opts.maxBatchBytes);
  let rows = 0;
  // metrics keep no view of a batch past their update, so the reader may reuse its memory
  for await (const { batch, rowOffset } of source.batches(columns, { reuse: true })) {
    // in-memory data is already in memory: the limit guards what reading files allocates
    if (source.files.length > 0) checkBatch(source.description, batch, rowOffset, limit);
    const view = new BatchView(batch, rowOffset);
    for (const slot of metrics.values()) {
      if (slot.error) continue;
      try {
        slot.state = slot.metric.update(slot.state, view);
      } catch (e) {
        slot.error = message(e);
      }
    }
    rows += batch.numRows;
    opts.onProgress?.(rows);
  }
  return rows;
}

/**
 * Plans a suite and scans a source (in a worker thread: a part of the whole), returning the rows read
 * and every metric's state by id, unfinished, for the calling thread to merge. With `finish` (the part
 * is the whole source) the heavy metrics are finished here instead, as their tables are far larger than
 * their values; other finished values may hold functions, which cannot cross threads.
 */
export async function scanStates(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  opts: RunOptions & { now: Date },
  metricIds?: readonly string[],
  finish = false,
): Promise<PartResult> {
  const planned = await prepare(suite, source, registry, opts, opts.now);
  const only = metricIds && new Set(metricIds);
  const p = only ? restrict(planned, (id) => only.has(id)) : planned;
  const rows = await scan(source, p, opts);
  const slots = [...p.metrics].map(([id, s]): [string, PartSlot] => {
    if (s.error !== undefined) return [id, { error: s.error }];
    if (!finish || !s.metric.heavy) return [id, { state: s.state }];
    try {
      return [id, { value: s.metric.finish(s.state), finished: true }];
    } catch (e) {
      return [id, { error: message(e) }];
    }
  });
  return { rows, slots };
}

/** The plan with only the metrics `keep` picks (the same slots, so states land in the whole plan) and their columns. */
function restrict(p: Prepared, keep: (id: string) => boolean): Prepared {
  const metrics = new Map([...p.metrics].filter(([id]) => keep(id)));
  const columns = [...new Set([...metrics.values()].flatMap((s) => s.metric.columns))];
  return { ...p, metrics, columns };
}

/**
 * Feeds the metrics of a plan that reads no column one batch of the source's row count, taken from its
 * metadata without reading any data; undefined when the source has no such count.
 */
async function metadataScan(source: DataSource, p: Prepared, opts: RunOptions): Promise<number | undefined> {
  if (!source.rowCount) return undefined;
  const rows = await source.rowCount();
  const batch = new RecordBatch(
    new Schema([]),
    makeData({ type: new Struct([]), length: rows, nullCount: 0, children: [] }),
  );
  const view = new BatchView(batch, 0);
  for (const slot of p.metrics.values()) {
    try {
      slot.state = slot.metric.update(slot.state, view);
    } catch (e) {
      slot.error = message(e);
    }
  }
  opts.onProgress?.(rows);
  return rows;
}

/**
 * Scans the source here, but with the heavy metrics (uniqueness tables) in a worker thread of their
 * own when that pays: a large source that splits, the built-in registry, no worker count asked for, a
 * second core, and other metrics to scan here. Each thread reads only its metrics' columns (each with
 * its own decoder thread), so the decoding is shared out too and no state needs merging. A worker that
 * fails leaves its metrics to be scanned here afterwards. Returns the rows.
 */
async function scanBeside(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  p: Prepared,
  opts: RunOptions,
): Promise<number> {
  const heavy = sideMetrics(new Map([...p.metrics].map(([id, s]) => [id, s.metric])), p.ctx.schema);
  const here = restrict(p, (id) => !heavy.has(id));
  const worthIt = heavy.size > 0 && here.columns.length > 0 && (await besideAllowed(source, registry, opts));
  const whole = worthIt ? await source.parts?.(1) : undefined;
  const part = whole?.length === 1 ? whole[0] : undefined;
  const large =
    part && (part.format === 'csv' ? part.bytes >= AUTO_PARALLEL_BYTES : part.rows >= AUTO_PARALLEL_ROWS);
  if (!part || !large) return scan(source, p, opts);
  const there = restrict(p, (id) => heavy.has(id));
  const stop = new AbortController();
  const worker = scanInWorkers(
    suite,
    [part],
    there,
    { ...opts, onProgress: undefined },
    [...heavy],
    stop.signal,
    true,
  );
  let rows: number;
  try {
    rows = await scan(source, here, opts);
  } catch (e) {
    // the same data fails the same way there: stop the worker rather than let it read to the end
    stop.abort();
    await worker;
    throw e;
  }
  const theirs = await worker;
  if (theirs === undefined) {
    for (const slot of there.metrics.values()) {
      slot.state = slot.metric.init();
      delete slot.error;
    }
    await scan(source, there, { ...opts, onProgress: undefined });
  }
  return rows;
}

/**
 * What a worker beside the scan needs whatever the suite: no worker count asked for, a second core, a
 * source that splits, and the built-in registry (the worker plans with it).
 */
async function besideAllowed(source: DataSource, registry: Registry, opts: RunOptions): Promise<boolean> {
  if (opts.workers !== undefined || availableParallelism() < 2 || !source.parts) return false;
  return registry === (await import('../expectations/index.js')).registry;
}

/**
 * Whether scanBeside will likely want its worker, judged before the plan: a suite with heavy
 * expectations over one large file (by its size), no worker count asked for, a second core and the
 * built-in registry. The worker then starts while this thread reads the footer and plans.
 */
async function mayScanBeside(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  opts: RunOptions,
): Promise<boolean> {
  if (source.files.length !== 1 || !suite.expectations.some((e) => registry.get(e.type)?.heavy)) return false;
  if (!(await besideAllowed(source, registry, opts))) return false;
  try {
    return (await stat(source.files[0] as string)).size >= AUTO_PARALLEL_BYTES;
  } catch {
    return false;
  }
}

/**
 * The parts to scan in worker threads, or undefined to scan here: the source must split, the registry
 * be the built-in one, and every metric merge exactly at this many rows (a sketch may not).
 */
async function partsToScan(
  source: DataSource,
  registry: Registry,
  p: Prepared,
  opts: RunOptions,
): Promise<SourcePart[] | undefined> {
  const asked = opts.workers;
  if ((asked !== undefined && asked < 2) || !source.parts) return undefined;
  if (registry !== (await import('../expectations/index.js')).registry) return undefined;
  const parts = await source.parts(asked ?? Math.floor(availableParallelism() / CORES_PER_WORKER));
  const rows = parts.reduce((n, part) => n + part.rows, 0);
  if (parts.length < 2 || (asked === undefined && rows < AUTO_PARALLEL_ROWS)) return undefined;
  const approximate = (m: AnyMetric) =>
    m.approximateMergeAbove !== undefined && rows > m.approximateMergeAbove;
  return [...p.metrics.values()].some((s) => approximate(s.metric)) ? undefined : parts;
}

/**
 * Scans the parts in worker threads and merges each metric's states in part order (a metric that
 * failed in some part fails with the first part's error, as a scan in order would); returns the rows,
 * or undefined when a worker failed, for the caller to scan here instead (and meet any error as usual).
 */
async function scanInWorkers(
  suite: Suite,
  parts: readonly SourcePart[],
  p: Prepared,
  opts: RunOptions,
  metricIds?: readonly string[],
  signal?: AbortSignal,
  finish = false,
): Promise<number | undefined> {
  const partOpts: PartRunOptions = {
    resultFormat: opts.resultFormat,
    maxUnexpectedRows: opts.maxUnexpectedRows,
    suiteParameters: opts.suiteParameters,
    exactQuantileLimit: opts.exactQuantileLimit,
    maxBatchBytes: opts.maxBatchBytes,
    now: p.scope.now.getTime(),
  };
  let results: PartResult[];
  try {
    results = await scanParts(
      parts.map((part) => ({
        suite,
        part,
        opts: partOpts,
        ...(metricIds ? { metricIds } : {}),
        ...(finish ? { finish } : {}),
      })),
      opts.onProgress,
      signal,
    );
  } catch {
    return undefined;
  }
  const bySlot = results.map((r) => new Map(r.slots));
  for (const [id, slot] of p.metrics) {
    const states = bySlot.map((m) => m.get(id));
    const failed = states.find((s) => s === undefined || s.error !== undefined);
    if (failed) {
      slot.error = failed.error ?? `metric ${id} is missing from a worker's plan`;
      continue;
    }
    const done = states[0];
    if (done?.finished) {
      slot.finished = { value: done.value };
      continue;
    }
    try {
      slot.state = states.map((s) => s?.state).reduce((a, b) => slot.metric.merge(a, b));
    } catch (e) {
      slot.error = message(e);
    }
  }
  return results.reduce((n, r) => n + r.rows, 0);
}

/** Plans the suite and reads the source the best way (metadata, workers over parts, or a scan here). */
async function scanAll(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  opts: RunOptions,
  now: Date,
): Promise<{ p: Prepared; rows: number; fromMetadata: boolean }> {
  const p = await prepare(suite, source, registry, opts, now);
  // no metric reads a column (row counts, column names): the footer's row count is all a scan would give
  let rows = p.columns.length === 0 ? await metadataScan(source, p, opts) : undefined;
  const fromMetadata = rows !== undefined;
  const parts = fromMetadata ? undefined : await partsToScan(source, registry, p, opts);
  if (parts) rows = await scanInWorkers(suite, parts, p, opts);
  if (rows === undefined) {
    if (parts) {
      for (const slot of p.metrics.values()) {
        slot.state = slot.metric.init();
        delete slot.error;
      }
    }
    rows = await scanBeside(suite, source, registry, p, opts);
  }
  return { p, rows, fromMetadata };
}

/**
 * Runs a suite over a data source in one pass: plans the distinct metrics the expectations need, reads
 * only their columns, feeds every batch to every metric, then turns finished metrics into results.
 * Large splittable sources are scanned in worker threads (RunOptions.workers) with the same results.
 */
export async function runSuite(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  opts: RunOptions = {},
): Promise<ValidationResult> {
  const started = Date.now();
  const runTime = new Date(started).toISOString();
  if (await mayScanBeside(suite, source, registry, opts))
    prestartWorker({ parquet: source.format === 'parquet' });
  let scanned: { p: Prepared; rows: number; fromMetadata: boolean };
  try {
    scanned = await scanAll(suite, source, registry, opts, new Date(started));
  } finally {
    dropSpareWorker();
  }
  const { p, rows, fromMetadata } = scanned;
  const { ctx, scope, planned, metrics } = p;

  const values = new Map<string, unknown>();
  for (const [id, slot] of metrics) {
    if (slot.error) continue;
    if (slot.finished) {
      values.set(id, slot.finished.value);
      continue;
    }
    try {
      values.set(id, slot.metric.finish(slot.state));
    } catch (e) {
      slot.error = message(e);
    }
  }
  const results = planned.map((p) => evaluate(p, metrics, values, ctx));
  const successful = results.filter((r) => r.success).length;
  return {
    success: successful === results.length,
    results,
    suite_name: suite.name,
    suite_parameters: jsonParameterValue(scope.values) as Record<string, unknown>,
    statistics: {
      evaluated_expectations: results.length,
      successful_expectations: successful,
      unsuccessful_expectations: results.length - successful,
      success_percent: results.length ? (successful / results.length) * 100 : null,
    },
    meta: {
      expect_check_version: VERSION,
      result_schema_version: '1',
      suite_name: suite.name,
      data_source: {
        description: source.description,
        format: source.format,
        files: [...source.files],
        row_count: rows,
        ...(fromMetadata ? { read: 'metadata' as const } : {}),
      },
      run_id: { run_name: opts.runName ?? null, run_time: runTime },
      validation_time: runTime,
      duration_ms: Date.now() - started,
      // as GX records it, so that reports of the result can show the suite's notes
      expectation_suite_meta: suite.notes === undefined ? suite.meta : { ...suite.meta, notes: suite.notes },
    },
    id: null,
  };
}
