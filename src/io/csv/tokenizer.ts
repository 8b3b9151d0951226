import { tooLarge } from '../limits.js';
import { ReadError } from '../types.js';
import { formatBytes } from '../watch.js';
import { CR, LF, QUOTE } from './ascii.js';

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
  /** Position, line and field count handed between scan and scanRecords. */
  private readonly state = new Int32Array(3);
  /** Lines and field count handed between scanRecords and otherRecord. */
  readonly other = new Int32Array(3);
  /** Column names, for messages. */
  names: readonly string[] = [];

  constructor(
    readonly label: string,
    private readonly delim: number,
    /** Bytes an incomplete record may hold before it is refused (maxBatchBytes). */
    private readonly maxRecordBytes = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Adds the next chunk of input, kept without a copy when no partial record is pending. `room` bytes
   * right before the chunk in its ArrayBuffer are the caller's scratch: a pending partial record that
   * fits there is copied in front of the chunk, instead of the chunk after the record.
   */
  append(chunk: Uint8Array, room = 0): void {
    if (chunk.length === 0) return;
    const rest = this.end - this.pos;
    if (rest === 0) {
      this.buf = chunk;
      this.pos = 0;
      this.end = chunk.length;
      this.owned = false;
      this.stallPos = -1;
      return;
    }
    if (rest > room) {
      this.space(chunk.length).set(chunk);
      this.commit(chunk.length);
      return;
    }
    this.checkPending(rest);
    const joined = new Uint8Array(chunk.buffer, chunk.byteOffset - rest, rest + chunk.length);
    joined.set(this.buf.subarray(this.pos, this.end));
    this.rebase();
    this.buf = joined;
    this.owned = false;
    this.end = joined.length;
  }

  /**
   * A region of n bytes right after the pending bytes, for the caller to fill and then commit: file
   * reads land in the tokenizer's own buffer, which is reused, so input is never copied twice.
   */
  space(n: number): Uint8Array {
    const rest = this.end - this.pos;
    this.checkPending(rest);
    if (!this.owned || this.buf.length < rest + n) {
      // slack of n / 4 lets the usual small pending record fit without a new buffer next time
      const next = new Uint8Array(Math.max(2 * rest, rest + n + (n >> 2)));
      next.set(this.buf.subarray(this.pos, this.end));
      this.buf = next;
      this.owned = true;
    } else if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.end);
    }
    this.rebase();
    this.end = rest;
    return this.buf.subarray(rest, rest + n);
  }

  /** Refuses a partial record longer than maxRecordBytes. */
  private checkPending(rest: number): void {
    if (rest > this.maxRecordBytes) {
      const what = `a record (or an unclosed quote) runs on for more than ${formatBytes(rest)}`;
      throw tooLarge(this.label, `${this.label}:${this.line}`, what, this.maxRecordBytes);
    }
  }

  /** Moves the pending bytes' position to 0 (the caller moves the bytes), keeping the stall mark. */
  private rebase(): void {
    if (this.stallPos === this.pos) {
      this.stallEnd -= this.pos;
      this.stallPos = 0;
    } else this.stallPos = -1;
    this.pos = 0;
  }

  /** Takes n bytes written into the region returned by space. */
  commit(n: number): void {
    this.end += n;
  }

  /** Marks the end of input: the last record may end without a newline. */
  finish(): void {
    this.final = true;
  }

  /** Where the next record starts in `buf`. */
  get position(): number {
    return this.pos;
  }

  /** Where the input ends in `buf`. */
  get limit(): number {
    return this.end;
  }

  /** Line of the next record. */
  get nextLine(): number {
    return this.line;
  }

  /** Moves past `records` one-line records that a reader of its own took from `buf`, up to p. */
  skip(p: number, records: number): void {
    this.pos = p;
    this.line += records;
    this.stallPos = -1;
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
    const st = this.state;
    st[0] = this.pos;
    st[1] = this.line;
    st[2] = 0;
    const r = scanRecords(this, this.buf, this.end, this.final, this.delim, f, maxRows, commit, st);
    this.lastCount = st[2] as number;
    if (r === 0 && !this.final) {
      this.stallPos = this.pos;
      this.stallEnd = this.end;
    }
    if (commit) {
      this.pos = st[0] as number;
      this.line = st[1] as number;
    }
    return r;
  }

  /** Reports a malformed field of the record that starts on `line`. */
  fail(line: number, c: number, what: string): never {
    const name = this.names[c];
    const where = name === undefined ? `field ${c + 1}` : `column ${JSON.stringify(name)}`;
    throw new ReadError('bad_csv', `${this.label}:${line}: ${where}: ${what}`, this.label);
  }

  /** Reports a record with `found` fields instead of ncols. */
  ragged(line: number, ncols: number, found: number): never {
    throw new ReadError(
      'bad_csv',
      `${this.label}:${line}: expected ${ncols} fields, found ${found}`,
      this.label,
    );
  }
}

