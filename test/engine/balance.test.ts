import { Dictionary, Field, Float64, Int32, Int64, Schema, Utf8 } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sideMetrics } from '../../src/engine/balance.js';
import type { AnyMetric } from '../../src/engine/metric.js';

const metric = (id: string, columns: string[], heavy = false, cost?: number): [string, AnyMetric] => [
  id,
  {
    id,
    columns,
    heavy,
    ...(cost === undefined ? {} : { cost }),
    init: () => 0,
    update: (s: number) => s,
    merge: (a: number) => a,
    finish: (s: number) => s,
  },
];

// the benchmark's columns and suite shape (bench/suite.json)
const schema = new Schema([
  new Field('id', new Int64()),
  new Field('key', new Int64()),
  new Field('score', new Float64()),
  new Field('amount', new Float64()),
  new Field('label', new Int32()),
  new Field('category', new Dictionary(new Utf8(), new Int32())),
  new Field('email', new Utf8()),
  new Field('created_at', new Int64()),
  new Field('updated_at', new Int64()),
]);

describe('sideMetrics', () => {
  it('moves nothing when no metric is heavy', () => {
    const metrics = new Map([metric('a', ['score']), metric('b', ['email'])]);
    expect(sideMetrics(metrics, schema).size).toBe(0);
  });

  it("moves the benchmark suite's timestamp pair and set check beside its two uniqueness tables", () => {
    // measured (10M rows, each group alone, less a run that reads no column): the tables 1.7 and 2.0 s
    // with their columns; the email checks 2.5 s, amount 1.0 s, label 0.9 s, score 0.8 s, the pair
    // 1.1 s and category 0.4 s, so the pair and category even the threads (3.7 + 1.5 against 5.2 s)
    const metrics = new Map([
      metric('unique id', ['id'], true),
      metric('unique key', ['key'], true),
      metric('rows', []),
      metric('not null email', ['email']),
      metric('regex email', ['email'], false, 11),
      metric('moments amount', ['amount']),
      metric('max amount', ['amount']),
      metric('between score', ['score']),
      metric('min score', ['score']),
      metric('between label', ['label']),
      metric('distinct label', ['label']),
      metric('in set category', ['category']),
      metric('pair', ['updated_at', 'created_at']),
    ]);
    expect([...sideMetrics(metrics, schema)].sort()).toEqual([
      'in set category',
      'pair',
      'unique id',
      'unique key',
    ]);
  });

  it('moves a group of string checks beside one uniqueness table when that evens the load', () => {
    const metrics = new Map([
      metric('unique id', ['id'], true),
      metric('regex email', ['email']),
      metric('length email', ['email']),
      metric('between score', ['score']),
      metric('between amount', ['amount']),
      metric('between label', ['label']),
      metric('pair', ['updated_at', 'created_at']),
      metric('in set category', ['category']),
      metric('moments amount', ['amount']),
      metric('min score', ['score']),
      metric('not null key', ['key']),
    ]);
    const side = sideMetrics(metrics, schema);
    expect(side.has('unique id')).toBe(true);
    expect(side.size).toBeGreaterThan(1);
  });

  it('keeps metrics that share a column together, the heavy ones aside, and some here', () => {
    const names = schema.fields.map((f) => f.name);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.subarray(names, { minLength: 0, maxLength: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 12,
        }),
        (specs) => {
          const metrics = new Map(specs.map(([cols, heavy], i) => metric(`m${i}`, cols, heavy)));
          const side = sideMetrics(metrics, schema);
          for (const [id, m] of metrics) {
            if (m.heavy) expect(side.has(id)).toBe(true);
            if (side.has(id) || m.heavy) continue;
            // a metric left here shares no column with any moved non-heavy metric
            for (const [other, o] of metrics) {
              if (o.heavy || !side.has(other)) continue;
              expect(m.columns.some((c) => o.columns.includes(c))).toBe(false);
            }
          }
          const light = [...metrics].filter(([, m]) => !m.heavy);
          if (light.length > 0 && side.size > 0) expect(light.some(([id]) => !side.has(id))).toBe(true);
        },
      ),
    );
  });
});
