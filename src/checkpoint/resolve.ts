import { readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join } from 'node:path';

/** A path written in the checkpoint, made usable from the working directory. */
export function inDir(dir: string, path: string): string {
  return isAbsolute(path) ? path : join(dir, path);
}

async function kind(path: string): Promise<'file' | 'dir' | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s?.isFile() ? 'file' : s?.isDirectory() ? 'dir' : undefined;
}

const SUITE_EXTENSIONS = ['.json', '.yml', '.yaml'];

/** Where a GX checkpoint's suites may be, as directories relative to the checkpoint file's. */
function suiteDirs(dir: string): string[] {
  const dirs = [join(dir, 'suites'), join(dir, 'expectations')];
  // a GX project keeps checkpoints/ and expectations/ side by side
  if (basename(dir) === 'checkpoints') dirs.push(join(dir, '..', 'expectations'), join(dir, '..', 'suites'));
  return dirs;
}

/**
 * The file of a suite named by a GX checkpoint: NAME.json (or .yml/.yaml) in suites/ or expectations/
 * next to the checkpoint, or in ../expectations from a checkpoints/ directory; GX's own store turns the
 * dots of a name into directories, so a.b is also looked for as a/b.json.
 */
export async function findSuite(name: string, dir: string): Promise<string | { problem: string }> {
  const stems = [...new Set([name, name.split('.').join('/')])];
  const dirs = suiteDirs(dir);
  for (const d of dirs) {
    for (const stem of stems) {
      for (const ext of SUITE_EXTENSIONS) {
        const path = join(d, `${stem}${ext}`);
        if ((await kind(path)) === 'file') return path;
      }
    }
  }
  return {
    problem: `no suite file ${JSON.stringify(name)} (looked for ${name}.json, .yml or .yaml in ${dirs.join(', ')})`,
  };
}

/** A datasource of the checkpoint's `datasources` map: a directory, or a directory and named assets. */
export type DatasourceSpec = string | { base_directory: string; assets?: Record<string, string | string[]> };

/**
 * The paths a GX data asset stands for: an entry of the datasource's `assets`, else the file or directory
 * of that name in its directory, else the one file whose name without extension is the asset's name.
 */
export async function resolveAsset(
  datasource: string,
  spec: DatasourceSpec,
  asset: string,
  dir: string,
): Promise<string[] | { problem: string }> {
  const base = inDir(dir, typeof spec === 'string' ? spec : spec.base_directory);
  const named = typeof spec === 'string' ? undefined : spec.assets?.[asset];
  if (named !== undefined) return (typeof named === 'string' ? [named] : named).map((p) => inDir(base, p));
  if ((await kind(base)) !== 'dir') {
    return { problem: `datasource ${JSON.stringify(datasource)}: ${base} is not a directory` };
  }
  const direct = join(base, asset);
  if (await kind(direct)) return [direct];
  const entries = await readdir(base, { withFileTypes: true });
  const matches = entries
    .filter(
      (e) => e.isFile() && !e.name.startsWith('.') && e.name.slice(0, -extname(e.name).length) === asset,
    )
    .map((e) => join(base, e.name))
    .sort();
  if (matches.length === 1) return matches;
  if (matches.length > 1) {
    return {
      problem: `data asset ${JSON.stringify(asset)} is ambiguous in ${base} (${matches.map((m) => basename(m)).join(', ')}); name its files under assets in the datasources map`,
    };
  }
  return {
    problem: `no data asset ${JSON.stringify(asset)} in datasource ${JSON.stringify(datasource)} (${base}): no file or directory ${asset} or ${asset}.<ext>`,
  };
}
