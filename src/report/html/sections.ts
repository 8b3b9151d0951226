import { expectationColumns } from '../../expectations/describe.js';
import type { ExpectationConfig } from '../../result/types.js';
import { truncate } from '../observed.js';
import { type Html, html, raw } from './html.js';

/**
 * How much of the data and the suite a page lists at most, so that a page stays small whatever the
 * batch: a 10M-row batch with millions of unexpected values renders like one with twenty.
 */
export const CAPS = {
  /** Distinct unexpected values in an expectation's table. */
  values: 20,
  /** Sample row indices of an expectation. */
  rows: 50,
  /** Characters of one value. */
  valueChars: 200,
  /** Items of a list value (an observed column list, a set). */
  listItems: 50,
  /** Characters of an observed value, a sentence, the kwargs shown. */
  textChars: 2000,
  /** Characters of an expectation's or a suite's notes. */
  noteChars: 4000,
  /** Data files listed in a run's overview. */
  files: 20,
} as const;

/** Expectations about the same column (or the same columns, or the table), in the order they first appear. */
export interface Group<T> {
  /** Column names; empty for the table. */
  columns: string[];
  items: T[];
}

/** Groups items by the column(s) of their expectation: the table first, then columns as they first appear. */
export function groupByColumns<T>(items: readonly T[], config: (t: T) => ExpectationConfig): Group<T>[] {
  const groups = new Map<string, Group<T>>([['', { columns: [], items: [] }]]);
  for (const item of items) {
    const columns = expectationColumns(config(item));
    const key = columns.length ? JSON.stringify(columns) : '';
    let g = groups.get(key);
    if (!g) {
      g = { columns, items: [] };
      groups.set(key, g);
    }
    g.items.push(item);
  }
  return [...groups.values()].filter((g) => g.items.length > 0);
}

/** A group's heading: "Table", or its column names as code, after "Column(s)" unless `bare`. */
export function groupTitle(columns: readonly string[], bare = false): Html {
  if (columns.length === 0) return html`Table`;
  const shown = columns.slice(0, 8).map((c, i) => html`${i ? ', ' : ''}<code>${truncate(c, 120)}</code>`);
  const more = columns.length > 8 ? ` and ${columns.length - 8} more` : '';
  return html`${bare ? '' : columns.length > 1 ? 'Columns ' : 'Column '}${shown}${more}`;
}

/**
 * A sentence of describeExpectation as markup: the parts it writes between backticks (column names,
 * patterns) as code, everything escaped.
 */
export function sentenceHtml(sentence: string): Html {
  const parts = truncate(sentence, CAPS.textChars).split('`');
  // an odd backtick (one inside a column name) leaves the rest as text
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`${parts.at(-1)}`);
  return html`${parts.map((p, i) => (i % 2 ? html`<code>${p}</code>` : p))}`;
}

/**
 * The notes of an expectation or a suite as paragraphs of text. GX writes them as a string, a list of
 * strings, or `{format, content}`; markdown is shown as its text, never rendered.
 */
export function notesOf(holder: { notes?: unknown; meta?: Record<string, unknown> }): string[] {
  const raw = holder.notes ?? holder.meta?.notes;
  const content =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as { content?: unknown }).content
      : raw;
  const list = Array.isArray(content) ? content : [content];
  const text = list.filter((x): x is string => typeof x === 'string').join('\n');
  return truncate(text, CAPS.noteChars)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Notes as a block of paragraphs, or nothing. */
export function notesHtml(notes: readonly string[]): Html {
  return notes.length ? html`<div class="notes">${notes.map((n) => html`<p>${n}</p>`)}</div>` : html``;
}

/** A value from the suite as indented JSON in a `pre`, cut to the text cap (bigints as digits). */
export function jsonBlock(v: unknown): Html {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x), 2) ?? String(v);
  // JSON escapes the control characters of its strings: the line breaks left are its own layout
  const lines = truncate(s, CAPS.textChars).split('\n');
  return html`<pre>${lines.map((l, i) => [i ? raw('\n') : '', l])}</pre>`;
}
