import type { Schema } from 'apache-arrow';
import type { z } from 'zod';
import type { TypeFamily } from '../arrow/types.js';
import type { Capture, IgnoreIf, ValueShape } from '../metrics/map.js';
import type { MapOutcome } from '../result/types.js';
import { checkRowCondition } from '../suite/kwargs.js';
import type { Expr } from './expr.js';
import type { AnyMetric, Metric } from './metric.js';

/** What an expectation is about: the whole table, one column, a pair of columns, or several. */
export type Domain = 'table' | 'column' | 'column_pair' | 'multicolumn';

/** The facts an expectation may use at plan time. */
export interface PlanContext {
  /** The data's schema (all columns, before projection). */
  readonly schema: Schema;
  /** Name of the data source, for messages. */
  readonly source: string;
  /** Most non-missing values a column's quantiles are computed from exactly (RunOptions.exactQuantileLimit). */
  readonly exactQuantileLimit?: number;
}

/** Success and the `result` object of an aggregate expectation. */
export interface AggregateOutcome {
  readonly success: boolean;
  readonly result: Record<string, unknown>;
}

/** A row-wise expectation: a predicate every non-missing row should meet, or a metric of its own. */
export interface MapSpec<K> {
  /** The condition expected rows meet. */
  readonly predicate?: (k: K, ctx: PlanContext) => Expr;
  /** For conditions that span rows (uniqueness, ordering): a metric producing the map outcome itself. */
  readonly metric?: (k: K, capture: Capture, ctx: PlanContext) => Metric<unknown, MapOutcome>;
  /** Which rows count as missing (default: any domain value missing; `never` puts nulls in the domain). */
  readonly ignoreIf?: (k: K) => IgnoreIf;
  /** Nulls are values of the domain (the null expectations): no row is missing and `mostly` counts all rows. */
  readonly nullsAreValues?: boolean;
  /** How unexpected values are reported (default: from the domain: scalar, pair or record). */
  readonly shape?: ValueShape;
  /**
   * Whether the row-wise form applies, decided at plan time (from the column's type, as GX's pandas type
   * checks decide per dtype); where it does not, the expectation's aggregate form runs. Absent: always.
   */
  readonly when?: (k: K, ctx: PlanContext) => boolean;
}

/** An aggregate expectation: metrics to compute, and a pure decision over their values. */
export interface AggregateSpec<K> {
  readonly metrics: (k: K, ctx: PlanContext) => Record<string, AnyMetric>;
  readonly evaluate: (values: Record<string, unknown>, k: K, ctx: PlanContext) => AggregateOutcome;
}

/** A worked example for the catalog and tests. */
export interface Example {
  readonly kwargs: Record<string, unknown>;
  readonly note?: string;
}

/**
 * Everything about one expectation, declared as data: its GX name, kwargs schema, domain, the column
 * types it accepts, how it computes (map or aggregate) and how it reads as a sentence.
 */
export interface ExpectationDef<K = Record<string, unknown>> {
  /** GX name, e.g. `expect_column_values_to_be_between`. */
  readonly type: string;
  /** One sentence for the catalog. */
  readonly description: string;
  readonly domain: Domain;
  /** Strict zod schema of the kwargs, with defaults and cross-field rules. */
  readonly kwargs: z.ZodType<K>;
  /** Type families every domain column must have (absent: any). */
  readonly accepts?: readonly TypeFamily[] | ((k: K) => readonly TypeFamily[]);
  /** The expectation as a plain-English sentence. */
  readonly sentence: (k: K) => string;
  readonly examples: readonly Example[];
  readonly map?: MapSpec<K>;
  readonly aggregate?: AggregateSpec<K>;
  /**
   * Its metrics are heavy (see Metric.heavy): a run over a large file may start their worker thread
   * before the plan is made, so that the thread's start-up overlaps the footer read.
   */
  readonly heavy?: boolean;
}

/** Any expectation definition, for the registry. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions with different kwargs
export type AnyExpectationDef = ExpectationDef<any>;

/**
 * Declares an expectation, keeping kwargs typed from the zod schema; the schema gains the check every
 * expectation shares (a row_condition parses), so that a suite with a bad condition fails to load.
 */
export function defineExpectation<S extends z.ZodType>(
  def: Omit<ExpectationDef<z.output<S>>, 'kwargs'> & { kwargs: S },
): ExpectationDef<z.output<S>> & { kwargs: S } {
  return { ...def, kwargs: def.kwargs.superRefine(checkRowCondition) } as ExpectationDef<z.output<S>> & {
    kwargs: S;
  };
}

/** The columns named by an expectation's domain kwargs. */
export function domainColumns(domain: Domain, k: Record<string, unknown>): string[] {
  switch (domain) {
    case 'column':
      return [k.column as string];
    case 'column_pair':
      return [k.column_A as string, k.column_B as string];
    case 'multicolumn':
      return [...((k.column_list as string[]) ?? [])];
    default:
      return [];
  }
}
