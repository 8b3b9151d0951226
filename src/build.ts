import type { z } from 'zod';
import { expectations } from './expectations/index.js';
import type { ExpectationConfig, ResultFormatLevel, ResultFormatOptions } from './result/types.js';
import type { Suite } from './suite/model.js';

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type Registered = typeof expectations;
type BuilderName<K extends string> = K extends `expect_${infer R}` ? Camel<R> : never;

/** Typed builders, one per expectation: `expect.columnValuesToBeBetween({ column: 'x', min_value: 0 })`. */
export type ExpectBuilders = {
  [K in keyof Registered as BuilderName<K & string>]: (
    kwargs: z.input<Registered[K]['kwargs']>,
    meta?: Record<string, unknown>,
  ) => ExpectationConfig;
};

/** Error for kwargs that an expectation's schema rejects when a suite is built in code. */
export class SuiteBuildError extends Error {
  readonly code = 'invalid_kwargs';
}

function builderName(type: string): string {
  return type.replace(/^expect_/, '').replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Builders for every registered expectation; kwargs are checked against the schema at once. */
export const expect: ExpectBuilders = Object.fromEntries(
  Object.values(expectations).map((def) => [
    builderName(def.type),
    (kwargs: Record<string, unknown>, meta: Record<string, unknown> = {}): ExpectationConfig => {
      const r = def.kwargs.safeParse(kwargs);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new SuiteBuildError(`${def.type}: kwargs.${issue?.path.join('.')}: ${issue?.message}`);
      }
      return { type: def.type, kwargs, meta };
    },
  ]),
) as unknown as ExpectBuilders;

/** Builds a suite in code from expectation configs (see `expect`). */
export function suite(
  name: string,
  expectationList: ExpectationConfig[],
  options: { meta?: Record<string, unknown>; result_format?: ResultFormatLevel | ResultFormatOptions } = {},
): Suite {
  return {
    name,
    expectations: expectationList,
    meta: options.meta ?? {},
    ...(options.result_format ? { result_format: options.result_format } : {}),
  };
}
