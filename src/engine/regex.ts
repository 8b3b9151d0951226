import { RE2JS } from 're2js';
import { compileDfa, type DfaMatcher } from './regex-dfa.js';

/** Why a suite's regular expression cannot be used: it does not compile, or it cannot run in safe time. */
export class RegexError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid_regex' | 'unsafe_regex' = 'invalid_regex',
  ) {
    super(message);
  }
}

/** A compiled suite pattern; `test` searches (matches anywhere), as Python's `re.search`. */
export interface PythonRegex {
  test(s: string): boolean;
  /**
   * Searches the rows of a utf8 column in place, without making strings, when the pattern runs on the
   * DFA (see DfaMatcher.testUtf8Rows: rows it marks UNDECIDED need `test`).
   */
  testUtf8Rows?: DfaMatcher['testUtf8Rows'];
}

/**
 * Backtracking steps a search may take on one value: V8's engine runs a value only while the pattern's
 * worst case on it (length^(unbounded quantifiers + 1)) stays below this; longer values go to RE2.
 */
export const BACKTRACK_BUDGET = 1e4;
/** The worst case allowed for a pattern RE2 cannot run (look-arounds, back-references): longer values are refused. */
export const UNSAFE_BUDGET = 1e8;
/** A `{n,m}` repeat wider than this counts as unbounded in the worst-case estimate. */
const WIDE_REPEAT = 16;

/**
 * Whitespace as JS's `\s` (and Python's `\s` on str patterns, bar U+001C..U+001F) knows it, spelled out for
 * RE2, whose `\s` is ASCII only.
 */
const SPACE =
  '\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

/** A pattern written for both engines, and what its worst case on V8's backtracking engine looks like. */
interface Translated {
  /** Source for a JS RegExp. */
  js: string;
  /** Source for RE2 with the same meaning; undefined when the pattern needs what RE2 lacks. */
  re2: string | undefined;
  /** Quantifiers without a small upper bound (`*`, `+`, `{n,}`, wide `{n,m}`). */
  unbounded: number;
  /** A repeated group that itself repeats or alternates: V8 may take exponential time. */
  nested: boolean;
}

const cache = new Map<string, PythonRegex>();

/**
 * Compiles a Python `re` pattern for search (anywhere in the string), as GX matches, with Python's meaning
 * where JS's differs: named groups `(?P<n>...)` and back-references `(?P=n)`, `\A` and `\Z`, `$` (which
 * also matches before a final newline), `.` (everything but `\n`), `(?m)` line anchors (at `\n` only), a
 * `]` first in a class, and leading inline flags `(?i)`, `(?m)`, `(?s)`, `(?x)`. Not translated: Python's
 * Unicode meaning of `\d`, `\w` and `\b` (both engines keep them ASCII).
 *
 * Catastrophic backtracking is ruled out: a value runs on V8's engine only while the pattern's worst case
 * on it stays within BACKTRACK_BUDGET steps, else on RE2 (re2js), which takes linear time, and a pattern
 * that repeats a repeating group always runs on RE2. A pattern that needs look-arounds or back-references
 * (which RE2 lacks) is refused when it nests repeats, and a value too long for its worst case throws an
 * `unsafe_regex` RegexError (the expectation then reports it) instead of hanging.
 */
export function compilePythonRegex(pattern: string): PythonRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const e = regexEngines(pattern);
  const general = e.re2 ? hybrid(e.v8, e.re2, e.v8MaxLength) : backtrackingOnly(e);
  // plain regular patterns run on a DFA: linear time, and far faster per value than RE2
  const dfa = compileDfa(pattern);
  const matcher: PythonRegex = dfa
    ? {
        test: (s) => dfa.test(s) ?? general.test(s),
        testUtf8Rows: (bytes, offsets, valid, out) => dfa.testUtf8Rows(bytes, offsets, valid, out),
      }
    : general;
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, matcher);
  return matcher;
}

/** A suite pattern compiled for both engines, and how far V8's engine may be trusted with it. */
export interface RegexEngines {
  readonly pattern: string;
  readonly v8: RegExp;
  /** The same pattern for RE2; undefined when it needs what RE2 lacks (look-arounds, back-references). */
  readonly re2: RE2JS | undefined;
  /** Longest value V8 searches within the budget (RE2's when there is one, else UNSAFE_BUDGET); -1: none. */
  readonly v8MaxLength: number;
}

