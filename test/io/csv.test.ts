import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ColumnView } from '../../src/arrow/column.js';
import { type CsvOptions, csvSource, openCsv, readCsvChunks, readCsvTable } from '../../src/io/csv.js';
import { type DataSource, ReadError } from '../../src/io/types.js';
import { cut, missing, outcome, types, values } from './csv-helpers.js';

const enc = new TextEncoder();
const dir = mkdtempSync(join(tmpdir(), 'expect-check-csv-'));
let fileNo = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tempFile(content: string | Uint8Array, ext = '.csv'): string {
  const path = join(dir, `f${fileNo++}${ext}`);
  writeFileSync(path, content);
  return path;
}

function readError(run: () => unknown): ReadError {
  try {
    run();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

async function asyncReadError(run: () => Promise<unknown>): Promise<ReadError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

async function drain(src: DataSource, columns?: string[]) {
  const out: { rows: number; offset: number; names: string[] }[] = [];
  for await (const { batch, rowOffset } of src.batches(columns)) {
    out.push({ rows: batch.numRows, offset: rowOffset, names: batch.schema.fields.map((f) => f.name) });
  }
  return out;
}

describe('type inference', () => {
  const t = readCsvTable(
    [
      'i,f,s,b,d,ts,tz,empty',
      '1,2.5,x,true,2019-01-15,2019-01-15 03:36:12,2019-01-15T03:36:12Z,',
      ',NaN,y,FALSE,,2019-01-15T03:36:12.25,2019-01-15T04:36:12+01:00,NA',
      '-3,1e5,,True,2020-02-29,,,null',
    ].join('\n'),
  );

  it('picks the most specific type of every column', () => {
    expect(types(t)).toEqual({
      i: 'Int64',
      f: 'Float64',
      s: 'Utf8',
      b: 'Bool',
      d: 'Date32<DAY>',
      ts: 'Timestamp<MICROSECOND>',
      tz: 'Timestamp<MICROSECOND, UTC>',
      empty: 'Utf8',
    });
  });

  it('reads values that ColumnView reports back', () => {
    expect(values(t, 'i')).toEqual([1, null, -3]);
    // ColumnView.value reports NaN as null (GX counts NaN as missing); the stored value is NaN, see below
    expect(values(t, 'f')).toEqual([2.5, null, 100000]);
    expect(values(t, 's')).toEqual(['x', 'y', null]);
    expect(values(t, 'b')).toEqual([true, false, true]);
    expect(values(t, 'd')).toEqual(['2019-01-15', null, '2020-02-29']);
    expect(values(t, 'ts')).toEqual(['2019-01-15T03:36:12', '2019-01-15T03:36:12.250', null]);
    expect(values(t, 'tz')).toEqual(['2019-01-15T03:36:12Z', '2019-01-15T03:36:12Z', null]);
    expect(values(t, 'empty')).toEqual([null, null, null]);
  });

  it('marks nulls in validity and NaN as missing, as GX counts them', () => {
    const b = t.batches[0];
    const f = new ColumnView('f', b?.getChild('f')?.data[0] as never);
    expect(f.validity()).toEqual(Uint8Array.from([1, 0, 1]));
    expect(f.nullFlags()).toBeNull();
    expect(Array.from(f.numbers().values)).toEqual([2.5, Number.NaN, 100000]);
    const i = new ColumnView('i', b?.getChild('i')?.data[0] as never);
    expect(i.validity()).toEqual(Uint8Array.from([1, 0, 1]));
    expect(Array.from(i.numbers().values)).toEqual([1, 0, -3]);
    const s = new ColumnView('s', b?.getChild('s')?.data[0] as never);
    expect(s.validity()).toEqual(Uint8Array.from([1, 1, 0]));
    expect([s.strings().get(0), s.strings().get(1)]).toEqual(['x', 'y']);
    const d = new ColumnView('d', b?.getChild('d')?.data[0] as never);
    expect(d.numbers().values[2]).toBe(18321);
    const ts = new ColumnView('ts', b?.getChild('ts')?.data[0] as never);
    expect(ts.bigints()?.[0]).toBe(1547523372000000n);
  });

  it('keeps int64 exact beyond 2^53 and falls back to float64, then utf8', () => {
    const big = readCsvTable('a,b,c\n9007199254740993,1,1\n-9223372036854775808,9223372036854775808,x\n');
    expect(types(big)).toEqual({ a: 'Int64', b: 'Float64', c: 'Utf8' });
    expect(values(big, 'a')).toEqual([9007199254740993n, -9223372036854775808n]);
    const view = new ColumnView('a', big.getChild('a')?.data[0] as never);
    expect(view.numbers().exact).toBe(false);
    expect(values(big, 'b')).toEqual([1, 2 ** 63]);
  });

  it('reads special floats and keeps NaN text in utf8 columns', () => {
    const t2 = readCsvTable('f,s\ninf,NaN\n-inf,x\nnan,\n-0.0,NA\n');
    expect(types(t2)).toEqual({ f: 'Float64', s: 'Utf8' });
    const f = new ColumnView('f', t2.getChild('f')?.data[0] as never);
    expect(Array.from(f.numbers().values)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      -0,
    ]);
    expect(f.nullFlags()).toBeNull();
    expect(values(t2, 's')).toEqual(['NaN', 'x', null, null]);
    expect(missing(t2, 'f')).toBe(1);
    expect(missing(t2, 's')).toBe(2);
  });

  it('reads mixed dates and timestamps as timestamps, mixed offsets as text', () => {
    const t2 = readCsvTable(
      'a,b,c\n2019-01-15,2019-01-15T00:00Z,1\n2019-01-16 10:00,2019-01-16 10:00,true\n',
    );
    expect(types(t2)).toEqual({ a: 'Timestamp<MICROSECOND>', b: 'Utf8', c: 'Utf8' });
    expect(values(t2, 'a')).toEqual(['2019-01-15T00:00:00', '2019-01-16T10:00:00']);
  });

  it('allows spaces around numbers but not around null tokens', () => {
    const t2 = readCsvTable('a,b\n 1 , 2.5\n2,3\n');
    expect(types(t2)).toEqual({ a: 'Int64', b: 'Float64' });
    expect(values(t2, 'b')).toEqual([2.5, 3]);
    expect(types(readCsvTable('a\n1\n NA\n'))).toEqual({ a: 'Utf8' });
  });

  it('samples only inferRows rows and fails on a later row that does not fit', () => {
    const text = `id,fare\n${Array.from({ length: 12 }, (_, i) => `${i},${i}.5`).join('\n')}\n12,abc\n`;
    const err = readError(() => readCsvTable(text, { inferRows: 10 }));
    expect(err.code).toBe('bad_csv');
    expect(err.message).toBe(
      '<csv text>:14: column "fare": "abc" is not a float64 (type inferred from the first 10 rows; pass a schema to override)',
    );
    expect(types(readCsvTable(text, { inferRows: 13 }))).toEqual({ id: 'Int64', fare: 'Utf8' });
    const fixed = readCsvTable(text, { inferRows: 10, schema: { fare: 'utf8' } });
    expect(values(fixed, 'fare').at(-1)).toBe('abc');
  });

  it('names the schema option when a value does not fit a given type', () => {
    const err = readError(() => readCsvTable('a\n1\nx\n', { schema: { a: 'int64' } }));
    expect(err.message).toBe('<csv text>:3: column "a": "x" is not an int64 (type set by the schema option)');
    const tz = readError(() => readCsvTable('a\n2019-01-01T00:00Z\n2019-01-01 00:00\n', { inferRows: 1 }));
    expect(tz.message).toContain('is not a timestamp with a UTC offset');
  });

  it('applies a schema override, including to an all-null column', () => {
    const t2 = readCsvTable('a,b,c\n1,,2019-01-01\n2,,2019-01-02\n', {
      schema: { a: 'float64', b: 'int64', c: 'timestamp' },
    });
    expect(types(t2)).toEqual({ a: 'Float64', b: 'Int64', c: 'Timestamp<MICROSECOND>' });
    expect(values(t2, 'b')).toEqual([null, null]);
    const err = readError(() => readCsvTable('a\n1\n', { schema: { z: 'int64' } }));
    expect(err.code).toBe('schema_mismatch');
    expect(err.message).toContain('column "z"');
  });
});

describe('tokenizing', () => {
  it('handles quotes with delimiters, doubled quotes and newlines, CRLF and BOM', () => {
    const text = '\uFEFFname,note\r\n"Smith, J","said ""hi""\r\nthen left"\r\nplain,"x"\r\n';
    const t = readCsvTable(text);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['name', 'note']);
    expect(values(t, 'name')).toEqual(['Smith, J', 'plain']);
    expect(values(t, 'note')).toEqual(['said "hi"\r\nthen left', 'x']);
  });

  it('accepts a lone CR as a line end, skips blank lines and reads a last line without a newline', () => {
    const t = readCsvTable('a,b\r1,2\r\r\n\n3,4');
    expect(values(t, 'a')).toEqual([1, 3]);
    expect(values(t, 'b')).toEqual([2, 4]);
  });

  it('uses the delimiter option and a tab for .tsv files', async () => {
    expect(values(readCsvTable('a;b\n1;x,y\n', { delimiter: ';' }), 'b')).toEqual(['x,y']);
    const src = csvSource(tempFile('a\tb\n1\tx,y\n', '.tsv'));
    expect((await src.schema()).fields.map((f) => f.name)).toEqual(['a', 'b']);
    expect(readError(() => readCsvTable('a\n', { delimiter: '::' })).message).toContain('delimiter');
    expect(readError(() => readCsvTable('a\n', { delimiter: '"' })).message).toContain('delimiter');
  });

  it('makes header names unique like pandas, or numbers them without a header', () => {
    const t = readCsvTable('a,a,,b,a\n1,2,3,4,5\n');
    expect(t.schema.fields.map((f) => f.name)).toEqual(['a', 'a.1', 'Unnamed: 2', 'b', 'a.2']);
    const n = readCsvTable('1,x\n2,y\n', { header: false });
    expect(n.schema.fields.map((f) => f.name)).toEqual(['f0', 'f1']);
    expect(values(n, 'f0')).toEqual([1, 2]);
  });

  it('reads custom null tokens and keeps empty strings when "" is not one', () => {
    const t = readCsvTable('a,b\n-,\nx,1\n', { nullValues: ['-'] });
    expect(values(t, 'a')).toEqual([null, 'x']);
    expect(types(t)).toEqual({ a: 'Utf8', b: 'Utf8' });
    expect(values(t, 'b')).toEqual(['', '1']);
    const q = readCsvTable('a,b\n"NA",""\nx,y\n');
    expect(values(q, 'a')).toEqual([null, 'x']);
    expect(values(q, 'b')).toEqual([null, 'y']);
  });

  it('reads a header without rows as empty utf8 columns', async () => {
    const t = readCsvTable('a,b\n');
    expect(t.numRows).toBe(0);
    expect(types(t)).toEqual({ a: 'Utf8', b: 'Utf8' });
    expect(await drain(csvSource(tempFile('a,b\r\n')))).toEqual([]);
  });

  it('reads a Node Buffer like a Uint8Array', () => {
    expect(values(readCsvTable(Buffer.from('a\n1\n2\n')), 'a')).toEqual([1, 2]);
  });

  it('reads UTF-8 text, including a long field and multibyte characters', () => {
    const long = 'é'.repeat(300);
    const t = readCsvTable(`s\nnaïve\n日本語\n${long}\n`);
    expect(values(t, 's')).toEqual(['naïve', '日本語', long]);
  });
});

