import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordBatch, Table, tableFromArrays } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { QUARANTINE_COLUMNS, quarantineAction } from '../../../src/checkpoint/actions/quarantine.js';
import type { ActionContext } from '../../../src/checkpoint/actions/types.js';
import { runCheckpoint } from '../../../src/checkpoint/run.js';
import { runSuite } from '../../../src/engine/run.js';
import { registry } from '../../../src/expectations/index.js';
import { tableSource } from '../../../src/io/memory.js';
import { openSource } from '../../../src/io/open.js';
import type { Suite } from '../../../src/suite/model.js';
import { TAXI, TAXI_DEFECTIVE, TAXI_SUITE } from '../../cli/cases.js';
import { rebatch } from '../../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-quarantine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readTable(path: string): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const { batch } of (await openSource(path)).batches()) batches.push(batch);
  return new Table(batches);
}

function rows(t: Table): Record<string, unknown>[] {
  return t.toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

function quarantineCheckpoint(dir: string, batch: string, action: Record<string, unknown> = {}) {
  return {
    name: 'q',
    validations: [{ batch, suite: TAXI_SUITE }],
    action_list: [
      { name: 'quarantine', action: { class_name: 'QuarantineAction', target: join(dir, 'q'), ...action } },
    ],
  };
}

describe('QuarantineAction over a checkpoint', () => {
  it('writes every failing row once per failed row-wise expectation, with the row as the source has it', async () => {
    const dir = mkdtempSync(join(tmp, 'a-'));
    const out = await runCheckpoint(quarantineCheckpoint(dir, TAXI_DEFECTIVE), { runName: 'nightly run' });
    const v = out.validations[0];
    const [action] = v?.actions ?? [];
    expect(action?.status).toBe('ok');
    const files = readdirSync(join(dir, 'q'));
    expect(files).toEqual(['nightly_run-taxi_training_gate-0.parquet']);
    expect(action?.message).toBe(`quarantined 586 failing rows in ${join(dir, 'q', files[0] as string)}`);

    const q = await readTable(join(dir, 'q', files[0] as string));
    const source = rows(await readTable(TAXI_DEFECTIVE));
    expect(q.schema.fields.map((f) => f.name)).toEqual([
      ...QUARANTINE_COLUMNS,
      ...(await (await openSource(TAXI_DEFECTIVE)).schema()).fields.map((f) => f.name),
    ]);
    // the run was made COMPLETE: the quarantine holds exactly the unexpected rows of each expectation
    const results = v?.result.results ?? [];
    const expected: [number, number][] = [];
    results.forEach((r, i) => {
      if (!r.success && Array.isArray(r.result.unexpected_index_list)) {
        for (const row of r.result.unexpected_index_list as number[]) expected.push([row, i]);
      }
    });
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const got = rows(q);
    expect(got.map((r) => [Number(r._row_index), r._expectation_index])).toEqual(expected);
    for (const r of got) {
      const { _expectation, _expectation_index, _columns, _row_index, ...data } = r;
      const config = results[_expectation_index as number]?.expectation_config;
      expect(_expectation).toBe(config?.type);
      expect(_columns).toBe(
        String(
          config?.kwargs.column ??
            (config?.kwargs.column_list as string[] | undefined)?.join(',') ??
            [config?.kwargs.column_A, config?.kwargs.column_B].join(','),
        ),
      );
      expect(data).toEqual(source[Number(_row_index)]);
    }
    const perType = new Map<string, number>();
    for (const r of got)
      perType.set(r._expectation as string, (perType.get(r._expectation as string) ?? 0) + 1);
    expect(Object.fromEntries(perType)).toEqual({
      expect_column_values_to_not_be_null: 300,
      expect_column_values_to_be_between: 130,
      expect_column_values_to_be_in_set: 19,
      expect_column_pair_values_a_to_be_greater_than_b: 61,
      expect_compound_columns_to_be_unique: 76,
    });
  });

  it('keeps at most max_rows per expectation and only the listed expectations', async () => {
    const dir = mkdtempSync(join(tmp, 'b-'));
    const out = await runCheckpoint(
      quarantineCheckpoint(dir, TAXI_DEFECTIVE, {
        max_rows: 10,
        expectations: ['expect_column_values_to_be_between', 'expect_column_values_to_be_in_set'],
      }),
      { runName: 'r' },
    );
    expect(out.validations[0]?.actions[0]?.message).toMatch(
      /^quarantined 20 failing rows in .* \(2 expectation\(s\) cut at max_rows 10\)$/,
    );
    const q = rows(await readTable(join(dir, 'q', 'r-taxi_training_gate-0.parquet')));
    expect(q.filter((r) => r._expectation === 'expect_column_values_to_be_in_set')).toHaveLength(10);
  });

  it('writes nothing when no row-wise expectation failed', async () => {
    const dir = mkdtempSync(join(tmp, 'c-'));
    const out = await runCheckpoint(quarantineCheckpoint(dir, TAXI));
    expect(out.validations[0]?.actions[0]).toMatchObject({
      status: 'skipped',
      message: 'no failing rows to quarantine',
    });
    expect(() => readdirSync(join(dir, 'q'))).toThrow();
  });
});

/** Validates the table at COMPLETE and runs the quarantine action with these options over it. */
async function runQuarantine(table: Table, suite: Suite, dir: string, options: Record<string, unknown>) {
  const source = tableSource(table);
  const result = await runSuite(suite, source, registry, { resultFormat: 'COMPLETE' });
  const ctx = {
    checkpoint: { name: 'c', dir, dataDocsSites: {} },
    runName: 'run',
    runTime: new Date(0),
    index: 0,
    suite,
    result,
    source,
    validation: {},
    settings: { slackApiUrl: '' },
    resolve: (p: string) => join(dir, p),
    redact: (s: string) => s,
  } satisfies ActionContext;
  return quarantineAction.run(quarantineAction.options.parse(options), ctx);
}

/** The quarantine action run directly over an in-memory source. */
async function quarantine(table: Table, suite: Suite, dir: string): Promise<Record<string, unknown>[]> {
  const report = await runQuarantine(table, suite, dir, { target: 'q' });
  if (report.status === 'skipped') return [];
  expect(report.status).toBe('ok');
  return rows(await readTable(join(dir, 'q', 'run-s-0.parquet')));
}

describe('QuarantineAction', () => {
  const suite: Suite = {
    name: 's',
    meta: {},
    expectations: [
      {
        type: 'expect_column_values_to_be_between',
        kwargs: { column: 'x', min_value: 0, max_value: 5 },
        meta: {},
      },
      { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x' }, meta: {} },
      { type: 'expect_column_values_to_be_in_set', kwargs: { column: 's', value_set: ['a', 'b'] }, meta: {} },
      { type: 'expect_column_values_to_be_unique', kwargs: { column: 's' }, meta: {} },
    ],
  };

  it('does not depend on how the data is split into batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.option(fc.integer({ min: -3, max: 9 })), fc.constantFrom('a', 'b', 'c', 'dd')), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 7 }),
        async (data, size) => {
          const table = tableFromArrays({
            x: Float64Array.from(data, ([x]) => x ?? Number.NaN),
            s: data.map(([, s]) => s),
          });
          const whole = await quarantine(table, suite, mkdtempSync(join(tmp, 'p-')));
          const split = await quarantine(rebatch(table, size), suite, mkdtempSync(join(tmp, 'p-')));
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses data that has a column of its own names', async () => {
    const table = tableFromArrays({
      x: Float64Array.from([1, 9]),
      s: ['a', 'a'],
      _row_index: Int32Array.from([0, 1]),
    });
    const report = await runQuarantine(table, suite, tmp, {});
    expect(report).toEqual({ status: 'failed', message: 'the data has a column named _row_index' });
  });
});
