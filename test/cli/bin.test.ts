import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validationResultSchema } from '../../src/result/schema.js';
import {
  type ErrorCase,
  errorCases,
  expectErrorContract,
  ROOT,
  type RunOutput,
  TAXI,
  TAXI_DEFECTIVE,
  TAXI_SUITE,
} from './cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cases = await errorCases(tmp);

/** A run that takes longer than this hangs: the slowest case needs a few seconds on a busy machine. */
const TIMEOUT_MS = 60_000;

const DIST = join(ROOT, 'dist/cli/cli.js');

/** The newest modification time of the files below `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

/** Why the built CLI cannot be tested, or undefined when it can: a stale build would test old code. */
function distSkipReason(): string | undefined {
  if (!existsSync(DIST)) return 'dist/cli/cli.js does not exist (run npm run build)';
  if (statSync(DIST).mtimeMs < newest(join(ROOT, 'src')))
    return 'dist/cli/cli.js is older than src/ (run npm run build)';
  return undefined;
}

/**
 * Error cases run under tsx too: one of each kind, and the Parquet files whose decoder crashes its worker
 * thread, the likeliest to leave a process hanging. tsx costs about 1.5 s of CPU per start, the built bin
 * a quarter of that, so the built bin runs every case.
 */
const SAMPLE = new Set([
  'usage: unknown option',
  'suite: syntax.json',
  'suite: unknown-kwarg.json',
  'data: missing data file',
  'data: bad parquet PARQUET-1481.parquet',
  'data: bad parquet ARROW-GH-45185.parquet',
  'data: bad parquet ARROW-RS-GH-6229-DICTHEADER.parquet',
  'data: truncated parquet',
  'data: csv ragged',
  'data: parts with mismatched schemas',
]);

interface Bin {
  readonly name: string;
  readonly args: readonly string[];
  readonly cases: readonly ErrorCase[];
  readonly skip?: string;
}

const BINS: readonly Bin[] = [
  {
    name: 'src/cli/bin.ts under tsx',
    args: ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts')],
    cases: cases.filter((c) => SAMPLE.has(c.name)),
  },
  {
    name: 'the built bin/expect-check.js',
    args: [join(ROOT, 'bin/expect-check.js')],
    cases,
    skip: distSkipReason(),
  },
];

/** Runs the CLI as a process; fails the test when it hangs or dies of a signal. */
function spawn(bin: Bin, argv: readonly string[], env: Record<string, string> = {}): RunOutput {
  const r = spawnSync(process.execPath, [...bin.args, ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
  });
  expect(r.error, `${argv.join(' ')}: ${r.error?.message}`).toBeUndefined();
  expect(r.signal, `${argv.join(' ')} was killed`).toBeNull();
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('the sample of error cases names existing cases', () => {
  expect(cases.filter((c) => SAMPLE.has(c.name))).toHaveLength(SAMPLE.size);
});

for (const bin of BINS) {
  const title = `${bin.name}${bin.skip ? ` (skipped: ${bin.skip})` : ''}`;
  describe.skipIf(bin.skip !== undefined)(title, { timeout: 3 * TIMEOUT_MS }, () => {
    it('exits 0 when the data passes and 1 when it fails', () => {
      const good = spawn(bin, ['validate', TAXI, '--suite', TAXI_SUITE]);
      expect(good).toMatchObject({ code: 0, stderr: '' });
      expect(good.stdout).toMatch(/^PASSED 17 expectations/m);
      const bad = spawn(bin, ['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE]);
      expect(bad).toMatchObject({ code: 1, stderr: '' });
      expect(bad.stdout).toMatch(/^FAILED 17 expectations/m);
      // stdout is a pipe: no colour unless asked for
      expect(bad.stdout).not.toContain('\x1b[');
      expect(spawn(bin, ['validate', TAXI, '--suite', TAXI_SUITE, '--color']).stdout).toContain('\x1b[');
    });

    it('--json - writes only the JSON to stdout', () => {
      const out = spawn(bin, ['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE, '--json', '-']);
      expect(out).toMatchObject({ code: 1, stderr: '' });
      expect(validationResultSchema.parse(JSON.parse(out.stdout)).success).toBe(false);
    });

    it('--version, --help and list', () => {
      expect(spawn(bin, ['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
      expect(spawn(bin, ['--help'])).toMatchObject({ code: 0, stderr: '' });
      expect(spawn(bin, ['list']).stdout).toMatch(/\n\d+ expectations\n$/);
    });

    it.each(bin.cases.map((c) => [c.name, c] as const))('error contract: %s', (_name, c: ErrorCase) => {
      expectErrorContract(spawn(bin, c.argv), c);
    });

    it('--debug prints the stack of a data error', () => {
      const c = cases.find((x) => x.name === 'data: truncated parquet') as ErrorCase;
      expectErrorContract(spawn(bin, [...c.argv, '--debug']), c, true);
    });
  });
}
