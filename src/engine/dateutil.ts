/**
 * `dateutil.parser.parse(s)` as a test (its defaults: month before day, no fuzzy matching, no tzinfos),
 * ported from dateutil 2.8's `_timelex` and `parser._parse`: the string splits into runs of letters,
 * runs of digits (with their decimal points) and single other characters, and every token must be
 * understood: numbers in the forms dateutil knows (`2003-09-25`, `09/25/2003`, `25.09.03`, `20030925`,
 * `20030925T104941`, `10:49:41.5`, `10h36m`, `5pm`, a lone year/month/day), English month and weekday
 * names (`Sep`, `Sept`, `September`, `Thu`), AM/PM, time zone names (up to five capitals, UTC, GMT, Z)
 * and numeric offsets after a time (`-03:00`, `+0530`), and the filler dateutil skips (space . , ; - / '
 * at on and ad m t of st nd rd th). The date then has to exist: month 1-12, the day within its month,
 * hours to 23, minutes and seconds to 59, years 1-9999 (two-digit years within 50 years of now). As in
 * dateutil, parts the string leaves out come from today's date. Digits are ASCII only.
 */
export function isDateutilParseable(s: string): boolean {
  try {
    return parse(s);
  } catch (e) {
    if (e instanceof Unparseable) return false;
    throw e;
  }
}

/** dateutil's ValueError/IndexError inside _parse: the string is not a date. */
class Unparseable extends Error {}

const fail = (): never => {
  throw new Unparseable();
};

