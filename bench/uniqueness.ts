/**
 * Micro-benchmark of the uniqueness metric on one int64 column: `npx tsx bench/uniqueness.ts [rows]`
 * feeds the benchmark's `id` (all distinct) and `key` (each value about twice) columns in batches of
 * 65,536 rows through the duplicates metric and prints nanoseconds per value for each.
 */
import { Field, Int64, makeData, RecordBatch, Schema, Struct } from 'apache-arrow';
import { BatchView } from '../src/engine/batch.js';
import { duplicatesMetric } from '../src/metrics/duplicates.js';
import { hash, KEY_SPACE } from './generate.js';

const BATCH = 65_536;

function batches(n: number, value: (i: number) => number): RecordBatch[] {
  const type = new Int64();
  const schema = new Schema([new Field('x', type, false)]);
  const out: RecordBatch[] = [];
  for (let at = 0; at < n; at += BATCH) {
    const len = Math.min(BATCH, n - at);
    const data = BigInt64Array.from({ length: len }, (_, r) => BigInt(value(at + r)));
    const child = makeData({ type, length: len, data });
    out.push(
      new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: len, children: [child] })),
    );
  }
  return out;
}

function run(name: string, n: number, value: (i: number) => number): void {
  const input = batches(n, value);
  const schema = (input[0] as RecordBatch).schema;
  const metric = duplicatesMetric({ domain: ['x'], ignoreIf: 'any', capture: { limit: 20 }, schema });
  const before = process.memoryUsage().rss;
  const started = performance.now();
  let state = metric.init();
  let at = 0;
  for (const b of input) {
    state = metric.update(state, new BatchView(b, at));
    at += b.numRows;
  }
  const outcome = metric.finish(state);
  const ms = performance.now() - started;
  const grown = (process.memoryUsage().rss - before) / 1e6;
  const unexpected = (outcome as { unexpected?: number }).unexpected;
  console.log(
    `${name}: ${((ms * 1e6) / n).toFixed(0)} ns/value, ${ms.toFixed(0)} ms, rss +${grown.toFixed(0)} MB, unexpected ${JSON.stringify(unexpected ?? outcome).slice(0, 80)}`,
  );
}

const n = Number(process.argv[2] ?? 10_000_000);
run('id (distinct)', n, (i) => 1_000_000_000_000 + (Math.imul(i, 0x9e3779b1) >>> 0));
run('key (duplicates)', n, (i) => hash(i, 1) % KEY_SPACE);
