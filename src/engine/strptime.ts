/** A strftime format that cannot be used (GX: "Unable to use provided strftime_format"). */
export class StrftimeFormatError extends Error {
  readonly code = 'invalid_strftime_format';
}

/**
 * Python's `datetime.strptime` as a test: does a string parse under a format? Ported from CPython's
 * `_strptime` for the C locale: each directive becomes the same regular expression CPython builds (the
 * whole pattern case-insensitive, whitespace in the format matching any run of whitespace, the match
 * anchored at the start and required to consume the whole string), then the fields are checked as
 * `datetime` checks them: days against the month and (leap) year, seconds up to 59, UTC offsets under
 * 24 hours, years 1 to 9999, `%j`, `%U`/`%W` with a weekday, and `%G`/`%V`/`%u` ISO dates (as CPython
 * 3.11 reads them: week 53 of a 52-week year runs on into the next year).
 *
 * Directives: `%Y %y %m %d %H %I %M %S %f %p %j %z %Z %a %A %b %B %w %u %U %W %G %V %c %x %X %%`.
 * Names (`%a %A %b %B %p`) are the English ones; `%Z` accepts UTC and GMT (CPython also accepts the
 * machine's local zone names); `%c %x %X` are the C locale's `%a %b %d %H:%M:%S %Y`, `%m/%d/%y` and
 * `%H:%M:%S`. Digits are ASCII (CPython's `\d` also takes other Unicode digits).
 */
export function compileStrptime(format: string): (s: string) => boolean {
  const hit = cache.get(format);
  if (hit) return hit;
  const groups: Field[] = [];
  const source = pattern(format, format, groups);
  const seen = new Set<Field>();
  for (const g of groups) {
    // CPython names each group after its directive; a repeat is a regex error there
    if (seen.has(g)) throw new StrftimeFormatError(`${unusable(format)}: %${g} appears twice`);
    seen.add(g);
  }
  const re = new RegExp(source, 'iuy');
  const test = (s: string): boolean => {
    re.lastIndex = 0;
    const m = re.exec(s);
    if (!m || m[0].length !== s.length) return false;
    return validFields(m, groups);
  };
  if (cache.size > 1000) cache.clear();
  cache.set(format, test);
  return test;
}

type Field =
  | 'Y'
  | 'y'
  | 'G'
  | 'm'
  | 'B'
  | 'b'
  | 'd'
  | 'H'
  | 'I'
  | 'M'
  | 'S'
  | 'f'
  | 'A'
  | 'a'
  | 'w'
  | 'u'
  | 'j'
  | 'U'
  | 'W'
  | 'V'
  | 'z'
  | 'Z'
  | 'p';

const cache = new Map<string, (s: string) => boolean>();

/** The characters CPython escapes in a format before reading its directives. */
const REGEX_CHARS = /[\\.^$*+?(){}[\]|]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_CHARS, '\\$&');
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Alternatives longest first, as CPython's `__seqToRE` orders them so that a prefix never wins. */
const oneOf = (names: readonly string[]) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');

/** CPython's TimeRE table for the C locale. */
const DIRECTIVES: Record<Field, string> = {
  d: '3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9]',
  f: '[0-9]{1,6}',
  H: '2[0-3]|[0-1]\\d|\\d',
  I: '1[0-2]|0[1-9]|[1-9]',
  G: '\\d\\d\\d\\d',
  j: '36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]',
  m: '1[0-2]|0[1-9]|[1-9]',
  M: '[0-5]\\d|\\d',
  S: '6[0-1]|[0-5]\\d|\\d',
  U: '5[0-3]|[0-4]\\d|\\d',
  W: '5[0-3]|[0-4]\\d|\\d',
  w: '[0-6]',
  u: '[1-7]',
  V: '5[0-3]|0[1-9]|[1-4]\\d|\\d',
  y: '\\d\\d',
  Y: '\\d\\d\\d\\d',
  // CPython matches `Z` case-sensitively inside the case-insensitive pattern; validFields rejects `z`
  z: '[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z',
  A: oneOf(WEEKDAYS),
  a: oneOf(WEEKDAYS.map((d) => d.slice(0, 3))),
  B: oneOf(MONTHS),
  b: oneOf(MONTHS.map((m) => m.slice(0, 3))),
  p: 'am|pm',
  Z: 'utc|gmt',
};

/** Directives that stand for a whole C-locale format. */
const COMPOSITE: Record<string, string> = { c: '%a %b %d %H:%M:%S %Y', x: '%m/%d/%y', X: '%H:%M:%S' };

function unusable(format: string): string {
  return `Unable to use provided strftime_format ${JSON.stringify(format)}`;
}

/** TimeRE.pattern: the format as a regex source, recording which field each capture group holds. */
function pattern(format: string, whole: string, groups: Field[]): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === '%') {
      const d = format[i + 1];
      i++;
      if (d === undefined) throw new StrftimeFormatError(`${unusable(whole)}: stray % at its end`);
      if (d === '%') out += '%';
      else if (d in COMPOSITE) out += pattern(COMPOSITE[d] as string, whole, groups);
      else if (d in DIRECTIVES) {
        groups.push(d as Field);
        out += `(${DIRECTIVES[d as Field]})`;
      } else {
        // CPython escapes regex characters and whitespace before it reads directives: `% ` is a bad `%`
        const bad = /\s/.test(d) || escapeRegex(d) !== d ? '%' : d;
        throw new StrftimeFormatError(`${unusable(whole)}: '${bad}' is a bad directive`);
      }
    } else if (/\s/u.test(ch)) {
      while (i + 1 < format.length && /\s/u.test(format[i + 1] as string)) i++;
      out += '\\s+';
    } else {
      out += escapeRegex(ch);
    }
  }
  return out;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m - 1] as number));
