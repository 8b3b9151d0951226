import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePythonRegex, regexEngines } from '../../src/engine/regex.js';
import { compileDfa, type DfaMatcher, UNDECIDED } from '../../src/engine/regex-dfa.js';
import { runOne } from '../helpers.js';

/** Cases [pattern, string, Python's re.search says it matches] written by make_oracle.py. */
const ORACLE = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/regex/python-oracle.json'), 'utf8'),
) as [string, string, boolean][];

/**
 * The DFA's answers for these strings as rows of a utf8 column, after `pad` bytes of other data (undefined
 * for an undecided row, null for a row left as it was: a missing one should be).
 */
function utf8Rows(
  dfa: DfaMatcher,
  rows: readonly (string | null)[],
  pad = 0,
): (boolean | null | undefined)[] {
  const encoded = rows.map((r) => new TextEncoder().encode(r ?? ''));
  const offsets = new Int32Array(rows.length + 1);
  offsets[0] = pad;
  encoded.forEach((b, i) => {
    offsets[i + 1] = (offsets[i] as number) + b.length;
  });
  const bytes = new Uint8Array(offsets[rows.length] as number).fill(97);
  encoded.forEach((b, i) => {
    bytes.set(b, offsets[i]);
  });
  const valid = rows.includes(null) ? Uint8Array.from(rows, (r) => (r === null ? 0 : 1)) : null;
  const out = new Uint8Array(rows.length).fill(LEFT);
  dfa.testUtf8Rows(bytes, offsets, valid, out);
  return [...out].map((x) => (x === UNDECIDED ? undefined : x === LEFT ? null : x === 1));
}

/** What utf8Rows' output holds before the search, so that a row it leaves alone shows. */
const LEFT = 7;

