import { expect } from 'vitest';

/** |got - want| <= tol · |want|: relative agreement, meaningful down to the tiniest tails. */
export function expectRel(got: number, want: number, tol = 1e-12): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.abs(want));
}