/**
 * The scan loop of Tokenizer.scan, a function of its own so that nothing but `return` runs after the
 * loop: code after a loop that V8 optimized mid-way (OSR) has no type feedback and would deoptimize it
 * at every call. It reads the position and line from st[0], st[1] and leaves there, after each complete
 * record, the position and line after it and its field count (st[2]). The common record takes
 * plainRecord; every other (blank lines, quotes, ragged rows, the end of the input) takes otherRecord,
 * a separate function too large to inline, so that its rare branches never deoptimize this loop
 * (V8 gives up re-optimizing a function after a few deoptimizations).
 */
function scanRecords(
  tok: Tokenizer,
  buf: Uint8Array,
  end: number,
  final: boolean,
  delim: number,
  f: Fields,
  maxRows: number,
  check: boolean,
  st: Int32Array,
): number {
  const { ncols, stride, starts, ends, lines } = f;
  // the delimiter in every byte, for plainRecord's four-byte search
  const delims = Math.imul(0x01010101, delim);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // last position where four bytes can be loaded at once
  const safe = end - 4;
  const other = tok.other;
  let p = st[0] as number;
  let line = st[1] as number;
  let r = 0;
  while (r < maxRows && p < end) {
    let q = plainRecord(buf, view, p, safe, delims, delim, ncols, starts, ends, stride, r);
    let c = ncols;
    let at = line;
    if (q < 0) {
      other[0] = line;
      q = otherRecord(tok, buf, view, p, end, final, delim, f, r, check, other);
      if (q < 0) break;
      at = other[0] as number;
      c = other[2] as number;
      line = other[1] as number;
    } else line++;
    lines[r] = at;
    r++;
    p = q;
    st[0] = p;
    st[1] = line;
    st[2] = c;
  }
  return r;
}

/**
 * Any record at p but the common one: skips blank lines, then tokenizes one record in full (quoted
 * fields, ragged rows, the end of the input) as record r of f. Takes the line at p in io[0]; returns the
 * position after the record with io[0] its first line, io[1] the line after it and io[2] its field
 * count, or -1 when there is no complete record to hand out (more input needed, the input exhausted,
 * or a malformed record after the first of the call: it is reported when it comes first).
 */
