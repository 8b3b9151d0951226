import { describe, expect, it } from 'vitest';
import { compileStrptime, StrftimeFormatError } from '../../src/engine/strptime.js';

// Verdicts of CPython 3.12's datetime.strptime(value, format)
const cases: [string, string, boolean][] = [
  ['%Y-%m-%d', '2019-04-01', true],
  ['%Y%m%d', '2019-04-01', false],
  ['%Y-%m-%d', '2019-4-1', true],
  ['%Y-%d-%m', '2019-04-13', false],
  ['%Y-%m-%d', '2019-02-29', false],
  ['%Y-%m-%d', '2020-02-29', true],
  ['%Y-%m-%d', '1900-02-29', false],
  ['%Y-%m-%d', '2000-02-29', true],
  ['%m-%d', '02-29', false],
  ['%Y-%m-%d', '2019-04-31', false],
  ['%Y-%m-%d', ' 2019-04-01', false],
  ['%Y-%m-%d', '2019-04-01 ', false],
  ['%Y-%m-%d', '0000-01-01', false],
  ['%Y-%m-%dT%H:%M:%S', '1977-05-55T00:00:00', false],
  ['%Y-%m-%dT%H:%M:%S', '1980-05-21T13:47:59', true],
  ['%Y-%m-%dT%H:%M:%S', '1980-05-21t13:47:59', true],
  ['%H:%M:%S', '23:59:60', false],
  ['%H:%M:%S', '24:00:00', false],
  ['%H:%M', '7:5', true],
  ['%d %m %Y', '1  2   2020', true],
  ['%d %m %Y', '1 2\t2020', true],
  ['%d %m %Y', '1 22020', false],
  ['%Y-%m-%dT%H:%M:%S.%f', '2020-01-01T00:00:00.123456', true],
  ['%Y-%m-%dT%H:%M:%S.%f', '2020-01-01T00:00:00.1234567', false],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00+0530', true],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00-05:30', true],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00+05:30:15.5', true],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00+24:00', false],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00+05:3000', false],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00Z', true],
  ['%Y-%m-%d %H:%M:%S%z', '2020-01-01 10:00:00z', false],
  ['%Y %Z', '2020 UTC', true],
  ['%Y %Z', '2020 gmt', true],
  ['%Y %Z', '2020 CET', false],
  ['%d %b %Y', '5 JAN 2020', true],
  ['%d %b %Y', '5 Janu 2020', false],
  ['%d %B %Y', '5 January 2020', true],
  ['%d %B %Y', '5 Jan 2020', false],
  ['%a %d', 'Fri 03', true],
  ['%A %d', 'friday 03', true],
  ['%I:%M %p', '12:30 pm', true],
  ['%I:%M %p', '12:30 AM', true],
  ['%I:%M %p', '13:30 pm', false],
  ['%I:%M %p', '0:30 pm', false],
  ['%j/%Y', '366/2019', true],
  ['%j/%Y', '367/2019', false],
  ['%j', '000', false],
  ['%y', '99', true],
  ['%y', '9', false],
  ['%Y %U %w', '2020 00 0', true],
  ['%Y %W %a', '2020 53 Sun', true],
  ['%G-W%V-%u', '2020-W53-1', true],
  ['%G-W%V-%u', '2019-W53-1', true],
  ['%G-W%V-%u', '0001-W01-1', true],
  ['%G-W%V', '2020-W01', false],
  ['%Y-W%V-%u', '2020-W01-1', false],
  ['%c', 'Tue Mar 17 22:44:55 1999', true],
  ['%x', '03/17/99', true],
  ['%X', '22:44:55', true],
  ['%%%Y', '%2020', true],
  ['(%Y)', '(2020)', true],
  ['[%Y]+', '[2020]+', true],
  ['%Y.%m', '2020x01', false],
];

describe('compileStrptime', () => {
  it.each(cases)('%j on %j is %s', (format, s, want) => {
    expect(compileStrptime(format)(s)).toBe(want);
  });

  it.each([
    ['%D', "'D' is a bad directive"],
    ['%Y%', 'stray %'],
    ['% d', "'%' is a bad directive"],
    ['%.', "'%' is a bad directive"],
    ['%Y-%Y', '%Y appears twice'],
    ['%c %Y', '%Y appears twice'],
  ])('refuses %j: %s', (format, why) => {
    expect(() => compileStrptime(format)).toThrow(StrftimeFormatError);
    expect(() => compileStrptime(format)).toThrow(why);
    expect(() => compileStrptime(format)).toThrow('Unable to use provided strftime_format');
  });
});
