import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validationResultSchema } from '../../src/result/schema.js';
import { runMain, TAXI, TAXI_DEFECTIVE, TAXI_SUITE, USAGE_HINT } from './cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-cli-reports-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (argv: readonly string[]) => runMain(argv);

const defective = ['validate', TAXI_DEFECTIVE, '--suite', TAXI_SUITE];

describe('CLI report options', () => {
  it('--junit, --markdown and --html in one run; the Markdown links the run page', async () => {
    const dir = join(tmp, 'all');
    const junit = join(tmp, 'all.xml');
    const out = await run([...defective, '--html', dir, '--junit', junit, '--markdown', join(tmp, 'all.md')]);
    expect(out.code).toBe(1);
    expect(readFileSync(junit, 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuite [^>]*tests="17" failures="6"/);
    const page = readdirSync(join(dir, 'runs'))[0] as string;
    expect(out.stdout).toContain(`Data docs: ${join(dir, 'runs', page)}\n`);
    expect(readFileSync(join(tmp, 'all.md'), 'utf8')).toContain(`[Data docs for this run](all/runs/${page})`);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    const stored = readdirSync(join(dir, 'results'));
    expect(stored).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(dir, 'results', stored[0] as string), 'utf8'));
    expect(validationResultSchema.safeParse(result).success).toBe(true);
  });

  it('a second run adds to the same docs; the first page stays', async () => {
    const dir = join(tmp, 'twice');
    await run([...defective, '--html', dir, '-q']);
    const [first] = readdirSync(join(dir, 'runs'));
    const before = readFileSync(join(dir, 'runs', first as string), 'utf8');
    expect((await run(['validate', TAXI, '--suite', TAXI_SUITE, '--html', dir, '-q'])).code).toBe(0);
    expect(readdirSync(join(dir, 'runs'))).toHaveLength(2);
    expect(readFileSync(join(dir, 'runs', first as string), 'utf8')).toBe(before);
  });

  it('--markdown - and --junit - write to stdout, alone; two reports cannot share stdout', async () => {
    const md = await run([...defective, '--markdown', '-']);
    expect(md.stdout.startsWith('### ❌ `taxi_training_gate` failed')).toBe(true);
    expect(md.stdout).not.toContain('FAILED 17 expectations');
    const both = await run([...defective, '--markdown', '-', '--junit', '-']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      `expect-check: only one report can go to stdout, got --junit - and --markdown -\n${USAGE_HINT}\n`,
    );
  });

  it('--github prints annotations after the report, or on stderr when stdout carries a report', async () => {
    const out = await run([...defective, '--github']);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error title=taxi_training_gate%3A '))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/^::error /);
    const json = await run([...defective, '--github', '--json', '-']);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr.match(/^::error /gm)).toHaveLength(6);
    // the clean batch passes, one expectation only because mostly tolerates 8 bad fares: a warning
    const clean = await run(['validate', TAXI, '--suite', TAXI_SUITE, '--github']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toContain('::error');
    expect(
      clean.stdout.match(
        /^::warning title=taxi_training_gate%3A fare_amount::.*%0Apassed within mostly: 8 unexpected/gm,
      ),
    ).toHaveLength(1);
  });

  it('a report file that cannot be written is a usage error naming it', async () => {
    const out = await run([...defective, '--junit', join(tmp, 'no/such/dir/r.xml')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      `--junit ${join(tmp, 'no/such/dir/r.xml')}: cannot write the file (no such file or directory)`,
    );
  });
});

describe('docs build', () => {
  it('builds the docs from a results directory and says what it did', async () => {
    const store = join(tmp, 'store');
    const site = join(tmp, 'site');
    await run([...defective, '--html', join(tmp, 'seed'), '-q']);
    await run(['validate', TAXI, '--suite', TAXI_SUITE, '--html', join(tmp, 'seed'), '-q']);
    cpSync(join(tmp, 'seed/results'), store, { recursive: true });
    writeFileSync(join(store, 'junk.json'), '[]');
    const out = await run(['docs', 'build', store, '--out', site]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`data docs: 2 runs, 4 pages written: ${join(site, 'index.html')}\n`);
    expect(out.stderr).toMatch(/^expect-check: skipped .*junk\.json: not a validation result/);
    const again = await run(['docs', 'build', store, '--out', site]);
    expect(again.stdout).toBe(`data docs: 2 runs, 1 page written: ${join(site, 'index.html')}\n`);
  });

  it('usage errors: no subcommand, no directory, no --out, a missing directory', async () => {
    const cases: [string[], string][] = [
      [['docs'], 'docs needs a subcommand: build <results-dir>'],
      [['docs', 'make', 'x'], 'unknown docs subcommand "make" (subcommands: build)'],
      [['docs', 'build', '--out', tmp], 'docs build needs a directory of stored results'],
      [['docs', 'build', tmp], 'docs build needs --out DIR'],
      [
        ['docs', 'build', join(tmp, 'nope'), '--out', join(tmp, 'o')],
        `docs build: ${join(tmp, 'nope')}: no such file or directory`,
      ],
      [['validate', TAXI, '--suite', TAXI_SUITE, '--out', tmp], 'option --out does not apply to validate'],
    ];
    for (const [argv, message] of cases) {
      const out = await run(argv);
      expect(out.code, argv.join(' ')).toBe(2);
      expect(out.stderr).toBe(`expect-check: ${message}\n${USAGE_HINT}\n`);
    }
  });
});
