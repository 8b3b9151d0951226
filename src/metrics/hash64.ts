/** Helpers of the tables over raw 64-bit values: their hash, and a bounded heap of the lowest rows. */

/** A well-mixed 32-bit hash of a 64-bit key (Wellons' lowbias32 over the folded halves). */
export function hash64(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi ^ (hi >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}

/**
 * The `limit` entries with the lowest ranks, kept in a bounded max-heap as they are offered (each with
 * two int32 payload words), so that millions of candidates are looked at once without sorting them.
 */
export class Lowest {
  private readonly rank: Float64Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private n = 0;

  constructor(readonly limit: number) {
    this.rank = new Float64Array(limit);
    this.a = new Int32Array(limit);
    this.b = new Int32Array(limit);
  }

  /** True when an entry of this rank would be kept. */
  wants(r: number): boolean {
    return this.n < this.limit || r < (this.rank[0] as number);
  }

  /** Offers an entry: kept when it ranks among the lowest `limit` so far. */
  offer(r: number, a: number, b: number): void {
    const { rank, limit } = this;
    if (this.n < limit) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((rank[p] as number) >= r) break;
        this.move(p, i);
        i = p;
      }
      this.put(i, r, a, b);
    } else if (limit > 0 && r < (rank[0] as number)) {
      const n = this.n;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && (rank[l + 1] as number) > (rank[l] as number) ? l + 1 : l;
        if ((rank[c] as number) <= r) break;
        this.move(c, i);
        i = c;
      }
      this.put(i, r, a, b);
    }
  }

  /** The kept entries in ascending rank: [rank, a, b]. */
  sorted(): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let i = 0; i < this.n; i++)
      out.push([this.rank[i] as number, this.a[i] as number, this.b[i] as number]);
    return out.sort((x, y) => x[0] - y[0]);
  }

  private move(from: number, to: number): void {
    this.rank[to] = this.rank[from] as number;
    this.a[to] = this.a[from] as number;
    this.b[to] = this.b[from] as number;
  }

  private put(i: number, r: number, a: number, b: number): void {
    this.rank[i] = r;
    this.a[i] = a;
    this.b[i] = b;
  }
}
