import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ColumnView } from '../../src/arrow/column.js';
import { type CsvOptions, openCsv } from '../../src/io/csv.js';
import { ReadError } from '../../src/io/types.js';

/**
 * The CSV reader's public API (openCsv on real files, cut into tiny chunks) under random input: any bytes
 * read or end in a one-line ReadError naming the file, and well-formed CSV reads back the cells it was
 * written from. fast-check drives both; the counts of each outcome feed docs/reliability.md.
 */

/** Cases per property. */
export const CSV_FUZZ_RUNS = { bytes: 300, roundTrip: 300 } as const;

const enc = new TextEncoder();

/** Bytes that are mostly CSV-like (quotes, delimiters, line ends, BOM, multi-byte and invalid UTF-8). */
export const csvBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        'a',
        'b,',
        ',',
        '"',
        '""',
        '\n',
        '\r\n',
        '\r',
        '1',
        '-2.5',
        'NA',
        'é',
        '😀',
        '\uFEFF',
        ' ',
        'true',
        '2024-01-02',
      ),
      { maxLength: 80 },
    )
    .map((parts) => enc.encode(parts.join(''))),
  fc.uint8Array({ maxLength: 120 }),
  fc
    .uint8Array({ maxLength: 80 })
    .map((b) =>
      b.map((x) => [44, 34, 10, 13, 49, 0xc3, 0xa9, 0xff, 0x00, 0xef, 0xbb, 0xbf][x % 12] as number),
    ),
);

/** Reads a whole CSV file, returning its rows of cells as text, or the ReadError it ended in. */
async function readAll(
  path: string,
  options: CsvOptions,
  chunkBytes: number,
): Promise<{ rows: (string | null)[][] } | { error: ReadError }> {
  try {
    const source = openCsv(path, options, chunkBytes);
    const schema = await source.schema();
    const rows: (string | null)[][] = [];
    for await (const { batch } of source.batches()) {
      // ColumnView, not Vector.get: apache-arrow's UTF-8 decoding drops a U+FEFF that starts a value
      const cols = schema.fields.map((f, i) => new ColumnView(f.name, batch.getChildAt(i)?.data[0] as never));
      for (let r = 0; r < batch.numRows; r++) {
        rows.push(
          cols.map((c) => {
            const v = c.value(r);
            return v === null || v === undefined ? null : String(v);
          }),
        );
      }
    }
    return { rows };
  } catch (e) {
    if (e instanceof ReadError) return { error: e };
    throw e;
  }
}

/** What the random-bytes property saw. */
export interface BytesTally {
  read: number;
  readError: Record<string, number>;
}

/** Random bytes in a file: a table or a ReadError of one line that names the file; anything else fails. */
export async function fuzzCsvBytes(dir: string, numRuns: number = CSV_FUZZ_RUNS.bytes): Promise<BytesTally> {
  const tally: BytesTally = { read: 0, readError: {} };
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      csvBytes,
      fc.record({
        header: fc.boolean(),
        inferRows: fc.constantFrom(1, 3, 100),
        batchSize: fc.constantFrom(1, 2, 1000),
      }),
      fc.integer({ min: 1, max: 16 }),
      async (bytes, options, chunkBytes) => {
        const path = join(dir, `bytes-${n++}.csv`);
        writeFileSync(path, bytes);
        const r = await readAll(path, options, chunkBytes);
        if ('rows' in r) {
          tally.read++;
          return;
        }
        const { code, message } = r.error;
        tally.readError[code] = (tally.readError[code] ?? 0) + 1;
        if (message.includes('\n') || !message.startsWith(path))
          throw new Error(`not one line naming the file: ${message}`);
      },
    ),
    { numRuns },
  );
  return tally;
}

/** Field text with everything quoting must survive. */
const cell = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    ' ',
    ',',
    ';',
    '\t',
    '|',
    '"',
    '\n',
    '\r',
    '\r\n',
    'é',
    '日',
    '😀',
    '\uFEFF',
    '0',
    '-',
  ),
  maxLength: 12,
});

/** A CSV document and how it was written. */
interface Written {
  columns: number;
  rows: string[][];
  delimiter: string;
  text: string;
}

const table: fc.Arbitrary<Written> = fc
  .record({
    columns: fc.integer({ min: 1, max: 5 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    finalEol: fc.boolean(),
    quoteAll: fc.boolean(),
  })
  .chain((o) =>
    fc
      .array(fc.array(cell, { minLength: o.columns, maxLength: o.columns }), { maxLength: 15 })
      .map((rows) => {
        const field = (s: string) =>
          o.quoteAll || s === '' || /["\r\n]|^\uFEFF/.test(s) || s.includes(o.delimiter)
            ? `"${s.replaceAll('"', '""')}"`
            : s;
        const header = Array.from({ length: o.columns }, (_, i) => `c${i}`);
        const lines = [header, ...rows].map((r) => r.map(field).join(o.delimiter));
        const text = `${o.bom ? '\uFEFF' : ''}${lines.join(o.eol)}${o.finalEol ? o.eol : ''}`;
        return { columns: o.columns, rows, delimiter: o.delimiter, text };
      }),
  );

/** Well-formed CSV (any quoting, delimiter, line end, BOM) reads back as the cells it was written from. */
export async function fuzzCsvRoundTrip(
  dir: string,
  numRuns: number = CSV_FUZZ_RUNS.roundTrip,
): Promise<number> {
  let n = 0;
  let cells = 0;
  await fc.assert(
    fc.asyncProperty(table, fc.constantFrom(1, 2, 5, 17, 64, 4096), async (w, chunkBytes) => {
      const path = join(dir, `round-trip-${n++}.csv`);
      writeFileSync(path, w.text);
      const schema = Object.fromEntries(
        Array.from({ length: w.columns }, (_, i) => [`c${i}`, 'utf8' as const]),
      );
      const r = await readAll(path, { delimiter: w.delimiter, nullValues: [], schema }, chunkBytes);
      if ('error' in r) throw new Error(`${JSON.stringify(w.text)}: ${r.error.message}`);
      const want = JSON.stringify(w.rows);
      if (JSON.stringify(r.rows) !== want)
        throw new Error(`${JSON.stringify(w.text)} read as ${JSON.stringify(r.rows)}, not ${want}`);
      cells += w.rows.length * w.columns;
    }),
    { numRuns },
  );
  return cells;
}
