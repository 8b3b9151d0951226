import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

const CLEAR = '\r\x1b[2K';

/** A fake stream and a clock the test moves by hand. */
function fake(isTTY: boolean) {
  const writes: string[] = [];
  let now = 5_000;
  const progress = new Progress({ isTTY, write: (s: string) => writes.push(s) }, () => now);
  return {
    writes,
    progress,
    at(ms: number, rows: number) {
      now = 5_000 + ms;
      progress.update(rows);
    },
  };
}

describe('progress line', () => {
  it('draws nothing in the first second', () => {
    const f = fake(true);
    for (let ms = 0; ms < 1000; ms += 7) f.at(ms, ms * 10);
    f.progress.done();
    expect(f.writes).toEqual([]);
  });

  it('draws after a second, on one line, with rows and rate', () => {
    const f = fake(true);
    f.at(500, 1);
    f.at(2000, 1_234_567);
    expect(f.writes).toEqual([`${CLEAR}reading… 1,234,567 rows (617,284 rows/s)`]);
    f.progress.done();
    expect(f.writes.at(-1)).toBe(CLEAR);
  });

  it('redraws at most every 100 ms, whatever the update rate', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 250 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        const f = fake(true);
        const drawnAt: number[] = [];
        let ms = 0;
        for (const gap of gaps) {
          ms += gap;
          const before = f.writes.length;
          f.at(ms, ms);
          if (f.writes.length > before) drawnAt.push(ms);
        }
        expect(drawnAt.every((t) => t >= 1000)).toBe(true);
        for (let i = 1; i < drawnAt.length; i++)
          expect((drawnAt[i] as number) - (drawnAt[i - 1] as number)).toBeGreaterThanOrEqual(100);
        // once past the first second, an update 100 ms after the last drawing always draws
        if (ms >= 1000) expect(drawnAt.length).toBeGreaterThan(0);
        f.progress.done();
        expect(f.writes.at(-1)).toBe(drawnAt.length ? CLEAR : undefined);
      }),
    );
  });

  it('is cleared at the end only when drawn, and only once', () => {
    const f = fake(true);
    f.at(1500, 10);
    f.progress.done();
    f.progress.done();
    expect(f.writes.filter((w) => w === CLEAR)).toHaveLength(1);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const f = fake(false);
    for (let ms = 0; ms < 10_000; ms += 50) f.at(ms, ms);
    f.progress.done();
    expect(f.writes).toEqual([]);
  });
});
