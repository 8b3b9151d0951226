/**
 * Runs of the reliability fuzz properties: the tests use these numbers and docs/reliability.md cites them
 * (scripts/reliability-report.ts writes it), so the table of inputs tried stays true.
 */
export const FUZZ_RUNS = {
  /** Random patterns and strings: V8's and RE2's forms of a suite pattern agree. */
  regexEngines: 400,
  /** Random JSON values handed to the suite loader. */
  suiteJson: 400,
  /** Random YAML documents handed to the suite loader. */
  suiteYaml: 200,
  /** Random mutations of valid suites (values swapped, keys dropped or renamed, wrong types). */
  suiteMutations: 400,
  /** Random hostile tables (1 MB strings, int64 near 2^63, NaN, -0, Infinity, all-null, no rows) x splits. */
  hostileSplits: 25,
} as const;
