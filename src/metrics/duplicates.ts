import { type DataType, makeData, type Schema } from 'apache-arrow';
import { ColumnView, type ResultValue } from '../arrow/column.js';
import { type TypeFamily, typeFamily, valueType } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import { setOwn } from '../own.js';
import type { MapOutcome } from '../result/types.js';
import { Lowest } from './hash64.js';
import {
  appendKeys,
  compactAll,
  type KeyLog64,
  keyLog64,
  mergeLogs,
  type OnRepeat,
  repeatedKeys,
} from './keylog64.js';
import {
  type Capture,
  emptyMapState,
  finishMapState,
  type IgnoreIf,
  ignoredRows,
  indexRecord,
  type MapState,
  mergeMapStates,
} from './map.js';

/**
 * A row's key: a number or string for one column (null when the value is missing), a string of typed
 * parts for several columns. Equal keys mean equal values.
 */
export type DupKey = number | string | null;

type Rec = Record<string, ResultValue>;

/**
 * Mergeable state of the duplicates metric. `later` holds the counts and the captured occurrences after
 * the first of their key (rows ascending, `values` holding their keys until finish decodes them);
 * `later.unexpected` counts all such occurrences, so unexpected rows = later.unexpected + dups.size.
 */
export type DupState = KeyedDupState | WideDupState;

/** State of the general path: keys as numbers or strings in JS maps. */
export interface KeyedDupState {
  /** Each distinct key's first row number. */
  first: Map<DupKey, number>;
  /** Keys seen more than once. */
  dups: Set<DupKey>;
  /** The identifying record of each key's first row (only when index columns are captured). */
  firstRecords: Map<DupKey, Rec> | null;
  later: MapState;
}

/** Options of the duplicates metric. */
export interface DuplicatesOptions {
  /** One column (scalar values) or several (records of values). */
  readonly domain: readonly string[];
  readonly ignoreIf: IgnoreIf;
  readonly capture: Capture;
  /** The data's schema: how keys turn back into the values results report. */
  readonly schema: Schema;
  /** Report values as records even for one column (compound uniqueness over a one-column list). */
  readonly records?: boolean;
}

/** How a column's values become key parts. */
type PartKind = 'number' | 'string' | 'json';

function partKind(family: TypeFamily): PartKind {
  switch (family) {
    case 'string':
      return 'string';
    case 'integer':
    case 'float':
    case 'boolean':
    case 'date':
    case 'timestamp':
    case 'time':
    case 'duration':
      return 'number';
    default:
      return 'json';
  }
}

const bigintTag = '$bigint';
/** 2^21: a 64-bit integer whose high half lies in [-2^21, 2^21) is exact as a number. */
const SAFE_HI = 0x200000;

/** JSON that keeps bigints, for the rare types keyed by their result value (decimal, binary, nested). */
function jsonPart(v: ResultValue): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? { [bigintTag]: x.toString() } : x));
}

function parseJsonPart(s: string): ResultValue {
  return JSON.parse(s, (_k, x) =>
    x && typeof x === 'object' && typeof x[bigintTag] === 'string' ? BigInt(x[bigintTag]) : x,
  ) as ResultValue;
}

/**
 * The key part of every row of a column (missing rows hold anything; callers check validity). Numbers
 * key as numbers; 64-bit integers beyond 2^53 as `b<hi>:<lo>` from their 32-bit halves, so that no
 * BigInt is made per row; dictionary columns key each dictionary entry once.
 */
function columnParts(col: ColumnView): ArrayLike<number | string> {
  if (col.isDictionary) {
    const dictParts = columnParts(col.dictionary());
    const idx = col.indices();
    const out = new Array<number | string>(col.length);
    for (let i = 0; i < out.length; i++) out[i] = dictParts[idx[i] as number] as number | string;
    return out;
  }
  const n = col.length;
  const valid = col.validity();
  switch (partKind(col.family)) {
    case 'number': {
      const nv = col.numbers();
      if (!nv.i64) return nv.values;
      const halves = new Int32Array(nv.i64.buffer, nv.i64.byteOffset, n * 2);
      const unsigned = nv.i64 instanceof BigUint64Array;
      const out = new Array<number | string>(n);
      for (let i = 0; i < n; i++) {
        const hi = unsigned ? (halves[2 * i + 1] as number) >>> 0 : (halves[2 * i + 1] as number);
        // the range int64ToNumbers calls exact (-2^53 included): a batch without i64 keys those as numbers
        if (hi < SAFE_HI && hi >= -SAFE_HI) out[i] = nv.values[i] as number;
        else out[i] = `b${hi}:${(halves[2 * i] as number) >>> 0}`;
      }
      return out;
    }
    case 'string': {
      const sv = col.strings();
      const out = new Array<string>(n);
      for (let i = 0; i < n; i++) out[i] = valid && !valid[i] ? '' : sv.get(i);
      return out;
    }
    default: {
      const out = new Array<string>(n);
      for (let i = 0; i < n; i++) out[i] = valid && !valid[i] ? '' : jsonPart(col.value(i));
      return out;
    }
  }
}

