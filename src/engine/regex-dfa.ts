/**
 * A linear-time matcher for the plain regular subset of Python patterns that most suites use (literals,
 * classes, `.`, groups, alternation, quantifiers, `^`/`\A` at the start and `$`/`\Z` at the end), as a
 * DFA built lazily over ASCII code units. It searches as `re.search` does in one left-to-right pass with
 * one table look-up per character, where the backtracking engine would need a worst-case guard and RE2
 * (re2js) costs hundreds of nanoseconds per value. Anything outside the subset (flags, look-arounds,
 * back-references, `\b`, `\s`, non-ASCII pattern text) is left to the general engines.
 */

/** Character classes of the DFA: the 128 ASCII code units, then every other one. */
const CLASSES = 129;
const OTHER = 128;
/** NFA states a pattern may compile to; larger (e.g. wide bounded repeats) ones go to the general engines. */
const MAX_NFA = 4096;
/** DFA states built before the matcher stops caching new ones (each costs CLASSES int32 words). */
const MAX_DFA = 4096;

/** A set of DFA character classes. */
type CharSet = Uint8Array;

/** Thompson NFA: state s moves on `set[s]` to `next[s]`, or (no set) jumps by epsilon to `eps[s]`. */
interface Nfa {
  set: (CharSet | null)[];
  next: number[];
  eps: number[][];
}

/** A fragment of NFA with its entry state and the states whose `next` is still to be patched. */
interface Frag {
  start: number;
  /** Epsilon states to which the continuation is added, and char states whose next is set. */
  outs: number[];
}

class Unsupported extends Error {}

/** Parses the subset into an NFA; throws Unsupported for anything else. */
class Parser {
  i = 0;
  readonly nfa: Nfa = { set: [], next: [], eps: [] };

  constructor(readonly src: string) {}

  state(set: CharSet | null): number {
    if (this.nfa.set.length >= MAX_NFA) throw new Unsupported();
    this.nfa.set.push(set);
    this.nfa.next.push(-1);
    this.nfa.eps.push([]);
    return this.nfa.set.length - 1;
  }

  patch(outs: readonly number[], to: number): void {
    for (const s of outs) {
      if (this.nfa.set[s]) this.nfa.next[s] = to;
      else this.nfa.eps[s]?.push(to);
    }
  }

  /** An empty fragment (matches the empty string). */
  empty(): Frag {
    const s = this.state(null);
    return { start: s, outs: [s] };
  }

  alternation(): Frag {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    if (alts.length === 1) return alts[0] as Frag;
    const s = this.state(null);
    for (const a of alts) this.nfa.eps[s]?.push(a.start);
    return { start: s, outs: alts.flatMap((a) => a.outs) };
  }

