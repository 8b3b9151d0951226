import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, levenshtein } from '../../src/suite/suggest.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 12 });

describe('levenshtein', () => {
  it('is a metric bounded by the longer length and at least the length difference', () => {
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        const d = levenshtein(a, b);
        expect(d).toBe(levenshtein(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(levenshtein(a, c)).toBeLessThanOrEqual(d + levenshtein(b, c));
      }),
    );
  });

  it('counts one edit for an insertion, deletion or substitution', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('expect_colum_values', 'expect_column_values')).toBe(1);
    expect(levenshtein('', 'abc')).toBe(3);
  });
});

describe('closest', () => {
  const names = [
    'expect_column_values_to_be_between',
    'expect_column_mean_to_be_between',
    'expect_column_max_to_be_between',
    'expect_table_row_count_to_be_between',
  ];

  it('suggests the registered name a typo was meant to be', () => {
    expect(closest('expect_colum_values_to_be_between', names)).toBe('expect_column_values_to_be_between');
    expect(closest('expect_table_rowcount_to_be_betwen', names)).toBe('expect_table_row_count_to_be_between');
  });

  it('reads GX 1.x class names as their snake-case type', () => {
    expect(closest('ExpectColumnMeanToBeBetween', names)).toBe('expect_column_mean_to_be_between');
  });

  it('breaks ties alphabetically', () => {
    expect(closest('ab', ['ac', 'aa', 'ad'])).toBe('aa');
    expect(closest('ab', ['ad', 'ac'])).toBe('ac');
  });

  it('suggests nothing for a name that is not a likely typo', () => {
    expect(closest('expect_column_values_to_be_unique', names)).toBeUndefined();
    expect(closest('foo', names)).toBeUndefined();
    expect(closest('expect_column_values_to_be_between', names)).toBeUndefined();
  });

  it('phrases the suggestion for messages', () => {
    expect(didYouMean('maxvalue', ['min_value', 'max_value'])).toBe(' (did you mean max_value?)');
    expect(didYouMean('threshold', ['min_value', 'max_value'])).toBe('');
  });
});