/**
 * One self-delimiting segment of a compound key: `_` missing, `n<number>;`, `b<hi>:<lo>;`, or a
 * length-prefixed `s<len>:<string>` / `j<len>:<json>`, so 1, "1" and null never meet.
 */
function segment(kind: PartKind, part: number | string): string {
  if (typeof part === 'number') return `n${part};`;
  if (kind === 'number') return `${part};`;
  return `${kind === 'string' ? 's' : 'j'}${part.length}:${part}`;
}

/** Splits a compound key back into its parts (null for missing). */
function splitSegments(key: string, count: number): (number | string | null)[] {
  const parts: (number | string | null)[] = [];
  let p = 0;
  for (let c = 0; c < count; c++) {
    const tag = key[p];
    if (tag === '_') {
      parts.push(null);
      p += 1;
    } else if (tag === 'n' || tag === 'b') {
      const end = key.indexOf(';', p);
      parts.push(tag === 'n' ? Number(key.slice(p + 1, end)) : key.slice(p, end));
      p = end + 1;
    } else {
      const colon = key.indexOf(':', p);
      const len = Number(key.slice(p + 1, colon));
      parts.push(key.slice(colon + 1, colon + 1 + len));
      p = colon + 1 + len;
    }
  }
  return parts;
}

/** Turns a key part back into the value results report for a column of the given type. */
function partDecoder(type: DataType): (part: number | string | null) => ResultValue {
  const vt = valueType(type);
  const family = typeFamily(vt);
  const kind = partKind(family);
  if (kind === 'string') return (p) => p;
  if (kind === 'json') return (p) => (p === null ? null : parseJsonPart(p as string));
  // -0 and 0 are one key (as in pandas), reported as 0
  if (family === 'float') return (p) => (p === 0 ? 0 : p);
  // Integers, booleans and temporal values read back through a one-row column, so that they are
  // formatted exactly as every other result formats them.
  const ArrayType = (vt as unknown as { ArrayType: new (n: number) => ArrayLike<number | bigint> }).ArrayType;
  return (p) => {
    if (p === null) return null;
    const arr = new ArrayType(1) as unknown as (number | bigint)[];
    const wide = arr instanceof BigInt64Array || arr instanceof BigUint64Array;
    arr[0] = typeof p === 'number' ? (wide ? BigInt(p) : p) : bigFromPart(p);
    const data = makeData({ type: vt, length: 1, nullCount: 0, data: arr } as Parameters<typeof makeData>[0]);
    return new ColumnView('', data).value(0);
  };
}

function bigFromPart(p: string): bigint {
  const colon = p.indexOf(':');
  return BigInt(p.slice(1, colon)) * 4294967296n + BigInt(p.slice(colon + 1));
}

/** Capture of the rows with the lowest numbers, sorted, from unordered rows and their keys. */
function lowestRows(rows: number[], keys: DupKey[], records: Rec[] | null, limit: number): MapState {
  const out: MapState = {
    element: 0,
    missing: 0,
    unexpected: 0,
    rows: [],
    values: [],
    records: records ? [] : null,
  };
  if (limit === 0 || rows.length === 0) return out;
  let threshold = Number.POSITIVE_INFINITY;
  if (rows.length > limit) threshold = Float64Array.from(rows).sort()[limit - 1] as number;
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) if ((rows[i] as number) <= threshold) picked.push(i);
  picked.sort((x, y) => (rows[x] as number) - (rows[y] as number));
  for (const i of picked) {
    out.rows.push(rows[i] as number);
    out.values.push(keys[i] as ResultValue);
    if (out.records && records) out.records.push(records[i] as Rec);
  }
  return out;
}

