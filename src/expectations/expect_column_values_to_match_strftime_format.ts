import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { col, strftime } from '../engine/expr.js';
import { compileStrptime } from '../engine/strptime.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** Each non-missing string parses as a date/time with Python's strptime under a format. */
export const expectColumnValuesToMatchStrftimeFormat = defineExpectation({
  type: 'expect_column_values_to_match_strftime_format',
  description:
    "Each string parses with Python's datetime.strptime under strftime_format (the whole string, and the date must exist: no month 13, no 30 February); nulls are left out. Directives: %Y %y %m %d %H %I %M %S %f %p %j %z %Z %a %A %b %B %w %u %U %W %G %V %c %x %X %%, with English names. Only string columns: dates and timestamps are already parsed.",
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, strftime_format: z.string() }),
  sentence: (k) => valuesSentence(k.column, `are dates in the format \`${k.strftime_format}\``, k.mostly),
  examples: [
    { kwargs: { column: 'order_date', strftime_format: '%Y-%m-%d' } },
    { kwargs: { column: 'logged_at', strftime_format: '%d/%b/%Y:%H:%M:%S %z', mostly: 0.999 } },
  ],
  map: {
    predicate: (k) => {
      // a bad format fails the expectation at plan time, as GX's "Unable to use provided strftime_format"
      compileStrptime(k.strftime_format);
      return strftime(col(k.column), k.strftime_format);
    },
  },
});
