import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultToJson } from '../../src/result/json.js';

describe('resultToJson', () => {
  it('writes bigints as exact JSON numbers', () => {
    const text = resultToJson({ a: 9007199254740993n, b: [-(2n ** 63n)], c: 'x' }, 0);
    expect(text).toBe('{"a":9007199254740993,"b":[-9223372036854775808],"c":"x"}');
  });

  it('leaves strings that look like markers alone and matches JSON.stringify without bigints', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(resultToJson(v, 0)).toBe(JSON.stringify(v));
      }),
    );
  });

  it('writes NaN and infinities as null', () => {
    expect(resultToJson({ x: Number.NaN, y: Number.POSITIVE_INFINITY }, 0)).toBe('{"x":null,"y":null}');
  });
});
