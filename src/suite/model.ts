import type { ExpectationConfig, ResultFormatLevel, ResultFormatOptions } from '../result/types.js';

/**
 * An expectation suite: a name, its expectations (GX 1.x shape: type, kwargs, meta) and meta.
 * Kwargs are kept as written; the plan parses them with each expectation's schema.
 */
export interface Suite {
  name: string;
  expectations: ExpectationConfig[];
  meta: Record<string, unknown>;
  notes?: string | string[];
  /** Default values of the runtime parameters its `$PARAMETER` kwargs name (GX suite_parameters). */
  suite_parameters?: Record<string, unknown>;
  /** A default result_format for every expectation of the suite (an expect-check extension). */
  result_format?: ResultFormatLevel | ResultFormatOptions;
  id?: string;
}
