/** Error raised when a suite's regular expression cannot be compiled. */
export class RegexError extends Error {
  readonly code = 'invalid_regex';
}

const cache = new Map<string, RegExp>();

/**
 * Compiles a Python `re` pattern to a JS RegExp with the same meaning where the two agree:
 * named groups `(?P<n>...)` and back-references `(?P=n)`, `\A` and `\Z`, `$` (which in Python also
 * matches before a final newline), a `]` first in a class, and leading inline flags `(?i)`, `(?m)`,
 * `(?s)`, `(?x)`. Matching uses search semantics (anywhere in the string), as GX does. Not translated:
 * Python's Unicode meaning of `\d`, `\w` and `\b` (JS keeps them ASCII).
 */
export function compilePythonRegex(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let src = pattern;
  let flags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const f of inline[1] as string) {
      if (f === 'i' || f === 'm' || f === 's') flags += flags.includes(f) ? '' : f;
      else if (f === 'x') src = stripVerbose(src);
    }
  }
  src = translate(src, flags.includes('m'));
  let re: RegExp;
  try {
    re = new RegExp(src, `${flags}u`);
  } catch {
    try {
      re = new RegExp(src, flags);
    } catch (e) {
      throw new RegexError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}

/**
 * The character class that opens with the `[` at src[i], as JS reads it, and the index of its closing
 * `]` (src.length when it never closes). Escapes inside are copied unchanged; Python reads a `]` first in
 * the class (after an optional `^`) as a literal, where JS would close an empty class.
 */
function readClass(src: string, i: number): [text: string, end: number] {
  let out = '[';
  let j = i + 1;
  if (src[j] === '^') out += src[j++];
  if (src[j] === ']') {
    out += '\\]';
    j++;
  }
  for (; j < src.length; j++) {
    const c = src[j] as string;
    if (c === '\\') out += c + (src[++j] ?? '');
    else {
      out += c;
      if (c === ']') break;
    }
  }
  return [out, j];
}

/** Rewrites the Python-only syntax outside character classes; other escapes are copied unchanged. */
function translate(src: string, multiline: boolean): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      const d = src[++i] ?? '';
      // lookarounds rather than ^ and $, which (?m) would turn into line anchors
      if (d === 'A') out += '(?<![\\s\\S])';
      else if (d === 'Z') out += '(?![\\s\\S])';
      else out += c + d;
    } else if (c === '[') {
      const [cls, end] = readClass(src, i);
      out += cls;
      i = end;
    } else if (c === '$' && !multiline) {
      out += '(?=\\n?(?![\\s\\S]))';
    } else if (c === '(' && src.startsWith('?P<', i + 1)) {
      out += '(?<';
      i += 3;
    } else if (c === '(' && src.startsWith('?P=', i + 1) && src.indexOf(')', i) > 0) {
      const end = src.indexOf(')', i);
      out += `\\k<${src.slice(i + 4, end)}>`;
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

/** Drops the whitespace and `#` comments of a verbose pattern, outside escapes and character classes. */
function stripVerbose(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      out += c + (src[++i] ?? '');
    } else if (c === '[') {
      const [cls, end] = readClass(src, i);
      out += cls;
      i = end;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}
