import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { ValidationResult } from '../../src/result/types.js';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/** A run that takes longer than this has hung (the slowest in-process run takes about a second). */
export const HANG_MS = 30_000;

/** What one CLI run gave. */
export interface CliRun {
  /** The exit code, or `hung` when the run did not end within HANG_MS, or `threw` when main() threw. */
  readonly code: number | 'hung' | 'threw';
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** The --json result, when the run wrote one. */
  readonly json?: ValidationResult;
}

/** Runs `expect-check` in this process through main(), as the bin does, with a time bound. */
export async function runCli(argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env,
  };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_MS);
  });
  const code = await Promise.race([main(argv, io), hung])
    .catch((e: unknown) => {
      stderr += `main() threw: ${e instanceof Error ? e.stack : String(e)}`;
      return 'threw' as const;
    })
    .finally(() => clearTimeout(timer));
  const ms = performance.now() - started;
  const out = argv[argv.indexOf('--json') + 1];
  const json =
    argv.includes('--json') && out && out !== '-' && existsSync(out) && typeof code === 'number' && code <= 1
      ? (JSON.parse(readFileSync(out, 'utf8')) as ValidationResult)
      : undefined;
  return { code, stdout, stderr, ms, ...(json ? { json } : {}) };
}

/** Writes a suite of these expectations as JSON into `dir` and returns its path. */
export function writeSuite(dir: string, name: string, expectations: readonly object[]): string {
  const path = join(dir, `${name.replace(/[^\w.-]/g, '_')}.suite.json`);
  writeFileSync(path, JSON.stringify({ name, expectations }));
  return path;
}

/** What a spawned CLI process gave, with its peak resident memory. */
export interface SpawnedRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** Peak resident memory of the process (all its threads), from /usr/bin/time; NaN where that is missing. */
  readonly peakRssBytes: number;
  readonly ms: number;
}

const TIME = '/usr/bin/time';

/**
 * Spawns the CLI (src/cli/bin.ts under tsx) as its own process, measured by /usr/bin/time when there is
 * one; the process is killed when it outlives HANG_MS.
 */
export function spawnCli(argv: readonly string[]): Promise<SpawnedRun> {
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), ...argv];
  const timed = existsSync(TIME);
  const [cmd, ...args] = timed ? [TIME, '-f', '@@maxrss=%M', ...node] : node;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS * 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // time adds a line of its own before its format when the command did not exit 0
      const m =
        /(?:Command (?:exited with non-zero status|terminated by signal) \d+\n)?@@maxrss=(\d+)\n?$/.exec(
          stderr,
        );
      resolve({
        code,
        signal,
        stderr: m ? stderr.slice(0, m.index) : stderr,
        peakRssBytes: m ? Number(m[1]) * 1024 : Number.NaN,
        ms: performance.now() - started,
      });
    });
  });
}
