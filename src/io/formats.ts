/**
 * The file formats a source can be read from, and the extensions that name them. A leaf module (Node's
 * path only), so that the CLI can tell a Parquet path before it loads the engine (src/cli/early.ts).
 */
import { extname } from 'node:path';

/** The file formats a source can be read from. */
export type SourceFormat = 'parquet' | 'csv' | 'arrow';

const EXTENSIONS: Readonly<Record<string, SourceFormat>> = {
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.arrows': 'arrow',
};

/** The format a file's extension names (`.txt` is CSV when CSV was asked for). */
export function formatByExtension(path: string, asked: SourceFormat | undefined): SourceFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.txt' && asked === 'csv' ? 'csv' : EXTENSIONS[ext];
}
