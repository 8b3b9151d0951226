import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JsonSyntaxError,
  lineColumn,
  parsePythonJson,
  stringifyPythonJson,
} from '../../src/suite/python-json.js';
import { jsonValue } from './arbitraries.js';

function syntaxFailure(text: string): { message: string; line: number; column: number } {
  try {
    parsePythonJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { message: e.message, line: e.line, column: e.column };
  }
  throw new Error(`parsed without error: ${text}`);
}

// Any JSON value, including Python's non-finite floats, negative zero and awkward keys and strings.
const pythonValue = jsonValue(
  fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', '1', '')),
  ['NaN', 'Infinity', '-Infinity', '"', '\\', '\u2028'],
  4,
);

describe('parsePythonJson', () => {
  it('reads what JSON.parse reads, the same way', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        expect(parsePythonJson(text)).toStrictEqual(JSON.parse(text));
      }),
    );
  });

  it('rejects exactly what JSON.parse rejects, after a one-character edit of valid JSON', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '0', '-', '.', ' ', '\n', '\u0001'),
        (v, at, insert) => {
          const text = JSON.stringify(v);
          const i = at % (text.length + 1);
          // an empty insert deletes the character instead
          const edited = insert
            ? text.slice(0, i) + insert + text.slice(i)
            : text.slice(0, i) + text.slice(i + 1);
          let native = true;
          try {
            JSON.parse(edited);
          } catch {
            native = false;
          }
          let ours = true;
          try {
            parsePythonJson(edited);
          } catch (e) {
            expect(e).toBeInstanceOf(JsonSyntaxError);
            ours = false;
          }
          expect(ours).toBe(native);
        },
      ),
    );
  });

  it('reads the bare NaN, Infinity and -Infinity tokens outside strings only', () => {
    const v = parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN", "d": "-Infinity"}');
    expect(v).toStrictEqual({
      a: Number.NaN,
      b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      c: 'NaN',
      d: '-Infinity',
    });
  });

  it('keeps a __proto__ key as data, like JSON.parse', () => {
    const v = parsePythonJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a": }', 'Unexpected token }', 1, 7],
    ['{"a": 1', 'Unexpected end of input', 1, 8],
    ['', 'Unexpected end of input', 1, 1],
    ['[1, 2,]', 'Unexpected token ]', 1, 7],
    ['{"a" 1}', 'Unexpected number', 1, 6],
    ['{"a": 1 "b": 2}', 'Unexpected string', 1, 9],
    ['{a: 1}', 'Unexpected token a', 1, 2],
    ['{"a": tru}', 'Unexpected token tru', 1, 7],
    ['[nan]', 'Unexpected token nan', 1, 2],
    ['[NaNx]', 'Unexpected token NaNx', 1, 2],
    ['[-]', 'No number after minus sign', 1, 3],
    ['[01]', 'Unexpected number', 1, 3],
    ['"abc', 'Unterminated string', 1, 1],
    ['"a\u0001"', 'Bad control character in string literal', 1, 3],
    ['"a\\x"', 'Bad escaped character', 1, 4],
    ['"\\u12G4"', 'Bad Unicode escape', 1, 2],
    ['[\u0007]', 'Unexpected token \\u0007', 1, 2],
    ['{} x', 'Unexpected token x', 1, 4],
    ['{\n  "a": 1,\n  "b": 2,\n}', 'Unexpected token }', 4, 1],
    ['{\r\n"a":\r\n}', 'Unexpected token }', 3, 1],
    ['[\r1,\r2 3]', 'Unexpected number', 3, 3],
  ])('reports %j as "%s" at %i:%i', (text, message, line, column) => {
    expect(syntaxFailure(text)).toEqual({ message, line, column });
  });

  it('reports every member in written order, with whether it was written as a float', () => {
    const seen: [unknown, string | number, boolean][] = [];
    const v = parsePythonJson('{"b": [1, 2.0, -1e3, NaN, -Infinity, "1.5"], "0": {"x": Infinity}, "b": 3}', {
      onMember: (container, key, float) => seen.push([container, key, float]),
    }) as { b: number; 0: { x: number } };
    expect(seen.map(([, key, float]) => [key, float])).toEqual([
      [0, false],
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      ['b', false],
      ['x', true],
      ['0', false],
      ['b', false],
    ]);
    expect(seen[7]?.[0]).toBe(v[0]);
    expect(seen[9]?.[0]).toBe(v);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(syntaxFailure('['.repeat(100_000)).message).toBe('Nesting too deep');
  });
});

describe('lineColumn', () => {
  it('counts lines and columns like splitting on \\n', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', ' ') }), fc.nat(), (text, at) => {
        const offset = at % (text.length + 1);
        const before = text.slice(0, offset).split('\n');
        expect(lineColumn(text, offset)).toEqual({
          line: before.length,
          column: (before.at(-1) as string).length + 1,
        });
      }),
    );
  });

  it('ends lines at \\r\\n and at a lone \\r too', () => {
    expect(lineColumn('a\r\nb', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('a\rb', 2)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('a\r\n\r\nb', 5)).toEqual({ line: 3, column: 1 });
  });
});

describe('stringifyPythonJson', () => {
  it('writes finite JSON exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), (raw, indent) => {
        // JSON.stringify drops the sign of -0 (written -0.0 here, see below), so compare without it
        const v = JSON.parse(JSON.stringify(raw));
        expect(stringifyPythonJson(v, indent)).toBe(JSON.stringify(v, null, indent));
      }),
    );
  });

  it('reads back what it writes, NaN, infinities and negative zero included', () => {
    fc.assert(
      fc.property(pythonValue, (v) => {
        // toEqual, not toStrictEqual: the latter compares `constructor` properties, which are data here
        expect(parsePythonJson(stringifyPythonJson(v))).toEqual(v);
      }),
    );
  });

  it('writes non-finite numbers and negative zero as Python does', () => {
    const text = stringifyPythonJson({
      a: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0],
    });
    expect(text).toBe('{\n  "a": [\n    NaN,\n    Infinity,\n    -Infinity,\n    -0.0\n  ]\n}');
  });

  it('leaves out undefined in objects, writes null for it in lists, writes bigints exactly and honours toJSON', () => {
    const v = { a: undefined, b: [undefined, () => 1], c: 2n ** 64n, d: new Date(Date.UTC(2024, 0, 2)) };
    expect(stringifyPythonJson(v, 0)).toBe(
      '{"b":[null,null],"c":18446744073709551616,"d":"2024-01-02T00:00:00.000Z"}',
    );
  });

  it('refuses circular structures', () => {
    const v: Record<string, unknown> = {};
    v.self = v;
    expect(() => stringifyPythonJson(v)).toThrow('circular');
  });
});
