import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Crosstab, crosstab } from '../../src/metrics/crosstab.js';
import { arbSplit, dict, runSplit, runWhole, utf8 } from './drive.js';

/** The counts as {"valueA|valueB": n}, missing shown as null. */
function counts(ct: Crosstab): Record<string, number> {
  const out: Record<string, number> = {};
  ct.forEach((a, b, n) => {
    out[`${a ? ct.a[a - 1] : null}|${b ? ct.b[b - 1] : null}`] = n;
  });
  return out;
}

const m = crosstab('x', 's');

describe('crosstab', () => {
  it('counts each pair of values, missing values (null, NaN) as their own', () => {
    const t = new Table({
      x: vectorFromArray([1, 1, 2, null, Number.NaN, 1], new Float64()),
      s: utf8(['a', 'a', 'b', 'a', null, 'b']),
    });
    const ct = runWhole(m, t);
    expect(counts(ct)).toEqual({ '1|a': 2, '2|b': 1, 'null|a': 1, 'null|null': 1, '1|b': 1 });
    expect(ct.rows).toBe(6);
    expect([...ct.a].sort()).toEqual([1, 2]);
  });

  it('reads dictionary-encoded strings by value', () => {
    const t = new Table({ x: vectorFromArray([1, 2, 1], new Float64()), s: dict(['q', null, 'q']) });
    expect(counts(runWhole(m, t))).toEqual({ '1|q': 2, '2|null': 1 });
  });

  it('gives the same counts for any batch split and merge order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.option(fc.constantFrom(0, 1, -2.5, Number.NaN), { nil: null }),
            s: fc.option(fc.constantFrom('a', 'b', '😀'), { nil: null }),
          }),
          { maxLength: 60 },
        ),
        arbSplit,
        (rows, { cuts, picks }) => {
          const t = new Table({
            x: vectorFromArray(
              rows.map((r) => r.x),
              new Float64(),
            ),
            s: utf8(rows.map((r) => r.s)),
          });
          const whole = runWhole(m, t);
          const split = runSplit(m, t, cuts, picks);
          expect(counts(split)).toEqual(counts(whole));
          expect(split.rows).toBe(rows.length);
        },
      ),
    );
  });
});
