import {
  type Data,
  type DataType,
  makeData,
  makeVector,
  Type as T,
  Vector,
  vectorFromArray,
} from 'apache-arrow';

/**
 * Row compaction: the rows of a column chunk picked by an index array, as a new chunk of the same type.
 * This is the only code that switches on Arrow type ids for it. As everywhere in src/arrow, the values
 * of a chunk are indexed from its first row (apache-arrow slices value and offset buffers) while
 * validity bitmaps and boolean values are indexed from `data.offset`.
 */

/** The positions of the rows a mask keeps (1 = keep), ascending. */
export function maskIndices(mask: Uint8Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] as number;
  const out = new Uint32Array(n);
  let j = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[j++] = i;
  return out;
}

/** The rows `indices` of a column chunk, in that order, as a new chunk (offset 0) of the same type. */
export function takeData(data: Data, indices: Uint32Array): Data {
  const type = data.type as DataType;
  const length = indices.length;
  if (type.typeId === T.Null) return makeData({ type, length } as Parameters<typeof makeData>[0]);
  const validity = takeValidity(data, indices);
  const base = { type, length, nullCount: validity.nullCount, nullBitmap: validity.bitmap };
  switch (type.typeId) {
    case T.Bool:
      return make({ ...base, data: takeBits(data.values as Uint8Array, data.offset, indices) });
    case T.Int:
    case T.Float:
    case T.Date:
    case T.Timestamp:
    case T.Time:
    case T.Duration:
    case T.Decimal:
    case T.Interval:
    case T.FixedSizeBinary:
      return make({ ...base, data: takeFixed(data.values as TypedArray, data.stride, indices) });
    case T.Dictionary:
      return make({
        ...base,
        data: takeFixed(data.values as TypedArray, 1, indices),
        dictionary: data.dictionary,
      });
    case T.Utf8:
    case T.Binary:
    case T.LargeUtf8:
    case T.LargeBinary: {
      const { offsets, bytes } = takeVariable(
        data.valueOffsets as Int32Array | BigInt64Array,
        data.values as Uint8Array,
        indices,
      );
      return make({ ...base, valueOffsets: offsets, data: bytes });
    }
    default:
      return takeGeneric(data, indices);
  }
}

type TypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

function make(props: Record<string, unknown>): Data {
  return makeData(props as unknown as Parameters<typeof makeData>[0]);
}

/** The validity bitmap of the picked rows (undefined when none is null) and their null count. */
function takeValidity(
  data: Data,
  indices: Uint32Array,
): { bitmap: Uint8Array | undefined; nullCount: number } {
  const bm = data.nullBitmap;
  if (!bm || data.nullCount === 0) return { bitmap: undefined, nullCount: 0 };
  const bitmap = takeBits(bm, data.offset, indices);
  let valid = 0;
  for (let i = 0; i < bitmap.length; i++) valid += popcount(bitmap[i] as number);
  const nullCount = indices.length - valid;
  return nullCount === 0 ? { bitmap: undefined, nullCount: 0 } : { bitmap, nullCount };
}

function popcount(b: number): number {
  b -= (b >> 1) & 0x55;
  b = (b & 0x33) + ((b >> 2) & 0x33);
  return (b + (b >> 4)) & 0x0f;
}

/** Picks bits (LSB first, from bit `offset`); bits past the last row stay 0. */
function takeBits(bits: Uint8Array, offset: number, indices: Uint32Array): Uint8Array {
  const out = new Uint8Array((indices.length + 7) >> 3);
  for (let j = 0; j < indices.length; j++) {
    const k = offset + (indices[j] as number);
    if (((bits[k >> 3] as number) >> (k & 7)) & 1) out[j >> 3] = (out[j >> 3] as number) | (1 << (j & 7));
  }
  return out;
}

/**
 * Picks fixed-width rows of `stride` elements. The bytes move as 32-bit words where the width allows,
 * so 64-bit and decimal values are copied without a BigInt per row and float NaN payloads survive.
 */
