import type { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvColumnType } from '../../src/io/csv/builders.js';
import { fastF64, fastI64, fastTimestamp, parseF64, parseI64 } from '../../src/io/csv/values.js';
import { readCsvChunks } from '../../src/io/csv.js';
import { cut } from './csv-helpers.js';

const enc = new TextEncoder();
const viewOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const NULLS = new Set(['', 'NA', 'null']);

/** A cell as the reference sees it: the value a column of this kind must hold, or null. */
type Cell = bigint | number | string | null;

/** The kinds the fast paths serve, and a timestamp column whose values all carry `Z`. */
type Kind = 'int64' | 'float64' | 'utf8' | 'timestamp' | 'timestampZ';

/** A reference parse of RFC 4180 text (LF or CRLF line ends, no blank lines): records of unescaped fields. */
function referenceRecords(text: string, delim: string): { fields: string[]; quoted: boolean[] }[] {
  const out: { fields: string[]; quoted: boolean[] }[] = [];
  let fields: string[] = [];
  let quoted: boolean[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    let q = false;
    if (text[i] === '"') {
      q = true;
      i++;
      for (;;) {
        const j = text.indexOf('"', i);
        field += text.slice(i, j);
        i = j + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    } else {
      while (i < text.length && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    }
    fields.push(field);
    quoted.push(q);
    if (text[i] === delim) {
      i++;
      continue;
    }
    out.push({ fields, quoted });
    fields = [];
    quoted = [];
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (i >= text.length) return out;
  }
}

const SPECIAL: Record<string, number> = { inf: Infinity, infinity: Infinity };

/** The value of a field of a column of this kind, by the plain JS conversions. */
function referenceValue(kind: Kind, text: string): Cell {
  if (NULLS.has(text)) return null;
  switch (kind) {
    case 'int64':
      return BigInt(text.trim());
    case 'float64': {
      const t = text.trim();
      const sign = t.startsWith('-') ? -1 : 1;
      const word = t.replace(/^[-+]/, '').toLowerCase();
      return word in SPECIAL ? sign * (SPECIAL[word] as number) : Number(t);
    }
    case 'utf8':
      return text;
    case 'timestamp':
    case 'timestampZ': {
      const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z?$/.exec(text);
      if (!m) throw new Error(`bad generated timestamp ${text}`);
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
      const date = new Date(0);
      date.setUTCFullYear(y as number, (mo as number) - 1, d as number);
      date.setUTCHours(h as number, mi as number, s as number, 0);
      return BigInt(date.getTime()) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
    }
  }
}

/** The cells of a column as read: raw int64 values (timestamps in microseconds), numbers, strings, nulls. */
function readCells(table: Table, name: string): Cell[] {
  const out: Cell[] = [];
  for (const batch of table.batches) {
    const child = batch.getChild(name);
    if (!child) throw new Error(`no column ${name}`);
    let row = 0;
    for (const data of child.data) {
      for (let i = 0; i < data.length; i++, row++) {
        if (!data.getValid(i)) out.push(null);
        else if (data.values instanceof BigInt64Array) out.push(data.values[i] as bigint);
        else out.push(child.get(row) as number | string);
      }
    }
  }
  return out;
}

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const sign = fc.constantFrom('', '-', '+');

const intText = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.integer().map(String),
  fc.tuple(sign, digits(1, 19)).map(([s, d]) => s + d),
  fc.constantFrom('-0', '007', '+5', ' 12', '42 ', '9007199254740993', '-9223372036854775808'),
);

const floatText = fc.oneof(
  fc.double({ noNaN: true }).map(String),
  fc
    .tuple(sign, digits(0, 12), fc.constantFrom('.', ''), digits(0, 12))
    .filter(([, a, , b]) => a.length + b.length > 0)
    .map(([s, a, dot, b]) => s + a + dot + b),
  fc.tuple(sign, digits(1, 25), digits(0, 25)).map(([s, a, b]) => `${s}${a}.${b}`),
  fc.tuple(sign, digits(1, 6), fc.constantFrom('e', 'E', 'e-', 'e+'), digits(1, 3)).map((p) => p.join('')),
  fc.constantFrom('1e5', '-0', '.5', '5.', '007', '-.25', '0.30000000000000004', 'inf', '-Infinity', ' 1.5 '),
);

const utf8Text = fc.string({
  unit: fc.constantFrom('a', 'Z', 'é', '日', '😀', ',', ';', '\t', '"', '\n', ' ', '1', '.', '-', 'N', 'A'),
  maxLength: 12,
});

const pad2 = (n: number) => String(n).padStart(2, '0');
const timestampText = (z: boolean) =>
  fc
    .record({
      y: fc.integer({ min: 1000, max: 9999 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      sep: fc.constantFrom(' ', 'T'),
      frac: fc.option(digits(1, 6), { nil: undefined }),
    })
    .map(
      (t) =>
        `${t.y}-${pad2(t.mo)}-${pad2(t.d)}${t.sep}${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.s)}` +
        `${t.frac === undefined ? '' : `.${t.frac}`}${z ? 'Z' : ''}`,
    );

const cellText: Record<Kind, fc.Arbitrary<string>> = {
  int64: intText,
  float64: floatText,
  utf8: utf8Text,
  timestamp: timestampText(false),
  timestampZ: timestampText(true),
};

/** Writes a field, quoted when it must be (or when asked to). */
function writeField(text: string, quote: boolean, delim: string): string {
  const special = text.includes(delim) || /["\n\r]/.test(text);
  return quote || special ? `"${text.replaceAll('"', '""')}"` : text;
}

const table = fc
  .array(fc.constantFrom<Kind>('int64', 'float64', 'utf8', 'timestamp', 'timestampZ'), {
    minLength: 2,
    maxLength: 5,
  })
  .chain((kinds) =>
    fc.record({
      kinds: fc.constant(kinds),
      rows: fc.array(
        fc.tuple(
          ...kinds.map((k) =>
            fc.tuple(
              fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: cellText[k] }),
              fc.boolean(),
            ),
          ),
        ),
        { minLength: 1, maxLength: 25 },
      ),
      eol: fc.constantFrom('\n', '\r\n'),
      delim: fc.constantFrom(',', '\t', ';', '|'),
      bom: fc.boolean(),
      lastEol: fc.boolean(),
      batchSize: fc.constantFrom(1, 3, 1000),
      cuts: fc.array(fc.nat(600), { maxLength: 6 }),
    }),
  );

describe('fast paths against a reference parse', () => {
  it('reads the same cells as a plain parse for random well-formed CSV, whatever the chunking', () => {
    fc.assert(
      fc.property(table, ({ kinds, rows, eol, delim, bom, lastEol, batchSize, cuts }) => {
        const names = kinds.map((_, c) => `c${c}`);
        const lines = [
          names.join(delim),
          ...rows.map((r) => r.map(([t, q]) => writeField(t, q, delim)).join(delim)),
        ];
        const text = lines.join(eol) + (lastEol ? eol : '');
        const bytes = enc.encode((bom ? '\uFEFF' : '') + text);
        const schema: Record<string, CsvColumnType> = {};
        kinds.forEach((k, c) => {
          schema[`c${c}`] = k === 'timestampZ' ? 'timestamp' : k;
        });
        const read = readCsvChunks(cut(bytes, cuts), { schema, batchSize, delimiter: delim });
        const records = referenceRecords(text, delim).slice(1);
        expect(read.numRows).toBe(records.length);
        kinds.forEach((k, c) => {
          const want = records.map((r) => referenceValue(k, r.fields[c] as string));
          const got = readCells(read, `c${c}`);
          // Object.is tells -0 from 0 and compares NaN; bigints compare by value
          got.forEach((v, i) => {
            const w = want[i];
            if (typeof v === 'number' && typeof w === 'number')
              expect(Object.is(v, w), `${v} vs ${w}`).toBe(true);
            else expect(v).toEqual(w);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('takes only values the slow parsers read the same way', () => {
    const text = fc.oneof(intText, floatText, fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(text, (t) => {
        const b = enc.encode(t);
        const fast = new Int32Array(2);
        const slow = new Int32Array(2);
        const view = viewOf(b);
        if (fastI64(b, view, 0, b.length, fast, 0)) {
          expect(parseI64(b, 0, b.length, slow, 0)).toBe(true);
          expect([...fast]).toEqual([...slow]);
        }
        const v = fastF64(b, 0, b.length);
        if (!Number.isNaN(v)) expect(Object.is(v, parseF64(b, 0, b.length))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves other timestamp shapes to the slow parser', () => {
    const out = new Int32Array(2);
    for (const t of [
      '2024-02-30 00:00:00',
      '2024-01-01 24:00:00',
      '2024-01-01 00:00',
      '2024-01-01T00:00:00+01:00',
    ]) {
      const b = enc.encode(t);
      expect(fastTimestamp(b, viewOf(b), 0, b.length, false, out, 0), t).toBe(false);
    }
    const z = enc.encode('2024-01-01T00:00:00Z');
    expect(fastTimestamp(z, viewOf(z), 0, z.length, false, out, 0)).toBe(false);
    expect(fastTimestamp(z, viewOf(z), 0, z.length, true, out, 0)).toBe(true);
    expect(new BigInt64Array(out.buffer)[0]).toBe(1704067200000000n);
  });

  it('never reads a field with doubled quotes as a number or timestamp', () => {
    for (const kind of ['int64', 'float64', 'timestamp'] as const) {
      const read = () => readCsvChunks([enc.encode('x,y\n1,"2""3"\n')], { schema: { y: kind } });
      expect(read, kind).toThrow(/:2: column "y": "2\\"3" is not/);
    }
  });

  it('tests for null first when a null token has a fast shape', () => {
    const t = readCsvChunks([enc.encode('i,f,t\n0,0,2024-01-01 00:00:00\n1,1.5,2024-01-02 00:00:00\n')], {
      nullValues: ['0', '2024-01-01 00:00:00'],
      schema: { i: 'int64', f: 'float64', t: 'timestamp' },
    });
    expect(readCells(t, 'i')).toEqual([null, 1n]);
    expect(readCells(t, 'f')).toEqual([null, 1.5]);
    expect(readCells(t, 't')).toEqual([null, 1704153600000000n]);
  });
});
