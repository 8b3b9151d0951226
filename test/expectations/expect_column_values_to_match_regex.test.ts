import { Null, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePythonRegex, RegexError } from '../../src/engine/regex.js';
import { runSuite } from '../../src/engine/run.js';
import { expectColumnValuesToMatchRegex } from '../../src/expectations/expect_column_values_to_match_regex.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { runOne } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  dict,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';

const TYPE = 'expect_column_values_to_match_regex';
const A = ['aaa', 'abb', 'acc', 'add', 'bee'];
const B = ['aaa', 'abb', 'acc', 'bdd', null];

describe(TYPE, () => {
  it('succeeds when every string matches', async () => {
    const t = new Table({ b: utf8(B) });
    expect((await runOne(t, TYPE, { column: 'b', regex: '[ab]{1}[a-d]{2}' })).success).toBe(true);
  });

  it('lists the strings that do not match, with pk_index records', async () => {
    const t = tableWithPk({ a: utf8(A) });
    const r = await runOne(t, TYPE, { column: 'a', regex: '^a', mostly: 0.9 }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual(['bee']);
    expect(r.result.unexpected_index_list).toEqual([{ pk_index: 4, a: 'bee' }]);
  });

  it('searches anywhere in the string, as re.search', async () => {
    const r = await runOne(new Table({ a: utf8(A) }), TYPE, { column: 'a', regex: 'b' }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual(['aaa', 'acc', 'add']);
  });

  it('applies mostly to the non-missing rows only', async () => {
    const t = new Table({ b: utf8(B) });
    // 4 present, 1 unexpected: exactly 75%
    expect((await runOne(t, TYPE, { column: 'b', regex: '^a', mostly: 0.75 })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'b', regex: '^a', mostly: 0.8 })).success).toBe(false);
    const r = await runOne(t, TYPE, { column: 'b', regex: '^a' });
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: 1, unexpected_percent: 25 });
  });

  it('succeeds on all-null columns, of string or null type', async () => {
    for (const c of [utf8([null, null, null]), vectorFromArray([null, null, null], new Null())]) {
      const r = await runOne(new Table({ c }), TYPE, { column: 'c', regex: '^a', mostly: 0.2 });
      expect(r.success).toBe(true);
      expect(r.result).toMatchObject({ element_count: 3, missing_count: 3, unexpected_count: 0 });
    }
  });

  it('succeeds on an empty table with zero counts', async () => {
    const r = await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', regex: '^x$' });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  it('an empty regex matches everything; the default (?s).* too, newlines included', async () => {
    const t = new Table({ s: utf8(['', 'a\nb', 'c']) });
    expect((await runOne(t, TYPE, { column: 's', regex: '' })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 's' })).success).toBe(true);
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`matches each row of a ${name} column`, async () => {
      const t = tableWithPk({ s: make(['ab-12', null, 'ab-12', 'AB-1', 'xab-99']) });
      const r = await runOne(t, TYPE, { column: 's', regex: '^(?i)ab-\\d+$' }, COMPLETE_PK);
      // (?i) only counts at the start in Python; elsewhere compilation fails
      expect(r.exception_info.raised_exception).toBe(true);
      const ok = await runOne(t, TYPE, { column: 's', regex: '(?i)^ab-\\d+$' }, COMPLETE_PK);
      expect(ok.result.unexpected_index_list).toEqual([{ pk_index: 4, s: 'xab-99' }]);
    });
  }

  it('refuses non-string columns at plan time', async () => {
    const r = await runOne(table({ n: Float64Array.from([1, 2]) }), TYPE, {
      column: 'n',
      regex: '1',
    });
    expect(r.exception_info.exception_message).toMatch(/float64.*accepts string/);
  });

  it('an invalid regex is an expectation error found at plan time; the suite still runs', async () => {
    let batchesRead = 0;
    const t = new Table({ s: utf8(['a']) });
    const source = tableSource(t);
    const counting = {
      ...source,
      async *batches(columns?: readonly string[]) {
        for await (const b of source.batches(columns)) {
          batchesRead++;
          yield b;
        }
      },
    };
    const res = await runSuite(
      {
        name: 's',
        meta: {},
        expectations: [
          { type: TYPE, kwargs: { column: 's', regex: '(?P<n>a' }, meta: {} },
          { type: TYPE, kwargs: { column: 's', regex: 'a' }, meta: {} },
        ],
      },
      counting,
      registry,
    );
    const [bad, good] = res.results;
    expect(bad?.exception_info.raised_exception).toBe(true);
    expect(bad?.exception_info.exception_message).toContain('invalid regular expression "(?P<n>a"');
    expect(good?.success).toBe(true);
    // the bad pattern never reached the scan: the one scan served the good expectation only
    expect(batchesRead).toBe(1);
    const noRows = await runOne(new Table({ s: utf8([]) }), TYPE, { column: 's', regex: '[' });
    expect(noRows.exception_info.raised_exception).toBe(true);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', regex: '^[ab]', mostly: 0.5 }),
    );
  });

  it('property: agrees with the JS regex on ASCII patterns', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, fc.constantFrom('^a', 'b', 'c$', '^$', '.'), async (v, re) => {
        const r = await runOne(new Table({ s: utf8(v) }), TYPE, { column: 's', regex: re }, 'COMPLETE');
        const js = new RegExp(re.replace('$', '(?=\\n?$)'), 'u');
        expect(r.result.unexpected_list).toEqual(v.filter((x): x is string => x !== null && !js.test(x)));
      }),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence', () => {
    const k = expectColumnValuesToMatchRegex.kwargs.parse({ column: 'zip', regex: '^\\d{5}$', mostly: 0.99 });
    expect(expectColumnValuesToMatchRegex.sentence(k)).toBe(
      'values in `zip` match the regular expression `^\\d{5}$`, at least 99% of the time',
    );
  });
});

describe('compilePythonRegex', () => {
  const cases: [string, string, boolean][] = [
    ['(?P<y>\\d{4})-(?P=y)', '2020-2020', true],
    ['(?P<y>\\d{4})-(?P=y)', '2020-2021', false],
    ['\\Aabc\\Z', 'abc', true],
    ['\\Aabc\\Z', 'abc\n', false],
    ['\\Aabc\\Z', 'xabc', false],
    ['(?m)\\Ab', 'a\nb', false],
    ['(?m)^b$', 'a\nb\nc', true],
    ['abc$', 'abc\n', true],
    ['abc$', 'abc\n\n', false],
    ['(?i)ABC', 'xabcx', true],
    ['(?x) a b  # a comment\n c', 'abc', true],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['[]a]', ']', true],
    ['[^]a]', ']', false],
    // verbose mode keeps spaces and # inside a class, a leading ] included
    ['(?x)[] #]', '#', true],
    ['\\\\A', '\\A', true],
    ['a\\$', 'a$', true],
    ['^.$', '😀', true],
    ['\\-', '-', true],
  ];
  it.each(cases)('%j on %j is %s', (pattern, s, want) => {
    expect(compilePythonRegex(pattern).test(s)).toBe(want);
  });

  it('throws a RegexError naming the pattern', () => {
    for (const p of ['(?P<n>a', '[', 'a{2,1}', '*a']) {
      expect(() => compilePythonRegex(p)).toThrow(RegexError);
      expect(() => compilePythonRegex(p)).toThrow(JSON.stringify(p));
    }
  });
});
