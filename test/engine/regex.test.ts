import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKTRACK_BUDGET,
  compilePythonRegex,
  RegexError,
  regexEngines,
  UNSAFE_BUDGET,
} from '../../src/engine/regex.js';
import { FUZZ_RUNS } from '../fuzz-runs.js';
import { runOne } from '../helpers.js';

/** Cases [pattern, string, Python's re.search says it matches] written by make_oracle.py. */
const ORACLE = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/regex/python-oracle.json'), 'utf8'),
) as [string, string, boolean][];

/** Python before 3.14 never matches `\B` in an empty string; JS and RE2 do. */
const knownDifference = (pattern: string, s: string) => s === '' && pattern.includes('\\B');

describe('Python semantics (python-oracle.json, from CPython 3.11)', () => {
  it('has the cases make_oracle.py writes', () => expect(ORACLE.length).toBe(2000));

  it('both engines agree with Python on every pattern each can run', () => {
    const wrong: unknown[] = [];
    let refused = 0;
    let re2Runs = 0;
    for (const [pattern, s, want] of ORACLE) {
      if (knownDifference(pattern, s)) continue;
      let e: ReturnType<typeof regexEngines>;
      try {
        e = regexEngines(pattern);
      } catch (err) {
        // a look-around or back-reference under a repeated varying group: refused, never run
        expect(err).toBeInstanceOf(RegexError);
        expect((err as RegexError).code).toBe('unsafe_regex');
        refused++;
        continue;
      }
      if (e.v8.test(s) !== want) wrong.push(['v8', pattern, s, want]);
      if (e.re2) {
        re2Runs++;
        if (e.re2.test(s) !== want) wrong.push(['re2', pattern, s, want]);
      }
    }
    expect(wrong).toEqual([]);
    // the oracle exercises both engines and the refusal
    expect(re2Runs).toBeGreaterThan(ORACLE.length / 2);
    expect(refused).toBeGreaterThan(0);
  });
});

const atom = fc.constantFrom(
  'a',
  'b',
  '\\n',
  '\\r',
  ' ',
  'é',
  '😀',
  '.',
  '\\d',
  '\\w',
  '\\s',
  '\\S',
  '\\W',
  '[ab]',
  '[^a]',
  '[\\s.]',
  '[]a]',
  '[[:a]',
  '\\u00e9',
  '[\\u00a0b]',
  '^',
  '$',
  '\\A',
  '\\Z',
  '\\b',
);
const groupQuantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '*?', '{2,}');
// a wide bounded repeat only on atoms: nested in groups, RE2 expands {0,40}{0,40}... into tens of thousands
// of states and one case could take a minute (the budget paths have their own cases below)
const quantifier = fc.oneof(groupQuantifier, fc.constant('{0,40}'));
const patternArb: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 4 }).map((xs) => xs.flat().join('')),
    fc
      .tuple(tie('p'), fc.option(tie('p')), fc.constantFrom('(', '(?:', '(?P<g>'), groupQuantifier)
      .map(([a, b, open, q]) => `${open}${a}${b === null ? '' : `|${b}`})${q}`),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b),
  ),
})).p;
const flagsArb = fc.constantFrom('', '(?i)', '(?m)', '(?s)', '(?ms)', '(?x)');
const textArb = fc
  .array(
    fc.constantFrom('a', 'b', 'A', 'É', 'é', '\n', '\r', ' ', '\t', '\u00a0', '\u2028', '😀', '1', '_', '['),
    {
      maxLength: 12,
    },
  )
  .map((cs) => cs.join(''));