describe('errors', () => {
  it('reports ragged rows with the physical line of the record', () => {
    expect(readError(() => readCsvTable('a,b,c\n1,2,3\n"x\ny",2\n')).message).toBe(
      '<csv text>:3: expected 3 fields, found 2',
    );
    expect(readError(() => readCsvTable('a,b\n1,2\n\n"q\n\nq",2,3\n')).message).toBe(
      '<csv text>:4: expected 2 fields, found 3',
    );
  });

  it('reports unterminated quotes, text after a closing quote and invalid UTF-8', () => {
    const q = readError(() => readCsvTable('a,b\n1,"open\n2,3\n'));
    expect(q.code).toBe('bad_csv');
    expect(q.message).toBe(
      '<csv text>:2: column "b": the quoted field is not closed before the end of the input',
    );
    expect(readError(() => readCsvTable('a,b\n1,"x"y\n')).message).toBe(
      '<csv text>:2: column "b": unexpected "y" after a closing quote',
    );
    const bad = Uint8Array.from([...enc.encode('a,b\n1,x\n2,'), 0xc3, 0x28, 10]);
    expect(readError(() => readCsvTable(bad)).message).toBe('<csv text>:3: column "b": invalid UTF-8');
    // two fields whose bytes are valid UTF-8 only when joined
    const split = Uint8Array.from([...enc.encode('a,b\n1,'), 0xc3, ...enc.encode('\n2,'), 0xa9, 10]);
    expect(readError(() => readCsvTable(split)).message).toBe('<csv text>:2: column "b": invalid UTF-8');
    const header = Uint8Array.from([0xff, ...enc.encode(',b\n1,2\n')]);
    expect(readError(() => readCsvTable(header)).message).toBe('<csv text>:1: header field 1: invalid UTF-8');
  });

  it('rejects empty input and bad options', () => {
    expect(readError(() => readCsvTable('')).message).toBe('<csv text>: no header row: the input is empty');
    expect(readError(() => readCsvTable('\uFEFF\n\r\n')).code).toBe('bad_csv');
    expect(readCsvTable('\n\uFEFF\n').schema.fields.map((f) => f.name)).toEqual(['\uFEFF']);
    expect(readError(() => readCsvTable('a\n1\n', { batchSize: 0 })).message).toContain('batchSize');
    expect(readError(() => readCsvTable('a\n1\n', { schema: { a: 'text' as 'utf8' } })).message).toContain(
      'unknown type "text"',
    );
  });

  it('reports a missing file as file_not_found and a directory as unreadable', async () => {
    const missingFile = join(dir, 'nope.csv');
    const e = await asyncReadError(() => csvSource(missingFile).schema());
    expect(e.code).toBe('file_not_found');
    expect(e.message).toBe(`${missingFile}: file not found`);
    expect(e.file).toBe(missingFile);
    expect((await asyncReadError(() => csvSource(dir).schema())).code).toBe('unreadable');
  });

  it('reports the first bad record whatever the batch size', () => {
    const text = 'a,b\n1,1\n2,x\ny,3\n4,4,4\n';
    for (const batchSize of [1, 2, 3, 100]) {
      expect(readError(() => readCsvTable(text, { inferRows: 1, batchSize })).message).toBe(
        '<csv text>:3: column "b": "x" is not an int64 (type inferred from the first 1 rows; pass a schema to override)',
      );
    }
  });
});

