import type { ExpectationResult } from '../result/types.js';

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
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** The length of text as a terminal shows it, counting code points. */
export function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A value in short human form: strings quoted, long lists elided, numbers trimmed, control characters escaped. */
export function shortValue(v: unknown, max = 60): string {
  let s: string;
  if (v === null || v === undefined) s = 'null';
  else if (typeof v === 'number') s = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  else if (typeof v === 'bigint') s = v.toString();
  else if (typeof v === 'string') s = JSON.stringify(v);
  else if (Array.isArray(v)) {
    const items = v.slice(0, 8).map((x) => shortValue(x, 40));
    s = `[${items.join(', ')}${v.length > 8 ? `, … ${v.length - 8} more` : ''}]`;
  } else s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
  return truncate(escapeControl(s), max);
}

function pct(x: unknown): string {
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
    const core = `${n} unexpected${of} (${pct(res.unexpected_percent)})`;
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
