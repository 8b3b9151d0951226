/**
 * Python's strftime for run names (GX formats run_name_template with the run time in UTC).
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Each directive's value for a UTC time. */
const DIRECTIVES: Readonly<Record<string, (d: Date) => string>> = {
  Y: (d) => pad(d.getUTCFullYear(), 4),
  y: (d) => pad(d.getUTCFullYear() % 100, 2),
  m: (d) => pad(d.getUTCMonth() + 1, 2),
  d: (d) => pad(d.getUTCDate(), 2),
  H: (d) => pad(d.getUTCHours(), 2),
  I: (d) => pad(d.getUTCHours() % 12 || 12, 2),
  p: (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
  M: (d) => pad(d.getUTCMinutes(), 2),
  S: (d) => pad(d.getUTCSeconds(), 2),
  f: (d) => pad(d.getUTCMilliseconds() * 1000, 6),
  j: (d) => pad(dayOfYear(d), 3),
  a: (d) => (DAYS[d.getUTCDay()] as string).slice(0, 3),
  A: (d) => DAYS[d.getUTCDay()] as string,
  b: (d) => (MONTHS[d.getUTCMonth()] as string).slice(0, 3),
  B: (d) => MONTHS[d.getUTCMonth()] as string,
  w: (d) => String(d.getUTCDay()),
  z: () => '+0000',
  Z: () => 'UTC',
  '%': () => '%',
};

const DIRECTIVE = /%(.?)/g;

/** The first directive of a template that strftime does not know ('%' at the end included), if any. */
export function unknownDirective(template: string): string | undefined {
  for (const m of template.matchAll(DIRECTIVE)) if (!((m[1] ?? '') in DIRECTIVES)) return m[0];
  return undefined;
}

/** Formats a UTC time with a Python strftime template (%Y %m %d %H %M %S %f %j %a %A %b %B %y %I %p %w %z %Z %%). */
export function strftime(template: string, time: Date): string {
  return template.replace(DIRECTIVE, (whole, c: string) => DIRECTIVES[c]?.(time) ?? whole);
}