function takeFixed(values: TypedArray, stride: number, indices: Uint32Array): TypedArray {
  const rowBytes = values.BYTES_PER_ELEMENT * stride;
  const W =
    rowBytes % 4 === 0 && values.byteOffset % 4 === 0
      ? Int32Array
      : rowBytes % 2 === 0 && values.byteOffset % 2 === 0
        ? Uint16Array
        : Uint8Array;
  const words = rowBytes / W.BYTES_PER_ELEMENT;
  const src = new W(values.buffer as ArrayBuffer, values.byteOffset, values.byteLength / W.BYTES_PER_ELEMENT);
  const n = indices.length;
  const out = new W(n * words);
  if (words === 1) {
    for (let j = 0; j < n; j++) out[j] = src[indices[j] as number] as number;
  } else if (words === 2) {
    for (let j = 0; j < n; j++) {
      const k = (indices[j] as number) * 2;
      out[2 * j] = src[k] as number;
      out[2 * j + 1] = src[k + 1] as number;
    }
  } else {
    for (let j = 0; j < n; j++) {
      const k = (indices[j] as number) * words;
      for (let w = 0; w < words; w++) out[j * words + w] = src[k + w] as number;
    }
  }
  const Ctor = values.constructor as new (
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ) => TypedArray;
  return new Ctor(out.buffer, 0, n * stride);
}

/**
 * Picks variable-width rows (utf8, binary and their large forms). Runs of consecutive rows move as one
 * block; large (64-bit) offsets are read and written through their 32-bit halves.
 */
function takeVariable(
  offsets: Int32Array | BigInt64Array,
  bytes: Uint8Array,
  indices: Uint32Array,
): { offsets: Int32Array | BigInt64Array; bytes: Uint8Array } {
  const large = offsets instanceof BigInt64Array;
  const src = large ? new Int32Array(offsets.buffer, offsets.byteOffset, offsets.length * 2) : offsets;
  const at = large
    ? (i: number) => ((src[2 * i] as number) >>> 0) + (src[2 * i + 1] as number) * 4294967296
    : (i: number) => src[i] as number;
  const n = indices.length;
  let total = 0;
  for (let j = 0; j < n; j++) {
    const i = indices[j] as number;
    total += at(i + 1) - at(i);
  }
  const outBytes = new Uint8Array(total);
  const outOffsets = new Float64Array(n + 1);
  let pos = 0;
  let j = 0;
  while (j < n) {
    const first = indices[j] as number;
    let last = first;
    let r = j + 1;
    while (r < n && indices[r] === last + 1) last = indices[r++] as number;
    const start = at(first);
    for (let k = j; k < r; k++) outOffsets[k] = pos + at(indices[k] as number) - start;
    const end = at(last + 1);
    outBytes.set(bytes.subarray(start, end), pos);
    pos += end - start;
    j = r;
  }
  outOffsets[n] = pos;
  if (!large) return { offsets: Int32Array.from(outOffsets), bytes: outBytes };
  const out = new BigInt64Array(n + 1);
  const halves = new Int32Array(out.buffer);
  for (let k = 0; k <= n; k++) {
    const v = outOffsets[k] as number;
    halves[2 * k] = v % 4294967296;
    halves[2 * k + 1] = Math.floor(v / 4294967296);
  }
  return { offsets: out, bytes: outBytes };
}

/** Nested and rare types go through apache-arrow's own values and builders. */
function takeGeneric(data: Data, indices: Uint32Array): Data {
  const vec = makeVector(data);
  const values = Array.from(indices, (i) => plain(vec.get(i)));
  return vectorFromArray(values, data.type).data[0] as Data;
}

/** A value read from a nested vector as plain JS (builders do not read vectors and row proxies back). */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof Date) return v;
  if (v instanceof Vector) return Array.from(v, plain);
  const json = (v as { toJSON?: () => unknown }).toJSON?.() ?? v;
  return Object.fromEntries(Object.entries(json as object).map(([k, x]) => [k, plain(x)]));
}
