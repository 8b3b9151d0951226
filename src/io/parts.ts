import { csvSource } from './csv.js';
import { parquetSource } from './parquet.js';
import type { DataSource, SourcePart } from './types.js';

/** Opens a part of a source (from DataSource.parts) as a source of its own: its batches keep their row numbers. */
export function openPart(part: SourcePart): DataSource {
  switch (part.format) {
    case 'parquet':
      return parquetSource(part.path, part.options);
    case 'csv':
      return csvSource(part.path, part.options);
  }
}
