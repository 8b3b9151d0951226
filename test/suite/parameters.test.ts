import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateParameterExpression,
  isParameterName,
  isParameterRef,
  jsonParameterValue,
  ParameterError,
  type ParameterScope,
  ParameterSyntaxError,
  parseParameterExpression,
  resolveKwargs,
} from '../../src/suite/parameters.js';

const NOW = new Date('2024-05-01T12:34:56.789Z');
const scope = (values: Record<string, unknown> = {}): ParameterScope => ({ values, now: NOW });

/** Evaluates an expression with the given runtime parameters and the fixed clock. */
const ev = (text: string, values: Record<string, unknown> = {}) =>
  evaluateParameterExpression(parseParameterExpression(text), scope(values));

/** The syntax error an expression raises. */
function syntaxError(text: string): ParameterSyntaxError {
  try {
    parseParameterExpression(text);
  } catch (e) {
    if (e instanceof ParameterSyntaxError) return e;
    throw e;
  }
  throw new Error(`${text} parsed`);
}

/** The evaluation error an expression raises. */
function evalError(text: string, values: Record<string, unknown> = {}): ParameterError {
  try {
    ev(text, values);
  } catch (e) {
    if (e instanceof ParameterError) return e;
    throw e;
  }
  throw new Error(`${text} evaluated`);
}

describe('grammar (GX suite_parameters.py)', () => {
  it.each([
    ['7', 7],
    ['.5', 0.5],
    ['1.25', 1.25],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['  1 +\t2\n', 3],
    ['PI', Math.PI],
    ['pi', Math.PI],
    ['e', Math.E],
    ['E * 0', 0],
  ])('%j is %j', (text, value) => {
    expect(ev(text)).toBe(value);
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['24 / 4 / 2', 3],
    ['2 * 3 ^ 2', 18],
    ['2 ^ 3 ^ 2', 512],
    ['(2 ^ 3) ^ 2', 64],
    ['-2 ^ 2', 4],
    ['-(2 ^ 2)', -4],
    ['2 ^ -1', 0.5],
    ['--3', 3],
    ['-+-3', 3],
    ['+-3', -3],
    ['2 * -3', -6],
    ['1 - -1', 2],
    ['7 / 2', 3.5],
  ])('precedence: %j is %j', (text, value) => {
    expect(ev(text)).toBe(value);
  });

  it('+ and - chain left to right, ^ right to left, signs bind tighter than ^', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (a, b, c, p, q) => {
          expect(ev(`${a} - ${b} - ${c}`)).toBe(a - b - c);
          expect(ev(`${a} + ${b} * ${c}`)).toBe(a + b * c);
          expect(ev(`${a} * ${b} - ${c}`)).toBe(a * b - c);
          expect(ev(`2 ^ ${p} ^ ${q}`)).toBe(2 ** (p ** q));
          expect(ev(`-${p} ^ 2`)).toBe(p * p);
        },
      ),
    );
  });

  type Tree = number | { op: '+' | '-' | '*'; left: Tree; right: Tree } | { neg: Tree };
  const tree = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: 99 }),
      fc.record({ op: fc.constantFrom('+', '-', '*'), left: tie('tree'), right: tie('tree') }),
      fc.record({ neg: tie('tree') }),
    ),
  })).tree as fc.Arbitrary<Tree>;
  const show = (t: Tree): string =>
    typeof t === 'number'
      ? String(t)
      : 'neg' in t
        ? `-(${show(t.neg)})`
        : `(${show(t.left)} ${t.op} ${show(t.right)})`;
  const value = (t: Tree): number => {
    if (typeof t === 'number') return t;
    if ('neg' in t) return -value(t.neg);
    const [l, r] = [value(t.left), value(t.right)];
    return t.op === '+' ? l + r : t.op === '-' ? l - r : l * r;
  };

  it('evaluates any parenthesised integer arithmetic as JavaScript does', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect((ev(show(t)) as number) + 0).toBe(value(t) + 0);
      }),
    );
  });

  it('knows the runtime parameters an expression names, once each, functions and constants aside', () => {
    expect(parseParameterExpression('a + b * a - now() + PI + trunc(c)').names).toEqual(['a', 'b', 'c']);
    expect(parseParameterExpression('datetime(2020, 1, 1) + timedelta(days=1)').names).toEqual([]);
    expect(parseParameterExpression('x$1_y').names).toEqual(['x$1_y']);
  });

  it('tells parameter names from other text', () => {
    expect(isParameterName('max_fare')).toBe(true);
    expect(isParameterName('a$1')).toBe(true);
    expect(isParameterName('_x')).toBe(false);
    expect(isParameterName('1x')).toBe(false);
    expect(isParameterName('a-b')).toBe(false);
    expect(isParameterName('')).toBe(false);
  });
});

