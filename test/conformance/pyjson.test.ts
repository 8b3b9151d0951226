import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFloatMember, keysInOrder, parsePyJson, pyFloatRepr, pyRepr, pyStr } from './pyjson.js';

describe('parsePyJson', () => {
  it('reads bare NaN and infinities and marks float literals', () => {
    const v = parsePyJson('{"a": [1, 2.0, NaN, -Infinity, Infinity, 1e3], "b": 2}', 't') as {
      a: number[];
      b: number;
    };
    expect(v.a).toEqual([1, 2, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 1000]);
    expect(v.a.map((_, k) => isFloatMember(v.a, k))).toEqual([false, true, true, true, true, true]);
    expect(isFloatMember(v, 'b')).toBe(false);
  });

  it('keeps keys in written order, integer-like ones too', () => {
    const v = parsePyJson('{"b": 1, "0": 2, "a": {"z": 1, "1": 2}}', 't') as { a: object };
    expect(keysInOrder(v as object)).toEqual(['b', '0', 'a']);
    expect(keysInOrder(v.a)).toEqual(['z', '1']);
  });

  it('names the source and line of a syntax error', () => {
    expect(() => parsePyJson('{\n"a": [1,\n}', 'f.json')).toThrow(/f\.json:3/);
  });
});

describe('Python reprs', () => {
  it('prints floats as Python does', () => {
    expect([1, 0.1, 1e-5, 1.5e-4, 1e16, 123456789012345.6, -2.5, 1e22].map(pyFloatRepr)).toEqual([
      '1.0',
      '0.1',
      '1e-05',
      '0.00015',
      '1e+16',
      '123456789012345.6',
      '-2.5',
      '1e+22',
    ]);
    expect(pyFloatRepr(Number.NaN)).toBe('nan');
  });

  it('float reprs read back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(pyFloatRepr(x))).toBe(x);
      }),
    );
  });

  it('prints containers with the floats the fixture wrote', () => {
    const v = parsePyJson('[1, 2.0, "it\'s", null, true, {"k": 1.5}]', 't');
    expect(pyRepr(v)).toBe(`[1, 2.0, "it's", None, True, {'k': 1.5}]`);
    expect(pyStr('x')).toBe('x');
  });
});
