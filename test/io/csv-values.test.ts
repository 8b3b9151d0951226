import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniqueNames } from '../../src/io/csv/infer.js';
import {
  daysFromCivil,
  fastTimestamp,
  isNaNToken,
  NullTokens,
  parseBool,
  parseDate,
  parseF64,
  parseI64,
  parseTimestamp,
  timestampParts,
  writeI64,
  writeMicros,
} from '../../src/io/csv/values.js';

const enc = new TextEncoder();

/** Parses text placed in the middle of a larger buffer, so that parsers must respect [s, e). */
function within<T>(text: string, parse: (buf: Uint8Array, s: number, e: number) => T): T {
  const inner = enc.encode(text);
  const buf = new Uint8Array(inner.length + 6);
  buf.set(enc.encode('9,1'), 0);
  buf.set(inner, 3);
  buf.set(enc.encode('5,7'), inner.length + 3);
  return parse(buf, 3, 3 + inner.length);
}

const f64 = (text: string) => within(text, parseF64);
function i64(text: string): bigint | null {
  const out = new BigInt64Array(1);
  const ok = within(text, (b, s, e) => parseI64(b, s, e, new Int32Array(out.buffer), 0));
  return ok ? (out[0] as bigint) : null;
}
function micros(text: string): { us: bigint; aware: boolean } | null {
  const parts = timestampParts();
  if (!within(text, (b, s, e) => parseTimestamp(b, s, e, parts))) return null;
  const out = new BigInt64Array(1);
  writeMicros(new Int32Array(out.buffer), 0, parts.sec, parts.us);
  return { us: out[0] as bigint, aware: parts.aware };
}

describe('parseF64', () => {
  it('reads decimal, exponent and special forms like Number()', () => {
    for (const t of ['0', '-0', '1.5', '-0.5', '.5', '5.', '+3', '1e5', '1E-5', '2.5e+3', ' 7 ', '\t-1\t']) {
      expect(Object.is(f64(t), Number(t)), t).toBe(true);
    }
    expect(f64('inf')).toBe(Number.POSITIVE_INFINITY);
    expect(f64('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(f64('+INF')).toBe(Number.POSITIVE_INFINITY);
    expect(f64('NaN')).toBeNaN();
  });

  it('rejects what is not a float', () => {
    for (const t of [
      '',
      ' ',
      '.',
      '-',
      '+',
      'e5',
      '1e',
      '1e+',
      '1.2.3',
      '1,5',
      '0x10',
      'abc',
      '1 2',
      'infinit',
      'nan1',
    ]) {
      expect(f64(t), t).toBeNaN();
      expect(within(t, isNaNToken), t).toBe(false);
    }
    for (const t of ['NaN', 'nan', '-nan', ' NAN ']) expect(within(t, isNaNToken), t).toBe(true);
  });

  it('equals Number() on any double printed in any notation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 20 }), (x, digits) => {
        for (const t of [
          String(x),
          x.toExponential(Math.min(digits, 20)),
          x.toPrecision(Math.max(1, digits)),
        ]) {
          expect(Object.is(f64(t), Number(t)), t).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('equals Number() on long digit strings (the slow, exact path)', () => {
    const digits = fc.stringMatching(/^[0-9]{1,30}$/);
    fc.assert(
      fc.property(digits, digits, fc.integer({ min: -400, max: 400 }), (a, b, e) => {
        const t = `${a}.${b}e${e}`;
        expect(Object.is(f64(t), Number(t)), t).toBe(true);
      }),
    );
  });
});

describe('parseI64', () => {
  it('is exact over the whole int64 range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        expect(i64(String(v))).toBe(v);
      }),
      { numRuns: 1000 },
    );
    expect(i64('9223372036854775807')).toBe(9223372036854775807n);
    expect(i64('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(i64('9007199254740993')).toBe(9007199254740993n);
    expect(i64('+0042')).toBe(42n);
    expect(i64(' -7 ')).toBe(-7n);
  });

  it('rejects values beyond int64 and non-integers', () => {
    for (const t of [
      '9223372036854775808',
      '-9223372036854775809',
      '99999999999999999999999',
      '1.0',
      '1e3',
      '',
      '-',
      '1 2',
      '12a',
    ]) {
      expect(i64(t), t).toBeNull();
    }
  });
});

describe('parseBool', () => {
  it('reads the six spellings only', () => {
    const read = (t: string) => within(t, parseBool);
    expect(['true', 'True', 'TRUE', ' true '].map(read)).toEqual([1, 1, 1, 1]);
    expect(['false', 'False', 'FALSE'].map(read)).toEqual([0, 0, 0]);
    expect(['tRUE', 'yes', '1', 't', 'falsey', ''].map(read)).toEqual([-1, -1, -1, -1, -1, -1]);
  });
});

describe('dates and timestamps', () => {
  it('daysFromCivil agrees with Date.UTC', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const days = daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          expect(days).toBe(Math.floor(d.getTime() / 86_400_000));
        },
      ),
    );
  });

  it('parseDate validates the calendar', () => {
    const read = (t: string) => within(t, parseDate);
    expect(read('1970-01-01')).toBe(0);
    expect(read('2019-01-15')).toBe(17911);
    expect(read('2020-02-29')).toBe(18321);
    for (const t of [
      '2019-02-29',
      '1900-02-29',
      '2019-13-01',
      '2019-00-10',
      '2019-01-32',
      '2019-1-15',
      '2019/01/15',
      '20190115',
    ]) {
      expect(read(t), t).toBeNaN();
    }
  });

  it('parseTimestamp reads ISO forms and normalises offsets to UTC', () => {
    const base = BigInt(Date.UTC(2019, 0, 15, 3, 36, 12)) * 1000n;
    expect(micros('2019-01-15 03:36:12')).toEqual({ us: base, aware: false });
    expect(micros('2019-01-15T03:36:12')).toEqual({ us: base, aware: false });
    expect(micros('2019-01-15T03:36:12.5')).toEqual({ us: base + 500_000n, aware: false });
    expect(micros('2019-01-15T03:36:12.123456789')).toEqual({ us: base + 123_456n, aware: false });
    expect(micros('2019-01-15T03:36:12Z')).toEqual({ us: base, aware: true });
    expect(micros('2019-01-15T04:36:12+01:00')).toEqual({ us: base, aware: true });
    expect(micros('2019-01-15T01:06:12-0230')).toEqual({ us: base, aware: true });
    expect(micros('2019-01-15T05:36:12+02')).toEqual({ us: base, aware: true });
    expect(micros('2019-01-15 03:36')).toEqual({ us: base - 12_000_000n, aware: false });
    expect(micros('2019-01-15')).toEqual({ us: BigInt(Date.UTC(2019, 0, 15)) * 1000n, aware: false });
    for (const t of [
      '2019-01-15T24:00:00',
      '2019-01-15 03:60',
      '2019-01-15 03:36:61',
      '2019-01-15T',
      '2019-01-15 3:36',
      '2019-01-15T03:36:12.',
      '2019-01-15T03:36:12.1234567890',
      '2019-01-15T03:36:12+1',
      '2019-01-15T03:36:12 UTC',
    ]) {
      expect(micros(t), t).toBeNull();
    }
  });

  it('parseTimestamp agrees with Date over four-digit years', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(micros(d.toISOString())).toEqual({ us: BigInt(d.getTime()) * 1000n, aware: true });
        },
      ),
    );
  });
});

