import { formatValue, percentText } from '../observed.js';
import { type Html, html } from './html.js';

/** Chart colours: the stylesheet's, written out because SVG presentation attributes cannot read CSS variables. */
const C = {
  ok: '#116329',
  bad: '#a40e26',
  band: '#c6e6cf',
  track: '#eaeef2',
  axis: '#57606a',
  text: '#1f2328',
};
const W = 360;
const LEFT = 14;
const RIGHT = W - 14;
/** A rough width of a chart label's character at 11px, to keep labels apart and inside the box. */
const CHAR_W = 6.2;

function num(v: number): string {
  return formatValue(v, { chars: 16, items: 0 });
}

/** A label's x and anchor so that its estimated width stays inside the chart. */
function placed(x: number, text: string): { x: number; anchor: 'start' | 'middle' | 'end' } {
  const half = (text.length * CHAR_W) / 2;
  if (x - half < 2) return { x: Math.max(2, x - 4), anchor: 'start' };
  if (x + half > W - 2) return { x: Math.min(W - 2, x + 4), anchor: 'end' };
  return { x, anchor: 'middle' };
}

function label(x: number, y: number, text: string): Html {
  const p = placed(x, text);
  return html`<text x="${p.x.toFixed(1)}" y="${y}" text-anchor="${p.anchor}" font-size="11" fill="${C.text}">${text}</text>`;
}

/** Bounds of an aggregate's allowed range, as numbers (null for an open bound). */
export interface NumericRange {
  min: number | null;
  max: number | null;
}

/**
 * The observed value against its allowed range: the range as a band on an axis (open bounds run to the
 * edge), the observation as a marker, green inside and red outside. Its text alternative says the same.
 */
export function rangeChart(observed: number, range: NumericRange, ok: boolean): Html {
  const pts = [observed, range.min, range.max].filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...pts);
  const hi = Math.max(...pts);
  const span = hi - lo || Math.abs(hi) || 1;
  const d0 = lo - span * 0.1;
  const d1 = hi + span * 0.1;
  const x = (v: number) => LEFT + ((v - d0) / (d1 - d0)) * (RIGHT - LEFT);
  const b0 = range.min === null ? LEFT : x(range.min);
  const b1 = range.max === null ? RIGHT : x(range.max);
  const xo = x(observed);
  const allowed =
    range.min !== null && range.max !== null
      ? `${num(range.min)} to ${num(range.max)}`
      : range.min !== null
        ? `at least ${num(range.min)}`
        : `at most ${num(range.max as number)}`;
  const text = `Observed ${num(observed)}, ${ok ? 'inside' : 'outside'} the allowed range (${allowed})`;
  const minText = range.min === null ? '' : num(range.min);
  const maxText = range.max === null ? '' : num(range.max);
  // the two bound labels share a line: the second goes when they would overlap
  const apart = b1 - b0 > ((minText.length + maxText.length) * CHAR_W) / 2 + 8;
  return html`<figure class="chart"><svg role="img" aria-label="${text}" width="${W}" height="62" viewBox="0 0 ${W} 62" xmlns="http://www.w3.org/2000/svg">
<rect x="${b0.toFixed(1)}" y="24" width="${Math.max(2, b1 - b0).toFixed(1)}" height="16" fill="${C.band}" stroke="${C.ok}"/>
<line x1="${LEFT}" y1="32" x2="${RIGHT}" y2="32" stroke="${C.axis}"/>
<line x1="${xo.toFixed(1)}" y1="18" x2="${xo.toFixed(1)}" y2="46" stroke="${ok ? C.ok : C.bad}" stroke-width="2"/>
<circle cx="${xo.toFixed(1)}" cy="32" r="5" fill="${ok ? C.ok : C.bad}"/>
${label(xo, 12, `observed ${num(observed)}`)}
${minText ? label(b0, 58, minText) : ''}
${maxText && (apart || !minText) ? label(b1, 58, maxText) : ''}
</svg><figcaption>${text}.</figcaption></figure>`;
}

const NICE = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/**
 * The share of unexpected values as a bar on a scale wide enough to show it, with the share `mostly`
 * tolerates as a marker: a small share of a big batch stays visible.
 */
export function shareChart(percent: number, allowed: number, ok: boolean): Html {
  const top = NICE.find((n) => n >= Math.max(percent, allowed) * 1.25) ?? 100;
  const x = (v: number) => LEFT + (Math.min(v, top) / top) * (RIGHT - LEFT);
  const bar = percent > 0 ? Math.max(2, x(percent) - LEFT) : 0;
  const xa = x(allowed);
  const text = `${percentText(percent)} of values unexpected; ${allowed > 0 ? `up to ${percentText(allowed)} allowed` : 'none allowed'}`;
  return html`<figure class="chart"><svg role="img" aria-label="${text}" width="${W}" height="50" viewBox="0 0 ${W} 50" xmlns="http://www.w3.org/2000/svg">
<rect x="${LEFT}" y="16" width="${RIGHT - LEFT}" height="14" fill="${C.track}" stroke="${C.axis}"/>
<rect x="${LEFT}" y="16" width="${bar.toFixed(1)}" height="14" fill="${ok ? C.ok : C.bad}"/>
<line x1="${xa.toFixed(1)}" y1="10" x2="${xa.toFixed(1)}" y2="36" stroke="${C.text}" stroke-width="2" stroke-dasharray="3 2"/>
${label(xa, 9, allowed > 0 ? `allowed ${percentText(allowed)}` : 'none allowed')}
${label(LEFT, 47, '0%')}
${label(RIGHT, 47, `${top}%`)}
</svg><figcaption>${text}.</figcaption></figure>`;
}
