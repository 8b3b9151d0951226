import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ReadError } from './types.js';

/** Throws 'file_not_found' when nothing is at `path`, 'unreadable' when it is not a regular file. */
export async function assertFile(path: string): Promise<void> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new ReadError('file_not_found', `${path}: no such file`, path);
  if (!s.isFile()) throw new ReadError('unreadable', `${path}: not a file`, path);
}

/** A library's error message as one line, without the wrapping prefixes of its error types. */
export function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .replace(/\s+/g, ' ')
    .replace(/^(Error: )?(Parquet error: )?/, '')
    .trim();
}

/**
 * Hidden files and the bookkeeping of writers (Spark's `_SUCCESS`, `_committed_*`, `_metadata`,
 * `_temporary/`, `.crc` files), skipped in directories and globs as pyarrow datasets skip them.
 */
function ignored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (ignored(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(path, out);
    else if (e.isFile()) out.push(path);
  }
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One argument of a source and the files it stands for. */
export interface Expanded {
  readonly arg: string;
  readonly kind: 'file' | 'directory' | 'glob';
  /** Sorted; for directories and globs, every non-hidden file below (the caller filters by format). */
  readonly files: readonly string[];
}

/**
 * Expands a path argument: a file stands for itself, a directory for the files below it (recursively),
 * anything else that looks like a glob for its matches; otherwise 'file_not_found'.
 */
export async function expandPath(arg: string): Promise<Expanded> {
  const s = await stat(arg).catch(() => undefined);
  if (s?.isFile()) return { arg, kind: 'file', files: [arg] };
  if (s?.isDirectory()) {
    const files: string[] = [];
    await walk(arg, files);
    return { arg, kind: 'directory', files: files.sort(byCodePoint) };
  }
  if (!s && isDynamicPattern(arg)) {
    const matches = await glob(arg, {
      onlyFiles: true,
      dot: false,
      expandDirectories: false,
      absolute: isAbsolute(arg),
    });
    // Only the part of a match below the pattern's fixed prefix is checked: the prefix was chosen by the user.
    const parts = arg.split('/');
    const base = resolve(
      parts
        .slice(
          0,
          parts.findIndex((p) => isDynamicPattern(p)),
        )
        .join('/') || '.',
    );
    const files = matches.filter((m) => !relative(base, resolve(m)).split(sep).some(ignored));
    return { arg, kind: 'glob', files: files.sort(byCodePoint) };
  }
  if (s) throw new ReadError('unreadable', `${arg}: not a file or directory`, arg);
  throw new ReadError('file_not_found', `${arg}: no such file or directory`, arg);
}