describe('functions', () => {
  it.each([
    ['abs(-3.5)', 3.5],
    ['trunc(-2.7)', -2],
    ['trunc(2.7)', 2],
    ['sgn(-0.5)', -1],
    ['sgn(1e-13)', 0],
    ['sgn(3)', 1],
    ['exp(0)', 1],
    ['sin(0)', 0],
    ['cos(0)', 1],
    ['tan(0)', 0],
    // Python's round: halves to even, and on the exact binary value when digits are given
    ['round(2.5)', 2],
    ['round(3.5)', 4],
    ['round(-2.5)', -2],
    ['round(2.4)', 2],
    ['round(2.675, 2)', 2.67],
    ['round(0.125, 2)', 0.12],
    ['round(0.375, 2)', 0.38],
    ['round(1250, -2)', 1200],
    ['round(1350, -2)', 1400],
    ['round(-1.005, 2)', -1],
  ])('%s is %j', (text, value) => {
    expect(ev(text)).toBe(value);
  });

  it('round(x, n) agrees with toFixed wherever the value is not an exact tie', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, n) => {
        const scaled = Math.abs(x) * 10 ** n;
        fc.pre(Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6);
        // + 0: -0 and 0 are one number to JSON
        const got = ev(`round(${x.toFixed(17)}, ${n})`) as number;
        expect(got + 0).toBe(Number(Number(x.toFixed(17)).toFixed(n)) + 0);
      }),
    );
  });
});

