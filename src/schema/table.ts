import type { z } from 'zod';
import { type Registry, runSuite } from '../engine/run.js';
import type { expectations } from '../expectations/index.js';
import { registry } from '../expectations/index.js';
import type { ExpectationConfig, ValidationResult } from '../result/types.js';
import type { Suite } from '../suite/model.js';
import { saveSuite } from '../suite/write.js';
import { type SourceInput, toSource, type ValidateOptions } from '../validate.js';
import { CALLBACK_TYPE, callbackKwargs, callbackRegistry, type RowCallback } from './callback.js';
import { callCode } from './code.js';
import { type Column, checkKwargs, type Kind, parseKwargs, type ValueOf } from './columns.js';
import { SchemaDefinitionError } from './errors.js';
import { type Condition, compileCondition, type RowCheckOptions } from './expr.js';
import { type CheckLabel, schemaError } from './failures.js';

/** The columns of a table schema, by name. */
export type Shape = Record<string, Column<Kind, boolean>>;

/** The row type of one column: its kind's values, `| null` when nullable. */
export type ColumnValue<C> =
  C extends Column<infer K, infer N> ? ValueOf<K> | (N extends true ? null : never) : never;

/** The row type of a shape. */
export type RowOf<S extends Shape> = { -readonly [K in keyof S]: ColumnValue<S[K]> };

/** The row type of a table schema (`Infer<typeof Features>`), or the value type of a column. */
export type Infer<T> = T extends TableSchema<infer S> ? RowOf<S> : T extends Column ? ColumnValue<T> : never;

/** How the data's columns must relate to the schema's. */
export type ColumnsMode = 'exact' | 'ordered' | 'subset';

/** Options of `toSuite` and `save`. */
export interface ToSuiteOptions {
  /**
   * Leave callback checks out (they cannot be written as JSON) instead of throwing; their names are
   * listed in the suite's meta under `expect_check.skipped_checks`.
   */
  skipCallbacks?: boolean;
}

interface RowCheck {
  readonly name: string;
  readonly condition?: Condition;
  readonly callback?: RowCallback;
  readonly options: RowCheckOptions;
}

interface TableCheck {
  readonly call: string;
  readonly config: ExpectationConfig;
}

interface TableState {
  readonly name: string;
  readonly tableChecks: readonly TableCheck[];
  readonly rowChecks: readonly RowCheck[];
}

interface Compiled {
  readonly suite: Suite;
  readonly labels: readonly CheckLabel[];
  readonly registry: Registry;
}

type Registered = typeof expectations;

const COLUMNS_MODES: Record<ColumnsMode, (columns: string[]) => Pick<ExpectationConfig, 'type' | 'kwargs'>> =
  {
    exact: (columns) => ({ type: 'expect_table_columns_to_match_set', kwargs: { column_set: columns } }),
    subset: (columns) => ({
      type: 'expect_table_columns_to_match_set',
      kwargs: { column_set: columns, exact_match: false },
    }),
    ordered: (columns) => ({
      type: 'expect_table_columns_to_match_ordered_list',
      kwargs: { column_list: columns },
    }),
  };

/**
 * A typed table schema: columns with their checks, table checks and row checks. It compiles to a suite
 * (the model GX JSON suites load into), runs on the engine like any suite, and infers the row type.
 * Immutable: every builder returns a new schema.
 */
export class TableSchema<S extends Shape = Shape> {
  private compiledCache: Compiled | undefined;

  constructor(
    readonly shape: S,
    private readonly state: TableState,
  ) {}

  /** The schema's name: the suite name of its results. */
  get name(): string {
    return this.state.name;
  }

  /** The column names, in declaration order. */
  get columnNames(): string[] {
    return Object.keys(this.shape);
  }

  private derive(patch: Partial<TableState>): TableSchema<S> {
    return new TableSchema(this.shape, { ...this.state, ...patch });
  }

  private tableCheck(call: string, config: Pick<ExpectationConfig, 'type' | 'kwargs'>): TableSchema<S> {
    checkKwargs(config.type, config.kwargs, call);
    return this.derive({
      tableChecks: [...this.state.tableChecks, { call, config: { ...config, meta: {} } }],
    });
  }

  /** A copy of the schema under another name. */
  named(name: string): TableSchema<S> {
    return this.derive({ name });
  }

  /** The number of rows lies in the range: expect_table_row_count_to_be_between. */
  rowCount(range: { min?: number | null; max?: number | null }): TableSchema<S> {
    return this.tableCheck(callCode('rowCount', [range]), {
      type: 'expect_table_row_count_to_be_between',
      kwargs: { min_value: range.min ?? null, max_value: range.max ?? null },
    });
  }

  /**
   * How the data's columns relate to the schema's: `exact` (the same set, any order), `ordered` (the same
   * list in order) or `subset` (the schema's columns, and possibly more). Without it, missing columns
   * fail their own checks and other columns are allowed.
   */
  columns(mode: ColumnsMode): TableSchema<S> {
    return this.tableCheck(callCode('columns', [mode]), COLUMNS_MODES[mode](this.columnNames));
  }

