import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { columnsOf } from '../engine/expr.js';
import { columnName, mostly, multicolumnIgnoreRowIf, runtimeKeys } from '../suite/kwargs.js';
import { expressionSchema, expressionText } from './support/expression.js';
import { ignoreRowIf } from './support/ignore.js';
import { mostlyPhrase } from './support/range.js';

/** Each row satisfies a row expression (an expect-check extension: GX has no such expectation). */
export const expectMulticolumnValuesToSatisfyExpression = defineExpectation({
  type: 'expect_multicolumn_values_to_satisfy_expression',
  description:
    'Each row satisfies expression, a row expression written as JSON (columns, literals, comparisons, sums, membership, regex, and/or/not), evaluated vectorised; a comparison with a missing value is false. column_list (default: the columns the expression reads) is the domain ignore_row_if looks at. An expect-check extension: typed schemas compile cross-column checks GX cannot express to it.',
  domain: 'multicolumn',
  accepts: ANY,
  kwargs: z
    .strictObject({
      expression: expressionSchema,
      column_list: z.array(columnName).min(1, 'expected at least one column').optional(),
      mostly,
      ignore_row_if: multicolumnIgnoreRowIf,
      ...runtimeKeys,
    })
    .superRefine((k, ctx) => {
      const read = columnsOf(k.expression);
      if (read.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['expression'], message: 'the expression reads no column' });
      }
      const missing = read.filter((c) => k.column_list && !k.column_list.includes(c));
      if (missing.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['column_list'],
          message: `the expression reads ${missing.map((c) => JSON.stringify(c)).join(', ')}, which column_list does not name`,
        });
      }
    })
    .transform((k) => ({ ...k, column_list: k.column_list ?? columnsOf(k.expression) })),
  sentence: (k) => `each row satisfies \`${expressionText(k.expression)}\`${mostlyPhrase(k.mostly)}`,
  examples: [
    {
      kwargs: {
        expression: {
          op: 'cmp',
          cmp: '>=',
          left: { op: 'col', name: 'total_amount' },
          right: {
            op: 'add',
            args: [
              { op: 'col', name: 'fare_amount' },
              { op: 'col', name: 'tip_amount' },
            ],
          },
        },
      },
      note: 'The total covers the fare and the tip.',
    },
    {
      kwargs: {
        expression: {
          op: 'or',
          args: [
            {
              op: 'cmp',
              cmp: '==',
              left: { op: 'col', name: 'trip_distance' },
              right: { op: 'lit', value: 0 },
            },
            {
              op: 'cmp',
              cmp: '>',
              left: { op: 'col', name: 'passenger_count' },
              right: { op: 'lit', value: 0 },
            },
          ],
        },
        ignore_row_if: 'any_value_is_missing',
        mostly: 0.95,
      },
      note: 'A trip that covered a distance carried passengers.',
    },
  ],
  map: {
    predicate: (k) => k.expression,
    ignoreIf: ignoreRowIf,
  },
});