describe('datetime arithmetic', () => {
  it.each([
    ['now()', '2024-05-01T12:34:56.789000'],
    ['now() - timedelta(weeks=52*100)', '1924-09-03T12:34:56.789000'],
    ['datetime(2003, 1, 1)', '2003-01-01T00:00:00'],
    ['datetime(2020, 2, 29, 23, 59, 59, 5)', '2020-02-29T23:59:59.000005'],
    ['datetime(year=2020, month=2, day=28, hour=1)', '2020-02-28T01:00:00'],
    ['datetime(1, 1, 1)', '0001-01-01T00:00:00'],
    ['datetime(99, 3, 1)', '0099-03-01T00:00:00'],
    ['datetime(9999, 12, 31, 23, 59, 59, 999999)', '9999-12-31T23:59:59.999999'],
    ['datetime(2020, 2, 28) + timedelta(days=1)', '2020-02-29T00:00:00'],
    ['datetime(2021, 2, 28) + timedelta(days=1)', '2021-03-01T00:00:00'],
    ['timedelta(hours=36) + datetime(2020, 1, 1)', '2020-01-02T12:00:00'],
    ['datetime(1970, 1, 1) - timedelta(microseconds=1)', '1969-12-31T23:59:59.999999'],
    ['datetime(2020, 1, 1) + timedelta(1, 1, 1, 1, 1, 1, 1)', '2020-01-09T01:01:01.001001'],
    ['datetime(2020, 1, 1) + timedelta(days=0.5) * 3', '2020-01-02T12:00:00'],
    ['datetime(2020, 1, 1) + 2 * timedelta(minutes=30) / 4', '2020-01-01T00:15:00'],
    ['datetime(2020, 1, 1) - -timedelta(seconds=1)', '2020-01-01T00:00:01'],
    ['datetime(2020, 1, 1) + abs(timedelta(days=-1))', '2020-01-02T00:00:00'],
    ['datetime(2020, 1, 1) + (timedelta(days=3) - timedelta(days=1))', '2020-01-03T00:00:00'],
    // timedelta * float rounds to the microsecond, halves to even, as Python does
    ['datetime(2020, 1, 1) + timedelta(microseconds=1) * 0.5', '2020-01-01T00:00:00'],
    ['datetime(2020, 1, 1) + timedelta(microseconds=1) * 1.5', '2020-01-01T00:00:00.000002'],
  ])('%s is %s', (text, iso) => {
    expect(ev(text)).toBe(iso);
  });

  it('datetime - datetime is a timedelta, and timedelta / timedelta a number', () => {
    expect(ev('(datetime(2020, 3, 1) - datetime(2020, 2, 1)) / timedelta(days=1)')).toBe(29);
    expect(ev('(now() - datetime(2024, 5, 1)) / timedelta(seconds=1)')).toBeCloseTo(45296.789, 6);
  });

  it('reads now() from the scope: the run start time', () => {
    const at = new Date('2001-02-03T04:05:06Z');
    expect(evaluateParameterExpression(parseParameterExpression('now()'), { values: {}, now: at })).toBe(
      '2001-02-03T04:05:06',
    );
  });

  it('adding and taking away the same timedelta gives the date-time back, and output matches Date', () => {
    const fields = fc.record({
      y: fc.integer({ min: 1, max: 9998 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      ms: fc.integer({ min: 0, max: 999 }),
    });
    fc.assert(
      fc.property(
        fields,
        fc.integer({ min: -3000, max: 3000 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        (f, days, us) => {
          const dt = `datetime(${f.y}, ${f.mo}, ${f.d}, ${f.h}, ${f.mi}, ${f.s}, ${f.ms * 1000})`;
          const date = new Date(0);
          date.setUTCFullYear(f.y, f.mo - 1, f.d);
          date.setUTCHours(f.h, f.mi, f.s, f.ms);
          const iso = date.toISOString().slice(0, -1);
          expect(ev(dt)).toBe(f.ms ? `${iso}000` : iso.slice(0, -4));
          const td = `timedelta(days=${days}, microseconds=${us})`;
          // date-times outside years 1..9999 are out of range, as in Python
          const first = new Date(0);
          first.setUTCFullYear(1, 0, 1);
          const shiftMs = days * 86_400_000 + us / 1000 + date.getTime();
          fc.pre(shiftMs > first.getTime() + 86_400_000 && shiftMs < Date.UTC(10000, 0, 1) - 86_400_000);
          const there = ev(`${dt} + ${td}`);
          expect(ev(`d - ${td}`, { d: there })).toBe(ev(dt));
        },
      ),
    );
  });
});

describe('runtime parameters', () => {
  it('an expression that is one name yields the value as given, of any type', () => {
    expect(ev('cols', { cols: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(ev('flag', { flag: false })).toBe(false);
    expect(ev('fmt', { fmt: { result_format: 'BASIC' } })).toEqual({ result_format: 'BASIC' });
    expect(ev('when', { when: new Date('2024-01-31T10:00:00.5Z') })).toBe('2024-01-31T10:00:00.500000');
  });

  it('in arithmetic, numbers, numeric strings, ISO strings and Dates are operands', () => {
    expect(ev('x * 2', { x: 21 })).toBe(42);
    expect(ev('x + 1', { x: ' 2.5 ' })).toBe(3.5);
    expect(ev('x + 1', { x: '-1e2' })).toBe(-99);
    expect(ev('x + 1', { x: 'inf' })).toBe(Number.POSITIVE_INFINITY);
    expect(ev('d + timedelta(days=1)', { d: '2024-01-31' })).toBe('2024-02-01T00:00:00');
    expect(ev('d - timedelta(hours=1)', { d: '2024-01-31T00:30:00+01:00' })).toBe('2024-01-30T22:30:00');
    expect(ev('d + timedelta(days=1)', { d: new Date('2024-01-31T00:00:00Z') })).toBe('2024-02-01T00:00:00');
    expect(ev('(b - a) / timedelta(days=1)', { a: '2024-01-01', b: '2024-03-01' })).toBe(60);
  });

  it('other values cannot be computed with', () => {
    expect(evalError('x + 1', { x: 'abc' }).message).toMatch(
      /suite parameter x is "abc": only numbers and ISO/,
    );
    expect(evalError('x + 1', { x: true }).message).toMatch(/suite parameter x is true/);
    expect(evalError('x + 1', { x: null }).message).toMatch(/suite parameter x is null/);
    expect(evalError('x + 1', { x: [1] }).message).toMatch(/suite parameter x is \[1\]/);
  });

  it('a missing parameter is named, all of them at once', () => {
    expect(evalError('lo').message).toBe('no value for suite parameter "lo"');
    expect(evalError('lo + hi * lo', { hi: 1 }).message).toBe('no value for suite parameter "lo"');
    expect(evalError('lo + hi').message).toBe('no value for suite parameters "lo", "hi"');
    expect(evalError('x', { x: undefined }).message).toMatch(/no value/);
  });

  it('names never reach Object.prototype', () => {
    for (const name of ['toString', 'constructor', 'valueOf', 'hasOwnProperty']) {
      expect(evalError(name, {}).message).toBe(`no value for suite parameter "${name}"`);
      expect(syntaxError(`${name}()`).reason).toMatch(/^unknown function/);
    }
    expect(syntaxError('__proto__').reason).toMatch(/unexpected character "_"/);
  });
});

describe('errors', () => {
  it.each([
    ['', 'empty expression', 1],
    ['1 +', 'expected a number, a name or "(", found the end', 4],
    ['1 2', 'expected an operator, found "2"', 3],
    ['(1 + 2', 'expected ")", found the end', 7],
    ['1 + 2)', 'expected an operator, found ")"', 6],
    ['1.', 'unexpected character "."', 2],
    ['2 ** 3', 'expected a number, a name or "(", found "*"', 4],
    ['1 < 2', 'unexpected character "<"', 3],
    ['x == 1', 'expected an operator, found "="', 3],
    ["'abc'", 'unexpected character "\'" (expressions have no strings)', 1],
    ['now(', 'expected an argument or ")", found the end', 5],
    ['now(1)', 'now() takes no arguments', 5],
    ['datetime(2020, 1)', 'datetime() needs day', 1],
    ['datetime(2020, 1, 1,', 'expected an argument, found the end', 21],
    ['datetime(2020, 1, 1 2)', 'expected "," or ")", found "2"', 21],
    ['datetime(2020, month=1, day=1)', 'datetime() takes positional or keyword arguments, not both', 16],
    ['timedelta(days=1, 2)', 'timedelta() takes positional or keyword arguments, not both', 19],
    ['timedelta(dayz=1)', 'timedelta() has no argument dayz (days, seconds,', 11],
    ['timedelta(days=1, days=2)', 'timedelta() argument days given twice', 19],
    ['sin(x=1)', 'sin() takes no keyword arguments', 5],
    ['round(1, 2, 3)', 'round() takes at most 2 arguments', 13],
    [
      'foo(1)',
      'unknown function foo() (functions: sin, cos, tan, exp, abs, trunc, round, sgn, now, datetime, timedelta)',
      1,
    ],
    ['today()', 'unknown function today()', 1],
  ])('%j: %s at column %i', (text, reason, column) => {
    const e = syntaxError(text);
    expect(e.reason.startsWith(reason), e.reason).toBe(true);
    expect(e.column).toBe(column);
    expect(e.message).toBe(`invalid expression ${JSON.stringify(text)}: ${e.reason} at column ${column}`);
    expect(e.message).not.toContain('\n');
  });

  it('a stray character is reported at its column wherever it is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('1', ' ', '+', 'x', '2.5', '*', '(', ')'), { maxLength: 12 }),
        fc.constantFrom(';', '.', '[', '{', '"', '`', '!', '_', '#', '<', '&'),
        (parts, bad) => {
          const before = parts.join('');
          // spaces around it: a "." before digits would start a number
          const text = `${before} ${bad} 1`;
          const e = syntaxError(text);
          if (e.reason.startsWith('unexpected character')) expect(e.column).toBe(before.length + 2);
          else expect(e.column).toBeLessThanOrEqual(before.length + 2);
        },
      ),
    );
  });

  it.each([
    ['1 / 0', 'division by zero'],
    ['0 ^ -1', '0 cannot be raised to a negative power'],
    ['(-8) ^ 0.5', '-8 ^ 0.5 is not a real number'],
    ['10 ^ 400', '10 ^ 400 is too large'],
    ['exp(1000)', 'exp(1000): math range error'],
    ['trunc(x)', 'trunc(): cannot convert Infinity to an integer'],
    ['datetime(2020, 13, 1)', 'datetime() month must be in 1..12, got 13'],
    ['datetime(2021, 2, 29)', 'datetime() day 29 is out of range for the month'],
    ['datetime(2020.5, 1, 1)', 'datetime() year must be an integer, got 2020.5'],
    ['datetime(0, 1, 1)', 'datetime() year must be in 1..9999, got 0'],
    ['datetime(9999, 12, 31) + timedelta(days=1)', 'date value out of range'],
    ['datetime(1, 1, 1) - timedelta(microseconds=1)', 'date value out of range'],
    ['timedelta(days=1e9)', 'timedelta out of range'],
    ['now() + 1', 'cannot compute datetime + number'],
    ['now() + now()', 'cannot compute datetime + datetime'],
    ['timedelta(days=1) - now()', 'cannot compute timedelta - datetime'],
    ['now() * 2', 'cannot compute datetime * number'],
    ['2 / timedelta(days=1)', 'cannot compute number / timedelta'],
    ['timedelta(days=1) / 0', 'division by zero'],
    ['timedelta(days=1) ^ 2', 'cannot compute timedelta ^ number'],
    ['-now()', 'cannot negate a datetime'],
    ['sin(now())', 'sin() argument must be a number, got a datetime'],
    ['timedelta(days=now())', 'timedelta() days must be a number, got a datetime'],
    [
      'timedelta(days=1)',
      '"timedelta(days=1)" evaluates to a timedelta; a kwarg takes a number or a date-time',
    ],
    ['x - x', '"x - x" evaluates to NaN'],
  ])('%j: %s', (text, message) => {
    expect(evalError(text, { x: Number.POSITIVE_INFINITY }).message.startsWith(message)).toBe(true);
  });
});

describe('no code execution', () => {
  it.each([
    "__import__('os').system('true')",
    'process.exit()',
    'process.exit(1)',
    'require("fs")',
    'this.constructor.constructor("return process")()',
    'globalThis',
    // a JavaScript template literal
    `\`\${1}\``,
    'eval("1")',
    'Function("return 1")()',
    'a[0]',
    'x; process.exit()',
    '(() => 1)()',
    'new Date()',
    'now().getTime()',
    'datetime.now()',
    'import("fs")',
  ])('%s', (text) => {
    const outcome = (() => {
      try {
        return ev(text, { process: 1, globalThis: 1, a: 1, x: 1, eval: 1, require: 1, Function: 1 });
      } catch (e) {
        return e;
      }
    })();
    // names resolve only against the given values: globalThis is the number given, never the global
    if (text === 'globalThis') expect(outcome).toBe(1);
    else {
      expect(outcome).toBeInstanceOf(ParameterSyntaxError);
      expect(Object.keys(outcome as object)).not.toContain('result');
    }
  });

  it('any text either parses or raises a ParameterSyntaxError; evaluation raises only ParameterError', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789.eE+-*/^(),= _$abcdnowtimelasr\'"[]{};:!<>&|`\\\n'.split(''),
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join('')),
        (text) => {
          let parsed: ReturnType<typeof parseParameterExpression>;
          try {
            parsed = parseParameterExpression(text);
          } catch (e) {
            expect(e).toBeInstanceOf(ParameterSyntaxError);
            return;
          }
          try {
            const v = evaluateParameterExpression(
              parsed,
              scope(Object.fromEntries(parsed.names.map((n) => [n, 2]))),
            );
            expect(['number', 'string']).toContain(typeof v);
          } catch (e) {
            expect(e).toBeInstanceOf(ParameterError);
          }
        },
      ),
    );
  });

  it('a deeply nested expression is a syntax error, not a stack overflow', () => {
    expect(syntaxError(`${'('.repeat(2000)}1${')'.repeat(2000)}`).reason).toBe(
      'expression nested too deeply',
    );
    expect(syntaxError(`${'2^'.repeat(2000)}2`).reason).toBe('expression nested too deeply');
    expect(syntaxError(`sin(${'abs('.repeat(1000)}1${')'.repeat(1001)}`).reason).toBe(
      'expression nested too deeply',
    );
    expect(ev(`${'('.repeat(50)}1${')'.repeat(50)}`)).toBe(1);
    // the longest chain the length limit lets through still evaluates
    expect(ev(`1${'+1'.repeat(4999)}`)).toBe(5000);
    expect(syntaxError(`1${'+1'.repeat(5000)}`).reason).toBe('longer than 10000 characters');
  });
});