  sequence(): Frag {
    let frag: Frag | undefined;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atomStart = this.i;
      const atom = this.atom();
      const f = this.quantified(atom, atomStart);
      if (frag) this.patch(frag.outs, f.start);
      frag = frag ? { start: frag.start, outs: f.outs } : f;
    }
    return frag ?? this.empty();
  }

  /** The atom at the cursor as a builder, so that a quantifier can instantiate it several times. */
  atom(): () => Frag {
    const c = this.src[this.i] as string;
    if (c === '(') {
      this.i++;
      if (this.src[this.i] === '?') {
        if (this.src[this.i + 1] !== ':') throw new Unsupported();
        this.i += 2;
      }
      const from = this.i;
      // parse once to find the group's extent; each instance re-parses its text
      this.alternation();
      if (this.src[this.i] !== ')') throw new Unsupported();
      const to = this.i++;
      return () => this.sub(from, to);
    }
    if (isQuantifier(c) || c === ')' || c === '^' || c === '$') throw new Unsupported();
    const set = this.charSet();
    return () => {
      const s = this.state(set);
      return { start: s, outs: [s] };
    };
  }

  /** A fresh fragment for src[from, to): the body of a group. */
  sub(from: number, to: number): Frag {
    const saved = this.i;
    this.i = from;
    const f = this.alternation();
    if (this.i !== to) throw new Unsupported();
    this.i = saved;
    return f;
  }

  quantified(atom: () => Frag, atomStart: number): Frag {
    const c = this.src[this.i];
    let min = 1;
    let max = 1;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Number.POSITIVE_INFINITY;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) {
        // Python reads a `{` that starts no repeat as a literal
        if (atomStart === this.i) throw new Unsupported();
        return atom();
      }
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
      if (max < min) throw new Unsupported();
    } else {
      return atom();
    }
    // laziness does not change whether a match exists; possessive repeats are not Python < 3.11
    if (this.src[this.i] === '?') this.i++;
    if (isQuantifier(this.src[this.i])) throw new Unsupported();
    let frag: Frag | undefined;
    const append = (f: Frag) => {
      if (frag) this.patch(frag.outs, f.start);
      frag = frag ? { start: frag.start, outs: f.outs } : f;
    };
    for (let k = 0; k < min; k++) append(atom());
    if (max === Number.POSITIVE_INFINITY) {
      const body = atom();
      const loop = this.state(null);
      this.nfa.eps[loop]?.push(body.start);
      this.patch(body.outs, loop);
      append({ start: loop, outs: [loop] });
    } else {
      // optional copies: each may end the repeat
      const ends: number[] = [];
      for (let k = min; k < max; k++) {
        const gate = this.state(null);
        ends.push(gate);
        const body = atom();
        this.nfa.eps[gate]?.push(body.start);
        append({ start: gate, outs: body.outs });
      }
      if (frag) frag = { start: frag.start, outs: [...frag.outs, ...ends] };
    }
    return frag ?? this.empty();
  }

  /** The set of one character atom: a literal, an escape, `.` or a class. */
  charSet(): CharSet {
    const c = this.src[this.i] as string;
    if (c === '.') {
      this.i++;
      return complement(only(10));
    }
    if (c === '[') return this.bracket();
    if (c === '\\') {
      this.i++;
      return this.escape(false);
    }
    this.i++;
    return literal(c);
  }

  /** The escape after a backslash: a class shorthand or an escaped punctuation character. */
  escape(inClass: boolean): CharSet {
    const d = this.src[this.i++] ?? '';
    switch (d) {
      case 'd':
        return range(48, 57);
      case 'D':
        return complement(range(48, 57));
      case 'w':
        return word();
      case 'W':
        return complement(word());
      case 'n':
        return only(10);
      case 't':
        return only(9);
      case 'r':
        return only(13);
      case 'f':
        return only(12);
      case 'v':
        return only(11);
    }
    if (inClass && d === 'b') return only(8);
    // escaped punctuation is itself; letters and digits mean something else (\b, \s, \1, \x, \u...)
    if (/^[!-/:-@[-`{-~]$/.test(d)) return literal(d);
    throw new Unsupported();
  }

  bracket(): CharSet {
    this.i++;
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const set = new Uint8Array(CLASSES);
    let first = true;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) throw new Unsupported();
      // a `]` first in the class is a literal in Python
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[') throw new Unsupported();
      const lo = this.classAtom();
      if (typeof lo === 'number' && this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== 'number' || hi < lo) throw new Unsupported();
        for (let k = lo; k <= hi; k++) set[k] = 1;
      } else if (typeof lo === 'number') set[lo] = 1;
      else for (let k = 0; k < CLASSES; k++) if (lo[k]) set[k] = 1;
    }
    return negate ? complement(set) : set;
  }

  /** One member of a class: a code unit, or a shorthand's set. */
  classAtom(): number | CharSet {
    const c = this.src[this.i] as string;
    if (c === '\\') {
      this.i++;
      const s = this.escape(true);
      const members = [...s.keys()].filter((k) => s[k]);
      return members.length === 1 && members[0] !== OTHER ? (members[0] as number) : s;
    }
    this.i++;
    const code = c.charCodeAt(0);
    if (code >= OTHER) throw new Unsupported();
    return code;
  }
}

function isQuantifier(c: string | undefined): boolean {
  return c === '*' || c === '+' || c === '?' || c === '{';
}

function only(code: number): CharSet {
  const s = new Uint8Array(CLASSES);
  s[code] = 1;
  return s;
}

function literal(c: string): CharSet {
  const code = c.charCodeAt(0);
  if (code >= OTHER) throw new Unsupported();
  return only(code);
}

function range(lo: number, hi: number): CharSet {
  const s = new Uint8Array(CLASSES);
  for (let k = lo; k <= hi; k++) s[k] = 1;
  return s;
}

function word(): CharSet {
  const s = range(48, 57);
  for (let k = 65; k <= 90; k++) s[k] = 1;
  for (let k = 97; k <= 122; k++) s[k] = 1;
  s[95] = 1;
  return s;
}

function complement(s: CharSet): CharSet {
  return s.map((x) => (x ? 0 : 1));
}

/** A compiled pattern: `test` searches a string; undefined from it means "ask the general engine". */
export interface DfaMatcher {
  test(s: string): boolean | undefined;
  /**
   * Searches the UTF-8 text of rows [0, out.length) of a string column (row i at bytes[offsets[i],
   * offsets[i + 1]), one step per code point) without making strings: writes 1 (match), 0, or UNDECIDED
   * where the general engine must answer; rows that `valid` marks missing are left as they are.
   */
  testUtf8Rows(bytes: Uint8Array, offsets: Int32Array, valid: Uint8Array | null, out: Uint8Array): void;
}

/** testUtf8Rows' mark for a row it could not decide (its DFA cache was full). */
export const UNDECIDED = 2;

/**
 * Compiles a Python pattern of the plain regular subset to a lazily built DFA, or returns undefined when
 * the pattern needs more (the caller then uses the general engines). `test` returns undefined for a value
 * with characters outside the Basic Multilingual Plane, where a `.` would see two code units.
 */
export function compileDfa(pattern: string): DfaMatcher | undefined {
  let body = pattern;
  let atStart = false;
  let atEnd: 'none' | 'python$' | 'strict' = 'none';
  if (body.startsWith('^')) {
    atStart = true;
    body = body.slice(1);
  } else if (body.startsWith('\\A')) {
    atStart = true;
    body = body.slice(2);
  }
  if (body.endsWith('\\Z') && !body.endsWith('\\\\Z')) {
    atEnd = 'strict';
    body = body.slice(0, -2);
  } else if (body.endsWith('$') && !endsEscaped(body)) {
    atEnd = 'python$';
    body = body.slice(0, -1);
  }
  // `^a|b` anchors only its first alternative: such patterns are left to the general engines
  if ((atStart || atEnd !== 'none') && hasTopLevelBar(body)) return undefined;
  const p = new Parser(body);
  let frag: Frag;
  try {
    frag = p.alternation();
    if (p.i !== body.length) return undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const accept = p.state(null);
  p.patch(frag.outs, accept);
  return new Dfa(p.nfa, frag.start, accept, atStart, atEnd);
}

/** True when src alternates at its top level (outside groups, classes and escapes). */
function hasTopLevelBar(src: string): boolean {
  let depth = 0;
  for (let j = 0; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') {
      // skip the class: a `]` right after `[` or `[^` is a member
      j += src[j + 1] === '^' ? 2 : 1;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** True when the `$` that ends src is escaped (an odd run of backslashes before it). */
function endsEscaped(src: string): boolean {
  let k = 0;
  for (let j = src.length - 2; j >= 0 && src[j] === '\\'; j--) k++;
  return k % 2 === 1;
}

/** Column of a state's row that holds 1 when the state accepts. */
const ACCEPTS = CLASSES;
/** Width of a state's row in the transition table. */
const STRIDE = CLASSES + 1;

class Dfa implements DfaMatcher {
  /**
   * A row of STRIDE int32 per state, and states named by where their row starts (id * STRIDE), so that a
   * step is one load: trans[state + class] is the next state, -1 until computed.
   */
  private trans = new Int32Array(STRIDE * 64).fill(-1);
  private readonly sets: number[][] = [];
  private readonly ids = new Map<string, number>();
  private readonly start: number;
  private readonly startClosure: number[];
  /** The state without live threads (only reachable when the start is anchored), else -2. */
  private readonly dead: number;

  constructor(
    private readonly nfa: Nfa,
    startState: number,
    private readonly accept: number,
    private readonly anchoredStart: boolean,
    private readonly anchoredEnd: 'none' | 'python$' | 'strict',
  ) {
    this.startClosure = this.closure([startState]);
    this.start = this.intern(this.startClosure);
    this.dead = anchoredStart ? this.intern([]) : -2;
  }

  private closure(states: readonly number[]): number[] {
    const seen = new Uint8Array(this.nfa.set.length);
    const stack = [...states];
    const out: number[] = [];
    while (stack.length) {
      const s = stack.pop() as number;
      if (seen[s]) continue;
      seen[s] = 1;
      out.push(s);
      for (const t of this.nfa.eps[s] as number[]) stack.push(t);
    }
    return out.sort((a, b) => a - b);
  }

  private intern(states: number[]): number {
    const key = states.join(',');
    const hit = this.ids.get(key);
    if (hit !== undefined) return hit;
    const state = this.sets.length * STRIDE;
    this.sets.push(states);
    this.ids.set(key, state);
    if (state + STRIDE > this.trans.length) {
      const grown = new Int32Array(this.trans.length * 2).fill(-1);
      grown.set(this.trans);
      this.trans = grown;
    }
    this.trans[state + ACCEPTS] = states.includes(this.accept) ? 1 : 0;
    return state;
  }

  /** The DFA state after `state` reads class c, built on first use (-1: no cache room left). */
  private step(state: number, c: number): number {
    const moved: number[] = [];
    for (const s of this.sets[state / STRIDE] as number[]) {
      const set = this.nfa.set[s];
      if (set?.[c]) moved.push(this.nfa.next[s] as number);
    }
    // a search may start at every position: the start closure stays in every state
    if (!this.anchoredStart) moved.push(...this.startClosure);
    const next = this.closure(moved);
    if (this.sets.length >= MAX_DFA && !this.ids.has(next.join(','))) return -1;
    const id = this.intern(next);
    this.trans[state + c] = id;
    return id;
  }

  test(s: string): boolean | undefined {
    const n = s.length;
    const free = this.anchoredEnd === 'none';
    const dead = this.dead;
    let trans = this.trans;
    let st = this.start;
    for (let i = 0; i < n; i++) {
      if (trans[st + ACCEPTS] === 1) {
        if (free) return true;
        // Python's `$` also matches before a newline that ends the string
        if (this.anchoredEnd === 'python$' && i === n - 1 && s.charCodeAt(i) === 10) return true;
      }
      const code = s.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdfff) return undefined;
      const c = Math.min(code, OTHER);
      let next = trans[st + c] as number;
      if (next < 0) {
        next = this.step(st, c);
        if (next < 0) return undefined;
        trans = this.trans;
      }
      st = next;
      if (st === dead) return false;
    }
    return trans[st + ACCEPTS] === 1;
  }

  testUtf8Rows(bytes: Uint8Array, offsets: Int32Array, valid: Uint8Array | null, out: Uint8Array): void {
    const free = this.anchoredEnd === 'none';
    const python = this.anchoredEnd === 'python$';
    const dead = this.dead;
    const start = this.start;
    let trans = this.trans;
    rows: for (let r = 0; r < out.length; r++) {
      if (valid !== null && valid[r] === 0) continue;
      const begin = offsets[r] as number;
      const end = offsets[r + 1] as number;
      // Python's `$` also matches before a newline that ends the string: that newline is stepped last
      const newlineEnd = python && end > begin && bytes[end - 1] === 10;
      const stop = newlineEnd ? end - 1 : end;
      let st = start;
      for (let i = begin; i < stop; i++) {
        if (free && trans[st + ACCEPTS] === 1) break;
        const b = bytes[i] as number;
        // a code point is one step: its lead byte steps as OTHER, its continuation bytes are skipped
        if (b >= 0x80 && b < 0xc0) continue;
        const c = Math.min(b, OTHER);
        let next = trans[st + c] as number;
        if (next < 0) {
          next = this.step(st, c);
          if (next < 0) {
            out[r] = UNDECIDED;
            continue rows;
          }
          trans = this.trans;
        }
        st = next;
        if (st === dead) break;
      }
      if (newlineEnd && trans[st + ACCEPTS] !== 1 && st !== dead) {
        let next = trans[st + 10] as number;
        if (next < 0) {
          next = this.step(st, 10);
          if (next < 0) {
            out[r] = UNDECIDED;
            continue;
          }
          trans = this.trans;
        }
        st = next;
      }
      out[r] = trans[st + ACCEPTS] as number;
    }
  }
}