/** Compiles a Python pattern for V8 and RE2 (the parts of compilePythonRegex, for it and for tests). */
export function regexEngines(pattern: string): RegexEngines {
  let src = pattern;
  const flags = { i: false, m: false, s: false };
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const f of inline[1] as string) {
      if (f === 'i' || f === 'm' || f === 's') flags[f] = true;
      else if (f === 'x') src = stripVerbose(src);
    }
  }
  const t = translate(src, flags.m, flags.s);
  const jsFlags = `${flags.i ? 'i' : ''}${flags.s ? 's' : ''}`;
  let v8: RegExp;
  try {
    v8 = new RegExp(t.js, `${jsFlags}u`);
  } catch {
    try {
      v8 = new RegExp(t.js, jsFlags);
    } catch (e) {
      throw new RegexError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
    }
  }
  const re2 = t.re2 === undefined ? undefined : compileRe2(t.re2, flags);
  if (!re2 && t.nested) {
    throw new RegexError(
      `regular expression ${JSON.stringify(pattern)} repeats a group that itself repeats or alternates and ${NO_RE2}: it could take exponential time`,
      'unsafe_regex',
    );
  }
  const v8MaxLength = re2
    ? t.nested
      ? -1
      : safeLength(t.unbounded, BACKTRACK_BUDGET)
    : safeLength(t.unbounded, UNSAFE_BUDGET);
  return { pattern, v8, re2, v8MaxLength };
}

const NO_RE2 = 'uses look-arounds or back-references, which the linear-time engine (RE2) lacks';

/** The longest value whose worst case with `unbounded` quantifiers stays within `budget` steps. */
function safeLength(unbounded: number, budget: number): number {
  return unbounded === 0 ? Number.POSITIVE_INFINITY : Math.floor(budget ** (1 / (unbounded + 1)));
}

function compileRe2(source: string, flags: { i: boolean; m: boolean; s: boolean }): RE2JS | undefined {
  const f =
    (flags.i ? RE2JS.CASE_INSENSITIVE : 0) | (flags.m ? RE2JS.MULTILINE : 0) | (flags.s ? RE2JS.DOTALL : 0);
  try {
    return RE2JS.compile(source, f);
  } catch {
    // syntax RE2 reads differently or not at all: the pattern runs on V8 alone
    return undefined;
  }
}

/** V8 for the values it searches in bounded time, RE2 for the rest: RE2 is slower per value but linear. */
function hybrid(v8: RegExp, re2: RE2JS, limit: number): PythonRegex {
  if (limit === Number.POSITIVE_INFINITY) return v8;
  return { test: (s) => (s.length <= limit ? v8.test(s) : re2.test(s)) };
}

/** A pattern only V8 can run: values too long to search in bounded time are refused. */
function backtrackingOnly({ pattern, v8, v8MaxLength: limit }: RegexEngines): PythonRegex {
  if (limit === Number.POSITIVE_INFINITY) return v8;
  return {
    test(s) {
      if (s.length > limit) {
        throw new RegexError(
          `a value of ${s.length} characters is too long to search with ${JSON.stringify(pattern)} in bounded time (the pattern ${NO_RE2}; at most ${limit} characters)`,
          'unsafe_regex',
        );
      }
      return v8.test(s);
    },
  };
}

/**
 * The character class that opens with the `[` at src[i], as JS reads it and as RE2 reads it (undefined
 * when RE2 cannot say the same), and the index of its closing `]` (src.length when it never closes).
 * Python reads a `]` first in the class (after an optional `^`) as a literal, where JS would close an
 * empty class; a `[` inside is a literal, where RE2 would start a POSIX class.
 */
function readClass(src: string, i: number): [js: string, re2: string | undefined, end: number] {
  let js = '[';
  let re2: string | undefined = '[';
  let j = i + 1;
  if (src[j] === '^') {
    js += '^';
    re2 += '^';
    j++;
  }
  if (src[j] === ']') {
    js += '\\]';
    re2 += '\\]';
    j++;
  }
  for (; j < src.length; j++) {
    const c = src[j] as string;
    if (c === '\\') {
      const d = src[++j] ?? '';
      js += c + d;
      if (d === 's') re2 = re2 === undefined ? re2 : re2 + SPACE;
      else if (d === 'S' || d === 'b') re2 = undefined;
      else if (d === 'u') {
        const hex = unicodeEscape(src, j);
        if (hex) {
          js += hex;
          j += 4;
        }
        re2 = re2 === undefined ? re2 : re2 + (hex ? `\\x{${hex}}` : '\\u');
      } else re2 = re2 === undefined ? re2 : re2 + c + d;
    } else {
      js += c;
      if (re2 !== undefined) re2 += c === '[' ? '\\[' : c;
      if (c === ']') break;
    }
  }
  return [js, re2, j];
}

/** The 4 hex digits of a `\uXXXX` escape whose `u` is at src[i], if it is one. */
function unicodeEscape(src: string, i: number): string | undefined {
  const hex = src.slice(i + 1, i + 5);
  return /^[0-9a-fA-F]{4}$/.test(hex) ? hex : undefined;
}

/** The quantifier at src[i] (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`) as [text, max repeats], if there is one. */
function quantifierAt(src: string, i: number): [text: string, max: number] | undefined {
  const c = src[i];
  if (c === '*' || c === '+') return [c, Number.POSITIVE_INFINITY];
  if (c === '?') return [c, 1];
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
  return [m[0], max];
}

