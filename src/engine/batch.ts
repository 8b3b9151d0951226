import type { RecordBatch } from 'apache-arrow';
import { ColumnView } from '../arrow/column.js';

/**
 * One record batch with its global row offset, as metrics see it. Column views and derived arrays are
 * built once per batch and shared by every metric that asks for them.
 */
export class BatchView {
  readonly numRows: number;
  private readonly columns = new Map<string, ColumnView>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly batch: RecordBatch,
    /** Row number of this batch's first row within the whole data (all files). */
    readonly rowOffset: number,
  ) {
    this.numRows = batch.numRows;
  }

  /** True when the batch has a column of that name. */
  has(name: string): boolean {
    return this.batch.schema.fields.some((f) => f.name === name);
  }

  /** The view of a column; throws when the batch lacks it (the plan checks names before the scan). */
  column(name: string): ColumnView {
    let v = this.columns.get(name);
    if (!v) {
      const idx = this.batch.schema.fields.findIndex((f) => f.name === name);
      const child = idx >= 0 ? this.batch.getChildAt(idx) : null;
      const data = child?.data[0];
      if (!child || !data) throw new Error(`column ${JSON.stringify(name)} is not in the batch`);
      v = new ColumnView(name, data);
      this.columns.set(name, v);
    }
    return v;
  }

  /** Computes a value once per batch under a key (e.g. a predicate mask shared by two expectations). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }
}