  /**
   * A named row check. An expression (`col('a').gt(col('b'))`) runs vectorised and compiles to GX's own
   * expectation where one exists; a callback `(row) => boolean` gets each row typed as `Infer<schema>`,
   * runs per row (much slower) and cannot be written to a suite file.
   */
  check(
    name: string,
    rule: Condition | ((row: RowOf<S>) => boolean),
    options: RowCheckOptions = {},
  ): TableSchema<S> {
    if (this.state.rowChecks.some((c) => c.name === name)) {
      throw new SchemaDefinitionError('duplicate_check', `check ${JSON.stringify(name)} is declared twice`);
    }
    const check: RowCheck =
      typeof rule === 'function'
        ? { name, callback: rule as RowCallback, options }
        : { name, condition: rule, options };
    if (check.condition) {
      const c = compileCondition(check.condition, options);
      checkKwargs(c.type, c.kwargs, `check(${JSON.stringify(name)})`);
    } else if (options.ignoreRowIf !== undefined) {
      throw new SchemaDefinitionError(
        'invalid_check',
        `check(${JSON.stringify(name)}): a callback sees every row; ignoreRowIf applies to expressions only`,
      );
    } else {
      parseKwargs(callbackKwargs, this.callbackConfig(check).kwargs, `check(${JSON.stringify(name)})`);
    }
    return this.derive({ rowChecks: [...this.state.rowChecks, check] });
  }

  /** Any registered expectation at table level, with its full kwargs: `.expect('expect_table_column_count_to_equal', { value: 4 })`. */
  expect<T extends keyof Registered>(type: T, kwargs: z.input<Registered[T]['kwargs']>): TableSchema<S> {
    return this.tableCheck(callCode('expect', [type, kwargs]), {
      type,
      kwargs: kwargs as Record<string, unknown>,
    });
  }

  /** The builder calls of the table checks, in order (`rowCount({ min: 1 })`). */
  tableCalls(): string[] {
    return this.state.tableChecks.map((t) => t.call);
  }

  /** The names of the row checks, in order. */
  rowCheckNames(): string[] {
    return this.state.rowChecks.map((r) => r.name);
  }

  /** The callback row checks, by name. */
  callbacks(): ReadonlyMap<string, RowCallback> {
    return new Map(this.state.rowChecks.flatMap((r) => (r.callback ? [[r.name, r.callback] as const] : [])));
  }

  private callbackConfig(r: RowCheck): Pick<ExpectationConfig, 'type' | 'kwargs'> {
    const mostly = r.options.mostly === undefined ? {} : { mostly: r.options.mostly };
    return { type: CALLBACK_TYPE, kwargs: { check: r.name, column_list: this.columnNames, ...mostly } };
  }

  private compiled(): Compiled {
    if (this.compiledCache) return this.compiledCache;
    const configs: ExpectationConfig[] = [];
    const labels: CheckLabel[] = [];
    const callbacks = new Map<string, RowCallback>();
    for (const t of this.state.tableChecks) {
      configs.push(t.config);
      labels.push({ check: t.call });
    }
    for (const [column, c] of Object.entries(this.shape)) {
      for (const { call, config } of c.configs(column)) {
        configs.push(config);
        labels.push({ column, check: call });
      }
    }
    for (const r of this.state.rowChecks) {
      const meta = { check: r.name };
      if (r.condition) {
        configs.push({ ...compileCondition(r.condition, r.options), meta });
      } else {
        callbacks.set(r.name, r.callback as RowCallback);
        configs.push({ ...this.callbackConfig(r), meta });
      }
      labels.push({ check: r.name });
    }
    this.compiledCache = {
      suite: { name: this.state.name, expectations: configs, meta: {} },
      labels,
      registry: callbackRegistry(registry, callbacks),
    };
    return this.compiledCache;
  }

  /**
   * The schema as a suite, ready for saveSuite or `validate()`. Callback checks cannot be part of it: a
   * schema with one throws a SchemaDefinitionError (code not_exportable) unless `skipCallbacks` is set.
   */
  toSuite(options: ToSuiteOptions = {}): Suite {
    const { suite } = this.compiled();
    const skipped = suite.expectations
      .filter((e) => e.type === CALLBACK_TYPE)
      .map((e) => e.kwargs.check as string);
    if (skipped.length === 0) return suite;
    if (!options.skipCallbacks) {
      throw new SchemaDefinitionError(
        'not_exportable',
        `${this.name}: callback checks cannot be written to a suite (${skipped.map((s) => JSON.stringify(s)).join(', ')}); write them as expressions (col('a').gt(col('b'))) or pass { skipCallbacks: true }`,
      );
    }
    return {
      ...suite,
      expectations: suite.expectations.filter((e) => e.type !== CALLBACK_TYPE),
      meta: { ...suite.meta, expect_check: { skipped_checks: skipped } },
    };
  }

  /** Writes the schema as a GX 1.x suite file (YAML for .yaml/.yml); callbacks as for toSuite. */
  async save(path: string, options: ToSuiteOptions = {}): Promise<void> {
    await saveSuite(this.toSuite(options), path);
  }

  /** Validates data against the schema in one pass and returns the result (failures are results, not errors). */
  async validate(input: SourceInput, options: ValidateOptions = {}): Promise<ValidationResult> {
    const { read, ...run } = options;
    const c = this.compiled();
    return runSuite(c.suite, await toSource(input, read), c.registry, run);
  }

  /**
   * Validates with every check run (lazy) at result format COMPLETE, and throws a SchemaError listing each
   * failed check, with one failure-case row per unexpected value (up to maxUnexpectedRows per check).
   * Returns the result when the data passes.
   */
  async assert(input: SourceInput, options: ValidateOptions = {}): Promise<ValidationResult> {
    const result = await this.validate(input, { ...options, resultFormat: 'COMPLETE' });
    if (!result.success) throw schemaError(this.name, result, this.compiled().labels);
    return result;
  }
}

/** Declares a table schema from its columns: `table({ id: int64().unique(), email: utf8().regex(/@/) })`. */
export function table<S extends Shape>(columns: S, options: { name?: string } = {}): TableSchema<S> {
  return new TableSchema(columns, { name: options.name ?? 'table_schema', tableChecks: [], rowChecks: [] });
}
