import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bool, DateDay, Table, TimestampMicrosecond, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { identifierFor, inferSchema, roundOutward, schemaToTypeScript } from '../../src/schema/infer.js';
import type { TableSchema } from '../../src/schema/table.js';
import { loadSuite } from '../../src/suite/load.js';
import { validate } from '../../src/validate.js';
import { floats, int64s, ints, utf8 } from '../expectations/vectors.js';
import { rebatch } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-infer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const TAXI = 'examples/data/taxi.parquet';

const calls = (s: TableSchema) =>
  Object.fromEntries(
    Object.entries(s.shape).map(([k, c]) => [
      k,
      `${c.state.typeCall}${c.state.nullable ? '.nullable()' : ''}${c.state.checks.map((x) => `.${x.call}`).join('')}`,
    ]),
  );

describe('roundOutward', () => {
  it('widens to two significant digits of the larger end', () => {
    expect(roundOutward(-52, 398.5, false)).toEqual([-60, 400]);
    expect(roundOutward(0.013, 0.987, false)).toEqual([0.01, 0.99]);
    expect(roundOutward(0.0134, 0.0871, false)).toEqual([0.013, 0.088]);
    expect(roundOutward(-0.5, 1e-20, false)).toEqual([-0.5, 0.01]);
    expect(roundOutward(1, 2, true)).toEqual([1, 2]);
    expect(roundOutward(1, 265, true)).toEqual([0, 270]);
    expect(roundOutward(0, 0, false)).toEqual([0, 0]);
  });

  it('always contains the observed range (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.boolean(),
        (a, b, integer) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const [x, y] = integer ? [Math.floor(min), Math.ceil(max)] : [min, max];
          const [lo, hi] = roundOutward(x, y, integer);
          expect(lo).toBeLessThanOrEqual(x);
          expect(hi).toBeGreaterThanOrEqual(y);
          if (integer) expect(Number.isInteger(lo) && Number.isInteger(hi)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('inferSchema', () => {
  const day = 86_400_000;
  const t = new Table({
    id: int64s([1, 2, 3, 4, 5, 6]),
    qty: ints([3, 3, 7, 120, 3, 7]),
    price: floats([0.5, 12.25, Number.NaN, 99.9, 1, 2]),
    kind: utf8(['a', 'b', 'a', null, 'b', 'a']),
    code: utf8(['x1', 'x2', 'x3', 'x4', 'x5', 'x6']),
    at: vectorFromArray(
      [0, 1, 2, 3, 4, 5].map((i) => Date.UTC(2024, 0, 1, 10) + i * day),
      new TimestampMicrosecond(),
    ),
    on: vectorFromArray(
      [0, 1, 2, 3, 4, 5].map((i) => new Date(Date.UTC(2024, 1, 1) + i * day)),
      new DateDay(),
    ),
    ok: vectorFromArray([true, false, true, true, false, true], new Bool()),
  });

  it('infers types, nullability, bounds, value sets and uniqueness', async () => {
    const s = await inferSchema(t, { name: 'orders' });
    expect(s.name).toBe('orders');
    expect(calls(s)).toEqual({
      id: 'int64().between(1, 6).unique()',
      qty: 'int32().between(0, 120)',
      price: 'float64().nullable().between(0, 100)',
      kind: "utf8().nullable().in(['a', 'b'])",
      code: 'utf8().unique()',
      at: "timestamp('us').between('2024-01-01', '2024-01-07')",
      on: "date().between('2024-02-01', '2024-02-06')",
      ok: 'bool()',
    });
    expect((await s.validate(t)).success).toBe(true);
  });

  it('infers a schema its own data passes, whatever the batches (property)', async () => {
    const rows = fc.array(
      fc.record({
        n: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
        x: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
        s: fc.option(fc.constantFrom('a', 'b', 'é', 'long text', ''), { nil: null }),
      }),
      { minLength: 1, maxLength: 30 },
    );
    await fc.assert(
      fc.asyncProperty(rows, fc.integer({ min: 1, max: 7 }), async (rs, size) => {
        const data = new Table({
          n: ints(rs.map((r) => r.n)),
          x: floats(rs.map((r) => r.x)),
          s: utf8(rs.map((r) => r.s)),
        });
        const whole = await inferSchema(data);
        const split = await inferSchema(rebatch(data, size));
        expect(split.toSuite()).toEqual(whole.toSuite());
        const r = await whole.validate(data);
        expect(r.results.filter((x) => !x.success)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('writes TypeScript that builds the same schema', async () => {
    const s = await inferSchema(TAXI);
    const code = schemaToTypeScript(s, { comment: 'Taxi trips.' });
    expect(code).toMatch(
      /^import \{ float64, type Infer, int64, table, timestamp, utf8 \} from 'expect-check';\n/,
    );
    expect(code).toContain('export const Taxi = table(');
    expect(code).toContain("    store_and_fwd_flag: utf8().in(['N', 'Y']),");
    expect(code).toContain('export type TaxiRow = Infer<typeof Taxi>;');
    const file = join(tmp, 'taxi-schema.ts');
    const index = pathToFileURL(resolve('src/index.ts')).href;
    writeFileSync(file, code.replace("from 'expect-check'", `from '${index}'`));
    const mod = (await import(pathToFileURL(file).href)) as { Taxi: TableSchema };
    expect(mod.Taxi.toSuite()).toEqual(s.toSuite());
    expect((await mod.Taxi.validate(TAXI)).success).toBe(true);
  });

  it('names schemas as identifiers', () => {
    expect(identifierFor('yellow_tripdata-2019')).toBe('YellowTripdata2019');
    expect(identifierFor('2019 trips')).toBe('Schema2019Trips');
  });
});

/**
 * Type errors of TypeScript files that import 'expect-check', resolved to this checkout's source as
 * the project's tsconfig resolves it (strict, noUncheckedIndexedAccess).
 */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths: { 'expect-check': [resolve('src/index.ts')] },
    types: ['node'],
    typeRoots: [resolve('node_modules/@types')],
    skipLibCheck: true,
    noEmit: true,
  });
  return files.flatMap((f) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(f))
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
  );
}

describe('expect-check infer', () => {
  async function run(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
    });
    return { code, stdout, stderr };
  }

  it('prints TypeScript by default', async () => {
    const r = await run(['infer', TAXI]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('export const Taxi = table(');
    expect(r.stderr).toBe('');
  });

  it('writes a GX suite that the data passes', async () => {
    for (const name of ['suite.json', 'suite.yaml']) {
      const out = join(tmp, name);
      const r = await run(['infer', TAXI, '--out', out, '--name', 'taxi_trips']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${out}: schema taxi_trips, 18 columns\n`);
      const suite = await loadSuite(out);
      expect(suite.name).toBe('taxi_trips');
      expect((await validate(TAXI, suite)).success).toBe(true);
      expect((await validate('examples/data/taxi_defective.parquet', suite)).success).toBe(false);
    }
    expect(readFileSync(join(tmp, 'suite.json'), 'utf8')).toMatch(
      /"type": "expect_column_values_to_be_of_type"/,
    );
  });

  it('writes TypeScript that type-checks, imports and passes the data it was inferred from', async () => {
    const out = join(tmp, 'cli-schema.ts');
    const r = await run(['infer', TAXI, '--out', out, '--name', 'taxi_trips']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}: schema taxi_trips, 18 columns\n`);
    const code = readFileSync(out, 'utf8');
    // the row type is usable as written: int64 columns are bigint, timestamps epoch milliseconds
    const typed = join(tmp, 'cli-schema-use.ts');
    writeFileSync(
      typed,
      [
        "import type { TaxiTripsRow } from './cli-schema.js';",
        'export const vendor: TaxiTripsRow["vendor_id"] = 1n;',
        'export const pickup: TaxiTripsRow["pickup_datetime"] = Date.UTC(2019, 0, 1);',
        'export const surcharge: TaxiTripsRow["congestion_surcharge"] = null;',
        '// @ts-expect-error: int64 values are bigint',
        'export const wrong: TaxiTripsRow["vendor_id"] = 1;',
        '',
      ].join('\n'),
    );
    expect(typeErrors([out, typed])).toEqual([]);
    writeFileSync(
      out,
      code.replace("from 'expect-check'", `from '${pathToFileURL(resolve('src/index.ts')).href}'`),
    );
    const mod = (await import(pathToFileURL(out).href)) as { TaxiTrips: TableSchema };
    expect(mod.TaxiTrips.name).toBe('taxi_trips');
    expect((await mod.TaxiTrips.validate(TAXI)).success).toBe(true);
    expect((await mod.TaxiTrips.validate('examples/data/taxi_defective.parquet')).success).toBe(false);
  }, 120_000);

  it('refuses an output it cannot write and data it cannot read', async () => {
    const bad = await run(['infer', TAXI, '--out', join(tmp, 'schema.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--out .*schema\.txt: expected a \.ts, \.json, \.yaml or \.yml file/);
    const none = await run(['infer']);
    expect(none.code).toBe(2);
    const missing = await run(['infer', join(tmp, 'nope.parquet')]);
    expect(missing.code).toBe(3);
  });
});
