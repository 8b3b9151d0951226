import type { Schema } from 'apache-arrow';
import { typeFamily, typeName } from '../arrow/types.js';
import type { DataSource } from '../io/types.js';
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
import { BatchView } from './batch.js';
import { rowConditionOf } from './condition.js';
import { type AnyExpectationDef, domainColumns, type PlanContext } from './expectation.js';
import { columnsOf } from './expr.js';
import { filtered } from './filtered.js';
import type { AnyMetric } from './metric.js';

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
}

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
      if (def.map) {
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

/**
 * Runs a suite over a data source in one pass: plans the distinct metrics the expectations need, reads
 * only their columns, feeds every batch to every metric, then turns finished metrics into results.
 */
export async function runSuite(
  suite: Suite,
  source: DataSource,
  registry: Registry,
  opts: RunOptions = {},
): Promise<ValidationResult> {
  const started = Date.now();
  const runTime = new Date(started).toISOString();
  const schema = await source.schema();
  const ctx: PlanContext = {
    schema,
    source: source.description,
    exactQuantileLimit: opts.exactQuantileLimit,
  };
  const metrics = new Map<string, MetricSlot>();
  const scope: ParameterScope = {
    values: { ...suite.suite_parameters, ...opts.suiteParameters },
    now: opts.now ?? new Date(started),
  };
  const planned = plan(suite, registry, ctx, opts, metrics, scope);
  for (const slot of metrics.values()) slot.state = slot.metric.init();

  const columns = [...new Set([...metrics.values()].flatMap((s) => s.metric.columns))];
  let rows = 0;
  for await (const { batch, rowOffset } of source.batches(columns)) {
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

  const values = new Map<string, unknown>();
  for (const [id, slot] of metrics) {
    if (slot.error) continue;
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
      },
      run_id: { run_name: opts.runName ?? null, run_time: runTime },
      validation_time: runTime,
      duration_ms: Date.now() - started,
    },
    id: null,
  };
}
