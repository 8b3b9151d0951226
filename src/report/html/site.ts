import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { resultToJson } from '../../result/json.js';
import { validationResultSchema } from '../../result/schema.js';
import type { ValidationResult } from '../../result/types.js';
import { newestFirst, type RunEntry, renderIndexPage, runEntry } from './index-page.js';
import { renderRunPage } from './run-page.js';
import { renderSuitePage, type SuiteView, suiteOfResult } from './suite-page.js';

/**
 * The results store and the data docs site. A store is a directory of result JSON files, one per run,
 * named by run time and suite. A site is index.html, runs/<id>.html and suites/<name>-<hash>.html
 * plus manifest.json, the index's entries: a build reads only the results the manifest does not know,
 * and writes a run's page and a suite version's page once.
 */

const MANIFEST = 'manifest.json';
const MANIFEST_VERSION = 1;
/** A file name the site's pages may carry as is (ids are made of these only). */
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A name made safe for a file name and a URL: letters, digits, `.`, `_`, `-`; at most `max` characters. */
export function slug(s: string, max = 60): string {
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, max)
    .replace(/[._-]+$/, '');
  return out || 'suite';
}

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
}

/** A run time as a file name part that sorts by time: 20240131T120000.123Z. */
function compactTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'unknown-time' : d.toISOString().replace(/[-:]/g, '');
}

function errorCode(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}

/** Writes a file unless it exists; true when written. Exclusive creation: concurrent writers never clobber one another. */
async function writeOnce(path: string, content: string): Promise<boolean> {
  try {
    await writeFile(path, content, { flag: 'wx' });
    return true;
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return false;
    throw e;
  }
}

/** Replaces a file whole: readers see the old or the new content, never half of one. */
async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${shortHash(`${Date.now()}${Math.random()}`)}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/**
 * Stores a validation result in the results store `dir` (created when missing) as
 * `<run time>_<suite>.json` (`<run time>_<run name>_<suite>.json` when the run is named, as a
 * checkpoint's runs are), or with `-2`, `-3` and so on before `.json` when that name is taken (a run
 * stored again gets a new name, so its page is written anew); returns the file's path.
 */
export async function storeResult(result: ValidationResult, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const { run_name, run_time } = result.meta.run_id;
  const named = run_name ? `_${slug(run_name)}` : '';
  const base = `${compactTime(run_time)}${named}_${slug(result.suite_name)}`;
  const json = `${resultToJson(result)}\n`;
  for (let n = 1; ; n++) {
    const path = join(dir, `${n === 1 ? base : `${base}-${n}`}.json`);
    if (await writeOnce(path, json)) return path;
  }
}

/** The id of a stored result: its file name without `.json`, made safe when it was not named by storeResult. */
export function resultId(file: string): string {
  const base = basename(file).replace(/\.json$/i, '');
  return SAFE.test(base) ? base : `${slug(base)}-${shortHash(base)}`;
}

/** A run page's path inside the site, e.g. `runs/20240131T120000.123Z_trips.html`, for a stored result file. */
export function runPagePath(resultFile: string): string {
  return `runs/${resultId(resultFile)}.html`;
}

interface ManifestRun extends RunEntry {
  /** The result file's name in the store. */
  file: string;
}

async function readManifest(outDir: string): Promise<Map<string, ManifestRun>> {
  let parsed: { version?: unknown; runs?: unknown };
  try {
    parsed = JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8'));
  } catch {
    // no manifest yet, or one a crash cut short: the build reads every result again
    return new Map();
  }
  if (parsed.version !== MANIFEST_VERSION || !Array.isArray(parsed.runs)) return new Map();
  const runs = parsed.runs.filter(
    (r): r is ManifestRun =>
      typeof r === 'object' &&
      r !== null &&
      typeof r.id === 'string' &&
      SAFE.test(r.id) &&
      typeof r.file === 'string' &&
      typeof r.suitePage === 'string' &&
      /^suites\/[A-Za-z0-9._-]+\.html$/.test(r.suitePage),
  );
  return new Map(runs.map((r) => [r.file, r]));
}