/** Builds a key per row: the column's part for one column, typed segments joined for several. */
function rowKeys(
  b: BatchView,
  domain: readonly string[],
  compound: boolean,
  ignored: Uint8Array | null,
): ArrayLike<DupKey> {
  const n = b.numRows;
  const cols = domain.map((c) => b.column(c));
  if (!compound) {
    const col = cols[0] as ColumnView;
    const parts = columnParts(col);
    const valid = col.validity();
    // Rows that are left out are never read; missing rows that stay key as null.
    if (!valid || ignored) return parts;
    const out = new Array<DupKey>(n);
    for (let i = 0; i < n; i++) out[i] = valid[i] ? (parts[i] as number | string) : null;
    return out;
  }
  const parts = cols.map(columnParts);
  const kinds = cols.map((c) => partKind(c.family));
  const valids = cols.map((c) => c.validity());
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    if (ignored?.[i]) continue;
    let key = '';
    for (let c = 0; c < cols.length; c++) {
      const v = valids[c];
      key +=
        v && !v[i]
          ? '_'
          : segment(kinds[c] as PartKind, (parts[c] as ArrayLike<number | string>)[i] as number | string);
    }
    out[i] = key;
  }
  return out;
}

/**
 * The metric behind uniqueness (one column, or the combination of several): every row whose key occurs
 * more than once is unexpected, the first occurrence included. States merge in any grouping, also when
 * they cover rows that are not contiguous: a key in both becomes duplicated, its first row the lower.
 */
export function duplicatesMetric(o: DuplicatesOptions): Metric<DupState, MapOutcome> {
  const single = o.domain.length === 1 && !o.records && o.ignoreIf !== 'never' && !o.capture.indexColumns;
  const type = single ? o.schema.fields.find((f) => f.name === o.domain[0])?.type : undefined;
  const kind = type && wideKind(type);
  if (type && kind)
    return wideDuplicates(o.domain[0] as string, type, kind, o) as Metric<DupState, MapOutcome>;
  return keyedDuplicates(o);
}