describe('fastTimestamp', () => {
  const digits = (n: number, w: number) => String(n).padStart(w, '0');
  /** Any text of the fast shape's length, mostly valid, with out-of-range parts and odd bytes mixed in. */
  const text = fc
    .record({
      y: fc.oneof(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 9999 })),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 24 }),
      mi: fc.integer({ min: 0, max: 60 }),
      s: fc.integer({ min: 0, max: 60 }),
      sep: fc.constantFrom(' ', 'T', '_'),
      z: fc.boolean(),
      odd: fc.option(fc.tuple(fc.nat(19), fc.constantFrom('/', ':', '-', 'a', '\u00e9', '\u0000'))),
    })
    .map(({ y, mo, d, h, mi, s, sep, z, odd }) => {
      let t = `${digits(y, 4)}-${digits(mo, 2)}-${digits(d, 2)}${sep}${digits(h, 2)}:${digits(mi, 2)}:${digits(s, 2)}${z ? 'Z' : ''}`;
      if (odd) t = t.slice(0, odd[0]) + odd[1] + t.slice(odd[0] + 1);
      return t;
    });

  it('takes only what parseTimestamp reads, and reads it the same, in and out of its month table', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, utc) => {
        const b = enc.encode(`..${t}..`);
        const out = new Int32Array(2);
        const fast = fastTimestamp(b, new DataView(b.buffer), 2, b.length - 2, utc, out, 0);
        const parts = timestampParts();
        const slow = parseTimestamp(b, 2, b.length - 2, parts) && parts.aware === utc && parts.us === 0;
        // the fast shape is exact: 19 bytes, or 20 with Z for utc, separator space or T
        const shaped = t.length === (utc ? 20 : 19) && !t.includes('_');
        expect(fast).toBe(slow && shaped);
        if (fast) {
          const want = new Int32Array(2);
          writeMicros(want, 0, parts.sec, parts.us);
          expect([...out]).toEqual([...want]);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('writeI64 splits any safe integer into the halves of its int64', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (v) => {
        const out = new Int32Array(2);
        writeI64(out, 0, v);
        expect(new BigInt64Array(out.buffer)[0]).toBe(BigInt(v));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('NullTokens', () => {
  it('matches whole fields only', () => {
    const nt = new NullTokens(['', 'NA', 'null', 'a-very-long-null-token-of-more-than-32-bytes']);
    const test = (t: string) => within(t, (b, s, e) => nt.test(b, s, e));
    expect(['', 'NA', 'null', 'a-very-long-null-token-of-more-than-32-bytes'].map(test)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['N', 'NAN', 'na', ' NA', 'nul', 'a-very-long-null-token-of-more-than-32-bytez'].map(test),
    ).toEqual([false, false, false, false, false, false]);
    expect(nt.test(enc.encode('"NA"'), 1, ~3)).toBe(false);
  });
});

describe('uniqueNames', () => {
  it('follows pandas: Unnamed: i for empty names, .1 .2 for repeats', () => {
    expect(uniqueNames(['a', 'a', 'b', 'a'])).toEqual(['a', 'a.1', 'b', 'a.2']);
    expect(uniqueNames(['a', 'a', 'a.1'])).toEqual(['a', 'a.1', 'a.1.1']);
    expect(uniqueNames(['', 'x', ''])).toEqual(['Unnamed: 0', 'x', 'Unnamed: 2']);
  });
});