/** The first problem of a file that is not a validation result, in a few words. */
function resultProblem(data: unknown): string | null {
  const parsed = validationResultSchema.safeParse(data);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `not a validation result (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'})`;
}

/** The path of a suite version's page: its name, and a hash of its content, which tells versions apart. */
function suitePageName(suite: SuiteView): string {
  const content = JSON.stringify([suite.name, suite.notes, suite.expectations]);
  return `suites/${slug(suite.name)}-${shortHash(content)}.html`;
}

/** The path inside the site of the page of the suite (the version) a result ran with. */
export function suitePageOf(result: ValidationResult): string {
  return suitePageName(suiteOfResult(result));
}

/** A relative URL from a page in `fromDir` to `target` (both file paths), or undefined when it would leave `root`. */
function linkTo(fromDir: string, target: string, root: string): string | undefined {
  const inside = relative(resolve(root), resolve(target));
  if (inside.startsWith('..') || inside === '' || isAbsolute(inside)) return undefined;
  return relative(resolve(fromDir), resolve(target)).split(sep).map(encodeURIComponent).join('/');
}

/** What a build did. */
export interface BuildOutcome {
  /** Pages written by this build (new run and suite pages, and the index). */
  pages: number;
  /** Runs the index lists. */
  runs: number;
  /** Files of the store that are not validation results, each with the reason. */
  skipped: string[];
}

/**
 * Builds or updates the data docs site in `outDir` from the results store `resultsDir`: writes the page
 * of each run the site does not have yet and of each suite version first seen, then the index of every
 * run in the store, newest first. Pages of runs already built are left as they are; pages of runs no
 * longer in the store are removed. Files that are not validation results are skipped and named.
 */
export async function buildDataDocs(resultsDir: string, outDir: string): Promise<BuildOutcome> {
  const files = (await readdir(resultsDir)).filter((f) => f.toLowerCase().endsWith('.json')).sort();
  await mkdir(join(outDir, 'runs'), { recursive: true });
  await mkdir(join(outDir, 'suites'), { recursive: true });
  const known = await readManifest(outDir);
  const entries: ManifestRun[] = [];
  const skipped: string[] = [];
  // each suite version's page is rendered at most once a build, however many runs used it
  const suitePages = new Set<string>();
  let pages = 0;
  for (const file of files) {
    const id = resultId(file);
    const seen = known.get(file);
    if (seen && seen.id === id) {
      entries.push(seen);
      known.delete(file);
      continue;
    }
    const path = join(resultsDir, file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      skipped.push(`${path}: ${e instanceof SyntaxError ? 'invalid JSON' : (errorCode(e) ?? String(e))}`);
      continue;
    }
    const problem = resultProblem(data);
    if (problem) {
      skipped.push(`${path}: ${problem}`);
      continue;
    }
    const result = data as ValidationResult;
    const suite = suiteOfResult(result);
    const suitePage = suitePageName(suite);
    const runsDir = join(outDir, 'runs');
    const json = linkTo(runsDir, path, outDir);
    if (!suitePages.has(suitePage)) {
      suitePages.add(suitePage);
      if (await writeOnce(join(outDir, suitePage), renderSuitePage(suite, suiteLinks(suite.name)))) pages++;
    }
    const html = renderRunPage(result, {
      index: '../index.html',
      suite: `../${suitePage}`,
      ...(json ? { json } : {}),
    });
    if (await writeOnce(join(outDir, runPagePath(file)), html)) pages++;
    entries.push({ ...runEntry(result, id, suitePage), file });
  }
  // runs whose results left the store leave the site
  for (const gone of known.values()) await rm(join(outDir, `runs/${gone.id}.html`), { force: true });
  entries.sort(newestFirst);
  await writeAtomic(join(outDir, 'index.html'), renderIndexPage(entries));
  pages++;
  await writeAtomic(
    join(outDir, MANIFEST),
    `${JSON.stringify({ version: MANIFEST_VERSION, runs: entries }, null, 1)}\n`,
  );
  return { pages, runs: entries.length, skipped };
}

function suiteLinks(name: string): { index: string; runs: string } {
  return { index: '../index.html', runs: `../index.html#suite=${encodeURIComponent(name)}` };
}
