import type { ExpectationConfig, ValidationResult } from '../result/types.js';
import { type ParameterScope, resolveKwargs } from '../suite/parameters.js';
import { registry } from './index.js';

/**
 * The plain-English sentence of a configured expectation ("values in `fare` are between 0 and 500"),
 * or its type and kwargs when the type is unknown or the kwargs do not parse. With a parameter scope,
 * `{"$PARAMETER": ...}` kwargs read as their values.
 */
export function describeExpectation(
  config: Pick<ExpectationConfig, 'type' | 'kwargs'>,
  scope?: ParameterScope,
): string {
  const def = registry.get(config.type);
  const parsed = def?.kwargs.safeParse(scope ? resolvedOrAsWritten(config.kwargs, scope) : config.kwargs);
  if (def && parsed?.success) return def.sentence(parsed.data);
  return `${config.type}(${JSON.stringify(config.kwargs)})`;
}

function resolvedOrAsWritten(
  kwargs: Record<string, unknown>,
  scope: ParameterScope,
): Record<string, unknown> {
  try {
    return resolveKwargs(kwargs, scope);
  } catch {
    // a reference that does not resolve is shown as written; the run's result says why it failed
    return kwargs;
  }
}

/** The parameter scope of a run: its suite parameters and its clock, for `{"$PARAMETER": ...}` kwargs. */
export function runScope(run: Pick<ValidationResult, 'suite_parameters' | 'meta'>): ParameterScope {
  const now = new Date(run.meta.run_id.run_time);
  return { values: run.suite_parameters ?? {}, now: Number.isNaN(now.getTime()) ? new Date(0) : now };
}

/** The kwargs of an expectation as a run saw them (parameters resolved), or as written when they do not resolve. */
export function kwargsInRun(
  config: Pick<ExpectationConfig, 'kwargs'>,
  run: Pick<ValidationResult, 'suite_parameters' | 'meta'>,
): Record<string, unknown> {
  return resolvedOrAsWritten(config.kwargs, runScope(run));
}

/** The sentence of an expectation of a run, with the suite parameters and the clock of that run. */
export function describeInRun(
  config: Pick<ExpectationConfig, 'type' | 'kwargs'>,
  run: Pick<ValidationResult, 'suite_parameters' | 'meta'>,
): string {
  return describeExpectation(config, runScope(run));
}

/** The column(s) an expectation is about, for grouping in reports ('' for table-level ones). */
export function expectationColumns(config: Pick<ExpectationConfig, 'kwargs'>): string[] {
  const k = config.kwargs;
  if (typeof k.column === 'string') return [k.column];
  if (typeof k.column_A === 'string' && typeof k.column_B === 'string') return [k.column_A, k.column_B];
  if (Array.isArray(k.column_list)) return k.column_list.filter((c): c is string => typeof c === 'string');
  return [];
}
