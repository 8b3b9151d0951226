import type { RecordBatch, Schema, Table } from 'apache-arrow';
import { type DataSource, ReadError, type SourceBatch } from './types.js';

/** Keeps only these columns of a batch, in this order (all columns when omitted); unknown names are skipped. */
export function project(batch: RecordBatch, columns: readonly string[] | undefined): RecordBatch {
  if (!columns) return batch;
  // RecordBatch.select (apache-arrow 21) keeps each child at its old index, so a projection that is not a
  // prefix of the schema pairs fields with the wrong children; selecting by index keeps them together.
  const names = batch.schema.fields.map((f) => f.name);
  return batch.selectAt(columns.map((c) => names.indexOf(c)).filter((i) => i >= 0));
}

/** An in-memory apache-arrow Table as a data source. */
export function tableSource(table: Table, description = 'Arrow table'): DataSource {
  return {
    description,
    format: 'table',
    files: [],
    schema: async () => table.schema,
    async *batches(columns) {
      let offset = 0;
      for (const b of table.batches) {
        yield { batch: project(b, columns), rowOffset: offset };
        offset += b.numRows;
      }
    },
  };
}

/**
 * An async iterable of record batches as a data source. The first batch is read ahead to learn the
 * schema; the iterable is consumed once, so the source can be scanned once.
 */
export function streamSource(
  iterable: AsyncIterable<RecordBatch> | Iterable<RecordBatch>,
  description = 'record batch stream',
): DataSource {
  const it =
    Symbol.asyncIterator in iterable
      ? (iterable as AsyncIterable<RecordBatch>)[Symbol.asyncIterator]()
      : (async function* () {
          yield* iterable as Iterable<RecordBatch>;
        })();
  let first: IteratorResult<RecordBatch> | undefined;
  let used = false;
  const peek = async () => {
    first ??= await it.next();
    return first;
  };
  return {
    description,
    format: 'stream',
    files: [],
    async schema(): Promise<Schema> {
      const f = await peek();
      if (f.done)
        throw new ReadError('unreadable', `${description}: the stream has no batches, so no schema`);
      return f.value.schema;
    },
    async *batches(columns): AsyncIterable<SourceBatch> {
      if (used) throw new ReadError('unreadable', `${description}: a batch stream can be scanned only once`);
      used = true;
      let offset = 0;
      let r = await peek();
      while (!r.done) {
        yield { batch: project(r.value, columns), rowOffset: offset };
        offset += r.value.numRows;
        r = await it.next();
      }
    },
  };
}
