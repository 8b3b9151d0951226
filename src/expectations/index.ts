import type { AnyExpectationDef } from '../engine/expectation.js';
import { expectColumnMeanToBeBetween } from './expect_column_mean_to_be_between.js';
import { expectColumnValuesToBeBetween } from './expect_column_values_to_be_between.js';
import { expectColumnValuesToNotBeNull } from './expect_column_values_to_not_be_null.js';
import { expectTableRowCountToBeBetween } from './expect_table_row_count_to_be_between.js';

/** Every expectation, by GX type name. Adding one: its file, its test, one line here. */
export const expectations = {
  expect_table_row_count_to_be_between: expectTableRowCountToBeBetween,
  expect_column_values_to_not_be_null: expectColumnValuesToNotBeNull,
  expect_column_values_to_be_between: expectColumnValuesToBeBetween,
  expect_column_mean_to_be_between: expectColumnMeanToBeBetween,
} as const;

/** The registry the engine looks expectations up in. */
export const registry: ReadonlyMap<string, AnyExpectationDef> = new Map(Object.entries(expectations));
