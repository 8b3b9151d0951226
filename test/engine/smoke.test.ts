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
    console.log(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v), 1));
    assert(r.results.map((x) => x.success)).toEqual([true, false, false, true, false]);
  });
});
