import type { RecordBatch } from 'apache-arrow';
import { ColumnView } from '../arrow/column.js';
import { maskIndices, takeData } from '../arrow/take.js';
import { type Expr, exprKey } from './expr.js';
import { evaluatePredicate } from './predicate.js';

/**
 * One record batch with its global row offset, as metrics see it: all its rows, or (under a row
 * condition) only the rows where the condition holds, compacted. Column views and derived arrays are
 * built once per view and shared by every metric that asks for them.
 */
export class BatchView {
  readonly numRows: number;
  private readonly columns = new Map<string, ColumnView>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly batch: RecordBatch,
    /** Row number of this batch's first row within the whole data (all files). */
    readonly rowOffset: number,
    /** For a compacted view: the positions in `batch` of the rows it keeps, ascending. */
    private readonly kept: Uint32Array | null = null,
  ) {
    this.numRows = kept ? kept.length : batch.numRows;
  }

  /** For a compacted view, the positions in the batch of the rows it keeps (row i is rowOffset + kept[i]); else null. */
  get keptRows(): Uint32Array | null {
    return this.kept;
  }

  /** The row number within the whole data of this view's row i (compacted views keep the original numbers). */
  rowNumber(i: number): number {
    return this.rowOffset + (this.kept ? (this.kept[i] as number) : i);
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
      v = new ColumnView(name, this.kept ? takeData(data, this.kept) : data);
      this.columns.set(name, v);
    }
    return v;
  }

  /**
   * The view of the rows where a condition holds, memoised per condition (`key`: its exprKey, when the
   * caller has it) so that every metric under it shares one compaction; columns are compacted when a
   * metric first asks for them.
   */
  where(condition: Expr, key: string = exprKey(condition)): BatchView {
    return this.memo(`where:${key}`, () => {
      const local = maskIndices(evaluatePredicate(condition, this));
      if (local.length === this.numRows) return this;
      const { kept } = this;
      const rows = kept ? local.map((i) => kept[i] as number) : local;
      return new BatchView(this.batch, this.rowOffset, rows);
    });
  }

  /** Computes a value once per batch under a key (e.g. a predicate mask shared by two expectations). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }
}