describe('the DFA matcher', () => {
  it('agrees with CPython on every oracle case it takes', () => {
    const wrong: unknown[] = [];
    let taken = 0;
    for (const [pattern, s, want] of ORACLE) {
      const dfa = compileDfa(pattern);
      const got = dfa?.test(s);
      if (got === undefined) continue;
      taken++;
      if (got !== want) wrong.push([pattern, s, want]);
      if (dfa && utf8Rows(dfa, ['', s])[1] !== want) wrong.push(['utf8', pattern, s, want]);
    }
    expect(wrong).toEqual([]);
    // the oracle's patterns lean on flags and Unicode; the DFA still takes a good share of them
    expect(taken).toBeGreaterThan(200);
  });

  it.each([
    ['^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', 'user12@example.com', true],
    ['^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', 'user12 at example.com', false],
    ['^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', 'a@b.cd\n', true],
    ['^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', 'a@b.cd\n\n', false],
    ['abc\\Z', 'abc\n', false],
    ['abc$', 'xabc\n', true],
    ['\\Aab', 'cab', false],
    ['b+', 'aaabbb', true],
    ['x{2,3}y', 'xxxxy', true],
    ['x{2,3}?y', 'xy', false],
    ['[]a]', ']', true],
    ['[^]a]', ']', false],
    ['.', '\n', false],
    ['a.c', 'a\u00e9c', true],
    ['a.c', 'a\u{1f600}c', undefined],
    ['(ab|cd)+e', 'xcdabe', true],
    ['', '', true],
    ['a{', 'a{', undefined],
  ] as const)('%s on %j', (pattern, s, want) => {
    const dfa = compileDfa(pattern);
    expect(dfa?.test(s)).toBe(want);
    // bytes step by code point, so an astral character is decided there too
    if (dfa && want !== undefined) expect(utf8Rows(dfa, [s])).toEqual([want]);
    // whatever the DFA leaves, the compiled matcher answers as the general engines do
    expect(compilePythonRegex(pattern).test(s)).toBe(regexEngines(pattern).v8.test(s));
  });

  it.each(['^a|b', 'a|b$', '(?i)abc', '\\bword', '\\s+', 'a(?=b)', '(a)\\1', '\u00e9', 'x{5000}'])(
    'leaves %s to the general engines',
    (pattern) => {
      expect(compileDfa(pattern)).toBeUndefined();
    },
  );

  it('agrees with the V8 form on random patterns and strings', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '.',
      '[ab]',
      '[^a]',
      '\\d',
      '\\w',
      '\\W',
      '\\.',
      '(a|bc)',
      '(?:ab)',
    );
    const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?');
    const pattern = fc
      .tuple(
        fc.constantFrom('', '^', '\\A'),
        fc.array(fc.tuple(atom, quant), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('', '$', '\\Z'),
      )
      .map(([a, parts, z]) => a + parts.map(([x, q]) => x + q).join('') + z);
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', 'c', '1', '.', '\n', ' ', '\u00e9', '\u{1f600}'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(pattern, text, (p, s) => {
        const dfa = compileDfa(p);
        expect(dfa).toBeDefined();
        const want = regexEngines(p).v8.test(s);
        // strings step by UTF-16 code unit and leave astral characters to the general engine; bytes step by code point
        expect(dfa?.test(s) ?? want).toBe(want);
        if (dfa) expect(utf8Rows(dfa, ['xx', s, 'a\n'])[1]).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });
  it('hands rows to the general engine once its cache of states is full', async () => {
    // "the 13th character from the end is an a": a search DFA of 2^13 states, more than are cached
    const pattern = 'a[ab]{12}$';
    let seed = 7;
    const bit = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed >>> 31;
    };
    const rows = Array.from({ length: 3000 }, () =>
      Array.from({ length: 60 }, () => (bit() ? 'a' : 'b')).join(''),
    );
    const dfa = compileDfa(pattern) as DfaMatcher;
    const got = utf8Rows(dfa, rows);
    expect(got).toContain(undefined);
    expect(got).not.toContain(null);
    const v8 = regexEngines(pattern).v8;
    got.forEach((g, i) => {
      if (g !== undefined) expect(g).toBe(v8.test(rows[i] as string));
    });
    // the expectation still answers every row, as the general engine would
    const table = new Table({ s: vectorFromArray(rows, new Utf8()) });
    const r = await runOne(table, 'expect_column_values_to_match_regex', { column: 's', regex: pattern });
    expect(r.result.unexpected_count).toBe(rows.filter((x) => !v8.test(x)).length);
  });
  it('answers every row of a batch as Python would, whatever the lengths, nulls and offsets', () => {
    // rows run two at a time: lengths 0 and 1, long rows beside short ones, nulls, rows decided early
    const pattern = fc.constantFrom(
      '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$',
      '@b\\.',
      'a.b',
      '^a+$',
      '^$',
      'b\\Z',
      '\\Ab',
      '1$',
      'a*',
      '',
      '.{3}',
      '[^a]$',
      'a\\n$',
    );
    const unit = fc.constantFrom('a', 'b', '1', '.', '@', '\n', ' ', '\u00e9', '\u{1f600}');
    const row = fc.oneof(fc.string({ unit, maxLength: 2 }), fc.string({ unit, maxLength: 40 }));
    const rows = fc.array(fc.option(row, { nil: null, freq: 4 }), { maxLength: 14 });
    fc.assert(
      fc.property(pattern, rows, fc.nat(5), (p, rs, pad) => {
        const dfa = compileDfa(p) as DfaMatcher;
        const v8 = regexEngines(p).v8;
        expect(utf8Rows(dfa, rs, pad)).toEqual(rs.map((r) => (r === null ? null : v8.test(r))));
      }),
      { numRuns: 3000 },
    );
  });

  it('decides the rows beside an undecided one, once its cache of states is full', () => {
    const pattern = 'a[ab]{12}$';
    const dfa = compileDfa(pattern) as DfaMatcher;
    let seed = 11;
    const bit = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed >>> 31;
    };
    const filler = Array.from({ length: 3000 }, () =>
      Array.from({ length: 60 }, () => (bit() ? 'a' : 'b')).join(''),
    );
    expect(utf8Rows(dfa, filler)).toContain(undefined);
    // the cache is full now: whether a row is decided no longer depends on the rows run before or beside it
    const v8 = regexEngines(pattern).v8;
    const row = fc.oneof(fc.stringMatching(/^[ab]{0,40}$/), fc.constantFrom('b', 'ab', 'x'));
    let undecided = 0;
    fc.assert(
      fc.property(fc.array(fc.option(row, { nil: null, freq: 5 }), { maxLength: 10 }), (rs) => {
        const got = utf8Rows(dfa, rs);
        got.forEach((g, i) => {
          const r = rs[i];
          if (r === null || r === undefined) expect(g).toBeNull();
          else if (g === undefined) undecided++;
          else expect(g).toBe(v8.test(r));
          if (r) expect(utf8Rows(dfa, [r])).toEqual([g]);
        });
      }),
      { numRuns: 300 },
    );
    expect(undecided).toBeGreaterThan(0);
  });
});
