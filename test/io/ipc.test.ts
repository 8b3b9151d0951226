import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Table, tableFromIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { ipcSource, writeIpcFile } from '../../src/io/ipc.js';
import { rebatch } from '../helpers.js';
import { collect, countRows, expectReadError, rowsOf, tempDir } from './support.js';

const tmp = tempDir();
afterAll(tmp.remove);

const n = 1000;
const table = rebatch(
  new Table({
    id: vectorFromArray(BigInt64Array.from({ length: n }, (_, i) => 2n ** 62n + BigInt(i))),
    x: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i / 8)),
      new Float64(),
    ),
    s: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : `v${i % 13}`)),
      new Utf8(),
    ),
    // A dictionary column whose dictionary is shared by all batches.
    d: vectorFromArray(Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3] as string)),
  }),
  300,
);

describe.each([
  ['file format', 'data.arrow'],
  ['file format (.feather)', 'data.feather'],
  ['stream format', 'data.arrows'],
])('ipcSource, %s', (_, name) => {
  const path = join(tmp.dir, name);
  const written = writeIpcFile(table, path);

  it('writes the format its extension names', async () => {
    await written;
    const magic = readFileSync(path).subarray(0, 6).toString('latin1');
    expect(magic === 'ARROW1').toBe(!name.endsWith('.arrows'));
  });

  it('reads every batch with global row offsets and exact int64', async () => {
    await written;
    const source = ipcSource(path);
    expect(source.format).toBe('arrow');
    expect(source.files).toEqual([path]);
    expect((await source.schema()).fields.map((f) => f.name)).toEqual(['id', 'x', 's', 'd']);
    const batches = await collect(source.batches());
    expect(batches.map((b) => b.rowOffset)).toEqual([0, 300, 600, 900]);
    expect(batches[0]?.batch.getChild('id')?.data[0]?.values).toBeInstanceOf(BigInt64Array);
    expect(rowsOf(batches.map((b) => b.batch))).toEqual(rowsOf([table]));
  });

  it('keeps only the asked columns, in the asked order', async () => {
    await written;
    const batches = await collect(ipcSource(path).batches(['s', 'id', 'missing']));
    for (const { batch } of batches) expect(batch.schema.fields.map((f) => f.name)).toEqual(['s', 'id']);
    expect(rowsOf(batches.map((b) => b.batch))).toEqual(rowsOf([table.select(['s', 'id'])]));
  });

  it('a consumer that stops early can read again', async () => {
    await written;
    const source = ipcSource(path);
    for await (const _ of source.batches()) break;
    expect(await countRows(source.batches())).toBe(n);
  });
});

describe('ipcSource errors', () => {
  it('a missing file', async () => {
    const f = join(tmp.dir, 'nope.arrow');
    expect(await expectReadError(ipcSource(f).schema(), 'file_not_found')).toBe(`${f}: no such file`);
  });

  it('a file that is not Arrow IPC', async () => {
    const f = join(tmp.dir, 'text.arrow');
    writeFileSync(f, 'id,x\n1,2\n');
    const message = await expectReadError(ipcSource(f).schema(), 'bad_arrow');
    expect(message.startsWith(`${f}: cannot read the Arrow IPC schema: `)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('an empty file', async () => {
    const f = join(tmp.dir, 'empty.arrows');
    writeFileSync(f, '');
    expect(await expectReadError(ipcSource(f).schema(), 'bad_arrow')).toBe(
      `${f}: cannot read the Arrow IPC schema: no schema message`,
    );
  });

  /** The table written with this extension, less its last `bytes` bytes. */
  async function cutShort(ext: string, bytes: number): Promise<string> {
    const good = join(tmp.dir, `cut${ext}`);
    await writeIpcFile(table, good);
    const whole = readFileSync(good);
    const f = join(tmp.dir, `cut-short${ext}`);
    writeFileSync(f, whole.subarray(0, whole.length - bytes));
    return f;
  }

  it('a truncated file format file (no footer) is refused before any batch', async () => {
    const f = await cutShort('.arrow', 50);
    await expectReadError(countRows(ipcSource(f).batches()), 'bad_arrow');
  });

  it('a stream cut inside a batch names the batch it could not read', async () => {
    // The last batch's body ends 8 bytes before the end-of-stream marker; cut into it.
    const f = await cutShort('.arrows', 60);
    const message = await expectReadError(countRows(ipcSource(f).batches()), 'bad_arrow');
    expect(message.startsWith(`${f}: cannot read record batch 3: `)).toBe(true);
  });

  it('a Parquet file is not Arrow IPC', async () => {
    const f = join(import.meta.dirname, '../fixtures/parquet-testing/data/alltypes_plain.parquet');
    await expectReadError(ipcSource(f).schema(), 'bad_arrow');
  });
});

describe('writeIpcFile', () => {
  it('round-trips through apache-arrow', async () => {
    const f = join(tmp.dir, 'roundtrip.arrow');
    await writeIpcFile(table, f);
    expect(rowsOf([tableFromIPC(readFileSync(f))])).toEqual(rowsOf([table]));
  });
});
