import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePythonRegex } from '../../src/engine/regex.js';
import { SchemaDefinitionError } from '../../src/schema/errors.js';
import { regexToPython } from '../../src/schema/regex.js';

/** Matches as the engine runs a translated pattern (the same code GX-shaped suites run through). */
const engineTest = (re: RegExp, s: string) => compilePythonRegex(regexToPython(re)).test(s);

const SAMPLES = [
  '',
  'a@b',
  'abc',
  'x\nabc\ny',
  'abc\n',
  'a\nc',
  'a\rc',
  'a\u2028c',
  'abc123',
  'a foo b',
  'foo_bar',
  'me.x@ex-a.com',
  '2020-2020',
  'x{,3}',
  '\u0661\u0662',
  'é',
  'naïve café',
  '\u00a0',
  '\ufeff',
  '$12',
  '&&',
  'A-Z',
  ']',
  'ABC',
];

/** A RegExp from source text (for patterns a regex literal may not spell). */
const dynamic = (source: string) => new RegExp(source);

/** Regexes whose meaning differs between the dialects unless translated. */
const TRANSLATED: readonly RegExp[] = [
  /@/,
  /^a.c$/,
  /^abc$/m,
  /a.c/s,
  /\d+/,
  /\D/,
  /\w+$/,
  /\bfoo\b/,
  /\Bo/,
  /\s/,
  /[\w.-]+@[\w-]+\.\w+/i,
  /(?<y>\d{4})-\k<y>/,
  /(a)\1/,
  /x{,3}/,
  dynamic('[^]'),
  dynamic('[]'),
  /[\D]/,
  /[^\s]/,
  /(?<=\$)\d+/,
  /\u00e9|\u{1F600}/u,
  /\x41\cJ/,
  /[\b]/,
  /[&&]/,
  /}{]/,
  /[\]a-c]/,
  /[^-a]/,
  /a|b|c$/g,
];

describe('regexToPython', () => {
  it('rewrites what the dialects read differently', () => {
    expect(regexToPython(/\d+/)).toBe('[0-9]+');
    expect(regexToPython(/a$/)).toBe('a\\Z');
    expect(regexToPython(/^a/i)).toBe('(?i)^a');
    expect(regexToPython(/(?<year>\d{4})\k<year>/)).toBe('(?P<year>[0-9]{4})(?P=year)');
    expect(regexToPython(/x{,3}/)).toBe('x\\{,3\\}');
    expect(regexToPython(/a.b/)).toBe('a[^\\n\\r\\u2028\\u2029]b');
    expect(regexToPython(/@/)).toBe('@');
  });

  it('matches what the JS RegExp matches, through the engine', () => {
    for (const re of TRANSLATED) {
      for (const s of SAMPLES)
        expect(engineTest(re, s), `${re} on ${JSON.stringify(s)}`).toBe(
          new RegExp(re.source, re.flags.replace('g', '')).test(s),
        );
    }
  });

  it('keeps the meaning for random regexes and strings (property)', () => {
    const alphabet = ['a', 'b', 'A', '1', '_', ' ', '\n', '.', 'é', '-'];
    const atom = fc.constantFrom(
      'a',
      'b',
      'A',
      '1',
      '\\d',
      '\\w',
      '\\s',
      '\\D',
      '\\W',
      '\\S',
      '\\b',
      '\\B',
      '.',
      '\\.',
      '[a-b]',
      '[^a]',
      '[\\d_]',
      '[\\s.]',
      '^',
      '$',
      'é',
      '\\n',
      '-',
    );
    const piece = fc
      .tuple(atom, fc.constantFrom('', '*', '+', '?', '{2}', '{1,2}', '*?'))
      .map(([a, q]) => (/^[\^$]|\\[bB]$/.test(a) ? a : a + q));
    const body = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    const source = fc.oneof(
      body,
      fc.tuple(body, body).map(([x, y]) => `${x}|${y}`),
      fc.tuple(body, body).map(([x, y]) => `(${x})${y}`),
    );
    const flags = fc.constantFrom('', 'i', 'm', 's', 'u', 'im', 'su');
    const str = fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(source, flags, fc.array(str, { minLength: 1, maxLength: 5 }), (src, f, strings) => {
        const re = new RegExp(src, f);
        const compiled = compilePythonRegex(regexToPython(re));
        for (const s of strings)
          expect(compiled.test(s), `/${src}/${f} on ${JSON.stringify(s)}`).toBe(re.test(s));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses what Python cannot express, saying why', () => {
    const refused: [RegExp, RegExp][] = [
      [/a/y, /sticky/],
      [/\p{L}/u, /property escapes/],
      [/(?<=a+)b/, /variable-width/],
      [/(?<=a|bc)d/, /variable-width/],
      [/[\Da]/, /negated class escape/],
      [dynamic('\\1(a)'), /not closed/],
      [dynamic('(a\\1)'), /not closed/],
      [dynamic('\\2(a)'), /no group|not closed/],
    ];
    for (const [re, why] of refused) {
      let error: unknown;
      try {
        regexToPython(re);
      } catch (e) {
        error = e;
      }
      expect(error, String(re)).toBeInstanceOf(SchemaDefinitionError);
      expect((error as SchemaDefinitionError).code).toBe('unsupported_regex');
      expect((error as Error).message).toMatch(why);
      expect((error as Error).message).toContain(String(re));
    }
  });

  it('takes a string as a Python pattern and checks it', () => {
    expect(regexToPython('(?P<a>x)\\d')).toBe('(?P<a>x)\\d');
    expect(() => regexToPython('(unclosed')).toThrow(SchemaDefinitionError);
  });

  const python = spawnSync('python3', ['-c', 'import re'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)('means the same in Python re.search as in JS (what GX runs)', () => {
    const cases = TRANSLATED.flatMap((re) =>
      SAMPLES.map((s) => ({
        py: regexToPython(re),
        s,
        js: new RegExp(re.source, re.flags.replace('g', '')).test(s),
      })),
    );
    const script = [
      'import json, re, sys',
      'cases = json.load(sys.stdin)',
      'print(json.dumps([bool(re.search(c["py"], c["s"])) for c in cases]))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as boolean[];
    const wrong = cases.filter((c, i) => got[i] !== c.js);
    expect(wrong).toEqual([]);
  });
});
