import { type FileHandle, open, writeFile } from 'node:fs/promises';
import {
  type AsyncRecordBatchFileReader,
  type AsyncRecordBatchStreamReader,
  RecordBatchReader,
  type Schema,
  type Table,
  tableToIPC,
} from 'apache-arrow';
import { assertFile, oneLine } from './files.js';
import { project } from './memory.js';
import { type DataSource, ReadError, type SourceBatch } from './types.js';

type Reader = AsyncRecordBatchFileReader | AsyncRecordBatchStreamReader;

function badArrow(path: string, what: string, e: unknown): ReadError {
  return new ReadError('bad_arrow', `${path}: ${what}: ${oneLine(e)}`, path);
}

/**
 * Opens a reader over a file handle: apache-arrow tells the file format (random access: footer, then
 * batch by batch) from the stream format (read front to back) by the ARROW1 magic, and neither loads
 * the whole file.
 */
async function openReader(path: string): Promise<{ handle: FileHandle; reader: Reader }> {
  await assertFile(path);
  const handle = await open(path, 'r');
  try {
    const reader = (await RecordBatchReader.from(handle)) as Reader;
    await reader.open();
    if (!reader.schema) throw new Error('no schema message');
    return { handle, reader };
  } catch (e) {
    await handle.close();
    throw badArrow(path, 'cannot read the Arrow IPC schema', e);
  }
}

/** An Arrow IPC file (`.arrow`, `.feather` v2, `.ipc`) or stream (`.arrows`) as a data source. */
export function ipcSource(path: string): DataSource {
  let schema: Promise<Schema> | undefined;
  return {
    description: path,
    format: 'arrow',
    files: [path],
    schema() {
      schema ??= openReader(path).then(async ({ handle, reader }) => {
        await handle.close();
        return reader.schema;
      });
      return schema;
    },
    async *batches(columns): AsyncIterable<SourceBatch> {
      const { handle, reader } = await openReader(path);
      try {
        let rowOffset = 0;
        let index = 0;
        for (;;) {
          let r: IteratorResult<Awaited<ReturnType<Reader['next']>>['value']>;
          try {
            r = await reader.next();
          } catch (e) {
            throw badArrow(path, `cannot read record batch ${index}`, e);
          }
          if (r.done) return;
          index++;
          yield { batch: project(r.value, columns), rowOffset };
          rowOffset += r.value.numRows;
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** Writes an apache-arrow Table as an Arrow IPC file, or as an IPC stream when the path ends in `.arrows`. */
export async function writeIpcFile(table: Table, path: string): Promise<void> {
  await writeFile(path, tableToIPC(table, path.endsWith('.arrows') ? 'stream' : 'file'));
}
