import { escapeControl } from '../observed.js';

/**
 * Markup that is already safe: only `html` templates, `raw` constants and `jsonData` make one, so a
 * string from data can reach a page only through escaping.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template interpolates: markup as is, text escaped, lists joined, nothing for null/false. */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or a quoted attribute value: the five markup characters become entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function render(p: Part): string {
  if (p instanceof Html) return p.text;
  if (typeof p === 'string') return escapeHtml(escapeControl(p));
  if (typeof p === 'number') return String(p);
  if (Array.isArray(p)) return p.map(render).join('');
  return '';
}

/**
 * A template of markup whose interpolations are escaped: text from data or a suite can neither open a
 * tag nor leave an attribute (attribute values are always written in double quotes), and its control
 * and bidi characters show as escapes.
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] as string;
  for (let i = 0; i < parts.length; i++) out += render(parts[i] as Part) + (strings[i + 1] as string);
  return new Html(out);
}

/** Markup from a constant of this package (the stylesheet, the script); never from data. */
export function raw(text: string): Html {
  return new Html(text);
}

/**
 * Data for the page's script as a JSON island: `<`, `>`, `&` and the JavaScript line separators are
 * written as \\u escapes, so no value can close the element or start markup, and it is never executed.
 */
export function jsonData(id: string, data: unknown): Html {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return html`<script type="application/json" id="${id}">${raw(json)}</script>`;
}
