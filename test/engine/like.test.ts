import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LikeError, likeToRegExp } from '../../src/engine/like.js';

describe('likeToRegExp', () => {
  const cases: [string, string, boolean][] = [
    ['a%', 'abc', true],
    ['a%', 'bac', false],
    ['%b%', 'abc', true],
    ['%b%', 'ac', false],
    ['a_c', 'abc', true],
    ['a_c', 'ac', false],
    ['a_c', 'abbc', false],
    ['_', '😀', true],
    ['%', '', true],
    ['%', 'x\ny', true],
    ['a\\%', 'a%', true],
    ['a\\%', 'ab', false],
    ['a\\_', 'a_', true],
    ['a\\_', 'ab', false],
    ['a\\\\', 'a\\', true],
    ['[a]%', 'abc', false],
    ['[a]%', '[a]x', true],
    ['a.c', 'abc', false],
    ['a+(b)?$', 'a+(b)?$', true],
    ['A%', 'abc', false],
    ['%a%%%', 'xa', true],
  ];
  it.each(cases)('%j on %j is %s', (pattern, s, want) => {
    expect(likeToRegExp(pattern).test(s)).toBe(want);
  });

  it('refuses a pattern that ends with an escape', () => {
    expect(() => likeToRegExp('ab\\')).toThrow(LikeError);
    expect(() => likeToRegExp('ab\\')).toThrow('"ab\\\\"');
  });

  it('property: a pattern without wildcards matches exactly itself', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[%_\\]/.test(s)),
        fc.string(),
        (p, s) => {
          expect(likeToRegExp(p).test(s)).toBe(s === p);
          expect(likeToRegExp(p).test(p)).toBe(true);
        },
      ),
    );
  });

  it('property: prefix% matches exactly the strings that start with the prefix', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[%_\\]/.test(s)),
        fc.string(),
        (p, s) => {
          expect(likeToRegExp(`${p}%`).test(s)).toBe(s.startsWith(p));
        },
      ),
    );
  });
});
