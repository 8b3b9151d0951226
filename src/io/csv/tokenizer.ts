import { formatBytes, tooLarge } from '../limits.js';
import { ReadError } from '../types.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const EMPTY = new Uint8Array(0);

/**
 * Field offsets of up to `cap` records into the tokenizer's current buffer, column-major (column c of
 * record r at base(c) + r) so that converting one column reads its offsets sequentially.
 */
export class Fields {
  /**
   * Distance between columns: cap plus 16 slots (64 bytes) so that the tokenizer's per-column write
   * streams do not all map to the same cache sets, as power-of-two strides would.
   */
  readonly stride: number;
  /** First byte of each field (after the opening quote of a quoted field). */
  readonly starts: Int32Array;
  /** End of each field (before the closing quote); ~end (negative) when doubled quotes must be undone. */
  readonly ends: Int32Array;
  /** 1-based physical line on which each record starts. */
  readonly lines: Int32Array;

  constructor(
    readonly ncols: number,
    readonly cap: number,
  ) {
    this.stride = cap + 16;
    this.starts = new Int32Array(ncols * this.stride);
    this.ends = new Int32Array(ncols * this.stride);
    this.lines = new Int32Array(cap);
  }

  /** Index of column c of record 0. */
  base(c: number): number {
    return c * this.stride;
  }
}

const COUNT_ONLY = new Fields(0, 1);

/**
 * A byte-level CSV tokenizer fed chunk by chunk. It only hands out complete records: the bytes of an
 * incomplete last record stay in the buffer and are scanned again once more bytes arrive, so record and
 * field boundaries never depend on where the chunks were cut (inside quotes, CRLF or a UTF-8 sequence).
 * LF, CRLF and a lone CR end a record; blank lines are skipped; a UTF-8 BOM at the start is dropped.
 */
export class Tokenizer {
  /**
   * The bytes being tokenized; field offsets refer to it until the next append. Bytes past the input's
   * end may be stale (the buffer is reused), so every lookahead checks `end`.
   */
  buf: Uint8Array = EMPTY;
  private pos = 0;
  private end = 0;
  /** True when `buf` is a copy this tokenizer may append into. */
  private owned = false;
  private final = false;
  private bomChecked = false;
  /** Line of the next record. */
  private line = 1;
  /** pos and end when the last scan found no complete record (to grow the lookahead geometrically). */
  private stallPos = -1;
  private stallEnd = 0;
  /** Field count of the last record scanned. */
  private lastCount = 0;
  /** Column names, for messages. */
  names: readonly string[] = [];

