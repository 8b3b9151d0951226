import type { Table } from 'apache-arrow';
import { ColumnView, type ResultValue } from '../../src/arrow/column.js';
import { ReadError } from '../../src/io/types.js';

/** The values of a column across all batches, read through ColumnView.value (what results report). */
export function values(table: Table, name: string): ResultValue[] {
  const out: ResultValue[] = [];
  for (const batch of table.batches) {
    const child = batch.getChild(name);
    if (!child) throw new Error(`no column ${name}`);
    for (const data of child.data) {
      const view = new ColumnView(name, data);
      for (let i = 0; i < view.length; i++) out.push(view.value(i));
    }
  }
  return out;
}

/** Missing values (nulls and NaN) of a column across batches, counted by ColumnView.validity. */
export function missing(table: Table, name: string): number {
  let n = 0;
  for (const batch of table.batches) {
    for (const data of batch.getChild(name)?.data ?? []) n += new ColumnView(name, data).missingCount();
  }
  return n;
}

/** Column name: type pairs, for compact schema assertions. */
export function types(table: Table): Record<string, string> {
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
}

/** A canonical text of a read (schema, values, NaN apart from null) or of its ReadError, for comparing outcomes. */
export function outcome(read: () => Table): string {
  try {
    const t = read();
    const cols = t.schema.fields.map((f) => {
      const shown: string[] = [];
      for (const batch of t.batches) {
        for (const data of batch.getChild(f.name)?.data ?? []) {
          const view = new ColumnView(f.name, data);
          for (let i = 0; i < view.length; i++) shown.push(show(view, i));
        }
      }
      return `${f.name}:${f.type}=${shown.join('|')}`;
    });
    return `rows=${t.numRows};${cols.join(';')}`;
  } catch (e) {
    if (e instanceof ReadError) return `ReadError ${e.code}: ${e.message}`;
    throw e;
  }
}

function show(view: ColumnView, i: number): string {
  if (view.isNull(i)) return 'null';
  const v = view.family === 'float' ? (view.numbers().values[i] as number) : view.value(i);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return JSON.stringify(v);
}

/** Cuts bytes at the given (sorted, deduplicated) positions. */
export function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => Math.min(p, bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}