function keyedDuplicates(o: DuplicatesOptions): Metric<KeyedDupState, MapOutcome> {
  const { domain, ignoreIf, capture } = o;
  const limit = capture.limit;
  const idx = capture.indexColumns ?? [];
  const compound = domain.length > 1;
  const withRecords = capture.indexColumns !== undefined && limit > 0;
  const fields = new Map(o.schema.fields.map((f) => [f.name, f.type]));
  const decoders = domain.map((c) => {
    const t = fields.get(c);
    if (!t) throw new Error(`column ${JSON.stringify(c)} is not in the schema`);
    return partDecoder(t);
  });
  const decode = (key: DupKey): ResultValue => {
    if (!compound && !o.records) return (decoders[0] as (p: DupKey) => ResultValue)(key);
    const parts = compound ? splitSegments(key as string, domain.length) : [key];
    const rec: Rec = {};
    domain.forEach((c, i) => {
      setOwn(rec, c, (decoders[i] as (p: DupKey) => ResultValue)(parts[i] ?? null));
    });
    return rec;
  };
  return {
    id: `duplicates:${JSON.stringify([domain, ignoreIf, limit, idx, o.records ?? false])}`,
    columns: [...new Set([...domain, ...idx])],
    heavy: true,
    init: () => ({
      first: new Map(),
      dups: new Set(),
      firstRecords: withRecords ? new Map() : null,
      later: emptyMapState(capture),
    }),
    update(s, b) {
      const n = b.numRows;
      const ignored = ignoredRows(b, domain, ignoreIf);
      const keys = rowKeys(b, domain, compound, ignored);
      const { first, dups, firstRecords, later } = s;
      let missing = 0;
      let repeats = 0;
      for (let i = 0; i < n; i++) {
        if (ignored?.[i]) {
          missing++;
          continue;
        }
        const key = keys[i] as DupKey;
        if (!first.has(key)) {
          first.set(key, b.rowNumber(i));
          if (firstRecords) firstRecords.set(key, indexRecord(b, idx, domain, i));
          continue;
        }
        dups.add(key);
        repeats++;
        // Batches reach one state in ascending row order, so the first captured are the lowest.
        if (later.rows.length < limit) {
          later.rows.push(b.rowNumber(i));
          later.values.push(key);
          if (later.records) later.records.push(indexRecord(b, idx, domain, i));
        }
      }
      later.element += n;
      later.missing += missing;
      later.unexpected += repeats;
      return s;
    },
    merge(a, b) {
      const [big, small] = a.first.size >= b.first.size ? [a, b] : [b, a];
      const demotedRows: number[] = [];
      const demotedKeys: DupKey[] = [];
      const demotedRecords: Rec[] | null = big.firstRecords ? [] : null;
      for (const [key, row] of small.first) {
        const other = big.first.get(key);
        const rec = small.firstRecords?.get(key);
        if (other === undefined) {
          big.first.set(key, row);
          if (big.firstRecords && rec) big.firstRecords.set(key, rec);
          if (small.dups.has(key)) big.dups.add(key);
          continue;
        }
        big.dups.add(key);
        let demoted = row;
        let demotedRec = rec;
        if (row < other) {
          demoted = other;
          demotedRec = big.firstRecords?.get(key);
          big.first.set(key, row);
          if (big.firstRecords && rec) big.firstRecords.set(key, rec);
        }
        demotedRows.push(demoted);
        demotedKeys.push(key);
        if (demotedRecords && demotedRec) demotedRecords.push(demotedRec);
      }
      const demoted = lowestRows(demotedRows, demotedKeys, demotedRecords, limit);
      demoted.unexpected = demotedRows.length;
      big.later = mergeMapStates(mergeMapStates(big.later, small.later, limit), demoted, limit);
      return big;
    },
    finish(s) {
      const rows: number[] = [];
      const keys: DupKey[] = [];
      const records: Rec[] | null = s.firstRecords ? [] : null;
      for (const key of s.dups) {
        rows.push(s.first.get(key) as number);
        keys.push(key);
        if (records) records.push(s.firstRecords?.get(key) as Rec);
      }
      const firsts = lowestRows(rows, keys, records, limit);
      firsts.unexpected = s.dups.size;
      const all = mergeMapStates(s.later, firsts, limit);
      all.values = all.values.map((k) => decode(k as DupKey));
      return finishMapState(all, true);
    },
  };
}

/** How a fixed-width column's values become 64-bit keys: raw signed or unsigned 64-bit storage, or a double's bits. */
type WideKind = 'i64' | 'u64' | 'f64';

/** The wide key kind of a column type, or undefined for types keyed as strings or JSON. */
function wideKind(type: DataType): WideKind | undefined {
  if (partKind(typeFamily(type)) !== 'number') return undefined;
  const storage = (valueType(type) as DataType & { ArrayType?: unknown }).ArrayType;
  return storage === BigInt64Array ? 'i64' : storage === BigUint64Array ? 'u64' : 'f64';
}

/**
 * State of the path for one fixed-width column: a partitioned log of each value's 64 bits with its row
 * (src/metrics/keylog64.ts), which ends with each distinct value's first row and whether it repeats, and
 * the later occurrences as in the general path (`values` holding key parts until finish decodes them).
 */
export interface WideDupState {
  log: KeyLog64;
  later: MapState;
}

const f64 = new Float64Array(1);
const f64Halves = new Int32Array(f64.buffer);

/** The key part (as columnParts makes it) of a 64-bit key, so that the general decoders apply. */
function wideKeyPart(kind: WideKind, lo: number, hi: number): number | string {
  if (kind === 'f64') {
    f64Halves[0] = lo;
    f64Halves[1] = hi;
    return f64[0] as number;
  }
  const h = kind === 'u64' ? hi >>> 0 : hi;
  return h < SAFE_HI && h >= -SAFE_HI ? h * 4294967296 + (lo >>> 0) : `b${h}:${lo >>> 0}`;
}

/**
 * The 64-bit key of every row of a column, as int32 halves (a view of the column's own buffer when it
 * is stored in 64 bits): integers, dates and times by their stored value, everything else by the bits of
 * its double with -0 folded into 0 (equal doubles, equal bits: NaN is missing and never keyed).
 */
