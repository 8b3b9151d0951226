import { tableFromArrays } from 'apache-arrow';
import { expect as assert, describe, it } from 'vitest';
import { expect, suite } from '../../src/build.js';
import { validate } from '../../src/validate.js';

describe('engine smoke', () => {
  it('runs a small suite', async () => {
    const t = tableFromArrays({
      a: Float64Array.from([1, 2, Number.NaN, 4, 100]),
      b: BigInt64Array.from([1n, 2n, 3n, 4n, 5n]),
    });
    const s = suite('smoke', [
      expect.tableRowCountToBeBetween({ min_value: 1, max_value: 10 }),
      expect.columnValuesToNotBeNull({ column: 'a' }),
      expect.columnValuesToBeBetween({ column: 'a', min_value: 0, max_value: 10 }),
      expect.columnMeanToBeBetween({ column: 'b', min_value: 2, max_value: 4 }),
      expect.columnValuesToBeBetween({ column: 'missing', min_value: 0 }),
    ]);
    const r = await validate(t, s);
    assert(r.results.map((x) => x.success)).toEqual([true, false, false, true, false]);
  });
});

describe('helpers', () => {
  it('rebatch keeps rows', async () => {
    const { rebatch, runOne, tableFromArrays: tfa } = await import('../helpers.js');
    const t = tfa({ a: Float64Array.from([1, 2, 3, 4, 5]) });
    const r = rebatch(t, 2);
    assert(r.batches.length).toBe(3);
    const res = await runOne(
      r,
      'expect_column_values_to_be_between',
      { column: 'a', max_value: 3 },
      'COMPLETE',
    );
    assert(res.result.unexpected_index_list).toEqual([3, 4]);
  });
});
