/**
 * Record batches that cross from the Parquet decoder's thread as their Arrow buffers copied into one
 * ArrayBuffer (the "flat" form), instead of as an Arrow IPC stream. The decoder thread reads the buffers
 * straight out of the WebAssembly memory through the Arrow C data interface and copies each once; this
 * side wraps them in apache-arrow Data without copying. Unlike an IPC stream, the ArrayBuffer can go back
 * to the decoder to carry a later batch: fresh buffers of a few MB per batch cost page faults in the
 * decoder and, here, a mark-compact collection every ~60 MB of them (measured: 0.8 s of a 10M-row scan).
 *
 * Only flat column types take this path (no nested ones): fixed-width, boolean, (large) strings and
 * binaries, and dictionaries of those. The layout each column is read with comes from the file's schema
 * (`wantOf`), and the decoder thread checks the formats a stream's batches declare against it before
 * reading any of them this way, so a batch is never read with a layout it does not have.
 */
import {
  type Data,
  DataType,
  type Field,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  type TimeUnit,
  Type,
  Vector,
} from 'apache-arrow';
import { fixedValueBytes } from '../arrow/types.js';

/** How the decoder thread reads a column: its C data interface format and its layout. */
export interface FlatWant {
  /** The format string the column's schema must declare (for a dictionary: its indices'). */
  format: string;
  /** 'fixed' values of `width` bytes, 'bits' (booleans), 'var32'/'var64' offsets with bytes after. */
  layout: 'fixed' | 'bits' | 'var32' | 'var64';
  width: number;
  /** The dictionary's values, for a dictionary column. */
  dictionary?: FlatWant;
}

/** A buffer as [byte offset, byte length] in the batch's ArrayBuffer; null when absent. */
export type FlatBuffer = [at: number, bytes: number] | null;

/** One column of a flat batch, as the C data interface describes it (buffers in its order). */
export interface FlatArray {
  length: number;
  /** -1 when the decoder did not count them. */
  nullCount: number;
  offset: number;
  buffers: FlatBuffer[];
  dictionary: FlatArray | null;
}

/** A batch in the flat form: its rows, and its columns with their names, in the stream's order. */
export interface FlatBatch {
  length: number;
  names: string[];
  columns: FlatArray[];
}

const UNIT = ['s', 'm', 'u', 'n'];

/** The C data interface format of a flat type; undefined for others. */
function formatOf(type: DataType): string | undefined {
  const t = type as DataType & Record<string, unknown>;
  switch (type.typeId) {
    case Type.Bool:
      return 'b';
    case Type.Int: {
      const code = ({ 8: 'c', 16: 's', 32: 'i', 64: 'l' } as Record<number, string>)[t.bitWidth as number];
      return code && (t.isSigned ? code : code.toUpperCase());
    }
    case Type.Float:
      return ['e', 'f', 'g'][t.precision as number];
    case Type.Utf8:
      return 'u';
    case Type.Binary:
      return 'z';
    case Type.LargeUtf8:
      return 'U';
    case Type.LargeBinary:
      return 'Z';
    case Type.FixedSizeBinary:
      return `w:${t.byteWidth}`;
    case Type.Decimal:
      return t.bitWidth === 128 ? `d:${t.precision},${t.scale}` : undefined;
    case Type.Date:
      return t.unit === 0 ? 'tdD' : 'tdm';
    case Type.Time:
      return `tt${UNIT[t.unit as TimeUnit]}`;
    case Type.Timestamp:
      return `ts${UNIT[t.unit as TimeUnit]}:${(t.timezone as string | null | undefined) ?? ''}`;
    case Type.Duration:
      return `tD${UNIT[t.unit as TimeUnit]}`;
    default:
      return undefined;
  }
}

/** How the decoder thread reads a column of this type in the flat form; undefined when it cannot. */
export function wantOf(type: DataType): FlatWant | undefined {
  if (DataType.isDictionary(type)) {
    const indices = wantOf(type.indices);
    const values = DataType.isDictionary(type.dictionary) ? undefined : wantOf(type.dictionary);
    if (!indices || !values) return undefined;
    return { ...indices, dictionary: values };
  }
  const format = formatOf(type);
  if (format === undefined) return undefined;
  if (format === 'b') return { format, layout: 'bits', width: 0 };
  const width = fixedValueBytes(type);
  if (width > 0) return { format, layout: 'fixed', width };
  return { format, layout: format === 'U' || format === 'Z' ? 'var64' : 'var32', width: 0 };
}

/** Column `node` of a flat batch as apache-arrow Data of `type` (views over `buffer`, no copies). */
function dataOf(node: FlatArray, type: DataType, buffer: ArrayBuffer): Data {
  const view = (b: FlatBuffer | undefined) => (b ? new Uint8Array(buffer, b[0], b[1]) : undefined);
  const [validity, first, second] = node.buffers;
  const nullBitmap = view(validity);
  const props = {
    type,
    length: node.length,
    offset: node.offset,
    nullCount: nullBitmap ? node.nullCount : 0,
    nullBitmap,
  };
  if (DataType.isDictionary(type)) {
    if (!node.dictionary) throw new Error('a dictionary column came without its dictionary');
    const dictionary = new Vector([dataOf(node.dictionary, type.dictionary, buffer)]);
    return makeData({ ...props, data: view(first), dictionary } as Parameters<typeof makeData>[0]);
  }
  if (node.buffers.length === 3) {
    // an empty column may come without an offsets buffer
    const ends = node.offset + node.length + 1;
    const wide = type.typeId === Type.LargeUtf8 || type.typeId === Type.LargeBinary;
    const valueOffsets = view(first) ?? (wide ? new BigInt64Array(ends) : new Int32Array(ends));
    return makeData({ ...props, valueOffsets, data: view(second) } as Parameters<typeof makeData>[0]);
  }
  return makeData({ ...props, data: view(first) } as Parameters<typeof makeData>[0]);
}

/** A flat batch as a RecordBatch, its columns typed as the fields `fieldOf` names them (the file's schema). */
export function batchFromFlat(
  flat: FlatBatch,
  buffer: ArrayBuffer,
  fieldOf: (name: string) => Field | undefined,
): RecordBatch {
  const fields = flat.names.map((name) => {
    const field = fieldOf(name);
    if (!field) throw new Error(`a batch came with column "${name}", which the schema does not have`);
    return field;
  });
  const children = flat.columns.map((c, i) => dataOf(c, (fields[i] as Field).type, buffer));
  const schema = new Schema(fields);
  return new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length: flat.length, nullCount: 0, children }),
  );
}
