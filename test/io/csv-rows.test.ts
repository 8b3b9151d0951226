import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CsvColumnType } from '../../src/io/csv/builders.js';
import { type CsvOptions, convertChunks, resolveOptions, sampleChunks } from '../../src/io/csv/reader.js';
import { RowReader } from '../../src/io/csv/rows.js';
import { cut, outcome, values } from './csv-helpers.js';

const enc = new TextEncoder();

/**
 * The row reader (rows.ts) takes only `,` `;` tab and `|` as delimiters: the same records written with
 * `#` are read by the tokenizer and the column builders alone, which is the reference here.
 */
const REFERENCE_DELIMITER = '#';

type Kind = CsvColumnType | 'timestampZ';

/** Field texts per kind: the fast shapes, the other shapes a column takes, null tokens and misfits. */
const fieldText: Record<Kind, fc.Arbitrary<string>> = {
  int64: fc.oneof(
    fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }).map(String),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
    fc.constantFrom('0', '-0', '007', '+5', ' 12', '12 ', '9223372036854775808', '1.5', '-', '1e3'),
  ),
  float64: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer({ min: -99999, max: 99999 }).map((n) => (n / 100).toString()),
    fc.constantFrom('21.189999999999998', '0.1', '.5', '5.', '-0', '1e-5', 'NaN', 'inf', '1.2.3', '.', 'x'),
  ),
  timestamp: fc.oneof(
    fc
      .date({ min: new Date('1850-01-01'), max: new Date('2250-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 19).replace('T', ' ')),
    fc.constantFrom('2024-01-01T00:00:00', '2024-02-30 00:00:00', '2024-01-01 00:00:00.5', '2024-01-01'),
    fc.constantFrom('2024-01-01 24:00:00', '2024-01-01 00:00', '2024-01-01T00:00:00Z', 'x'),
  ),
  timestampZ: fc.oneof(
    fc
      .date({ min: new Date('1850-01-01'), max: new Date('2250-12-31'), noInvalidDate: true })
      .map((d) => `${d.toISOString().slice(0, 19)}Z`),
    fc.constantFrom('2024-01-01 00:00:00Z', '2024-01-01T00:00:00+01:00', '2024-01-01 00:00:00', 'x'),
  ),
  date: fc.oneof(
    fc
      .date({ min: new Date('1850-01-01'), max: new Date('2250-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('2024-02-29', '2023-02-29', ' 2024-01-01', '2024-1-01', 'x'),
  ),
  bool: fc.constantFrom('true', 'True', 'FALSE', 'false', ' true', 'false ', 'yes', 'tru', 'TRUEX'),
  utf8: fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: fc.constantFrom('a', 'é', '日', '😀', ' ', '\t', ',', '"', '#'), maxLength: 8 }),
    fc.constantFrom('"quoted"', 'a "b" c', '\u0080', 'x'.repeat(300)),
  ),
};

const NULL_TOKENS = fc.constantFrom('', 'NA', 'null');

/** A field of a kind: mostly fast shapes, sometimes a null token, a misfit or a quoted field. */
function field(kind: Kind): fc.Arbitrary<{ text: string; quote: boolean }> {
  return fc.record({
    text: fc.oneof({ weight: 6, arbitrary: fieldText[kind] }, { weight: 1, arbitrary: NULL_TOKENS }),
    quote: fc.boolean().map((q) => q && Math.random() < 0.1),
  });
}

/**
 * Writes the records with a delimiter, quoting fields that need it with any of the delimiters (or are
 * asked to be quoted): the inputs for two delimiters then differ in their delimiters only.
 */
function write(
  header: string[],
  rows: { text: string; quote: boolean }[][],
  delim: string,
  eol: string,
  extra: { blankAt: number; raggedAt: number; badUtf8At: number },
): Uint8Array {
  const quote = (t: string, q: boolean) =>
    q || /["\r\n,;\t|#]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
  const parts: Uint8Array[] = [enc.encode(header.join(delim) + eol)];
  rows.forEach((row, r) => {
    let cells = row.map((f) => quote(f.text, f.quote));
    if (r === extra.raggedAt) cells = r % 2 ? cells.slice(1) : [...cells, '1'];
    if (r === extra.blankAt) parts.push(enc.encode(eol));
    const line = enc.encode(cells.join(delim) + eol);
    // a byte that is no UTF-8 (0xff) replaces the first letter a of the record
    if (r === extra.badUtf8At && line.indexOf(97) >= 0) line[line.indexOf(97)] = 0xff;
    parts.push(line);
  });
  return Buffer.concat(parts);
}

const layouts = fc
  .array(fc.constantFrom<Kind>('int64', 'float64', 'timestamp', 'timestampZ', 'date', 'bool', 'utf8'), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((kinds) =>
    fc.record({
      kinds: fc.constant(kinds),
      rows: fc.array(fc.tuple(...kinds.map(field)), { minLength: 1, maxLength: 40 }),
      delim: fc.constantFrom(',', ';', '\t', '|'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      extra: fc.record({
        blankAt: fc.integer({ min: -1, max: 60 }),
        raggedAt: fc.integer({ min: -1, max: 200 }),
        badUtf8At: fc.integer({ min: -1, max: 200 }),
      }),
      nullValues: fc.constantFrom(undefined, ['NA'], ['', 'NA', 'null', '0', 'true']).map((v) => v && [...v]),
      batchSize: fc.constantFrom(1, 7, 65536),
      maxBatchBytes: fc.constantFrom(undefined, 200, 4000),
      inferred: fc.boolean(),
      wanted: fc.array(fc.boolean(), { minLength: kinds.length, maxLength: kinds.length }),
      cuts: fc.array(fc.nat(3000), { maxLength: 4 }),
    }),
  );

/** Reads chunks into a table of the wanted columns (all when none is wanted), as csvSource's batches do. */
function read(chunks: Uint8Array[], options: CsvOptions, wanted?: string[]): Table {
  const opts = resolveOptions('<csv text>', options);
  const layout = sampleChunks('<csv text>', opts, chunks);
  const batches = [...convertChunks('<csv text>', opts, layout, chunks, wanted)];
  const names = wanted ?? layout.columns.map((c) => c.name);
  const schema = layout.schema.select(names);
  return new Table(schema, batches);
}

describe('the row reader', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads any records as the tokenizer and the column builders do, values and errors alike', () => {
    fc.assert(
      fc.property(layouts, (t) => {
        const header = t.kinds.map((_, c) => `c${c}`);
        const schema: Record<string, CsvColumnType> = {};
        if (!t.inferred) {
          t.kinds.forEach((k, c) => {
            schema[`c${c}`] = k === 'timestampZ' ? 'timestamp' : k;
          });
        }
        const wanted = header.filter((_, c) => t.wanted[c]);
        const options = {
          schema,
          nullValues: t.nullValues,
          batchSize: t.batchSize,
          maxBatchBytes: t.maxBatchBytes,
        };
        const mine = write(header, t.rows, t.delim, t.eol, t.extra);
        const theirs = write(header, t.rows, REFERENCE_DELIMITER, t.eol, t.extra);
        const want = wanted.length > 0 ? wanted : undefined;
        // (both delimiters are one byte: the same cuts cut both inputs alike)
        for (const cuts of [[], t.cuts]) {
          const reference = outcome(() =>
            read(cut(theirs, cuts), { ...options, delimiter: REFERENCE_DELIMITER }, want),
          );
          expect(outcome(() => read(cut(mine, cuts), { ...options, delimiter: t.delim }, want))).toBe(
            reference,
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('takes the common records itself', () => {
    const taken = vi.spyOn(RowReader.prototype, 'read');
    const lines = ['i,f,s,t'];
    for (let r = 0; r < 500; r++)
      lines.push(`${r},${r / 4},s${r % 7},2024-03-05 12:34:${String(r % 60).padStart(2, '0')}`);
    const t = read([enc.encode(`${lines.join('\n')}\n`)], {});
    const rows = taken.mock.results.reduce((n, res) => n + (res.value as number), 0);
    // all but the last records, within SLACK bytes of the end, and the header
    expect(rows).toBeGreaterThan(490);
    expect(values(t, 'i').at(-1)).toBe(499);
    expect(values(t, 't')[61]).toBe(values(t, 't')[1]);
  });

  it('leaves a record it does not take to the tokenizer, then takes the next ones again', () => {
    const taken = vi.spyOn(RowReader.prototype, 'read');
    const lines = ['i,s'];
    for (let r = 0; r < 400; r++) lines.push(r === 200 ? `${r},"quoted, with a comma"` : `${r},x${r}`);
    const t = read([enc.encode(`${lines.join('\n')}\n`)], {});
    expect(values(t, 's')[200]).toBe('quoted, with a comma');
    expect(values(t, 's')[399]).toBe('x399');
    const rows = taken.mock.results.reduce((n, res) => n + (res.value as number), 0);
    expect(rows).toBeGreaterThan(390);
  });

  it('reports invalid UTF-8 at its line, the first bad record and then the first column first', () => {
    const lines = ['a,b,c'];
    for (let r = 0; r < 300; r++) lines.push(`${r},x${r},y${r}`);
    const bytes = enc.encode(`${lines.join('\n')}\n`);
    // line 100 (record 99): column c; line 102: column b; line 100 again: column b comes first
    const at = (line: number, col: number) => {
      let p = 0;
      for (let l = 1; l < line; l++) p = bytes.indexOf(10, p) + 1;
      for (let c = 0; c < col; c++) p = bytes.indexOf(44, p) + 1;
      return p + 1;
    };
    const bad = bytes.slice();
    bad[at(102, 1)] = 0xc3;
    bad[at(100, 2)] = 0x80;
    expect(outcome(() => read([bad], {}))).toMatch(/<csv text>:100: column "c": invalid UTF-8/);
    bad[at(100, 1)] = 0xff;
    expect(outcome(() => read([bad], {}))).toMatch(/<csv text>:100: column "b": invalid UTF-8/);
    // valid text, split over two fields: each alone is invalid
    const split = bytes.slice();
    split.set([0xc3], at(150, 1) + 1);
    split.set([0xa9], at(150, 2));
    expect(outcome(() => read([split], {}))).toMatch(/<csv text>:150: column "b": invalid UTF-8/);
  });
});
