import { valueCounts } from '../result/format.js';
import type { ExpectationResult, ValidationResult } from '../result/types.js';

/**
 * Characters that must never reach a terminal raw: C0 controls (newline, ESC, ...), DEL, C1 controls
 * (0x9b is a one-byte CSI on some terminals), line and paragraph separators, and bidi overrides, which
 * reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text from data or a suite made safe to print: control characters become visible escapes such as `\n` and `\u001b`. */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Cuts text to at most `max` characters (code points, never half a surrogate pair), ending in `…` when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // walks only as far as the cut, so a value of megabytes costs no more than a short one
  const keep = Math.max(0, max - 1);
  let count = 0;
  let at = 0;
  let cut = 0;
  for (const ch of s) {
    if (count === keep) cut = at;
    if (++count > max) return `${s.slice(0, cut)}…`;
    at += ch.length;
  }
  return s;
}

/** The length of text as a terminal shows it, counting code points. */
export function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A value in short human form: strings quoted, long lists elided, numbers trimmed, control characters escaped. */
export function shortValue(v: unknown, max = 60): string {
  return formatValue(v, { chars: max, items: 8 });
}

/**
 * A value in human form within caps: at most `items` list items (each cut to 40 characters) and `chars`
 * characters in all; strings quoted, numbers trimmed, control characters escaped. Records are cut as
 * text, so a huge record costs no more than its first `chars` characters.
 */
export function formatValue(v: unknown, caps: { chars: number; items: number }): string {
  let s: string;
  if (v === null || v === undefined) s = 'null';
  else if (typeof v === 'number') s = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  else if (typeof v === 'bigint') s = v.toString();
  else if (typeof v === 'string') s = JSON.stringify(truncate(v, caps.chars));
  else if (Array.isArray(v)) {
    const items = v.slice(0, caps.items).map((x) => shortValue(x, 40));
    s = `[${items.join(', ')}${v.length > caps.items ? `, … ${v.length - caps.items} more` : ''}]`;
  } else s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
  return truncate(escapeControl(s), caps.chars);
}

/** A percentage for people: two decimals at most, and `<0.01%` rather than a share that rounds to 0 but is not. */
export function percentText(x: unknown): string {
  if (typeof x !== 'number') return '';
  return x === 0 || x >= 0.01 ? `${Number(x.toFixed(2))}%` : '<0.01%';
}

/**
 * What an expectation observed, in two parts: the core that must be shown (the unexpected count and
 * share of a row-wise expectation; empty for the others, whose whole phrase may be cut) and the whole
 * phrase, which adds examples of unexpected values, the observed value of an aggregate, or the error.
 */
export function observedParts(r: ExpectationResult): { core: string; full: string } {
  if (r.exception_info.raised_exception) {
    return { core: '', full: `error: ${escapeControl(r.exception_info.exception_message ?? 'unknown')}` };
  }
  const res = r.result;
  if ('observed_value' in res) return { core: '', full: `observed ${shortValue(res.observed_value)}` };
  if (typeof res.unexpected_count === 'number') {
    const n = res.unexpected_count;
    const of = typeof res.element_count === 'number' ? ` of ${res.element_count}` : '';
    if (n === 0) return { core: `0 unexpected${of}`, full: `0 unexpected${of}` };
    const list = Array.isArray(res.partial_unexpected_list) ? res.partial_unexpected_list : [];
    // Pairs and records are wide: one is enough to show the kind of problem.
    const compound = typeof list[0] === 'object' && list[0] !== null;
    const sample = compound
      ? list.slice(0, 1).map((x) => shortValue(x, 90))
      : list.slice(0, 3).map((x) => shortValue(x, 24));
    const core = `${n} unexpected${of} (${percentText(res.unexpected_percent)})`;
    return { core, full: sample.length ? `${core}, e.g. ${sample.join(', ')}` : core };
  }
  return { core: '', full: '' };
}

/**
 * What an expectation observed, in one short phrase: the observed value of an aggregate, or the
 * unexpected count, share and first values of a row-wise expectation, or the error.
 */
export function observedSummary(r: ExpectationResult): string {
  return observedParts(r).full;
}

/** How an expectation ended: met, not met, or could not run. */
export type Status = 'passed' | 'failed' | 'error';

/** The status of one expectation result. */
export function statusOf(r: ExpectationResult): Status {
  return r.success ? 'passed' : r.exception_info.raised_exception ? 'error' : 'failed';
}

/** Counts of a run by status: `failed` are expectations not met, `errors` those that could not run. */
export function runCounts(result: ValidationResult): {
  total: number;
  passed: number;
  failed: number;
  errors: number;
} {
  const n = { total: result.results.length, passed: 0, failed: 0, errors: 0 };
  for (const r of result.results) {
    const s = statusOf(r);
    if (s === 'passed') n.passed++;
    else if (s === 'failed') n.failed++;
    else n.errors++;
  }
  return n;
}

/** The unexpected values and rows of a row-wise result, cut to what a report lists. */
export interface UnexpectedDetail {
  /** Unexpected rows in all. */
  count: number;
  /** Rows considered. */
  elementCount: number;
  /** Unexpected share of the non-missing rows (what `mostly` is judged on), in percent. */
  percent: number | null;
  missingCount: number | null;
  /** The most common unexpected values, most common first. */
  values: { value: unknown; count: number }[];
  /** How many captured unexpected values `values` was counted from (fewer than `count` unless COMPLETE). */
  valuesFrom: number;
  /** The first unexpected row numbers (or identifying records). */
  rows: unknown[];
  /** How many row numbers the result captured. */
  rowsCaptured: number;
}

function listOf(x: unknown): unknown[] | undefined {
  return Array.isArray(x) ? x : undefined;
}

/**
 * The unexpected values and rows of a row-wise (map) result with at most `caps.values` distinct values
 * and `caps.rows` rows, or null for results without unexpected counts (aggregates, errors).
 */
export function unexpectedDetail(
  r: ExpectationResult,
  caps: { values: number; rows: number },
): UnexpectedDetail | null {
  const res = r.result;
  if (r.exception_info.raised_exception || typeof res.unexpected_count !== 'number') return null;
  const counts = listOf(res.partial_unexpected_counts) as { value: unknown; count: number }[] | undefined;
  const list = listOf(res.unexpected_list) ?? listOf(res.partial_unexpected_list) ?? [];
  // GX's counts are the top values already; without them (BASIC) the captured list is counted here
  const values = counts
    ? counts.slice(0, caps.values)
    : valueCounts(list as Parameters<typeof valueCounts>[0], caps.values);
  const rows = listOf(res.unexpected_index_list) ?? listOf(res.partial_unexpected_index_list) ?? [];
  return {
    count: res.unexpected_count,
    elementCount: typeof res.element_count === 'number' ? res.element_count : 0,
    percent: typeof res.unexpected_percent === 'number' ? res.unexpected_percent : null,
    missingCount: typeof res.missing_count === 'number' ? res.missing_count : null,
    values,
    valuesFrom: list.length,
    rows: rows.slice(0, caps.rows),
    rowsCaptured: rows.length,
  };
}