const daysInYear = (y: number) => (isLeap(y) ? 366 : 365);
/** Weekday of 1 January (Monday = 0), proleptic Gregorian as Python's date. */
const jan1Weekday = (y: number) => {
  const p = y - 1;
  return (p + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400)) % 7;
};
const validYear = (y: number) => y >= 1 && y <= 9999;

/** The checks `_strptime` and the datetime constructor apply to the matched fields. */
function validFields(m: RegExpExecArray, groups: readonly Field[]): boolean {
  let year: number | null = null;
  let isoYear: number | null = null;
  let isoWeek: number | null = null;
  let month = 1;
  let day = 1;
  let second = 0;
  let weekday: number | null = null;
  let julian: number | null = null;
  let week: number | null = null;
  let weekStartsMonday = false;
  for (let g = 0; g < groups.length; g++) {
    const text = m[g + 1] as string;
    const v = Number(text);
    switch (groups[g]) {
      case 'y':
        year = v <= 68 ? v + 2000 : v + 1900;
        break;
      case 'Y':
        year = v;
        break;
      case 'G':
        isoYear = v;
        break;
      case 'm':
        month = v;
        break;
      case 'B':
      case 'b':
        month = MONTHS.findIndex((name) => name.startsWith(text.toLowerCase())) + 1;
        break;
      case 'd':
        day = v;
        break;
      case 'S':
        second = v;
        break;
      case 'A':
      case 'a':
        weekday = WEEKDAYS.findIndex((name) => name.startsWith(text.toLowerCase()));
        break;
      case 'w':
        weekday = v === 0 ? 6 : v - 1;
        break;
      case 'u':
        weekday = v - 1;
        break;
      case 'j':
        julian = v;
        break;
      case 'U':
      case 'W':
        week = v;
        weekStartsMonday = groups[g] === 'W';
        break;
      case 'V':
        isoWeek = v;
        break;
      case 'z':
        if (!validOffset(text)) return false;
        break;
      default:
        break;
    }
  }
  // datetime allows no leap seconds
  if (second > 59) return false;
  if (year === null && isoYear !== null) {
    if (isoWeek === null || weekday === null || julian !== null) return false;
  } else if (isoWeek !== null) {
    return false;
  }
  year ??= 1900;
  if (julian === null && weekday !== null) {
    if (week !== null) {
      if (!validYear(year)) return false;
      julian = julianFromWeek(year, week, weekday, weekStartsMonday);
    } else if (isoYear !== null && isoWeek !== null) {
      if (!validYear(isoYear)) return false;
      year = isoYear;
      julian = julianFromIsoWeek(isoYear, isoWeek, weekday + 1);
    }
    if (julian !== null && julian <= 0) {
      year -= 1;
      julian += daysInYear(year);
    }
  }
  if (!validYear(year)) return false;
  if (julian === null) return month >= 1 && day <= daysIn(year, month);
  // the day of the year decides the date, and may run into the next year
  return julian <= daysInYear(year) || validYear(year + 1);
}

/** CPython's _calc_julian_from_U_or_W. */
function julianFromWeek(year: number, week: number, weekday: number, startsMonday: boolean): number {
  let first = jan1Weekday(year);
  let dow = weekday;
  if (!startsMonday) {
    first = (first + 1) % 7;
    dow = (dow + 1) % 7;
  }
  if (week === 0) return 1 + dow - first;
  return 1 + ((7 - first) % 7) + 7 * (week - 1) + dow;
}

/** CPython 3.11's _calc_julian_from_V (a week past the year's last runs on into the next year). */
function julianFromIsoWeek(isoYear: number, isoWeek: number, isoWeekday: number): number {
  const jan4IsoWeekday = ((jan1Weekday(isoYear) + 3) % 7) + 1;
  return isoWeek * 7 + isoWeekday - (jan4IsoWeekday + 3);
}

/** `%z`: `Z`, or an offset whose colons are used consistently and that lies within ±24 hours. */
function validOffset(z: string): boolean {
  if (z === 'Z') return true;
  if (z === 'z') return false;
  let t = z;
  if (t[3] === ':') {
    t = t.slice(0, 3) + t.slice(4);
    if (t.length > 5) {
      if (t[5] !== ':') return false;
      t = t.slice(0, 5) + t.slice(6);
    }
  } else if (t.includes(':')) {
    // CPython then reads ":0" as the seconds and int() refuses it
    return false;
  }
  const hours = Number(t.slice(1, 3));
  const minutes = Number(t.slice(3, 5));
  const seconds = Number(t.slice(5, 7) || '0');
  const micros = Number((t.slice(8) || '').padEnd(6, '0') || '0');
  const total = hours * 3600 + minutes * 60 + seconds + micros / 1e6;
  return total < 86400;
}
