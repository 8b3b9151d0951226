/**
 * `${VAR}` substitution in a parsed checkpoint document, and the redaction that keeps the substituted
 * values out of everything a run writes.
 */

/** A shell-style variable name. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$${` (a literal `${`), or `${` with what follows up to the closing brace, or an unclosed `${`. */
const REFERENCE = /\$(\$)?\{([^}]*)(\})?/g;

/**
 * Values shorter than this are not hidden: a port, a flag or a count would match inside every number and
 * date of a result, and so short a value is no secret.
 */
export const MIN_SECRET_LENGTH = 4;

/** A reference that cannot be substituted, at a place in the document. */
export interface VariableProblem {
  /** Path of the string inside the document. */
  readonly at: readonly PropertyKey[];
  readonly message: string;
  /** The variable that is not set, for a missing one. */
  readonly missing?: string;
}

/** The document with every reference substituted, the values used by name, and the problems found. */
export interface Substituted {
  readonly value: unknown;
  readonly used: ReadonlyMap<string, string>;
  readonly problems: readonly VariableProblem[];
}

function substituteString(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  at: readonly PropertyKey[],
  used: Map<string, string>,
  problems: VariableProblem[],
): string {
  if (!text.includes('${')) return text;
  return text.replace(REFERENCE, (whole, escaped: string | undefined, name: string, close: string) => {
    if (escaped) return whole.slice(1);
    if (!close) {
      problems.push({ at, message: 'unclosed "${" (write "$${" for a literal "${")' });
      return whole;
    }
    if (!NAME.test(name)) {
      problems.push({
        at,
        message: `${JSON.stringify(whole)} does not name a variable (letters, digits, _)`,
      });
      return whole;
    }
    const value = env[name];
    if (value === undefined) {
      problems.push({ at, message: `environment variable ${name} is not set`, missing: name });
      return whole;
    }
    used.set(name, value);
    return value;
  });
}

/**
 * Replaces `${NAME}` in every string of a parsed document (keys included) by the variable's value from
 * `env`; `$${` stands for a literal `${`. Unset variables and malformed references are reported, not thrown.
 */
export function substituteVariables(
  doc: unknown,
  env: Readonly<Record<string, string | undefined>>,
): Substituted {
  const used = new Map<string, string>();
  const problems: VariableProblem[] = [];
  const walk = (v: unknown, at: PropertyKey[]): unknown => {
    if (typeof v === 'string') return substituteString(v, env, at, used, problems);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...at, i]));
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[substituteString(k, env, [...at, k], used, problems)] = walk(x, [...at, k]);
    }
    return out;
  };
  return { value: walk(doc, []), used, problems };
}

/** Replaces every substituted value (of at least MIN_SECRET_LENGTH characters) in a text by its `${NAME}`. */
export type Redact = (text: string) => string;

/** The redaction of the values `used` by a substitution; the longest value is replaced first. */
export function redactor(used: ReadonlyMap<string, string>): Redact {
  const byValue = new Map<string, string>();
  for (const [name, value] of used) {
    if (value.length >= MIN_SECRET_LENGTH && !byValue.has(value)) byValue.set(value, name);
  }
  const values = [...byValue.keys()].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(`\${${byValue.get(v)}}`);
    return out;
  };
}

/** A copy of a JSON-like value with every string (keys included) redacted, except under `keep` keys. */
export function redactDeep<T>(value: T, redact: Redact, keep: ReadonlySet<string> = new Set()): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[redact(k)] = keep.has(k) ? x : walk(x);
    return out;
  };
  return walk(value) as T;
}
