import { describe, expect, it } from 'vitest';
import { ConditionError, parseCondition, rowConditionOf } from '../../src/engine/condition.js';
import { always, and, cmp, col, type Expr, isIn, isNull, lit, not, or } from '../../src/engine/expr.js';

const pandas = (text: string) => parseCondition(text, 'pandas');
const gx = (text: string) => parseCondition(text, 'great_expectations');

/** The ConditionError a text raises (fails the test when it parses). */
function errorOf(f: () => unknown): ConditionError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConditionError) return e;
    throw e;
  }
  throw new Error('expected a ConditionError');
}

const a = col('a');
const b = col('b');
const ne = (x: Expr, y: Expr) => not(cmp('==', x, y));

describe('pandas syntax (DataFrame.query)', () => {
  it('reads comparisons of columns with numbers, strings and booleans', () => {
    expect(pandas('a > 5')).toEqual(cmp('>', a, lit(5)));
    expect(pandas('a <= -2.5e3')).toEqual(cmp('<=', a, lit(-2500)));
    expect(pandas(`b == "x"`)).toEqual(cmp('==', b, lit('x')));
    expect(pandas(`b == 'it\\'s\\n'`)).toEqual(cmp('==', b, lit("it's\n")));
    expect(pandas('5 < a')).toEqual(cmp('<', lit(5), a));
    expect(pandas('a == b')).toEqual(cmp('==', a, b));
    expect(pandas('a == True')).toEqual(cmp('==', a, lit(true)));
    expect(pandas('a >= 1_000')).toEqual(cmp('>=', a, lit(1000)));
  });

  it('keeps integers beyond 2^53 exact', () => {
    expect(pandas('a == 9007199254740993')).toEqual(cmp('==', a, lit(9007199254740993n)));
    expect(pandas('a > -9007199254740993')).toEqual(cmp('>', a, lit(-9007199254740993n)));
  });

  it('reads != as "not ==", true where a value is missing (NaN != x in pandas)', () => {
    expect(pandas('a != 1')).toEqual(ne(a, lit(1)));
  });

  it('gives & and | the precedence of and/or (pandas parser), and below comparisons', () => {
    const want = and(cmp('>', a, lit(5)), cmp('==', b, lit('x')));
    expect(pandas('a > 5 & b == "x"')).toEqual(want);
    expect(pandas('a > 5 and b == "x"')).toEqual(want);
    expect(pandas('(a > 5) & (b == "x")')).toEqual(want);
  });

  it('binds and tighter than or, not looser than comparisons', () => {
    const [x, y, z] = [cmp('==', a, lit(1)), cmp('==', b, lit(2)), cmp('==', col('c'), lit(3))];
    expect(pandas('a == 1 or b == 2 and c == 3')).toEqual(or(x, and(y, z)));
    expect(pandas('(a == 1 or b == 2) and c == 3')).toEqual(and(or(x, y), z));
    expect(pandas('a == 1 | b == 2 & c == 3')).toEqual(or(x, and(y, z)));
    expect(pandas('not a == 1 and b == 2')).toEqual(and(not(x), y));
    expect(pandas('a == 1 and b == 2 and c == 3')).toEqual(and(x, y, z));
  });

  it('reads ~ as negation of a parenthesised condition or a boolean column', () => {
    expect(pandas('~(a < 3)')).toEqual(not(cmp('<', a, lit(3))));
    expect(pandas('~flag')).toEqual(not(cmp('==', col('flag'), lit(true))));
    expect(pandas('flag')).toEqual(cmp('==', col('flag'), lit(true)));
    expect(pandas('not flag & a > 1')).toEqual(
      and(not(cmp('==', col('flag'), lit(true))), cmp('>', a, lit(1))),
    );
  });

  it('reads membership in lists and tuples, and == with a list as membership', () => {
    expect(pandas('a in [1, 2]')).toEqual(isIn(a, [1, 2]));
    expect(pandas(`a in ("x", 'y',)`)).toEqual(isIn(a, ['x', 'y']));
    expect(pandas('a not in [1, -2]')).toEqual(not(isIn(a, [1, -2])));
    expect(pandas('a == [1, 2]')).toEqual(isIn(a, [1, 2]));
    expect(pandas('[1, 2] != a')).toEqual(not(isIn(a, [1, 2])));
    expect(pandas('a in []')).toEqual(isIn(a, []));
  });

  it('reads null tests', () => {
    expect(pandas('a.isnull()')).toEqual(isNull(a));
    expect(pandas('a.isna()')).toEqual(isNull(a));
    expect(pandas('a.notnull()')).toEqual(not(isNull(a)));
    expect(pandas('`my col`.notna() & a == None')).toEqual(
      and(not(isNull(col('my col'))), cmp('==', a, lit(null))),
    );
  });

  it('reads backtick-quoted names and chained comparisons', () => {
    expect(pandas('`my col` >= 0')).toEqual(cmp('>=', col('my col'), lit(0)));
    expect(pandas('1 < a <= 5')).toEqual(and(cmp('<', lit(1), a), cmp('<=', a, lit(5))));
  });

  it('reads the literal conditions True and False', () => {
    expect(pandas('True')).toEqual(always);
    expect(pandas('False')).toEqual(not(always));
  });

  it.each([
    ['a >', 'expected a column or a value, got the end of the condition at character 4'],
    ['a > 5 &', 'expected a column or a value, got the end of the condition at character 8'],
    ['(a > 5', 'expected ")", got the end of the condition at character 7'],
    ['a > 5)', 'expected "and", "or" or the end of the condition, got ")" at character 6'],
    ['a = 5', '"=" assigns; compare with "==" at character 3'],
    ['a + 1 > 5', 'arithmetic (+) is not supported in a row_condition at character 3'],
    ['a > @x', 'local variables (@name) are not supported at character 5'],
    ['b == "x', 'unclosed string at character 6'],
    ['`my col > 1', 'unclosed backtick at character 1'],
    ['a.str.len() > 1', 'unsupported method "str" (supported: isnull, notnull, isna, notna) at character 3'],
    ['a in b', '"in" needs a list of values, as in [1, 2] at character 6'],
    ['a in [b]', 'a list holds values (numbers, strings, True, False, None) at character 7'],
    ['1 < 2', 'a comparison needs a column at character 3'],
    ['5', 'expected a condition, got a value at character 1'],
    ['a > 5 b', 'expected "and", "or" or the end of the condition, got "b" at character 7'],
    ['a > 1x', 'invalid number "1x" at character 5'],
    ['a $ 1', 'unexpected character "$" at character 3'],
  ])('rejects %j naming the place', (text, message) => {
    const e = errorOf(() => pandas(text));
    expect(e.message).toBe(message);
    expect(e.kwarg).toBe('row_condition');
    expect(e.position).toBe(Number(/character (\d+)/.exec(message)?.[1]) - 1);
  });
});

