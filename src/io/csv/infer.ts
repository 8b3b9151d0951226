import { ReadError } from '../types.js';
import type { CsvColumnType } from './builders.js';
import type { Fields } from './tokenizer.js';
import {
  fastF64,
  fastI64,
  fastTimestamp,
  fieldBytes,
  isNaNToken,
  type NullTokens,
  parseBool,
  parseDate,
  parseF64,
  parseI64,
  parseTimestamp,
  timestampParts,
} from './values.js';

const INT = 1;
const FLOAT = 2;
const BOOL = 4;
const DATE = 8;
const TS = 16;
const TSZ = 32;
const ALL = 63;

/**
 * Infers column types from sampled fields: each column keeps the set of types every non-null value so far
 * parses as, and reads as the most specific one left (int64, float64, bool, date, timestamp), else utf8.
 */
export class TypeSampler {
  private readonly masks: Uint8Array;
  private readonly seen: Uint8Array;
  private readonly scratch = new Int32Array(2);
  private readonly parts = timestampParts();

  constructor(
    ncols: number,
    private readonly nulls: NullTokens,
  ) {
    this.masks = new Uint8Array(ncols).fill(ALL);
    this.seen = new Uint8Array(ncols);
  }

  /** Narrows the column types by records [0, n) of f. */
  add(buf: Uint8Array, f: Fields, n: number): void {
    const { starts, ends } = f;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (let c = 0; c < f.ncols; c++) {
      let mask = this.masks[c] as number;
      const base = f.base(c);
      for (let r = 0; r < n && mask !== 0; r++) {
        const s = starts[base + r] as number;
        const e = ends[base + r] as number;
        if (this.nulls.test(buf, s, e)) continue;
        this.seen[c] = 1;
        // a field with doubled quotes contains a quote: only text
        mask = e < 0 ? 0 : this.classify(buf, view, s, e, mask);
      }
      this.masks[c] = mask;
    }
  }

  /**
   * The types among `mask` that bytes [s, e) parse as. The converters' fast paths go first: they answer
   * the common shapes sooner, and are compiled hot by the time the columns are converted.
   */
  private classify(buf: Uint8Array, view: DataView, s: number, e: number, mask: number): number {
    const scratch = this.scratch;
    let out = 0;
    if (mask & INT && (fastI64(buf, view, s, e, scratch, 0) || parseI64(buf, s, e, scratch, 0)))
      out |= INT | (mask & FLOAT);
    else if (mask & FLOAT) {
      const v = fastF64(buf, s, e);
      if (!Number.isNaN(v) || !Number.isNaN(parseF64(buf, s, e)) || isNaNToken(buf, s, e)) out |= FLOAT;
    }
    if (out !== 0) return out;
    if (mask & BOOL && parseBool(buf, s, e) >= 0) return BOOL;
    // (the fast shapes are 19 or 20 bytes long: never a date)
    if (mask & TS && fastTimestamp(buf, view, s, e, false, scratch, 0)) return TS;
    if (mask & TSZ && fastTimestamp(buf, view, s, e, true, scratch, 0)) return TSZ;
    if (mask & DATE && !Number.isNaN(parseDate(buf, s, e))) out |= DATE;
    if (mask & (TS | TSZ) && parseTimestamp(buf, s, e, this.parts))
      out |= (this.parts.aware ? TSZ : TS) & mask;
    return out;
  }

  /** The inferred type of column c. */
  kind(c: number): CsvColumnType {
    if (!this.seen[c]) return 'utf8';
    const m = this.masks[c] as number;
    if (m & INT) return 'int64';
    if (m & FLOAT) return 'float64';
    if (m & BOOL) return 'bool';
    if (m & DATE) return 'date';
    if (m & (TS | TSZ)) return 'timestamp';
    return 'utf8';
  }

  /** Whether timestamps in column c carry UTC offsets: every sampled value had one. */
  utc(c: number): boolean {
    const m = this.masks[c] as number;
    return this.seen[c] === 1 && (m & TSZ) !== 0 && (m & TS) === 0;
  }
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Column names from the header record (record 0 of f), made unique by uniqueNames. */
export function headerNames(buf: Uint8Array, f: Fields, label: string): string[] {
  const raw: string[] = [];
  for (let c = 0; c < f.ncols; c++) {
    const bytes = fieldBytes(buf, f.starts[f.base(c)] as number, f.ends[f.base(c)] as number);
    try {
      raw.push(strict.decode(bytes));
    } catch {
      throw new ReadError('bad_csv', `${label}:${f.lines[0]}: header field ${c + 1}: invalid UTF-8`, label);
    }
  }
  return uniqueNames(raw);
}

/**
 * Makes header names unique the way pandas does: an empty name becomes `Unnamed: i` (i the 0-based
 * column index), and a repeated name gets `.1`, `.2`, ... (skipping names that are already taken).
 */
export function uniqueNames(raw: readonly string[]): string[] {
  const counts = new Map<string, number>();
  return raw.map((name, i) => {
    let col = name === '' ? `Unnamed: ${i}` : name;
    let cur = counts.get(col) ?? 0;
    while (cur > 0) {
      counts.set(col, cur + 1);
      col = `${col}.${cur}`;
      cur = counts.get(col) ?? 0;
    }
    counts.set(col, cur + 1);
    return col;
  });
}