function otherRecord(
  tok: Tokenizer,
  buf: Uint8Array,
  view: DataView,
  p: number,
  end: number,
  final: boolean,
  delim: number,
  f: Fields,
  r: number,
  check: boolean,
  io: Int32Array,
): number {
  const { ncols, stride, starts, ends } = f;
  const plain = Math.max(delim, CR);
  const swar = Math.imul(0x01010101, plain + 1);
  const safe = end - 4;
  let line = io[0] as number;
  // b: the byte that ended the last field, or -1 at the end of the input
  let b = 0;
  for (;;) {
    if (p >= end) return -1;
    b = buf[p] as number;
    if (b === LF) {
      p++;
      line++;
    } else if (b === CR) {
      if (p + 1 >= end && !final) return -1;
      p++;
      if (p < end && buf[p] === LF) p++;
      line++;
    } else break;
  }
  let extra = 0;
  let c = 0;
  // slot of column c of this record (column-major: one stride per column)
  let k = r;
  for (;;) {
    let s = p;
    let e: number;
    if (p < end && buf[p] === QUOTE) {
      s = ++p;
      let escaped = false;
      for (;;) {
        if (p >= end) {
          if (final && r === 0)
            tok.fail(line, c, 'the quoted field is not closed before the end of the input');
          return -1;
        }
        b = buf[p] as number;
        if (b === QUOTE) {
          if (p + 1 >= end && !final) return -1;
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
      b = p < end ? (buf[p] as number) : -1;
    } else {
      for (;;) {
        if (p <= safe) {
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
          if (p >= end) {
            b = -1;
            break;
          }
        }
        b = buf[p] as number;
        if (b === delim || b === LF || b === CR) break;
        p++;
      }
      e = p;
    }
    if (c < ncols) {
      starts[k] = s;
      ends[k] = e;
      k += stride;
    }
    c++;
    if (b === delim) {
      p++;
      continue;
    }
    if (b === LF) {
      p++;
      break;
    }
    if (b === CR) {
      if (p + 1 >= end && !final) return -1;
      p++;
      if (p < end && buf[p] === LF) p++;
      break;
    }
    if (b < 0) {
      if (!final) return -1;
      break;
    }
    if (r > 0) return -1;
    tok.fail(line, c - 1, `unexpected ${JSON.stringify(String.fromCharCode(b))} after a closing quote`);
  }
  if (check && c !== ncols) {
    if (r > 0) return -1;
    tok.ragged(line, ncols, c);
  }
  io[0] = line;
  io[1] = line + 1 + extra;
  io[2] = c;
  return p;
}

/**
 * The common record, tokenized by a lean loop of its own: ncols unquoted fields ending in a newline,
 * at least four bytes before the end of the input. Stores its fields (column-major from slot k) and
 * returns the position after its newline; -1 for any other record, which scanRecords then reads (and
 * stores) again in full.
 */
function plainRecord(
  buf: Uint8Array,
  view: DataView,
  p: number,
  safe: number,
  delims: number,
  delim: number,
  ncols: number,
  starts: Int32Array,
  ends: Int32Array,
  stride: number,
  k: number,
): number {
  // a blank line is no record
  const b0 = buf[p];
  if (b0 === LF || b0 === CR) return -1;
  let c = 0;
  for (;;) {
    // (past the end, buf[p] is a stale byte or undefined: fieldEnd then gives up at `safe`)
    if (buf[p] === QUOTE) return -1;
    const s = p;
    p = fieldEnd(buf, view, p, safe, delims, delim);
    if (p < 0 || c === ncols) return -1;
    const b = buf[p];
    starts[k] = s;
    ends[k] = p;
    k += stride;
    c++;
    p++;
    if (b !== delim) {
      if (c !== ncols) return -1;
      if (b === CR) {
        if (p > safe) return -1;
        if (buf[p] === LF) p++;
      }
      return p;
    }
  }
}

/**
 * The end of the unquoted field at p: the position of the first delimiter, LF or CR from p on, found
 * four bytes at a time; -1 when the search passes `safe` (the last position four bytes can be loaded
 * from). `delims` is the delimiter in every byte.
 */
export function fieldEnd(
  buf: Uint8Array,
  view: DataView,
  p: number,
  safe: number,
  delims: number,
  delim: number,
): number {
  for (;;) {
    if (p > safe) return -1;
    // SWAR: flags bytes below 14 (LF, CR and other controls) and, through a zero byte of x ^ delims,
    // the delimiter; the lowest flagged byte is exactly the first such byte, so that spaces and
    // punctuation inside fields cost nothing
    const x = view.getInt32(p, true);
    const y = x ^ delims;
    const m = (((x - 0x0e0e0e0e) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080;
    if (m === 0) {
      p += 4;
      continue;
    }
    p += (31 - Math.clz32(m & -m)) >> 3;
    const b = buf[p];
    if (b === delim || b === LF || b === CR) return p;
    p++;
  }
}