  constructor(
    readonly label: string,
    private readonly delim: number,
    /** Bytes an incomplete record may hold before it is refused (maxBatchBytes). */
    private readonly maxRecordBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Adds the next chunk of input (kept without a copy when no partial record is pending). */
  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.end === this.pos) {
      this.buf = chunk;
      this.pos = 0;
      this.end = chunk.length;
      this.owned = false;
      this.stallPos = -1;
      return;
    }
    this.space(chunk.length).set(chunk);
    this.commit(chunk.length);
  }

  /**
   * A region of n bytes right after the pending bytes, for the caller to fill and then commit: file
   * reads land in the tokenizer's own buffer, which is reused, so input is never copied twice.
   */
  space(n: number): Uint8Array {
    const rest = this.end - this.pos;
    if (rest > this.maxRecordBytes) {
      const what = `a record (or an unclosed quote) runs on for more than ${formatBytes(rest)}`;
      throw tooLarge(this.label, `${this.label}:${this.line}`, what, this.maxRecordBytes);
    }
    if (!this.owned || this.buf.length < rest + n) {
      // slack of n / 4 lets the usual small pending record fit without a new buffer next time
      const next = new Uint8Array(Math.max(2 * rest, rest + n + (n >> 2)));
      next.set(this.buf.subarray(this.pos, this.end));
      this.buf = next;
      this.owned = true;
    } else if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.end);
    }
    if (this.stallPos === this.pos) {
      this.stallEnd -= this.pos;
      this.stallPos = 0;
    } else this.stallPos = -1;
    this.pos = 0;
    this.end = rest;
    return this.buf.subarray(rest, rest + n);
  }

  /** Takes n bytes written into the region returned by space. */
  commit(n: number): void {
    this.end += n;
  }

  /** Marks the end of input: the last record may end without a newline. */
  finish(): void {
    this.final = true;
  }

  /** Field count of the next record: -1 when more input is needed, 0 when the input holds no more records. */
  peekFieldCount(): number {
    const n = this.scan(COUNT_ONLY, 1, false);
    if (n === 1) return this.lastCount;
    return this.final ? 0 : -1;
  }

  /**
   * Tokenizes up to maxRows complete records into f (fields beyond f.ncols are counted, not stored) and
   * returns how many; 0 when more input is needed or the input is exhausted.
   */
  next(f: Fields, maxRows: number): number {
    return this.scan(f, Math.min(maxRows, f.cap), true);
  }

  /**
   * The scan proper. A malformed record is reported only when it is the first record of a call: the
   * records before it are handed out first, so that errors in them are found first whatever the chunking.
   */
  private scan(f: Fields, maxRows: number, commit: boolean): number {
    if (!this.bomChecked) {
      if (this.end - this.pos < 3 && !this.final) return 0;
      const b = this.buf;
      const p = this.pos;
      if (this.end - p >= 3 && b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf) this.pos += 3;
      this.bomChecked = true;
    }
    // An earlier scan of the same record failed: wait until the lookahead doubles (linear total work).
    if (!this.final && this.stallPos === this.pos && this.end - this.stallEnd < this.stallEnd - this.pos) {
      return 0;
    }
    const buf = this.buf;
    const end = this.end;
    const final = this.final;
    const delim = this.delim;
    const { ncols, stride, starts, ends, lines } = f;
    const check = commit;
    // bytes above `plain` are never special outside quotes: one comparison per byte on the fast path
    const plain = Math.max(delim, CR);
    const swar = Math.imul(0x01010101, plain + 1);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let p = this.pos;
    let line = this.line;
    let r = 0;
    let count = 0;
    records: while (r < maxRows) {
      if (p >= end) break;
      let b = buf[p] as number;
      if (b === LF) {
        p++;
        line++;
        continue;
      }
      if (b === CR) {
        if (p + 1 >= end && !final) break;
        p++;
        if (p < end && buf[p] === LF) p++;
        line++;
        continue;
      }
      const recStart = p;
      let extra = 0;
      let c = 0;
      for (;;) {
        let s = p;
        let e: number;
        if (p < end && buf[p] === QUOTE) {
          s = ++p;
          let escaped = false;
          for (;;) {
            if (p >= end) {
              if (final && r === 0)
                this.fail(line, c, 'the quoted field is not closed before the end of the input');
              p = recStart;
              break records;
            }
            b = buf[p] as number;
            if (b === QUOTE) {
              if (p + 1 >= end && !final) {
                p = recStart;
                break records;
              }
              if (p + 1 < end && buf[p + 1] === QUOTE) {
                escaped = true;
                p += 2;
                continue;
              }
              break;
            }
            if (b === LF || (b === CR && (p + 1 >= end || buf[p + 1] !== LF))) extra++;
            p++;
          }
          e = escaped ? ~p : p;
          p++;
        } else {
          for (;;) {
            if (p + 4 <= end) {
              // four bytes at once (SWAR "has a byte less than n"): the lowest flagged byte is exactly
              // the first one <= plain, so jump straight to it
              const x = view.getInt32(p, true);
              const m = (x - swar) & ~x & 0x80808080;
              if (m === 0) {
                p += 4;
                continue;
              }
              p += (31 - Math.clz32(m & -m)) >> 3;
            } else {
              while (p < end && (buf[p] as number) > plain) p++;
              if (p >= end) break;
            }
            b = buf[p] as number;
            if (b === delim || b === LF || b === CR) break;
            p++;
          }
          e = p;
        }
        if (c < ncols) {
          starts[c * stride + r] = s;
          ends[c * stride + r] = e;
        }
        c++;
        if (p >= end) {
          if (!final) {
            p = recStart;
            break records;
          }
          break;
        }
        b = buf[p] as number;
        if (b === delim) {
          p++;
          continue;
        }
        if (b === LF) {
          p++;
          break;
        }
        if (b === CR) {
          if (p + 1 >= end && !final) {
            p = recStart;
            break records;
          }
          p++;
          if (p < end && buf[p] === LF) p++;
          break;
        }
        if (r > 0) {
          p = recStart;
          break records;
        }
        this.fail(line, c - 1, `unexpected ${JSON.stringify(String.fromCharCode(b))} after a closing quote`);
      }
      if (check && c !== ncols) {
        if (r > 0) {
          p = recStart;
          break;
        }
        throw new ReadError(
          'bad_csv',
          `${this.label}:${line}: expected ${ncols} fields, found ${c}`,
          this.label,
        );
      }
      lines[r] = line;
      line += 1 + extra;
      count = c;
      r++;
    }
    this.lastCount = count;
    if (r === 0 && !final) {
      this.stallPos = this.pos;
      this.stallEnd = end;
    }
    if (commit) {
      this.pos = p;
      this.line = line;
    }
    return r;
  }

  private fail(line: number, c: number, what: string): never {
    const name = this.names[c];
    const where = name === undefined ? `field ${c + 1}` : `column ${JSON.stringify(name)}`;
    throw new ReadError('bad_csv', `${this.label}:${line}: ${where}: ${what}`, this.label);
  }
}