describe('great_expectations syntax', () => {
  it('reads GX conditions: a column compared with a number, a string or a date', () => {
    expect(gx('col("a") > 5')).toEqual(cmp('>', a, lit(5)));
    expect(gx('col("a")<=-1.5')).toEqual(cmp('<=', a, lit(-1.5)));
    expect(gx(`col("pk_2") == "Two  Two"`)).toEqual(cmp('==', col('pk_2'), lit('Two  Two')));
    expect(gx(`col("b") != 'a-b'`)).toEqual(cmp('!=', b, lit('a-b')));
    expect(gx('col("pk-2.x") == 1')).toEqual(cmp('==', col('pk-2.x'), lit(1)));
    expect(gx('col("d") <= date("2023-03-13")')).toEqual(cmp('<=', col('d'), lit('2023-03-13')));
  });

  it('reads notNull() in any case, as GX does', () => {
    expect(gx('col("foo").notNull()')).toEqual(not(isNull(col('foo'))));
    expect(gx('col("foo").notnull()')).toEqual(not(isNull(col('foo'))));
  });

  it('keeps backslashes in strings (GX has no escapes)', () => {
    expect(gx('col("a") == "x\\y"')).toEqual(cmp('==', a, lit('x\\y')));
  });

  it('combines conditions with and, or, not and parentheses', () => {
    const [x, y] = [cmp('>', a, lit(1)), cmp('==', b, lit('x'))];
    expect(gx('col("a") > 1 and col("b") == "x"')).toEqual(and(x, y));
    expect(gx('col("a") > 1 AND col("b") == "x" OR not col("a") > 1')).toEqual(or(and(x, y), not(x)));
    expect(gx('not (col("a") > 1 or col("b") == "x")')).toEqual(not(or(x, y)));
  });

  it.each([
    ['a > 5', 'expected col("<column name>"), got "a" at character 1'],
    ['col(a) > 5', 'expected a quoted column name, got "a" at character 5'],
    [
      'col("a") >',
      'expected a number, a quoted string or date("YYYY-MM-DD"), got the end of the condition at character 11',
    ],
    ['col("a") > 5 junk', 'expected "and", "or" or the end of the condition, got "junk" at character 14'],
    ['col("a").isNull()', 'expected notNull(), got "isNull" at character 10'],
    ['col("a") ~ 5', 'expected a comparison (==, !=, <, <=, >, >=) or .notNull(), got "~" at character 10'],
    ['col("d") < date("13/03/2023")', 'invalid date "13/03/2023" (expected YYYY-MM-DD) at character 17'],
    ['(col("a") > 5', 'expected ")", got the end of the condition at character 14'],
  ])('rejects %j naming the place', (text, message) => {
    expect(errorOf(() => gx(text)).message).toBe(message);
  });

  it('reads the same under GX’s older parser name', () => {
    expect(parseCondition('col("a") > 5', 'great_expectations__experimental__')).toEqual(cmp('>', a, lit(5)));
  });
});

describe('rowConditionOf', () => {
  it('is undefined without a condition, an empty one included (GX ignores it)', () => {
    expect(rowConditionOf({})).toBeUndefined();
    expect(rowConditionOf({ row_condition: null, condition_parser: 'pandas' })).toBeUndefined();
    expect(rowConditionOf({ row_condition: '' })).toBeUndefined();
  });

  it('requires a condition_parser, as GX does', () => {
    for (const condition_parser of [undefined, null, 'python', 'spark', 'bad_parser']) {
      const e = errorOf(() => rowConditionOf({ row_condition: 'a > 1', condition_parser }));
      expect(e.kwarg).toBe('condition_parser');
      expect(e.message).toBe(
        "condition_parser is required when setting a row_condition, and must be 'great_expectations' or 'pandas'",
      );
    }
  });

  it('parses with the named parser', () => {
    expect(rowConditionOf({ row_condition: 'a > 1', condition_parser: 'pandas' })).toEqual(
      cmp('>', a, lit(1)),
    );
    expect(
      errorOf(() => rowConditionOf({ row_condition: 'a > 1', condition_parser: 'great_expectations' })).kwarg,
    ).toBe('row_condition');
  });
});
