import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SpawnedRun, spawnCli, writeSuite } from './cli.js';
import { type DictionaryBomb, dictionaryBomb } from './craft.js';

/** The limit the bombs run under. */
export const BOMB_LIMIT = '64MiB';

/** A crafted file that decodes to far more than it takes, and what the CLI must say about it. */
export interface Bomb {
  readonly name: string;
  readonly spec: DictionaryBomb;
  /** What the error line must say after the file's path. */
  readonly message: RegExp;
}

const MiB = 2 ** 20;

/** The bombs: each ends in exit 3, one line, with the process's memory far below what the file decodes to. */
export const BOMBS: readonly Bomb[] = [
  {
    // 64 Mi doubles, 512 MiB decoded: the footer says so, and the row group is refused before a page is read
    name: 'dictionary-encoded doubles (512 MiB decoded, in 200 bytes)',
    spec: { type: 'double', rows: 64 * MiB, codec: 'gzip' },
    message:
      /^row group 0 would decode to about 512 MiB \(column "x": 512 MiB\), over the limit of 64 MiB per batch/,
  },
  {
    // a 1 MiB string in the dictionary, 600 rows pointing at it: the footer states 1 MiB, the decode 600 MiB
    name: 'a 1 MiB string repeated by 600 dictionary indices (600 MiB decoded, in 1.2 KB)',
    spec: { type: 'utf8', valueBytes: MiB, rows: 600, codec: 'gzip' },
    message:
      /^decoding row group 0 made the process grow by \d+ MiB before it was stopped, over the limit of 64 MiB per batch/,
  },
  {
    // a data page header that claims 2 GiB where the page holds 4 bytes
    name: 'a page header claiming 2 GiB',
    spec: { type: 'double', rows: 1000, codec: 'gzip', claimedPageBytes: 2 ** 31 - 1 },
    message: /^cannot decode the data: .*\(row group 0, column "x" of type float64\)$/,
  },
];

/** What running the CLI on a bomb gave. */
export interface BombRun extends SpawnedRun {
  readonly path: string;
  readonly fileBytes: number;
}

/** Writes the bomb into `dir` and validates it in a process of its own under --max-batch-bytes BOMB_LIMIT. */
export async function runBomb(dir: string, bomb: Bomb, index: number): Promise<BombRun> {
  const bytes = dictionaryBomb(bomb.spec);
  const path = join(dir, `bomb-${index}.parquet`);
  writeFileSync(path, bytes);
  const suite = writeSuite(dir, `bomb-${index}`, [
    { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x' } },
  ]);
  const run = await spawnCli([
    'validate',
    path,
    '--suite',
    suite,
    '--quiet',
    '--max-batch-bytes',
    BOMB_LIMIT,
  ]);
  return { ...run, path, fileBytes: bytes.length };
}
