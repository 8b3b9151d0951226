/**
 * A linear-time matcher for the plain regular subset of Python patterns that most suites use (literals,
 * classes, `.`, groups, alternation, quantifiers, `^`/`\A` at the start and `$`/`\Z` at the end), as a
 * DFA built lazily over ASCII code units. It searches as `re.search` does in one left-to-right pass with
 * one table look-up per character, where the backtracking engine would need a worst-case guard and RE2
 * (re2js) costs hundreds of nanoseconds per value. Anything outside the subset (flags, look-arounds,
 * back-references, `\b`, `\s`, non-ASCII pattern text) is left to the general engines.
 */

/** Code units the NFA's sets range over: the 128 ASCII ones, then every other one. */
const CLASSES = 129;
const OTHER = 128;
/** NFA states a pattern may compile to; larger (e.g. wide bounded repeats) ones go to the general engines. */
const MAX_NFA = 4096;
/** DFA states built before the matcher stops caching new ones (each costs 257 int32 words: 4 MB for all). */
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

/** Where a transition is not built yet, and what `step` answers when there is no cache room left for it. */
const UNBUILT = -1;
/** Column of a state's row that holds 1 when the state accepts (after one column per UTF-8 byte). */
const ACCEPTS = 256;
/** Width of a state's row in the transition table. */
const STRIDE = 257;

