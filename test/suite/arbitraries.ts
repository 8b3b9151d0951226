import fc from 'fast-check';

/**
 * Any JSON value as suites hold it, with what Python's json module adds: non-finite floats and negative
 * zero, strings that look like other things (`strings`), and keys from `key`; arrays and objects hold at
 * most `size` entries.
 */
export function jsonValue(
  key: fc.Arbitrary<string>,
  strings: readonly string[],
  size: number,
): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.double(),
      fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.integer(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(...strings),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: size }),
      fc.dictionary(key, tie('value'), { maxKeys: size, noNullPrototype: true }),
    ),
  })).value;
}
