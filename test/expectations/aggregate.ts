import { Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { expect } from 'vitest';
import { assertSplitInvariant, rebatch, runOne, sentenceOf } from '../helpers.js';

/** A one-batch table with a Float64 column `x` of small whole numbers, nulls and NaN. */
export const arbFloatTable = fc
  .array(fc.option(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constant(Number.NaN)), { nil: null }), {
    maxLength: 40,
  })
  .map((xs) => new Table({ x: vectorFromArray(xs, new Float64()) }));

export { sentenceOf };

/**
 * Property: a floating-point observed value agrees within `relTol` whatever the batch size (the order of
 * float additions changes with the split), and so does success unless the value sits on a bound.
 */
export async function assertSplitClose(
  arbTable: fc.Arbitrary<Table>,
  type: string,
  kwargs: Record<string, unknown>,
  relTol = 1e-12,
): Promise<void> {
  const bounds = [kwargs.min_value, kwargs.max_value].filter((b): b is number => typeof b === 'number');
  await fc.assert(
    fc.asyncProperty(arbTable, fc.integer({ min: 1, max: 9 }), async (table, size) => {
      const whole = await runOne(table, type, kwargs);
      const split = await runOne(rebatch(table, size), type, kwargs);
      const [a, b] = [split.result.observed_value, whole.result.observed_value];
      if (typeof b !== 'number') {
        expect(a).toEqual(b);
        expect(split.success).toBe(whole.success);
        return;
      }
      expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(relTol * Math.max(1, Math.abs(b)));
      if (!bounds.some((x) => Math.abs(x - b) <= relTol * Math.max(1, Math.abs(b)))) {
        expect(split.success).toBe(whole.success);
      }
    }),
    { numRuns: 60 },
  );
}

/** Property: an expectation's whole result does not depend on how the rows are split into batches. */
export function assertSplitEqual(
  arbTable: fc.Arbitrary<Table>,
  type: string,
  kwargs: Record<string, unknown>,
): Promise<void> {
  return assertSplitInvariant(arbTable, type, kwargs);
}

/** Short strings with nulls, repeats and characters above U+FFFF. */
export const arbStrings = fc.array(
  fc.option(fc.constantFrom('', 'a', 'ab', 'abc', 'b', 'é', '😀x', '\uff5e', 'A1'), { nil: null }),
  { maxLength: 30 },
);

/**
 * GX's dataset of the distinct-value fixtures, with the columns as pandas holds them (floats); the
 * count and proportion fixtures have a dist4 of their own.
 */
export function gxDistinctTable(dist4: (number | null)[] = [1, 1, 1, 1, 2, null, null, null]): Table {
  const f = (xs: (number | null)[]) => vectorFromArray(xs, new Float64());
  return new Table({
    dist1: f([1, 2, 3, 4, 5, 6, 7, 8]),
    dist2: f([1, 2, 3, 4, 5, null, null, null]),
    dist3: f([2, 2, 2, 2, 5, 6, 7, 8]),
    dist4: f(dist4),
  });
}

/** A one-batch table with an Int64 column `x` of a few values and nulls, and a string column `s`. */
export const arbDistinctTable = fc
  .array(
    fc.record({
      x: fc.option(fc.constantFrom(0n, 1n, -2n, 2n ** 53n + 1n, -(2n ** 60n)), { nil: null }),
      s: fc.option(fc.constantFrom('a', 'b', '😀', '\uff5e'), { nil: null }),
    }),
    { maxLength: 30 },
  )
  .map(
    (rows) =>
      new Table({
        x: vectorFromArray(
          rows.map((r) => r.x),
          new Int64(),
        ),
        s: vectorFromArray(rows.map((r) => r.s)),
      }),
  );
