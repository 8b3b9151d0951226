import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { col, dateutil } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** Each non-missing string parses as a date/time with Python's dateutil.parser.parse. */
export const expectColumnValuesToBeDateutilParseable = defineExpectation({
  type: 'expect_column_values_to_be_dateutil_parseable',
  description:
    'Each string parses with dateutil.parser.parse (month before day, nothing skipped): ISO dates and times, 09/25/2003, 25.09.03, 20030925T104941, "Thu Sep 25 10:36:28 BRST 2003", "September 25, 2003 5pm", 10h36m and the like; every word must be a month, a weekday, AM/PM, a time zone or filler (at, on, of, st, th, ...), and the date must exist. Nulls are left out; only string columns.',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys }),
  sentence: (k) => valuesSentence(k.column, 'are dates or times that dateutil can parse', k.mostly),
  examples: [{ kwargs: { column: 'signup_date' } }, { kwargs: { column: 'free_text_date', mostly: 0.95 } }],
  map: { predicate: (k) => dateutil(col(k.column)) },
});
