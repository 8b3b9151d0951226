import type { ExpectationResult } from '../result/types.js';

/** A value in short human form: strings quoted, long lists elided, numbers trimmed. */
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
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function pct(x: unknown): string {
  if (typeof x !== 'number') return '';
  return x === 0 || x >= 0.01 ? `${Number(x.toFixed(2))}%` : '<0.01%';
}

/**
 * What an expectation observed, in one short phrase: the observed value of an aggregate, or the
 * unexpected count, share and first values of a row-wise expectation, or the error.
 */
export function observedSummary(r: ExpectationResult): string {
  if (r.exception_info.raised_exception) return `error: ${r.exception_info.exception_message ?? 'unknown'}`;
  const res = r.result;
  if ('observed_value' in res) return `observed ${shortValue(res.observed_value)}`;
  if (typeof res.unexpected_count === 'number') {
    const n = res.unexpected_count;
    const of = typeof res.element_count === 'number' ? ` of ${res.element_count}` : '';
    if (n === 0) return `0 unexpected${of}`;
    const list = Array.isArray(res.partial_unexpected_list) ? res.partial_unexpected_list : [];
    // Pairs and records are wide: one is enough to show the kind of problem.
    const compound = typeof list[0] === 'object' && list[0] !== null;
    const sample = compound
      ? list.slice(0, 1).map((x) => shortValue(x, 90))
      : list.slice(0, 3).map((x) => shortValue(x, 24));
    const eg = sample.length ? `, e.g. ${sample.join(', ')}` : '';
    return `${n} unexpected${of} (${pct(res.unexpected_percent)})${eg}`;
  }
  return '';
}
