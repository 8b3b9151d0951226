import type { z } from 'zod';
import { stringifyPythonJson } from './python-json.js';
import { didYouMean } from './suggest.js';

/** Why a suite was rejected. */
export type SuiteErrorCode =
  | 'suite_unreadable'
  | 'suite_syntax'
  | 'suite_invalid'
  | 'unknown_expectation'
  | 'invalid_kwargs';

/** One problem in a suite: where it is (`expectations[3].kwargs.min_value`, '' for the root) and what. */
export interface SuiteIssue {
  code: SuiteErrorCode;
  path: string;
  message: string;
}

/** Where a syntax error was found. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * A suite that cannot be read or used. The message is one line naming the file, the place in it and
 * the first problem; `issues` lists every problem found.
 */
export class SuiteError extends Error {
  override readonly name = 'SuiteError';
  readonly file?: string;
  /** Path of the first problem inside the document; absent for the whole document. */
  readonly path?: string;
  /** Position of a syntax error. */
  readonly line?: number;
  readonly column?: number;
  readonly issues: readonly SuiteIssue[];

  constructor(
    readonly code: SuiteErrorCode,
    message: string,
    details: { file?: string; path?: string; position?: TextPosition; issues?: readonly SuiteIssue[] } = {},
  ) {
    super(message);
    if (details.file !== undefined) this.file = details.file;
    if (details.path) this.path = details.path;
    if (details.position) {
      this.line = details.position.line;
      this.column = details.position.column;
    }
    this.issues = details.issues ?? [{ code, path: details.path ?? '', message }];
  }
}

/** The error for a list of issues found in one file: its message reports the first. */
export function issuesError(file: string, issues: readonly SuiteIssue[]): SuiteError {
  const first = issues[0] as SuiteIssue;
  const where = first.path ? `${file}: ${first.path}` : file;
  return new SuiteError(first.code, `${where}: ${first.message}`, { file, path: first.path, issues });
}

/** The error for text that does not parse, pointing at its line and column when known. */
export function syntaxError(
  file: string,
  format: string,
  message: string,
  position?: TextPosition,
): SuiteError {
  const where = position ? `${file}:${position.line}:${position.column}` : file;
  const text = `${where}: invalid ${format}: ${message}`;
  return new SuiteError('suite_syntax', text, {
    file,
    ...(position ? { position } : {}),
    issues: [{ code: 'suite_syntax', path: '', message: `invalid ${format}: ${message}` }],
  });
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A path as written in messages: `expectations[3].kwargs.min_value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const SHOWN = 40;

/** A value as quoted in messages: literal when short, described when long. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') {
    const s = JSON.stringify(v);
    return s.length <= SHOWN ? s : `${s.slice(0, SHOWN - 2)}…"`;
  }
  if (typeof v !== 'object' || v === null) return stringifyPythonJson(v, 0);
  let s: string | undefined;
  try {
    s = stringifyPythonJson(v, 0);
  } catch {
    // circular values are only described
  }
  if (s !== undefined && s.length <= SHOWN) return s;
  if (!Array.isArray(v)) return 'an object';
  return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
}

const NOUNS: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  null: 'null',
  undefined: 'nothing',
  date: 'a date',
  nan: 'NaN',
};

function noun(expected: string, input: unknown): string {
  // zod 4 numbers reject NaN and ±Infinity, which Python-written suites can contain.
  if (expected === 'number' && typeof input === 'number') return 'a finite number';
  return NOUNS[expected] ?? `a ${expected}`;
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? showValue(values[0]) : `one of ${values.map(showValue).join(', ')}`;
}

function joinOr(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** What a failed type check asked for, or undefined when the issue is not a plain type mismatch. */
function expectedForm(issue: z.core.$ZodIssue): string | undefined {
  if (issue.path.length > 0) return undefined;
  if (issue.code === 'invalid_type') return noun(issue.expected, issue.input);
  if (issue.code === 'invalid_value') return oneOf(issue.values);
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const forms = issue.errors.flat().map(expectedForm);
    return forms.every((f) => f !== undefined) ? joinOr(unique(forms)) : undefined;
  }
  return undefined;
}