function wideKeys(col: ColumnView, n: number): Int32Array {
  if (col.isDictionary) {
    const dict = col.dictionary();
    const entries = wideKeys(dict, dict.length);
    const idx = col.indices();
    const out = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const j = 2 * (idx[i] as number);
      out[2 * i] = entries[j] as number;
      out[2 * i + 1] = entries[j + 1] as number;
    }
    return out;
  }
  const raw = col.bigints();
  if (raw) return new Int32Array(raw.buffer, raw.byteOffset, 2 * n);
  const values = col.numbers().values;
  let doubles = values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  if (col.family === 'float') {
    for (let i = 0; i < n; i++) {
      if (doubles[i] === 0 && 1 / (doubles[i] as number) < 0) {
        if (doubles === values) doubles = Float64Array.from(doubles);
        doubles[i] = 0;
      }
    }
  }
  return new Int32Array(doubles.buffer, doubles.byteOffset, 2 * n);
}

/**
 * Counts the repeats a log operation meets into the state's `later`, keeping the lowest of them up to
 * the capture limit: returns the callback, and `done` to fold them into `later` afterwards.
 */
function repeatsInto(
  s: WideDupState,
  kind: WideKind,
  capture: Capture,
): { onRepeat: OnRepeat; done: () => void } {
  const { limit } = capture;
  const captured = s.later.rows;
  // a repeat above the last captured row cannot displace any once the capture is full
  const bound = captured.length >= limit ? (captured[captured.length - 1] ?? -1) : Number.POSITIVE_INFINITY;
  // most calls (a batch appended without a compaction) meet no repeat: the heap is made on the first
  let room: Lowest | undefined;
  let repeats = 0;
  const onRepeat: OnRepeat = (row, lo, hi) => {
    repeats++;
    if (row >= bound) return;
    room ??= new Lowest(limit);
    if (room.wants(row)) room.offer(row, lo, hi);
  };
  const done = () => {
    if (repeats === 0) return;
    const found: MapState = { ...emptyMapState(capture), unexpected: repeats };
    for (const [r, l, h] of room?.sorted() ?? []) {
      found.rows.push(r);
      found.values.push(wideKeyPart(kind, l, h));
    }
    s.later = mergeMapStates(s.later, found, limit);
  };
  return { onRepeat, done };
}

/**
 * Uniqueness of one fixed-width column (integers, floats, booleans, dates, times, timestamps) over a
 * partitioned log of the raw 64-bit values: the same results as the general path, in about 13 to 17
 * bytes per distinct value instead of a JS Map entry, a boxed number and a Set entry.
 */
function wideDuplicates(
  column: string,
  type: DataType,
  kind: WideKind,
  o: DuplicatesOptions,
): Metric<WideDupState, MapOutcome> {
  const { capture } = o;
  const limit = capture.limit;
  const decodePart = partDecoder(type);
  return {
    id: `duplicates:${JSON.stringify([o.domain, o.ignoreIf, limit, [], o.records ?? false])}`,
    columns: [column],
    heavy: true,
    init: () => ({ log: keyLog64(), later: emptyMapState(capture) }),
    update(s, b) {
      const n = b.numRows;
      const col = b.column(column);
      const valid = col.validity();
      let missing = 0;
      if (valid !== null) for (let i = 0; i < n; i++) missing += valid[i] === 0 ? 1 : 0;
      const r = repeatsInto(s, kind, capture);
      appendKeys(s.log, wideKeys(col, n), valid, n, b.rowOffset, b.keptRows, r.onRepeat);
      r.done();
      s.later.element += n;
      s.later.missing += missing;
      return s;
    },
    merge(a, b) {
      const r = repeatsInto(a, kind, capture);
      a.later = mergeMapStates(a.later, b.later, limit);
      mergeLogs(a.log, b.log, r.onRepeat);
      r.done();
      return a;
    },
    finish(s) {
      const r = repeatsInto(s, kind, capture);
      compactAll(s.log, r.onRepeat);
      r.done();
      const { count: repeated, lowest: firsts } = repeatedKeys(s.log, limit);
      const firstState: MapState = {
        ...emptyMapState(capture),
        unexpected: repeated,
        rows: firsts.map(([row]) => row),
        values: firsts.map(([, lo, hi]) => wideKeyPart(kind, lo, hi)),
      };
      const all = mergeMapStates(s.later, firstState, limit);
      all.values = all.values.map((k) => decodePart(k as DupKey));
      return finishMapState(all, true);
    },
  };
}
