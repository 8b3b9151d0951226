import { gzipSync } from 'node:zlib';

/**
 * Hand-made Parquet files for the memory-limit tests: a small Thrift compact-protocol writer, enough for one
 * flat column of one row group with a dictionary page and one RLE_DICTIONARY data page, so that a test can
 * state any sizes it likes in the footer and the page headers (parquet-wasm's writer only writes true ones).
 */

/** A Thrift compact field: its id, then the value with its compact type. */
type Value =
  | { t: 'i32'; v: number }
  | { t: 'i64'; v: number }
  | { t: 'bin'; v: Uint8Array | string }
  | { t: 'list'; elem: 'i32' | 'bin' | 'struct'; v: Value[] }
  | { t: 'struct'; v: Field[] };
type Field = [id: number, value: Value];

const COMPACT: Readonly<Record<Value['t'], number>> = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 };

function varint(out: number[], n: bigint): void {
  let x = n;
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}

const zigzag = (n: number) => {
  const b = BigInt(n);
  return b >= 0n ? b << 1n : (-b << 1n) - 1n;
};

function write(out: number[], value: Value): void {
  switch (value.t) {
    case 'i32':
    case 'i64':
      varint(out, zigzag(value.v));
      return;
    case 'bin': {
      const bytes = typeof value.v === 'string' ? new TextEncoder().encode(value.v) : value.v;
      varint(out, BigInt(bytes.length));
      for (const b of bytes) out.push(b);
      return;
    }
    case 'list': {
      const n = value.v.length;
      const type = COMPACT[value.elem];
      if (n < 15) out.push((n << 4) | type);
      else {
        out.push(0xf0 | type);
        varint(out, BigInt(n));
      }
      for (const v of value.v) write(out, v);
      return;
    }
    case 'struct': {
      let last = 0;
      for (const [id, v] of value.v) {
        out.push(((id - last) << 4) | COMPACT[v.t]);
        last = id;
        write(out, v);
      }
      out.push(0);
    }
  }
}

const i32 = (v: number): Value => ({ t: 'i32', v });
const i64 = (v: number): Value => ({ t: 'i64', v });
const bin = (v: Uint8Array | string): Value => ({ t: 'bin', v });
const struct = (...v: Field[]): Value => ({ t: 'struct', v });
const thrift = (value: Value) => {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
};

/** Parquet enum values used here. */
const TYPE = { DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const PLAIN = 0;
const RLE = 3;
const RLE_DICTIONARY = 8;
const CODEC = { UNCOMPRESSED: 0, GZIP: 2 } as const;

/** What the crafted file holds and what it says about itself. */
export interface DictionaryBomb {
  /** The column's physical type: DOUBLE (one value) or BYTE_ARRAY as UTF-8 text (one string). */
  readonly type: 'double' | 'utf8';
  /** Bytes of the one dictionary string (utf8), made of 'a's. */
  readonly valueBytes?: number;
  /** Rows: every row is index 0 of the dictionary. */
  readonly rows: number;
  /** Codec of both pages. */
  readonly codec: 'uncompressed' | 'gzip';
  /**
   * Uncompressed size the data page's header states (its true size when absent): a page header that
   * claims a huge page.
   */
  readonly claimedPageBytes?: number;
}

/** Bytes of a Parquet file of one required column whose rows all repeat one dictionary value. */
export function dictionaryBomb(spec: DictionaryBomb): Uint8Array {
  const codec = spec.codec === 'gzip' ? CODEC.GZIP : CODEC.UNCOMPRESSED;
  const pack = (raw: Uint8Array) =>
    codec === CODEC.GZIP ? new Uint8Array(gzipSync(raw, { level: 9 })) : raw;
  // dictionary page: PLAIN values
  let dictRaw: Uint8Array;
  if (spec.type === 'double') {
    dictRaw = new Uint8Array(8);
    new DataView(dictRaw.buffer).setFloat64(0, 1.5, true);
  } else {
    const n = spec.valueBytes ?? 1;
    dictRaw = new Uint8Array(4 + n).fill(0x61);
    new DataView(dictRaw.buffer).setInt32(0, n, true);
  }
  // data page of a required column: no levels, then the index bit width (1) and one RLE run of zeros
  const run: number[] = [1];
  varint(run, BigInt(spec.rows) << 1n);
  run.push(0);
  const dataRaw = Uint8Array.from(run);
  const dict = pack(dictRaw);
  const data = pack(dataRaw);
  const dictHeader = thrift(
    struct(
      [1, i32(2)],
      [2, i32(dictRaw.length)],
      [3, i32(dict.length)],
      [7, struct([1, i32(1)], [2, i32(PLAIN)])],
    ),
  );
  const dataHeader = thrift(
    struct(
      [1, i32(0)],
      [2, i32(spec.claimedPageBytes ?? dataRaw.length)],
      [3, i32(data.length)],
      [5, struct([1, i32(spec.rows)], [2, i32(RLE_DICTIONARY)], [3, i32(RLE)], [4, i32(RLE)])],
    ),
  );
  const dictOffset = 4;
  const dataOffset = dictOffset + dictHeader.length + dict.length;
  const end = dataOffset + dataHeader.length + data.length;
  const uncompressed = dictHeader.length + dictRaw.length + dataHeader.length + dataRaw.length;
  const physical = spec.type === 'double' ? TYPE.DOUBLE : TYPE.BYTE_ARRAY;
  const column: Field[] = [
    [1, i32(physical)],
    [4, bin('x')],
    [3, i32(0)],
  ];
  if (spec.type === 'utf8') column.push([6, i32(0)]);
  column.sort((a, b) => a[0] - b[0]);
  const footer = thrift(
    struct(
      [1, i32(1)],
      [2, { t: 'list', elem: 'struct', v: [struct([4, bin('schema')], [5, i32(1)]), struct(...column)] }],
      [3, i64(spec.rows)],
      [
        4,
        {
          t: 'list',
          elem: 'struct',
          v: [
            struct(
              [
                1,
                {
                  t: 'list',
                  elem: 'struct',
                  v: [
                    struct(
                      [2, i64(dictOffset)],
                      [
                        3,
                        struct(
                          [1, i32(physical)],
                          [2, { t: 'list', elem: 'i32', v: [i32(PLAIN), i32(RLE), i32(RLE_DICTIONARY)] }],
                          [3, { t: 'list', elem: 'bin', v: [bin('x')] }],
                          [4, i32(codec)],
                          [5, i64(spec.rows)],
                          [6, i64(uncompressed)],
                          [7, i64(end - dictOffset)],
                          [9, i64(dataOffset)],
                          [11, i64(dictOffset)],
                        ),
                      ],
                    ),
                  ],
                },
              ],
              [2, i64(uncompressed)],
              [3, i64(spec.rows)],
            ),
          ],
        },
      ],
      [6, bin('expect-check test/reliability/craft.ts')],
    ),
  );
  const magic = new TextEncoder().encode('PAR1');
  const out = new Uint8Array(end + footer.length + 8);
  out.set(magic, 0);
  out.set(dictHeader, dictOffset);
  out.set(dict, dictOffset + dictHeader.length);
  out.set(dataHeader, dataOffset);
  out.set(data, dataOffset + dataHeader.length);
  out.set(footer, end);
  new DataView(out.buffer).setUint32(end + footer.length, footer.length, true);
  out.set(magic, end + footer.length + 4);
  return out;
}