const JUMP = new Set([
  ' ',
  '.',
  ',',
  ';',
  '-',
  '/',
  "'",
  'at',
  'on',
  'and',
  'ad',
  'm',
  't',
  'of',
  'st',
  'nd',
  'rd',
  'th',
]);
const WEEKDAYS = [
  ['mon', 'monday'],
  ['tue', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
];
const MONTHS = [
  ['jan', 'january'],
  ['feb', 'february'],
  ['mar', 'march'],
  ['apr', 'april'],
  ['may'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
];
const HMS = [
  ['h', 'hour', 'hours'],
  ['m', 'minute', 'minutes'],
  ['s', 'second', 'seconds'],
];
const AMPM = [
  ['am', 'a'],
  ['pm', 'p'],
];
const UTCZONE = ['UTC', 'GMT', 'Z', 'z'];

/** A name table as dateutil's parserinfo converts it: lower-cased name -> index. */
function table(groups: readonly (readonly string[])[]): Map<string, number> {
  const m = new Map<string, number>();
  groups.forEach((names, i) => {
    for (const n of names) m.set(n, i);
  });
  return m;
}
const WEEKDAY = table(WEEKDAYS);
const MONTH = table(MONTHS);
const HMS_NAMES = table(HMS);
const AMPM_NAMES = table(AMPM);

const jump = (t: string | undefined) => t !== undefined && JUMP.has(t.toLowerCase());
const weekday = (t: string) => WEEKDAY.get(t.toLowerCase());
const monthOf = (t: string | undefined) => (t === undefined ? undefined : MONTH.get(t.toLowerCase()));
const hms = (t: string | undefined) => (t === undefined ? undefined : HMS_NAMES.get(t.toLowerCase()));
const ampm = (t: string | undefined) => (t === undefined ? undefined : AMPM_NAMES.get(t.toLowerCase()));

const isWord = (c: string) => /\p{L}/u.test(c);
const isNum = (c: string) => c >= '0' && c <= '9';
const isSpace = (c: string) => /\s/u.test(c);
const isDigits = (t: string | undefined) => t !== undefined && /^[0-9]+$/.test(t);

/** Python's int() of a token: digits only. */
function int(t: string | undefined): number {
  if (!isDigits(t)) fail();
  return Number(t);
}

/** _timelex.split. */
function tokenize(s: string): string[] {
  const chars = [...s].filter((c) => c !== '\x00');
  const out: string[] = [];
  let p = 0;
  while (p < chars.length) {
    let token = chars[p++] as string;
    let state: '' | 'a' | '0' | 'a.' | '0.' = '';
    let seenLetters = false;
    if (isWord(token)) state = 'a';
    else if (isNum(token)) state = '0';
    else if (isSpace(token)) token = ' ';
    while (state && p < chars.length) {
      const c = chars[p] as string;
      if (state === 'a') {
        seenLetters = true;
        if (isWord(c)) token += c;
        else if (c === '.') {
          token += c;
          state = 'a.';
        } else break;
      } else if (state === '0') {
        if (isNum(c)) token += c;
        else if (c === '.' || (c === ',' && token.length >= 2)) {
          token += c;
          state = '0.';
        } else break;
      } else if (state === 'a.') {
        seenLetters = true;
        if (c === '.' || isWord(c)) token += c;
        else if (isNum(c) && token.endsWith('.')) {
          token += c;
          state = '0.';
        } else break;
      } else {
        if (c === '.' || isNum(c)) token += c;
        else if (isWord(c) && token.endsWith('.')) {
          token += c;
          state = 'a.';
        } else break;
      }
      p++;
    }
    const dots = token.split('.').length - 1;
    if (
      (state === 'a.' || state === '0.') &&
      (seenLetters || dots > 1 || token.endsWith('.') || token.endsWith(','))
    ) {
      const parts = token.split(/([.,])/).filter((x) => x !== '');
      out.push(...parts);
      continue;
    }
    if (state === '0.' && dots === 0) token = token.replaceAll(',', '.');
    out.push(token);
  }
  return out;
}

/** dateutil's _ymd: up to three date numbers, with what each is known to be. */
class Ymd {
  readonly values: number[] = [];
  centurySpecified = false;
  y: number | null = null;
  m: number | null = null;
  d: number | null = null;

  /** Appends a token (string) or a number, as _ymd.append. */
  append(val: string | number, label?: 'Y' | 'M' | 'D'): void {
    if (typeof val === 'string') {
      if (isDigits(val) && val.length > 2) {
        this.centurySpecified = true;
        label = 'Y';
      }
    } else if (val > 100) {
      this.centurySpecified = true;
      label = 'Y';
    }
    this.values.push(typeof val === 'string' ? int(val) : Math.trunc(val));
    const at = this.values.length - 1;
    if (label === 'M') {
      if (this.m !== null) fail();
      this.m = at;
    } else if (label === 'D') {
      if (this.d !== null) fail();
      this.d = at;
    } else if (label === 'Y') {
      if (this.y !== null) fail();
      this.y = at;
    }
  }

  couldBeDay(v: number): boolean {
    if (this.d !== null) return false;
    if (this.m === null) return v >= 1 && v <= 31;
    const month = this.values[this.m] as number;
    const year = this.y === null ? 2000 : (this.values[this.y] as number);
    return v >= 1 && month >= 1 && month <= 12 && v <= daysIn(year, month);
  }

  /** resolve_ymd(yearfirst=False, dayfirst=False): [year, month, day]. */
  resolve(): [number | null, number | null, number | null] {
    const v = this.values;
    const n = v.length;
    const known: [string, number][] = (
      [
        ['y', this.y],
        ['m', this.m],
        ['d', this.d],
      ] as [string, number | null][]
    ).filter((e): e is [string, number] => e[1] !== null);
    if ((n === known.length && n > 0) || (n === 3 && known.length === 2)) {
      const at = new Map(known);
      if (n === 3 && known.length === 2) {
        const key = ['y', 'm', 'd'].find((k) => !at.has(k)) as string;
        at.set(key, [0, 1, 2].find((i) => ![...at.values()].includes(i)) as number);
      }
      const get = (k: string) => (at.has(k) ? (v[at.get(k) as number] as number) : null);
      return [get('y'), get('m'), get('d')];
    }
    const [a, b, c] = v as [number, number, number];
    if (n > 3) return fail();
    if (n === 1 || (this.m !== null && n === 2)) {
      let month: number | null = null;
      let other: number;
      if (this.m !== null) {
        month = v[this.m] as number;
        other = v[this.m === 0 ? 1 : 0] as number;
      } else other = a;
      if (n > 1 || this.m === null) return other > 31 ? [other, month, null] : [null, month, other];
      return [null, month, null];
    }
    if (n === 2) {
      if (a > 31) return [a, b, null];
      if (b > 31) return [b, a, null];
      return [null, a, b];
    }
    if (n === 3) {
      if (this.m === 0) return b > 31 ? [b, a, c] : [c, a, b];
      if (this.m === 1) return a > 31 ? [a, b, c] : [c, b, a];
      if (this.m === 2) return b > 31 ? [b, c, a] : [a, c, b];
      if (a > 31 || this.y === 0) return [a, b, c];
      if (a > 12) return [c, b, a];
      return [c, a, b];
    }
    return [null, null, null];
  }
}

interface Res {
  hour: number | null;
  minute: number | null;
  second: number | null;
  microsecond: number | null;
  weekday: number | null;
  ampm: number | null;
  tzname: string | null;
  tzoffset: number | null;
}

/** Python's float() accepts these words; dateutil then refuses them as non-finite. */
const NON_FINITE = /^(nan|inf|infinity)$/i;
const NUMBER = /^[0-9]+(?:\.[0-9]*)?$/;

function parse(s: string): boolean {
  const l = tokenize(s);
  const res: Res = {
    hour: null,
    minute: null,
    second: null,
    microsecond: null,
    weekday: null,
    ampm: null,
    tzname: null,
    tzoffset: null,
  };
  const ymd = new Ymd();
  for (let i = 0; i < l.length; i++) {
    const tok = l[i] as string;
    if (NON_FINITE.test(tok)) return false;
    if (NUMBER.test(tok)) {
      i = numericToken(l, i, ymd, res);
    } else if (weekday(tok) !== undefined) {
      res.weekday = weekday(tok) as number;
    } else if (monthOf(tok) !== undefined) {
      i = monthToken(l, i, ymd);
    } else if (ampm(tok) !== undefined) {
      if (res.hour === null || res.hour > 12) return false;
      res.hour = adjustAmpm(res.hour, ampm(tok) as number);
      res.ampm = ampm(tok) as number;
    } else if (couldBeTzName(res.hour, res.tzname, res.tzoffset, tok)) {
      res.tzname = tok;
      // parserinfo.tzoffset looks the name up among lower-cased UTC names, so only `z` finds one
      res.tzoffset = tok === 'z' ? 0 : null;
      const next = l[i + 1];
      if (next === '+' || next === '-') {
        // GMT+3 means "my time +3 is GMT": dateutil flips the sign
        l[i + 1] = next === '+' ? '-' : '+';
        res.tzoffset = null;
        if (UTCZONE.map((z) => z.toLowerCase()).includes(tok.toLowerCase())) res.tzname = null;
      }
    } else if (res.hour !== null && (tok === '+' || tok === '-')) {
      i = numericTz(l, i, res);
    } else if (!jump(tok)) {
      return false;
    }
  }
  const [y, m, d] = ymd.resolve();
  const counted = [y, m, d, res.weekday, res.hour, res.minute, res.second, res.microsecond, res.ampm];
  if (counted.every((x) => x === null) && res.tzname === null && res.tzoffset === null) return false;
  return buildable(y === null ? null : convertYear(y, ymd.centurySpecified), m, d, res);
}

function adjustAmpm(hour: number, pm: number): number {
  if (hour < 12 && pm === 1) return hour + 12;
  if (hour === 12 && pm === 0) return 0;
  return hour;
}

function couldBeTzName(
  hour: number | null,
  name: string | null,
  offset: number | null,
  tok: string,
): boolean {
  return (
    hour !== null &&
    name === null &&
    offset === null &&
    tok.length <= 5 &&
    (/^[A-Z]*$/.test(tok) || UTCZONE.includes(tok))
  );
}

/** _process_month. */
function monthToken(l: string[], i: number, ymd: Ymd): number {
  ymd.append((monthOf(l[i]) as number) + 1, 'M');
  const next = l[i + 1];
  if (next === undefined) return i;
  if (next === '-' || next === '/') {
    ymd.append(l[i + 2] ?? fail());
    if (l[i + 3] === next) {
      ymd.append(l[i + 4] ?? fail());
      i += 2;
    }
    return i + 2;
  }
  if (
    i + 4 < l.length &&
    l[i + 1] === ' ' &&
    l[i + 3] === ' ' &&
    (l[i + 2] as string).toLowerCase() === 'of'
  ) {
    // Jan of 01: a year
    const y = l[i + 4] as string;
    if (isDigits(y)) ymd.append(String(convertYear(Number(y), false)), 'Y');
    return i + 4;
  }
  return i;
}

/** _process_numeric_tz. */
function numericTz(l: string[], i: number, res: Res): number {
  const sign = l[i] === '+' ? 1 : -1;
  const t = l[i + 1] ?? fail();
  let h: number;
  let m: number;
  if (t.length === 4) {
    h = int(t.slice(0, 2));
    m = int(t.slice(2));
  } else if (l[i + 2] === ':') {
    h = int(t);
    m = int(l[i + 3]);
    i += 2;
  } else if (t.length <= 2) {
    h = int(t.slice(0, 2));
    m = 0;
  } else return fail();
  res.tzoffset = sign * (h * 3600 + m * 60);
  const name = l[i + 4];
  if (
    i + 5 < l.length &&
    jump(l[i + 2]) &&
    l[i + 3] === '(' &&
    l[i + 5] === ')' &&
    name !== undefined &&
    name.length >= 3 &&
    couldBeTzName(res.hour, res.tzname, null, name)
  ) {
    res.tzname = name;
    i += 4;
  }
  return i + 1;
}

/** _parsems: seconds and microseconds from `S[.ffffff]`. */
function parseMs(v: string): [number, number] {
  const parts = v.split('.');
  if (parts.length === 1) return [int(v), 0];
  if (parts.length !== 2) return fail();
  return [int(parts[0]), int((parts[1] as string).padEnd(6, '0').slice(0, 6))];
}

/** _parse_min_sec. */
function minSec(value: number): [number, number | null] {
  const rem = value % 1;
  return [Math.trunc(value), rem ? Math.trunc(60 * rem) : null];
}

function findHmsIdx(idx: number, l: string[]): number | null {
  if (hms(l[idx + 1]) !== undefined) return idx + 1;
  if (l[idx + 1] === ' ' && hms(l[idx + 2]) !== undefined) return idx + 2;
  if (idx > 0 && hms(l[idx - 1]) !== undefined) return idx - 1;
  if (idx > 1 && idx === l.length - 1 && l[idx - 1] === ' ' && hms(l[idx - 2]) !== undefined) return idx - 2;
  return null;
}

/** _parse_numeric_token. */
function numericToken(l: string[], idx: number, ymd: Ymd, res: Res): number {
  const s = l[idx] as string;
  const value = Number(s);
  const len = s.length;
  const next = l[idx + 1];
  if (
    ymd.values.length === 3 &&
    (len === 2 || len === 4) &&
    res.hour === null &&
    (next === undefined || (next !== ':' && hms(next) === undefined))
  ) {
    // 19990101T23[59]
    res.hour = int(s.slice(0, 2));
    if (len === 4) res.minute = int(s.slice(2));
  } else if (len === 6 || (len > 6 && s.indexOf('.') === 6)) {
    if (ymd.values.length === 0 && !s.includes('.')) {
      // YYMMDD
      ymd.append(s.slice(0, 2));
      ymd.append(s.slice(2, 4));
      ymd.append(s.slice(4));
    } else {
      // HHMMSS[.ss]
      res.hour = int(s.slice(0, 2));
      res.minute = int(s.slice(2, 4));
      [res.second, res.microsecond] = parseMs(s.slice(4));
    }
  } else if (len === 8 || len === 12 || len === 14) {
    // YYYYMMDD[HHMM[SS]]
    ymd.append(s.slice(0, 4), 'Y');
    ymd.append(s.slice(4, 6));
    ymd.append(s.slice(6, 8));
    if (len > 8) {
      res.hour = int(s.slice(8, 10));
      res.minute = int(s.slice(10, 12));
      if (len > 12) res.second = int(s.slice(12));
    }
  } else if (findHmsIdx(idx, l) !== null) {
    // HH[ ]h or MM[ ]m or SS[.ss][ ]s
    const at = findHmsIdx(idx, l) as number;
    let which: number;
    if (at > idx) {
      which = hms(l[at]) as number;
      idx = at;
    } else which = (hms(l[at]) as number) + 1;
    if (which === 0) {
      res.hour = Math.trunc(value);
      if (value % 1) res.minute = Math.trunc(60 * (value % 1));
    } else if (which === 1) [res.minute, res.second] = minSec(value);
    else if (which === 2) [res.second, res.microsecond] = parseMs(s);
  } else if (next === ':' && idx + 2 < l.length) {
    // HH:MM[:SS[.ss]]
    res.hour = Math.trunc(value);
    const minutes = l[idx + 2] as string;
    if (!NUMBER.test(minutes)) fail();
    [res.minute, res.second] = minSec(Number(minutes));
    if (idx + 4 < l.length && l[idx + 3] === ':') {
      [res.second, res.microsecond] = parseMs(l[idx + 4] as string);
      idx += 2;
    }
    idx += 2;
  } else if (next === '-' || next === '/' || next === '.') {
    ymd.append(s);
    const third = l[idx + 2];
    if (third !== undefined && !jump(third)) {
      if (isDigits(third)) ymd.append(third);
      else {
        const m = monthOf(third);
        if (m === undefined) fail();
        ymd.append((m as number) + 1, 'M');
      }
      if (l[idx + 3] === next) {
        const fifth = l[idx + 4] ?? fail();
        const m = monthOf(fifth);
        if (m !== undefined) ymd.append(m + 1, 'M');
        else ymd.append(fifth);
        idx += 2;
      }
      idx += 1;
    }
    idx += 1;
  } else if (next === undefined || jump(next)) {
    if (ampm(l[idx + 2]) !== undefined) {
      // 12 am
      res.hour = adjustAmpm(Math.trunc(value), ampm(l[idx + 2]) as number);
      idx += 1;
    } else ymd.append(value);
    idx += 1;
  } else if (ampm(next) !== undefined && value >= 0 && value < 24) {
    // 12am
    res.hour = adjustAmpm(Math.trunc(value), ampm(next) as number);
    idx += 1;
  } else if (ymd.couldBeDay(value)) {
    ymd.append(value);
  } else {
    fail();
  }
  return idx;
}

/** parserinfo.convertyear: two-digit years land within 50 years of the current year. */
function convertYear(year: number, centurySpecified: boolean): number {
  if (year >= 100 || centurySpecified) return year;
  const now = new Date().getFullYear();
  let y = year + Math.floor(now / 100) * 100;
  if (y >= now + 50) y -= 100;
  else if (y < now - 50) y += 100;
  return y;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : (DAYS[m - 1] as number));

/** _build_naive: today's date with the parsed parts replaced must be a valid datetime. */
function buildable(year: number | null, month: number | null, day: number | null, r: Res): boolean {
  const today = new Date();
  const y = year ?? today.getFullYear();
  const m = month ?? today.getMonth() + 1;
  if (y < 1 || y > 9999 || m < 1 || m > 12) return false;
  // a day taken from today falls back to the month's last day; a parsed one must exist
  if (day !== null && (day < 1 || day > daysIn(y, m))) return false;
  const inRange = (v: number | null, max: number) => v === null || (v >= 0 && v <= max);
  return (
    inRange(r.hour, 23) && inRange(r.minute, 59) && inRange(r.second, 59) && inRange(r.microsecond, 999999)
  );
}