describe('csvSource', () => {
  const rows = Array.from({ length: 25 }, (_, i) => `${i},"v,${i}",${i % 3 ? i / 4 : ''}`);
  const path = tempFile(`id,text,x\n${rows.join('\n')}\n`);

  it('streams batches of batchSize rows with global row offsets and only the asked columns', async () => {
    const src = csvSource(path, { batchSize: 10 });
    expect(src.format).toBe('csv');
    expect(src.files).toEqual([path]);
    expect(await drain(src, ['x', 'id'])).toEqual([
      { rows: 10, offset: 0, names: ['id', 'x'] },
      { rows: 10, offset: 10, names: ['id', 'x'] },
      { rows: 5, offset: 20, names: ['id', 'x'] },
    ]);
    expect((await drain(src, [])).map((b) => b.rows)).toEqual([10, 10, 5]);
    expect((await drain(src)).map((b) => b.names.length)).toEqual([3, 3, 3]);
  });

  it('reads the same data whatever the file chunk size', async () => {
    const read = async (chunkBytes: number) => {
      const src = openCsv(path, { batchSize: 7 }, chunkBytes);
      const out: unknown[] = [];
      for await (const { batch, rowOffset } of src.batches())
        out.push(
          rowOffset,
          JSON.stringify(batch.toArray(), (_, v) => (typeof v === 'bigint' ? `${v}n` : v)),
        );
      return { schema: String(await src.schema()), out };
    };
    const whole = await read(1 << 20);
    for (const size of [1, 2, 3, 5, 64]) expect(await read(size)).toEqual(whole);
  });

  it('matches readCsvTable on the same bytes', async () => {
    const fromText = readCsvTable(`id,text,x\n${rows.join('\n')}\n`);
    const src = csvSource(path);
    expect(String(await src.schema())).toBe(String(fromText.schema));
    let n = 0;
    for await (const { batch } of src.batches(['x'])) n += batch.getChild('x')?.nullCount ?? 0;
    expect(n).toBe(9);
    expect(missing(fromText, 'x')).toBe(9);
  });

  it('fails on a bad value after the sample with file and line', async () => {
    const p = tempFile(`a\n${'1\n'.repeat(5)}1.5\n`);
    const src = csvSource(p, { inferRows: 3 });
    expect(String((await src.schema()).fields[0]?.type)).toBe('Int64');
    const e = await asyncReadError(() => drain(src));
    expect(e.message).toBe(
      `${p}:7: column "a": "1.5" is not an int64 (type inferred from the first 3 rows; pass a schema to override)`,
    );
  });
});

