import { compilePythonRegex, RegexError } from '../engine/regex.js';
import { SchemaDefinitionError } from './errors.js';

/**
 * JavaScript regular expressions as Python `re` patterns, so that a schema's `.regex(/.../)` means the
 * same in expect-check and in GX. Where the two dialects differ the pattern is rewritten to the JS
 * meaning: `\d`, `\w`, `\s` and `\b` keep JS's sets (Python's are Unicode-wide), `.` and `$` keep JS's
 * line terminators (`$` never matches before a final newline), named groups and back-references take
 * Python's spelling. What Python cannot express is refused with a SchemaDefinitionError: the sticky and
 * `v` flags, `\p{...}` property escapes, variable-width look-behind, a negated class escape (`\D`, `\W`,
 * `\S`) inside a larger class, and references to groups not yet closed.
 */

const WORD = 'A-Za-z0-9_';
const DIGIT = '0-9';
// JS's \s: WhiteSpace and LineTerminator code points
const SPACE = '\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const LINE_END = '\\n\\r\\u2028\\u2029';
const BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
const NOT_BOUNDARY = `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;

const CLASS_ESCAPES: Readonly<Record<string, { set: string; negated: boolean }>> = {
  d: { set: DIGIT, negated: false },
  D: { set: DIGIT, negated: true },
  w: { set: WORD, negated: false },
  W: { set: WORD, negated: true },
  s: { set: SPACE, negated: false },
  S: { set: SPACE, negated: true },
};

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** Characters with a meaning outside a class, in either dialect. */
const SPECIAL = new Set('\\.^$*+?()[]{}|');

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** A code point as a literal in a Python pattern that JS reads the same way. */
function literal(cp: number, inClass: boolean): string {
  const c = String.fromCodePoint(cp);
  if (inClass) {
    if (c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' || c === '|') return `\\${c}`;
    // Python warns about `&&` and `~~` (reserved for set operations); JS's unicode mode refuses `\&`
    if (c === '&' || c === '~') return `\\x${hex(cp, 2)}`;
  } else if (SPECIAL.has(c)) {
    return `\\${c}`;
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp === 0x2028 || cp === 0x2029) return `\\u${hex(cp, 4)}`;
  return c;
}

function refuse(source: string, why: string): never {
  throw new SchemaDefinitionError('unsupported_regex', `regex ${source}: ${why}`);
}

/** An escape read from the JS source: a code point, or a class escape such as \d. */
type Atom = { readonly cp: number } | { readonly set: string; readonly negated: boolean };

class Translator {
  private i = 0;
  private groups = 0;
  private readonly closed = new Set<number>();
  private readonly closedNames = new Set<string>();
  /** Open groups: their number (0 for non-capturing ones), name, and whether they are look-behinds. */
  private readonly open: { n: number; name?: string; behind: boolean }[] = [];
  private readonly unicode: boolean;
  private readonly dotAll: boolean;
  private readonly multiline: boolean;
  private readonly hasNames: boolean;

  constructor(
    private readonly src: string,
    flags: string,
    private readonly shown: string,
  ) {
    this.unicode = flags.includes('u');
    this.dotAll = flags.includes('s');
    this.multiline = flags.includes('m');
    this.hasNames = /\(\?<[^=!]/.test(src);
  }

  private fail(why: string): never {
    return refuse(this.shown, why);
  }

  private inLookBehind(): boolean {
    return this.open.some((g) => g.behind);
  }

  private variableWidth(what: string): void {
    if (this.inLookBehind())
      this.fail(`${what} inside a look-behind makes it variable-width, which Python refuses`);
  }

  translate(): string {
    let out = '';
    const { src } = this;
    while (this.i < src.length) {
      const c = src[this.i] as string;
      if (c === '\\') {
        out += this.escapeOutside();
      } else if (c === '[') {
        out += this.characterClass();
      } else if (c === '(') {
        out += this.openGroup();
      } else if (c === ')') {
        const g = this.open.pop();
        if (g && g.n > 0) this.closed.add(g.n);
        if (g?.name) this.closedNames.add(g.name);
        out += ')';
        this.i++;
      } else if (c === '.') {
        out += this.dotAll ? '[\\s\\S]' : `[^${LINE_END}]`;
        this.i++;
      } else if (c === '^') {
        out += this.multiline ? `(?:\\A|(?<=[${LINE_END}]))` : '^';
        this.i++;
      } else if (c === '$') {
        out += this.multiline ? `(?=[${LINE_END}]|\\Z)` : '\\Z';
        this.i++;
      } else if (c === '*' || c === '+' || c === '?') {
        this.variableWidth(`the quantifier ${c}`);
        out += c;
        this.i++;
      } else if (c === '|') {
        this.variableWidth('an alternation (|)');
        out += c;
        this.i++;
      } else if (c === '{') {
        out += this.brace();
      } else {
        const cp = src.codePointAt(this.i) as number;
        out += literal(cp, false);
        this.i += cp > 0xffff ? 2 : 1;
      }
    }
    return out;
  }

  /** `{n}`, `{n,}` or `{n,m}` is a quantifier; any other brace is a literal in JS. */
  private brace(): string {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
    if (!m) {
      if (this.unicode) this.fail('a lone { is not valid');
      this.i++;
      return '\\{';
    }
    if (m[2] !== undefined && m[3] !== m[1]) this.variableWidth(`the quantifier ${m[0]}`);
    this.i += m[0].length;
    return m[0];
  }

  private openGroup(): string {
    const rest = this.src.slice(this.i);
    const m = /^\((\?(?::|=|!|<=|<!|<([A-Za-z_$][\w$]*)>))?/.exec(rest) as RegExpExecArray;
    const kind = m[1];
    this.i += m[0].length;
    if (kind === undefined) {
      this.groups++;
      this.open.push({ n: this.groups, behind: false });
      return '(';
    }
    if (m[2] !== undefined) {
      if (m[2].includes('$')) this.fail(`the group name ${m[2]} is not a Python identifier`);
      this.groups++;
      this.open.push({ n: this.groups, name: m[2], behind: false });
      return `(?P<${m[2]}>`;
    }
    this.open.push({ n: 0, behind: kind === '?<=' || kind === '?<!' });
    return `(${kind}`;
  }

  private backReference(n: number, text: string): string {
    if (!this.closed.has(n)) {
      this.fail(
        n > this.groups && !this.src.slice(this.i).includes('(')
          ? `${text} refers to no group`
          : `${text} refers to a group that is not closed before it (JS matches it as empty, Python refuses it)`,
      );
    }
    this.variableWidth('a back-reference');
    return `(?:\\${n})`;
  }

  private escapeOutside(): string {
    const { src } = this;
    const d = src[this.i + 1];
    if (d === undefined) return this.fail('a trailing backslash');
    if (d === 'b' || d === 'B') {
      this.i += 2;
      return d === 'b' ? BOUNDARY : NOT_BOUNDARY;
    }
    if (/[1-9]/.test(d)) {
      const digits = (/^\d+/.exec(src.slice(this.i + 1)) as RegExpExecArray)[0];
      this.i += 1 + digits.length;
      return this.backReference(Number(digits), `\\${digits}`);
    }
    if (d === 'k' && (this.unicode || this.hasNames)) {
      const m = /^\\k<([A-Za-z_$][\w$]*)>/.exec(src.slice(this.i));
      if (!m) return this.fail('\\k needs a group name, as in \\k<name>');
      this.i += m[0].length;
      const name = m[1] as string;
      if (!this.closedNames.has(name))
        this.fail(`\\k<${name}> refers to a group that is not closed before it`);
      this.variableWidth('a back-reference');
      return `(?P=${name})`;
    }
    const atom = this.atom();
    if ('cp' in atom) return literal(atom.cp, false);
    return atom.negated ? `[^${atom.set}]` : `[${atom.set}]`;
  }

  /** One escape (the backslash at this.i) as a code point or a class escape; advances past it. */
  private atom(): Atom {
    const { src } = this;
    const d = src[this.i + 1] as string;
    this.i += 2;
    const set = CLASS_ESCAPES[d];
    if (set) return set;
    const control = CONTROL_ESCAPES[d];
    if (control !== undefined) return { cp: control };
    if (d === '0') {
      if (/[0-9]/.test(src[this.i] ?? '')) this.fail('octal escapes are not supported; write \\xNN');
      return { cp: 0 };
    }
    if (d === 'x') {
      const m = /^[0-9a-fA-F]{2}/.exec(src.slice(this.i));
      if (!m) return this.identity('x');
      this.i += 2;
      return { cp: Number.parseInt(m[0], 16) };
    }
    if (d === 'u') return this.unicodeEscape();
    if (d === 'c') {
      const letter = src[this.i] ?? '';
      if (!/[A-Za-z]/.test(letter)) {
        this.i--;
        return this.identity('\\');
      }
      this.i++;
      return { cp: letter.charCodeAt(0) % 32 };
    }
    if (d === 'p' || d === 'P') {
      if (this.unicode) this.fail(`Unicode property escapes (\\${d}{...}) are not supported by Python's re`);
      return { cp: d.charCodeAt(0) };
    }
    return this.identity(d);
  }

  /** An identity escape: the character itself (JS's unicode mode allows it only for syntax characters). */
  private identity(d: string): Atom {
    if (this.unicode && /[A-Za-z0-9]/.test(d)) this.fail(`\\${d} is not a valid escape`);
    const cp = d.codePointAt(0) as number;
    if (cp > 0xffff) this.i++;
    return { cp };
  }

  private unicodeEscape(): Atom {
    const rest = this.src.slice(this.i);
    if (this.unicode) {
      const braced = /^\{([0-9a-fA-F]+)\}/.exec(rest);
      if (braced) {
        this.i += braced[0].length;
        const cp = Number.parseInt(braced[1] as string, 16);
        if (cp > 0x10ffff) this.fail(`\\u{${braced[1]}} is beyond Unicode`);
        return { cp };
      }
    }
    const m = /^[0-9a-fA-F]{4}/.exec(rest);
    if (!m) return this.identity('u');
    this.i += 4;
    const hi = Number.parseInt(m[0], 16);
    // an escaped surrogate pair stands for one code point (JS matches the pair either way)
    const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(this.src.slice(this.i));
    if (hi >= 0xd800 && hi <= 0xdbff && low) {
      this.i += 6;
      return { cp: 0x10000 + ((hi - 0xd800) << 10) + (Number.parseInt(low[1] as string, 16) - 0xdc00) };
    }
    if (hi >= 0xd800 && hi <= 0xdfff) this.fail('a lone surrogate cannot be matched in Python');
    return { cp: hi };
  }

  /** A character class `[...]` from this.i, in Python syntax. */
  private characterClass(): string {
    const { src } = this;
    this.i++;
    let negated = false;
    if (src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const items: string[] = [];
    const sets: { set: string; negated: boolean }[] = [];
    for (;;) {
      if (this.i >= src.length) this.fail('an unclosed character class');
      if (src[this.i] === ']') {
        this.i++;
        break;
      }
      const first = this.classAtom();
      if ('set' in first) {
        sets.push(first);
        continue;
      }
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length) {
        const save = this.i;
        this.i++;
        const last = this.classAtom();
        if ('set' in last) {
          if (this.unicode) this.fail('a range cannot end in a class escape');
          // in JS's legacy mode the dash is then a literal
          items.push(literal(first.cp, true), '\\-');
          sets.push(last);
          continue;
        }
        if (last.cp < first.cp) {
          this.i = save;
          this.fail('a character class range out of order');
        }
        items.push(`${literal(first.cp, true)}-${literal(last.cp, true)}`);
        continue;
      }
      items.push(literal(first.cp, true));
    }
    const negatedSets = sets.filter((s) => s.negated);
    if (negatedSets.length > 0) {
      if (negatedSets.length > 1 || items.length > 0 || sets.length > 1) {
        this.fail(
          'a negated class escape (\\D, \\W, \\S) inside a larger character class has no Python form',
        );
      }
      return `[${negated ? '' : '^'}${(negatedSets[0] as { set: string }).set}]`;
    }
    const body = [...items, ...sets.map((s) => s.set)].join('');
    if (body === '') return negated ? '[\\s\\S]' : '(?!)';
    return `[${negated ? '^' : ''}${body}]`;
  }

  private classAtom(): Atom {
    const { src } = this;
    if (src[this.i] === '\\') {
      const d = src[this.i + 1];
      if (d === 'b') {
        this.i += 2;
        return { cp: 8 };
      }
      if (d === '-') {
        this.i += 2;
        return { cp: 45 };
      }
      if (d !== undefined && /[1-9]/.test(d)) this.fail('a back-reference or octal escape inside a class');
      if (d === 'k' && this.unicode) this.fail('\\k inside a class');
      return this.atom();
    }
    const cp = src.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return { cp };
  }
}

/**
 * A regular expression as a Python `re` pattern string with the same matches (search semantics):
 * a RegExp is translated (flags `i`, `m`, `s`, `u`; `g` and `d` do not change what matches and are
 * dropped), a string is taken as a Python pattern already, as GX suites write them, and checked.
 * Throws a SchemaDefinitionError (code unsupported_regex) for what Python cannot express.
 */
export function regexToPython(re: RegExp | string): string {
  if (typeof re === 'string') {
    try {
      compilePythonRegex(re);
    } catch (e) {
      if (e instanceof RegexError) throw new SchemaDefinitionError('unsupported_regex', e.message);
      throw e;
    }
    return re;
  }
  const shown = String(re);
  for (const f of re.flags) {
    if (f === 'y') refuse(shown, 'the sticky flag (y) has no meaning for a search');
    if (f === 'v') refuse(shown, 'the v flag (set notation) has no Python form; use the u flag');
  }
  const body = new Translator(re.source, re.flags, shown).translate();
  return re.flags.includes('i') ? `(?i)${body}` : body;
}
