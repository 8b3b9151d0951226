import { describe, expect, it } from 'vitest';
import { isDateutilParseable } from '../../src/engine/dateutil.js';

// Verdicts of dateutil 2.9's parser.parse(value) (no tzinfos, not fuzzy)
const parseable = [
  '2019-04-01',
  '01/01/2010',
  '2003-09-25T10:49:41',
  '2003-09-25T10:49:41.5-03:00',
  '2003-09-25 10:49:41,502',
  'Thu Sep 25 10:36:28 BRST 2003',
  'Thu, 25 Sep 2003 10:49:41 -0300',
  '20030925T104941',
  '20030925T1049',
  '20030925',
  '030925',
  'Sep 25 2003',
  'Sep-25-2003',
  '25-Sep-2003',
  'September 25, 2003',
  '25 Sep 2003',
  '2003.Sep.25',
  'Sep.25.2003',
  '25.09.03',
  '10:36:28',
  '10:36',
  '10h36m28.5s',
  '10h',
  '5pm',
  '5 pm',
  '13 pm',
  '12am',
  '13am',
  'Jan of 01',
  '3rd of May 2001',
  "Wed, July 10, '96",
  '1996.07.10 AD at 15:08:56 PDT',
  'Tuesday, April 12, 1952 AD 3:30:42pm PST',
  '1999',
  '10',
  'Monday',
  'Monday at',
  '  2019-01-01  ',
  '2020-02-29',
  '12/31/1999 11:59 PM',
  '2019-04-01 00:00:00Z',
  '2019-04-01T00:00:00 UTC',
  '10:00 GMT+3',
  '1 January 2020',
];

const unparseable = [
  '',
  '   ',
  'abc',
  'cat',
  'horse',
  'at',
  '2019-13-01',
  '2019-02-30',
  '2019-02-29',
  '25:00',
  '10:61',
  '12:30:60',
  'nan',
  'inf',
  'Infinity',
  '2019-04-01 foo',
  'hello 2019',
  '1.2.3.4',
  '1/2/3/4',
  'Jan-',
  '10 pm am',
  'am',
  '99999',
  'Sep 25 2003 10:00 +abc',
];

describe('isDateutilParseable', () => {
  it.each(parseable)('parses %j', (s) => {
    expect(isDateutilParseable(s)).toBe(true);
  });
  it.each(unparseable)('refuses %j', (s) => {
    expect(isDateutilParseable(s)).toBe(false);
  });
});
