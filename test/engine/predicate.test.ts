import {
  type DataType,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMicrosecond,
  Uint64,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchView } from '../../src/engine/batch.js';
import { between, type CmpOp, cmp, col, type Expr, isNull, lit, not } from '../../src/engine/expr.js';
import { evaluatePredicate } from '../../src/engine/predicate.js';
import { timestamps } from '../expectations/vectors.js';

const OPS: readonly CmpOp[] = ['<', '<=', '>', '>=', '==', '!='];

/** The predicate's mask over one batch of the columns, sliced at `from` so bitmaps start mid-byte. */
function mask(e: Expr, columns: Record<string, Vector>, from = 0): number[] {
  const batch = new Table(columns).batches[0];
  if (!batch) throw new Error('no batch');
  return Array.from(evaluatePredicate(e, new BatchView(batch.slice(from), 0)));
}

/** Whether an operator passes for an order d (negative, 0, positive, or NaN when unordered). */
function holds(op: CmpOp, d: number): boolean {
  switch (op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '==':
      return d === 0;
    default:
      return d !== 0;
  }
}

const FLIP: Record<CmpOp, CmpOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

const order = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const int64Edges = [
  0n,
  -1n,
  1n,
  2n ** 31n - 1n,
  2n ** 31n,
  -(2n ** 31n),
  2n ** 32n - 1n,
  2n ** 32n,
  -(2n ** 32n),
  2n ** 53n,
  2n ** 53n + 1n,
  -(2n ** 53n) - 1n,
  2n ** 63n - 1n,
  -(2n ** 63n),
];

const arbInt64 = fc.option(
  fc.oneof(fc.constantFrom(...int64Edges), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
  { nil: null, freq: 6 },
);
const arbUint64 = fc.option(
  fc.oneof(
    fc.constantFrom(0n, 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n),
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  ),
  { nil: null, freq: 6 },
);

describe('comparing two 64-bit columns', () => {
  it('is exact for int64 and uint64 alike, nulls failing', () => {
    const rows = (a: fc.Arbitrary<bigint | null>, b: fc.Arbitrary<bigint | null>) =>
      fc.array(fc.tuple(a, b), { minLength: 1, maxLength: 40 });
    const cases: [fc.Arbitrary<[bigint | null, bigint | null][]>, DataType, DataType][] = [
      [rows(arbInt64, arbInt64), new Int64(), new Int64()],
      [rows(arbUint64, arbUint64), new Uint64(), new Uint64()],
      [rows(arbInt64, arbUint64), new Int64(), new Uint64()],
      [rows(arbUint64, arbInt64), new Uint64(), new Int64()],
    ];
    for (const [arb, ta, tb] of cases) {
      fc.assert(
        fc.property(arb, fc.constantFrom(...OPS), fc.nat(3), (pairs, op, from) => {
          const a = vectorFromArray(
            pairs.map(([x]) => x),
            ta,
          );
          const b = vectorFromArray(
            pairs.map(([, y]) => y),
            tb,
          );
          const want = pairs
            .slice(from)
            .map(([x, y]) => (x === null || y === null ? 0 : holds(op, order(x, y)) ? 1 : 0));
          expect(mask(cmp(op, col('a'), col('b')), { a, b }, from)).toEqual(want);
        }),
      );
    }
  });

  it('compares timestamps of one unit as instants', () => {
    const ts = (xs: (bigint | null)[]) => timestamps(new TimestampMicrosecond(), xs);
    const a = ts([1_700_000_000_000_001n, null, -5n, 2n ** 40n, 2n ** 33n]);
    const b = ts([1_700_000_000_000_000n, 3n, -4n, 2n ** 40n, 2n ** 32n + 5n]);
    expect(mask(cmp('>', col('a'), col('b')), { a, b })).toEqual([1, 0, 0, 0, 1]);
    expect(mask(cmp('>=', col('a'), col('b')), { a, b })).toEqual([1, 0, 0, 1, 1]);
    expect(mask(cmp('!=', col('a'), col('b')), { a, b })).toEqual([1, 0, 1, 0, 1]);
  });
});

const specials = [
  0,
  -0,
  1,
  -1,
  0.5,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  2 ** 31,
  -(2 ** 31),
];
const arbDouble = fc.oneof(fc.constantFrom(...specials), fc.double(), fc.integer({ min: -3, max: 3 }));

/** JS comparison, as pandas compares: a missing operand (null, NaN) fails. */
function direct(op: CmpOp, x: number | null, c: number): number {
  if (x === null || Number.isNaN(x)) return 0;
  return holds(op, x < c ? -1 : x > c ? 1 : x === c ? 0 : Number.NaN) ? 1 : 0;
}

describe('comparing a column with literals', () => {
  const arbFloats = fc.array(fc.option(arbDouble, { nil: null, freq: 5 }), { minLength: 1, maxLength: 40 });
  const arbInts = fc.array(
    fc.option(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer()), { nil: null, freq: 5 }),
    { minLength: 1, maxLength: 40 },
  );

  it('matches direct comparison for every operator, literal and column kind', () => {
    for (const [arb, type] of [
      [arbFloats, new Float64()],
      [arbInts, new Int32()],
    ] as const) {
      fc.assert(
        fc.property(arb, fc.constantFrom(...OPS), arbDouble, fc.boolean(), (xs, op, c, flipped) => {
          const x = vectorFromArray(xs, type as DataType);
          const e = flipped ? cmp(op, lit(c), col('x')) : cmp(op, col('x'), lit(c));
          const want = xs.map((v) => direct(flipped ? FLIP[op] : op, v, c));
          expect(mask(e, { x })).toEqual(want);
        }),
      );
    }
  });

  it('between is the conjunction of its bounds, strict or not', () => {
    fc.assert(
      fc.property(
        arbFloats,
        fc.option(arbDouble, { nil: undefined }),
        fc.option(arbDouble, { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(3),
        (xs, lo, hi, strictMin, strictMax, from) => {
          const x = vectorFromArray(xs, new Float64());
          const want = xs.slice(from).map((v) =>
            lo === undefined && hi === undefined
              ? 1 // no bounds: always true (the map's ignore policy leaves missing rows out)
              : v === null || Number.isNaN(v)
                ? 0
                : (lo === undefined || direct(strictMin ? '>' : '>=', v, lo)) &&
                    (hi === undefined || direct(strictMax ? '<' : '<=', v, hi))
                  ? 1
                  : 0,
          );
          expect(mask(between(col('x'), lo, hi, strictMin, strictMax), { x }, from)).toEqual(want);
        },
      ),
    );
  });

  it('keeps separate columns of a conjunction apart', () => {
    const x = vectorFromArray([1, 5, null, 9], new Float64());
    const y = vectorFromArray([9, 5, 1, null], new Int32());
    const e: Expr = { op: 'and', args: [cmp('>=', col('x'), lit(5)), cmp('<', col('y'), lit(9))] };
    expect(mask(e, { x, y })).toEqual([0, 1, 0, 0]);
  });
});

describe('not null', () => {
  it('is 1 exactly where the value is present (nulls and NaN missing)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(arbDouble, { nil: null }), { minLength: 1, maxLength: 40 }),
        fc.nat(3),
        (xs, from) => {
          const x = vectorFromArray(xs, new Float64());
          const present = xs.slice(from).map((v) => (v === null || Number.isNaN(v) ? 0 : 1));
          expect(mask(not(isNull(col('x'))), { x }, from)).toEqual(present);
          expect(mask(isNull(col('x')), { x }, from)).toEqual(present.map((p) => 1 - p));
        },
      ),
    );
  });
});