class Dfa implements DfaMatcher {
  /**
   * A row of STRIDE int32 per state, and states named by where their row starts (id * STRIDE), so that a
   * step is one load: trans[state + byte] is the entry of the next state, UNBUILT until computed. A lead
   * byte steps as OTHER and a continuation byte leads a state to itself, so a code point is one step; and
   * a state that decides the search (no live thread left, or an accept when the end is not anchored) is
   * entered as -2 - state, so that the hot loops catch every exception with one sign test.
   */
  private trans = new Int32Array(STRIDE * 16).fill(UNBUILT);
  private readonly sets: number[][] = [];
  private readonly ids = new Map<string, number>();
  /** The entry of the start state. */
  private readonly first: number;
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
    this.dead = anchoredStart ? this.intern([]) : -2;
    this.first = this.enter(this.intern(this.startClosure));
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
      const grown = new Int32Array(this.trans.length * 2).fill(UNBUILT);
      grown.set(this.trans);
      this.trans = grown;
    }
    this.trans.fill(state, state + 0x80, state + 0xc0);
    this.trans[state + ACCEPTS] = states.includes(this.accept) ? 1 : 0;
    return state;
  }

  /** The entry of `state`: negative when reaching it decides the search. */
  private enter(state: number): number {
    const decides = state === this.dead || (this.anchoredEnd === 'none' && this.trans[state + ACCEPTS] === 1);
    return decides ? -2 - state : state;
  }

  /** The entry after live `state` reads byte b, built on first use (UNBUILT: no cache room left). */
  private step(state: number, b: number): number {
    const known = this.trans[state + b] as number;
    if (known !== UNBUILT) return known;
    const code = Math.min(b, OTHER);
    const moved: number[] = [];
    for (const s of this.sets[state / STRIDE] as number[]) {
      const set = this.nfa.set[s];
      if (set?.[code]) moved.push(this.nfa.next[s] as number);
    }
    // a search may start at every position: the start closure stays in every state
    if (!this.anchoredStart) moved.push(...this.startClosure);
    const next = this.closure(moved);
    if (this.sets.length >= MAX_DFA && !this.ids.has(next.join(','))) return UNBUILT;
    const entry = this.enter(this.intern(next));
    this.trans[state + b] = entry;
    return entry;
  }

  /** The answer of a search that ended on `entry`: 1, 0, or UNDECIDED when it could not go on. */
  private answer(entry: number): number {
    if (entry === UNBUILT) return UNDECIDED;
    return this.trans[(entry < 0 ? -2 - entry : entry) + ACCEPTS] as number;
  }

  test(s: string): boolean | undefined {
    const n = s.length;
    const python = this.anchoredEnd === 'python$';
    let trans = this.trans;
    let st = this.first;
    for (let i = 0; i < n && st >= 0; i++) {
      const code = s.charCodeAt(i);
      // Python's `$` also matches before a newline that ends the string
      if (python && code === 10 && i === n - 1 && trans[st + ACCEPTS] === 1) return true;
      if (code >= 0xd800 && code <= 0xdfff) return undefined;
      // any code unit past ASCII steps as a lead byte does
      const b = code < 0x80 ? code : 0xc0;
      let next = trans[st + b] as number;
      if (next === UNBUILT) {
        next = this.step(st, b);
        if (next === UNBUILT) return undefined;
        trans = this.trans;
      }
      st = next;
    }
    return this.answer(st) === 1;
  }

  testUtf8Rows(bytes: Uint8Array, offsets: Int32Array, valid: Uint8Array | null, out: Uint8Array): void {
    const rows = out.length;
    const first = this.first;
    if (first < 0) {
      // the start decides: every present row has the same answer
      const a = this.answer(first);
      for (let r = 0; r < rows; r++) if (valid === null || valid[r] !== 0) out[r] = a;
      return;
    }
    // Two lanes, a over the rows before the middle byte and b over the rest, step in turn: a step is a
    // table load that depends on the one before, and the two lanes' chains of them overlap.
    const half = middleRow(offsets, rows);
    let ra = present(valid, 0, half);
    let ia = offsets[ra] as number;
    let ea = ra < half ? this.stopOf(bytes, offsets, ra) : ia;
    let sa = first;
    let rb = present(valid, half, rows);
    let ib = offsets[rb] as number;
    let eb = rb < rows ? this.stopOf(bytes, offsets, rb) : ib;
    let sb = first;
    let trans = this.trans;
    while (ra < half && rb < rows) {
      const m = Math.min(ea - ia, eb - ib);
      let k = 0;
      for (; k < m; k++) {
        const x = trans[sa + (bytes[ia + k] as number)] as number;
        const y = trans[sb + (bytes[ib + k] as number)] as number;
        if ((x | y) < 0) break;
        sa = x;
        sb = y;
      }
      ia += k;
      ib += k;
      if (k < m) {
        // a transition to build, or a row decided: one step each the slow way (a negative entry ends its row)
        sa = this.step(sa, bytes[ia++] as number);
        sb = this.step(sb, bytes[ib++] as number);
        trans = this.trans;
      }
      if (sa < 0 || ia === ea) {
        out[ra] = this.finish(offsets, ra, sa, ea);
        ra = present(valid, ra + 1, half);
        ia = offsets[ra] as number;
        if (ra < half) ea = this.stopOf(bytes, offsets, ra);
        sa = first;
      }
      if (sb < 0 || ib === eb) {
        out[rb] = this.finish(offsets, rb, sb, eb);
        rb = present(valid, rb + 1, rows);
        ib = offsets[rb] as number;
        if (rb < rows) eb = this.stopOf(bytes, offsets, rb);
        sb = first;
      }
    }
    // one lane is left, and goes on alone
    if (ra < half) this.scanRows(bytes, offsets, valid, out, ra, half, sa, ia, ea);
    if (rb < rows) this.scanRows(bytes, offsets, valid, out, rb, rows, sb, ib, eb);
  }

  /** Where the search of row r stops: before a final newline for Python's `$`, which `finish` then steps. */
  private stopOf(bytes: Uint8Array, offsets: Int32Array, r: number): number {
    const end = offsets[r + 1] as number;
    return this.anchoredEnd === 'python$' && end > (offsets[r] as number) && bytes[end - 1] === 10
      ? end - 1
      : end;
  }

  /** The answer of row r, whose search reached its stop (or was decided) on `entry`. */
  private finish(offsets: Int32Array, r: number, entry: number, stop: number): number {
    if (entry < 0) return this.answer(entry);
    // Python's `$` matches before a final newline, or after it
    if (stop === offsets[r + 1] || this.trans[entry + ACCEPTS] === 1)
      return this.trans[entry + ACCEPTS] as number;
    return this.answer(this.step(entry, 10));
  }

  /** Searches rows [r, to) one at a time, row r from live state st at byte i (the others from the start). */
  private scanRows(
    bytes: Uint8Array,
    offsets: Int32Array,
    valid: Uint8Array | null,
    out: Uint8Array,
    r: number,
    to: number,
    st: number,
    i: number,
    stop: number,
  ): void {
    let trans = this.trans;
    for (;;) {
      for (; i < stop; i++) {
        const next = trans[st + (bytes[i] as number)] as number;
        if (next >= 0) st = next;
        else {
          st = this.step(st, bytes[i] as number);
          trans = this.trans;
          if (st < 0) break;
        }
      }
      out[r] = this.finish(offsets, r, st, stop);
      r = present(valid, r + 1, to);
      if (r === to) return;
      st = this.first;
      i = offsets[r] as number;
      stop = this.stopOf(bytes, offsets, r);
    }
  }
}

/** The first row from r on, before `to`, that is not missing (else `to`). */
function present(valid: Uint8Array | null, r: number, to: number): number {
  if (valid !== null) while (r < to && valid[r] === 0) r++;
  return r;
}

/** The first row that starts at or past the middle byte of rows [0, rows), so that two lanes get even work. */
function middleRow(offsets: Int32Array, rows: number): number {
  const mid = ((offsets[0] as number) + (offsets[rows] as number)) / 2;
  let lo = 0;
  let hi = rows;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if ((offsets[m] as number) < mid) lo = m + 1;
    else hi = m;
  }
  return lo;
}