function unique(words: readonly (string | undefined)[]): string[] {
  const all = [...new Set(words.filter((w): w is string => w !== undefined))];
  // Null and a missing value are always allowed alongside the real forms of an optional bound;
  // naming them only distracts from what to write.
  // ±Infinity are numbers to a suite author (GX suites write them as bare tokens).
  const real = all.filter((w) => w !== 'null' && w !== 'nothing' && w !== 'one of Infinity, -Infinity');
  return real.length ? real : all;
}

/** The branch of a failed union that got past the type check: it explains the problem best. */
function deepestBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue | undefined {
  if (issue.code !== 'invalid_union' || issue.input === undefined) return undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first && branch.some((i) => expectedForm(i) === undefined)) return first;
  }
  return undefined;
}

function bound(kind: 'small' | 'big', origin: string, limit: number | bigint, inclusive: boolean): string {
  const least = kind === 'small';
  if (origin === 'string' || origin === 'array' || origin === 'set') {
    const unit = origin === 'string' ? 'characters' : 'items';
    if (least && Number(limit) === 1 && inclusive) return 'must not be empty';
    return `must have ${least ? 'at least' : 'at most'} ${limit} ${unit}`;
  }
  const op = least ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `must be ${op} ${limit}`;
}

type AnyIssue = z.core.$ZodRawIssue | z.core.$ZodIssue;

/** A plain one-line message for a zod issue (used as zod's error map, so schema messages still win). */
export function describeIssue(issue: AnyIssue): string {
  const got = `, got ${showValue(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${noun(issue.expected, issue.input)}${got}`;
    case 'invalid_union': {
      if (issue.input === undefined) return 'required';
      if (issue.errors.length === 0) return `matches more than one allowed form${got}`;
      const form = expectedForm({ ...issue, path: [] } as z.core.$ZodIssue);
      return form ? `expected ${form}${got}` : `matches none of the allowed forms${got}`;
    }
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}${got}`;
    case 'too_small':
      return `${bound('small', issue.origin, issue.minimum, issue.inclusive ?? true)}${got}`;
    case 'too_big':
      return `${bound('big', issue.origin, issue.maximum, issue.inclusive ?? true)}${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}${got}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `must match ${issue.pattern}${got}`
        : `expected a valid ${issue.format}${got}`;
    case 'unrecognized_keys':
      return unknownKeys(issue.keys, 'key', []);
    case 'invalid_key':
      return `invalid key ${showValue(issue.input)}`;
    case 'invalid_element':
      return `invalid element${got}`;
    default:
      return 'is invalid';
  }
}

function unknownKeys(keys: readonly string[], noun: string, known: readonly string[]): string {
  const listed = keys.map((k) => `${JSON.stringify(k)}${didYouMean(k, known)}`).join(', ');
  return `unknown ${noun}${keys.length === 1 ? '' : 's'} ${listed}`;
}

/** Options for parsing with plain messages that show the offending value. */
export const parseOptions = { reportInput: true, error: describeIssue } as const;

/** How to report the issues of one zod parse. */
export interface IssueContext {
  code: SuiteErrorCode;
  /** Path of the parsed value inside the document. */
  at: readonly PropertyKey[];
  /** What unknown keys of the parsed object are called ("key", "kwarg"). */
  keyNoun: string;
  /** The keys the parsed object allows, for did-you-mean suggestions. */
  known: readonly string[];
}

/**
 * Turns zod issues into suite issues: a failed union is replaced by its branch that got furthest, and
 * unknown keys of the parsed object itself are named with `keyNoun` and a suggestion.
 */
export function suiteIssues(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): SuiteIssue[] {
  return issues.map((top) => {
    let issue = top;
    let path = [...top.path];
    for (let inner = deepestBranch(issue); inner; inner = deepestBranch(issue)) {
      issue = inner;
      path = [...path, ...inner.path];
    }
    const message =
      issue.code === 'unrecognized_keys' && path.length === 0
        ? unknownKeys(issue.keys, ctx.keyNoun, ctx.known)
        : issue.message;
    return { code: ctx.code, path: formatPath([...ctx.at, ...path]), message };
  });
}

/** Why a file (a suite, a checkpoint) could not be read, in a few words: the caller names the file. */
export function unreadableReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read: ${e instanceof Error ? e.message : String(e)}`;
}
