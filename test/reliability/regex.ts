import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, writeSuite } from './cli.js';

/**
 * Catastrophic-backtracking patterns from a suite, run by the CLI over a CSV of the long values that
 * make a backtracking engine explode: each expectation must give a result (the pattern runs on the
 * linear-time engine) or report an expectation error, and the whole run must end quickly.
 */

/** ReDoS classics (OWASP, Davis et al.), and look-arounds the linear-time engine cannot run. */
export const EVIL_PATTERNS: readonly string[] = [
  '(a+)+$',
  '([a-zA-Z]+)*$',
  '(a|aa)+$',
  '(a|a?)+$',
  '(.*a){12}$',
  '^(\\w+\\s?)*$',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '\\s+$',
  '^[\\w.+-]+@[\\w-]+\\.[\\w.]+$',
  '(x+x+)+y',
  '(?=(a+)+$)a',
  '(?!.*z)(a|aa)*!',
  '(\\w+)\\1+$',
  // a DFA for this needs 2^20 states: a lazy DFA must not build them all
  '(a|b)*a(a|b){20}$',
];

/** The regex expectations each pattern is given to. */
const TYPES = ['expect_column_values_to_match_regex', 'expect_column_values_to_not_match_regex'] as const;

/** What the run gave: its time, and each expectation's outcome. */
export interface RegexSweep {
  readonly code: number | string;
  readonly ms: number;
  readonly results: number;
  readonly ran: number;
  readonly errors: readonly string[];
}

/** Runs every pattern in both regex expectations over values of up to 200,000 characters. */
export async function sweepRegexes(dir: string): Promise<RegexSweep> {
  const data = join(dir, 'redos.csv');
  // a's and b's in no pattern (Park and Miller's generator), for the pattern whose DFA explodes
  let x = 7;
  const ab = Array.from({ length: 100_000 }, () => {
    x = (x * 48_271) % 2_147_483_647;
    return x & 1024 ? 'a' : 'b';
  }).join('');
  const values = [
    `${'a'.repeat(50_000)}!`,
    `${' '.repeat(100_000)}x`,
    `${'a'.repeat(200_000)}@`,
    `${'x'.repeat(30_000)}`,
    ab,
  ];
  writeFileSync(data, `s\n${values.join('\n')}\n`);
  const suite = writeSuite(
    dir,
    'redos',
    EVIL_PATTERNS.flatMap((regex) => TYPES.map((type) => ({ type, kwargs: { column: 's', regex } }))),
  );
  const out = join(dir, 'redos.result.json');
  const run = await runCli(['validate', data, '--suite', suite, '--json', out, '--quiet']);
  const results = run.json?.results ?? [];
  const errors = results
    .filter((r) => r.exception_info.raised_exception)
    .map((r) => r.exception_info.exception_message ?? '');
  return { code: run.code, ms: run.ms, results: results.length, ran: results.length - errors.length, errors };
}