/** A CSV serialisation of string rows that quotes as needed (and sometimes when not needed). */
function serialize(
  header: string[],
  rows: string[][],
  eol: string,
  quoteAll: boolean,
  bom: boolean,
  lastEol: boolean,
): string {
  const field = (v: string) =>
    quoteAll || v === '' || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return (bom ? '\uFEFF' : '') + lines.join(eol) + (lastEol ? eol : '');
}

describe('properties', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'é', '日', '😀', ',', '"', '\n', '\r', ' ', '1', '.', '-'),
    maxLength: 8,
  });
  const table = fc
    .integer({ min: 1, max: 4 })
    .chain((ncols) =>
      fc
        .array(fc.array(text, { minLength: ncols, maxLength: ncols }), { maxLength: 12 })
        .map((rows) => ({ ncols, rows })),
    );

  it('round-trips any text fields, whatever the chunking', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(400)),
        ({ ncols, rows }, eol, quoteAll, bom, lastEol, cuts) => {
          const header = Array.from({ length: ncols }, (_, i) => `c${i}`);
          const bytes = enc.encode(serialize(header, rows, eol, quoteAll, bom, lastEol));
          const schema = Object.fromEntries(header.map((h) => [h, 'utf8' as const]));
          const t = readCsvChunks(cut(bytes, cuts), { schema, nullValues: [], batchSize: 5 });
          expect(t.numRows).toBe(rows.length);
          for (let c = 0; c < ncols; c++) expect(values(t, `c${c}`)).toEqual(rows.map((r) => r[c]));
        },
      ),
      { numRuns: 300 },
    );
  });

  const csvish = fc
    .array(
      fc.constantFrom(
        ...[
          'a',
          '1',
          '2',
          '-',
          '.',
          'e',
          ',',
          ',',
          '"',
          '\n',
          '\n',
          '\r',
          ' ',
          'NA',
          'NaN',
          'true',
          '2019-01-15',
          ' 03:36',
          'Z',
          '\u00e9',
          '\uFEFF',
        ],
      ),
      { maxLength: 60 },
    )
    .map((parts) => enc.encode(parts.join('')));
  const bytes = fc.oneof(
    csvish,
    fc.uint8Array({ maxLength: 80 }),
    fc
      .uint8Array({ maxLength: 40 })
      .map((b) => b.map((x) => [44, 34, 10, 13, 49, 0xc3, 0xa9, 97][x % 8] as number)),
  );
  const options = fc.record({
    inferRows: fc.constantFrom(1, 2, 100),
    batchSize: fc.constantFrom(1, 2, 3, 1000),
    header: fc.boolean(),
  });

  it('any bytes either read or fail with a ReadError, the same whatever the chunking and batch size', () => {
    fc.assert(
      fc.property(bytes, options, fc.array(fc.nat(100)), (input, opts, cuts) => {
        const whole = outcome(() => readCsvTable(input, opts));
        expect(outcome(() => readCsvChunks(cut(input, cuts), opts))).toBe(whole);
        expect(outcome(() => readCsvChunks(cut(input, cuts), { ...opts, batchSize: 1 }))).toBe(whole);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads typed columns the same whatever the batch size', () => {
    const row = fc.tuple(
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.double(),
      fc.boolean(),
      fc.option(fc.constantFrom('x', 'y,z', '')),
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (rows, batchSize) => {
          const num = (f: number) => (Object.is(f, -0) ? '-0' : String(f));
          const text = `i,f,b,s\n${rows.map(([i, f, b, s]) => `${i},${num(f)},${b},"${s ?? 'NA'}"`).join('\n')}`;
          const schema: CsvOptions['schema'] = { i: 'int64', f: 'float64', b: 'bool', s: 'utf8' };
          const t: Table = readCsvTable(text, { schema, batchSize });
          expect(t.batches.length).toBe(Math.ceil(rows.length / batchSize));
          expect(values(t, 'i')).toEqual(
            rows.map(([i]) => (i >= -(2n ** 53n) && i <= 2n ** 53n ? Number(i) : i)),
          );
          expect(values(t, 'f')).toEqual(rows.map(([, f]) => (Number.isNaN(f) ? null : f)));
          expect(values(t, 'b')).toEqual(rows.map(([, , b]) => b));
          expect(values(t, 's')).toEqual(rows.map(([, , , s]) => (s === '' || s === null ? null : s)));
          expect(outcome(() => t)).toBe(outcome(() => readCsvTable(text, { schema })));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('maxBatchBytes', () => {
  const MiB = 2 ** 20;
  /** Rows read and batch sizes of a CSV file read in chunks of `chunk` bytes, or its ReadError. */
  async function readAll(path: string, options: CsvOptions, chunk: number): Promise<number[]> {
    const sizes: number[] = [];
    for await (const { batch } of openCsv(path, options, chunk).batches()) sizes.push(batch.numRows);
    return sizes;
  }

  it('a field longer than the limit ends the read at its line, however the file is chunked', async () => {
    const path = tempFile(`a,b\n1,x\n2,"${'y'.repeat(5 * MiB)}"\n3,z\n`);
    for (const chunk of [64 * 1024, 2 * MiB, 16 * MiB]) {
      const e = await asyncReadError(() => readAll(path, { maxBatchBytes: MiB }, chunk));
      expect(e.code).toBe('too_large');
      expect(e.file).toBe(path);
      expect(e.message).toMatch(
        new RegExp(
          `^${path.replaceAll('.', '\\.')}:3: a record (\\(or an unclosed quote\\) runs on for more than [\\d.]+ MiB|of 5 MiB), over the limit of 1 MiB per batch \\(maxBatchBytes, --max-batch-bytes\\)$`,
        ),
      );
    }
  });

  it('a record longer than the limit is refused even where a batch fills up by rows', () => {
    const plain = `a,b\n1,x\n2,${'y'.repeat(300)}\n3,z\n`;
    const quoted = `a,b\n1,x\n2,w\n3,"${'z'.repeat(300)}"\n`;
    for (const batchSize of [1, 2, 3, 1000]) {
      for (const [text, line, size] of [
        [plain, 3, 302],
        [quoted, 4, 303],
      ] as const) {
        const e = readError(() => readCsvTable(text, { maxBatchBytes: 200, batchSize }));
        expect(e.message, `batchSize ${batchSize}`).toBe(
          `<csv text>:${line}: a record of ${size} bytes, over the limit of 200 bytes per batch (maxBatchBytes, --max-batch-bytes)`,
        );
      }
    }
  });

  it('an unclosed quote does not buffer the rest of the file', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},text ${i}`).join('\n');
    const path = tempFile(`a,b\n1,"never closed\n${rows}\n`);
    const e = await asyncReadError(() => readAll(path, { maxBatchBytes: 64 * 1024 }, 16 * 1024));
    expect(e.message).toBe(
      `${path}:2: a record (or an unclosed quote) runs on for more than 80 KiB, over the limit of 64 KiB per batch (maxBatchBytes, --max-batch-bytes)`,
    );
  });

  it('batches end early at the limit and hold the same rows', async () => {
    const path = tempFile(
      `a,b\n${Array.from({ length: 3000 }, (_, i) => `${i},${'abcdefghij'[i % 10]?.repeat(2000)}`).join('\n')}\n`,
    );
    const limited = await readAll(path, { maxBatchBytes: MiB }, 64 * 1024);
    expect(limited.length).toBeGreaterThan(4);
    expect(limited.reduce((a, b) => a + b, 0)).toBe(3000);
    // one batch stays within the limit plus the records of one tokenizer call
    expect(Math.max(...limited) * 2008).toBeLessThan(1.1 * MiB);
    const t = async (o: CsvOptions) => {
      const out: unknown[] = [];
      for await (const { batch } of openCsv(path, o, 64 * 1024).batches())
        out.push(...batch.toArray().map(String));
      return out;
    };
    expect(await t({ maxBatchBytes: MiB })).toEqual(await t({}));
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(readError(() => readCsvTable('a\n1\n', { maxBatchBytes: 0 })).message).toBe(
      '<csv text>: CSV options: maxBatchBytes must be a positive integer, got 0',
    );
  });
});