describe('V8 and RE2 forms of a pattern', () => {
  it(`agree on random patterns and strings (${FUZZ_RUNS.regexEngines} runs)`, () => {
    fc.assert(
      fc.property(flagsArb, patternArb, fc.array(textArb, { minLength: 1, maxLength: 8 }), (f, p, texts) => {
        let e: ReturnType<typeof regexEngines>;
        try {
          e = regexEngines(f + p);
        } catch (err) {
          // patterns that do not compile in JS (a quantified anchor, say) are not this property's concern
          expect(err).toBeInstanceOf(RegexError);
          return;
        }
        if (!e.re2) return;
        for (const s of texts) expect(e.re2.test(s), JSON.stringify([f + p, s])).toBe(e.v8.test(s));
      }),
      { numRuns: FUZZ_RUNS.regexEngines },
    );
  });

  it('values past the budget length go to RE2, shorter ones to V8', () => {
    const e = regexEngines('\\s+x$');
    expect(e.re2).toBeDefined();
    expect(e.v8MaxLength).toBe(Math.floor(BACKTRACK_BUDGET ** (1 / 2)));
    // one unbounded quantifier: V8 searches it in O(n^2) at worst
    expect(regexEngines('^\\d{5}$').v8MaxLength).toBe(Number.POSITIVE_INFINITY);
    expect(regexEngines('(a+)+$').v8MaxLength).toBe(-1);
    expect(regexEngines('(?!x).*y').v8MaxLength).toBe(Math.floor(UNSAFE_BUDGET ** (1 / 2)));
  });
});

/** A one-column table of strings. */
const strings = (values: (string | null)[]) => new Table({ s: vectorFromArray(values, new Utf8()) });

describe('catastrophic backtracking', () => {
  // Classic ReDoS patterns (OWASP, Davis et al.) with the strings that make a backtracking engine explode.
  const attack = 'a'.repeat(50_000);
  const evil: [pattern: string, value: string, matches: boolean][] = [
    ['(a+)+$', `${attack}!`, false],
    // `*` lets the group match nothing right before the end
    ['([a-zA-Z]+)*$', `${attack}!`, true],
    ['(a|aa)+$', `${attack}!`, false],
    ['(a|a?)+$', `${attack}!`, true],
    ['(.*a){12}$', `${attack}!`, false],
    ['^(\\w+\\s?)*$', `${attack}!`, false],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', `${attack}!`, false],
    ['\\s+$', `${' '.repeat(1_000_000)}x`, false],
    ['^[\\w.+-]+@[\\w-]+\\.[\\w.]+$', `${'a'.repeat(200_000)}@`, false],
  ];
  it.each(evil)('%s on a hostile value ends at once with the right answer', async (regex, value, matches) => {
    const t = strings([value, null]);
    const started = performance.now();
    const r = await runOne(t, 'expect_column_values_to_match_regex', { column: 's', regex }, 'COMPLETE');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.exception_info.raised_exception).toBe(false);
    expect(r.success).toBe(matches);
    expect(r.result.unexpected_index_list).toEqual(matches ? [] : [0]);
  });

  it('a look-around under a repeated varying group is an expectation error, not a hang', async () => {
    const t = strings([`${attack}!`]);
    const r = await runOne(t, 'expect_column_values_to_match_regex', { column: 's', regex: '(?=(a+)+$)a' });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toMatch(/could take exponential time/);
  });

  it('a value too long for a look-around pattern is an expectation error, other expectations still run', async () => {
    const pattern = '(?!.*z)a.*!';
    const limit = regexEngines(pattern).v8MaxLength;
    const t = strings(['a!', 'x'.repeat(limit + 1)]);
    const short = await runOne(strings(['a!', 'x'.repeat(limit)]), 'expect_column_values_to_match_regex', {
      column: 's',
      regex: pattern,
    });
    expect(short.exception_info.raised_exception).toBe(false);
    const r = await runOne(t, 'expect_column_values_to_not_match_regex', { column: 's', regex: pattern });
    expect(r.exception_info.exception_message).toBe(
      `a value of ${limit + 1} characters is too long to search with "${pattern}" in bounded time ` +
        '(the pattern uses look-arounds or back-references, which the linear-time engine (RE2) lacks; ' +
        `at most ${limit} characters)`,
    );
  });

  it('compiles each pattern once', () => {
    expect(compilePythonRegex('(a+)+b')).toBe(compilePythonRegex('(a+)+b'));
  });
});
