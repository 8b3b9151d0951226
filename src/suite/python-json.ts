/**
 * JSON as Python's `json` module reads and writes it: standard JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity` outside strings. GX writes suites with these tokens, so both directions
 * need them; JSON.parse rejects them and JSON.stringify turns them into null.
 */
import { setOwn } from '../own.js';

/** A JSON syntax error with the 1-based line and column where it was found. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** 0-based offset into the text. */
    readonly offset: number,
  ) {
    super(message);
  }
}

// Deep nesting would overflow the stack of this recursive parser; no suite comes near it.
const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const KEYWORDS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
};

/** 1-based line and column (in UTF-16 code units) of an offset; \n, \r\n and \r end lines. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** True when text[start, end), a value just parsed, is a float literal: a fraction or exponent, NaN or ±Infinity. */
function isFloatLiteral(text: string, start: number, end: number): boolean {
  const c = text[start];
  return (
    (c === '-' || c === 'N' || c === 'I' || (c !== undefined && c >= '0' && c <= '9')) &&
    /[.eENI]/.test(text.slice(start, end))
  );
}

/** How parsePythonJson reports what the parsed values lose. */
export interface PythonJsonOptions {
  /**
   * Called for each object member (key: its name) and array element (key: its index) in the order
   * written, with whether the value was written as a float literal (`2.0`, `1e3`, NaN, Infinity): Python
   * keeps `2.0` a float where JS has the number 2, and keeps keys such as "0" in their written place.
   */
  readonly onMember?: (container: object, key: string | number, float: boolean) => void;
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly onMember: PythonJsonOptions['onMember'],
  ) {}

  parse(): unknown {
    this.ws();
    const value = this.value(0);
    this.ws();
    if (this.i < this.text.length) this.unexpected();
    return value;
  }

  private fail(message: string, at = this.i): never {
    const { line, column } = lineColumn(this.text, at);
    throw new JsonSyntaxError(message, line, column, at);
  }

  /** Names what stands at the current position, in the words of V8's classic JSON errors. */
  private unexpected(): never {
    const { text, i } = this;
    if (i >= text.length) this.fail('Unexpected end of input');
    const c = text[i] as string;
    if (c === '"') this.fail('Unexpected string');
    if (c === '-' || (c >= '0' && c <= '9')) this.fail('Unexpected number');
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word) this.fail(`Unexpected token ${word}`);
    const code = c.charCodeAt(0);
    this.fail(`Unexpected token ${code < 0x20 ? JSON.stringify(c).slice(1, -1) : c}`);
  }

  private ws(): void {
    const { text } = this;
    let i = this.i;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    }
    this.i = i;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('Nesting too deep');
    const { text } = this;
    const c = text[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' && text.startsWith('-Infinity', this.i)) {
      this.i += 9;
      return Number.NEGATIVE_INFINITY;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    WORD.lastIndex = this.i;
    const word = WORD.exec(text)?.[0];
    if (word !== undefined && Object.hasOwn(KEYWORDS, word)) {
      this.i += word.length;
      return KEYWORDS[word];
    }
    return this.unexpected();
  }

  private number(): number {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    // Digits always match, so only a lone minus sign gets here.
    if (!m) this.fail('No number after minus sign', this.i + 1);
    this.i += m[0].length;
    return Number(m[0]);
  }

  private string(): string {
    const { text } = this;
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = this.i;
      const run = PLAIN_RUN.exec(text)?.[0] ?? '';
      out += run;
      this.i += run.length;
      const c = text[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === undefined) this.fail('Unterminated string', start);
      if (c !== '\\') this.fail('Bad control character in string literal');
      const e = text[this.i + 1];
      if (e === 'u') {
        const hex = text.slice(this.i + 2, this.i + 6);
        if (!HEX4.test(hex)) this.fail('Bad Unicode escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.i += 6;
      } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        out += ESCAPES[e];
        this.i += 2;
      } else {
        if (e === undefined) this.fail('Unterminated string', start);
        this.fail('Bad escaped character', this.i + 1);
      }
    }
  }

  private expect(char: string): void {
    this.ws();
    if (this.text[this.i] !== char) this.unexpected();
    this.i++;
    this.ws();
  }

  /**
   * Reads the comma-separated entries of the container that opens at this position, up to `close`:
   * `entry` parses one, from its first character to the end of its value.
   */
  private entries(close: string, entry: () => void): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      entry();
      this.ws();
      const c = this.text[this.i];
      this.i++;
      if (c === close) return;
      if (c !== ',') {
        this.i--;
        this.unexpected();
      }
      this.ws();
    }
  }

  /** Parses a member's or element's value, reporting it to onMember. */
  private member(container: object, key: string | number, depth: number): unknown {
    const start = this.i;
    const value = this.value(depth + 1);
    this.onMember?.(container, key, isFloatLiteral(this.text, start, this.i));
    return value;
  }

  private object(depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.entries('}', () => {
      if (this.text[this.i] !== '"') this.unexpected();
      const key = this.string();
      this.expect(':');
      setOwn(obj, key, this.member(obj, key, depth));
    });
    return obj;
  }

  private array(depth: number): unknown[] {
    const arr: unknown[] = [];
    this.entries(']', () => {
      arr.push(this.member(arr, arr.length, depth));
    });
    return arr;
  }
}

/** Parses JSON that may contain Python's bare NaN, Infinity and -Infinity; throws JsonSyntaxError. */
export function parsePythonJson(text: string, options: PythonJsonOptions = {}): unknown {
  return new Parser(text, options.onMember).parse();
}

function writeNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  // Python writes negative zero as -0.0; plain "0" would lose the sign on the way back.
  if (Object.is(n, -0)) return '-0.0';
  return String(n);
}

/**
 * Writes a value as Python's json.dumps does (bare NaN/Infinity tokens), indented like
 * JSON.stringify(value, null, indent); indent 0 writes compactly. Undefined and functions are left
 * out of objects and become null in arrays, `toJSON` is honoured, bigints are written exactly.
 */
export function stringifyPythonJson(value: unknown, indent = 2): string {
  const ancestors = new Set<object>();
  const write = (v: unknown, pad: string): string | undefined => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return writeNumber(v);
      case 'bigint':
        return v.toString();
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (ancestors.has(obj)) throw new TypeError('cannot write a circular structure as JSON');
    ancestors.add(obj);
    const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
    const open = indent > 0 ? `\n${inner}` : '';
    const sep = indent > 0 ? `,\n${inner}` : ',';
    const close = indent > 0 ? `\n${pad}` : '';
    let out: string;
    if (Array.isArray(obj)) {
      const items = obj.map((x) => write(x, inner) ?? 'null');
      out = items.length ? `[${open}${items.join(sep)}${close}]` : '[]';
    } else {
      const colon = indent > 0 ? ': ' : ':';
      const items: string[] = [];
      for (const [k, x] of Object.entries(obj)) {
        const w = write(x, inner);
        if (w !== undefined) items.push(`${JSON.stringify(k)}${colon}${w}`);
      }
      out = items.length ? `{${open}${items.join(sep)}${close}}` : '{}';
    }
    ancestors.delete(obj);
    return out;
  };
  return write(value, '') ?? 'null';
}