describe('kwargs', () => {
  it('recognises {"$PARAMETER": ...} and nothing else', () => {
    expect(isParameterRef({ $PARAMETER: 'x' })).toBe(true);
    expect(isParameterRef({ $PARAMETER: 'x', '$PARAMETER.x': 1 })).toBe(true);
    expect(isParameterRef({ PARAMETER: 'x' })).toBe(false);
    expect(isParameterRef([{ $PARAMETER: 'x' }])).toBe(false);
    expect(isParameterRef('$PARAMETER')).toBe(false);
    expect(isParameterRef(null)).toBe(false);
    expect(isParameterRef(Object.create({ $PARAMETER: 'x' }))).toBe(false);
  });

  it('resolves every parameter kwarg and leaves the rest alone', () => {
    const kwargs = {
      column: 'x',
      min_value: { $PARAMETER: 'lo' },
      max_value: { $PARAMETER: 'lo * 2' },
      mostly: 0.5,
    };
    const out = resolveKwargs(kwargs, scope({ lo: 3 }));
    expect(out).toEqual({ column: 'x', min_value: 3, max_value: 6, mostly: 0.5 });
    expect(kwargs.min_value).toEqual({ $PARAMETER: 'lo' });
  });

  it('returns the same object when there is nothing to resolve', () => {
    const kwargs = { column: 'x', max_value: 1 };
    expect(resolveKwargs(kwargs, scope())).toBe(kwargs);
  });

  it('names the kwarg in its errors', () => {
    const run = (kwargs: Record<string, unknown>) => () => resolveKwargs(kwargs, scope());
    expect(run({ max_value: { $PARAMETER: 'hi' } })).toThrow(
      new ParameterError('kwargs.max_value: no value for suite parameter "hi"'),
    );
    expect(run({ max_value: { $PARAMETER: 5 } })).toThrow(
      new ParameterError('kwargs.max_value: expected an expression string, got 5'),
    );
    expect(run({ max_value: { $PARAMETER: 'now(' } })).toThrow(
      /^kwargs\.max_value: invalid expression "now\(": expected an argument or "\)", found the end at column 5$/,
    );
  });

  it('writes Dates as naive ISO strings, deep inside lists and objects too', () => {
    const d = new Date('2024-01-31T10:00:00Z');
    expect(jsonParameterValue({ a: d, b: [d, 1], c: 'x' })).toEqual({
      a: '2024-01-31T10:00:00',
      b: ['2024-01-31T10:00:00', 1],
      c: 'x',
    });
  });
});