interface Group {
  /** Holds a quantifier (its own or a nested group's) or an alternation. */
  varies: boolean;
}

/**
 * Rewrites the Python-only syntax for JS and for RE2, and estimates the worst case: how many unbounded
 * quantifiers there are and whether a repeated group varies in length itself.
 */
function translate(src: string, multiline: boolean, dotAll: boolean): Translated {
  let js = '';
  let re2: string | undefined = '';
  // b is RE2's form of a, null where RE2 cannot say the same
  const emit = (a: string, b: string | null = a) => {
    js += a;
    re2 = re2 === undefined || b === null ? undefined : re2 + b;
  };
  const groups: Group[] = [{ varies: false }];
  let unbounded = 0;
  let nested = false;
  // the atom a quantifier would apply to varies in length (a group with a quantifier or alternation)
  let lastVaries = false;
  // a quantified anchor: RE2 reads it differently from Python and V8, so such a pattern runs on V8 alone
  let lastAnchor = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    const top = groups[groups.length - 1] as Group;
    const q = quantifierAt(src, i);
    if (q) {
      const [text, max] = q;
      let n = text.length;
      if (src[i + n] === '?') n++;
      emit(src.slice(i, i + n), lastAnchor ? null : src.slice(i, i + n));
      i += n - 1;
      if (max > 1 && lastVaries) nested = true;
      if (max > WIDE_REPEAT) unbounded++;
      top.varies = true;
      lastVaries = false;
      continue;
    }
    lastVaries = false;
    lastAnchor = c === '^' || c === '$' || (c === '\\' && /[AZbB]/.test(src[i + 1] ?? ''));
    if (c === '\\') {
      const d = src[++i] ?? '';
      if (d === 'A') emit('^', '\\A');
      else if (d === 'Z') emit('$', '\\z');
      else if (d === 's') emit('\\s', `[${SPACE}]`);
      else if (d === 'S') emit('\\S', `[^${SPACE}]`);
      else if (d === 'u' && unicodeEscape(src, i)) {
        const hex = unicodeEscape(src, i) as string;
        emit(`\\u${hex}`, `\\x{${hex}}`);
        i += 4;
      } else if (/[1-9]/.test(d)) emit(c + d, null);
      else emit(c + d);
    } else if (c === '[') {
      const [cls, cls2, end] = readClass(src, i);
      emit(cls, cls2);
      i = end;
    } else if (c === '.' && !dotAll) {
      emit('[^\\n]');
    } else if (c === '$') {
      // JS never gets the m flag, so its ^ and $ anchor the input; Python's $ also matches before a
      // final newline (and, with (?m), before any \n, never another line break as JS's m would)
      // RE2 has no look-ahead: its form consumes the newline, which is right only where nothing follows
      if (multiline) emit('(?=\\n|$)', '$');
      else emit('(?=\\n?$)', endsMatch(src, i + 1) ? '(?:\\n?\\z)' : null);
    } else if (c === '^' && multiline) {
      emit('(?<![^\\n])', '^');
    } else if (c === '(') {
      groups.push({ varies: false });
      const special = /^\?(P<|P=|<=|<!|=|!|[a-zA-Z-]*:|<)?/.exec(src.slice(i + 1, i + 16))?.[0] ?? '';
      if (special === '?P<') emit('(?<', '(?P<');
      else if (special === '?P=' && src.indexOf(')', i) > 0) {
        const end = src.indexOf(')', i);
        emit(`\\k<${src.slice(i + 4, end)}>`, null);
        groups.pop();
        i = end;
        continue;
      } else if (/^\?(<=|<!|=|!)$/.test(special)) emit(`(${special}`, null);
      else emit(`(${special}`);
      i += special.length;
    } else if (c === ')') {
      emit(c);
      if (groups.length > 1) {
        const g = groups.pop() as Group;
        lastVaries = g.varies;
        if (g.varies) (groups[groups.length - 1] as Group).varies = true;
      }
    } else if (c === '|') {
      emit(c);
      top.varies = true;
    } else {
      emit(c);
    }
  }
  return { js, re2, unbounded, nested };
}

/** True when nothing can follow position i of src in a match: only group ends and other alternatives. */
function endsMatch(src: string, i: number): boolean {
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '|') j = groupEnd(src, j + 1);
    else if (c !== ')') return false;
  }
  return true;
}

/** Index of the `)` that closes the group open at position i (src.length at the top level). */
function groupEnd(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') j = readClass(src, j)[2];
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return j;
  }
  return src.length;
}

/** Drops the whitespace and `#` comments of a verbose pattern, outside escapes and character classes. */
function stripVerbose(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      out += c + (src[++i] ?? '');
    } else if (c === '[') {
      const [cls, , end] = readClass(src, i);
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
