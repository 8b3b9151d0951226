/** Leaf helpers of the memory limits (limits.ts), apart so that the Parquet reader thread's module loads nothing else. */

/** A byte count for messages: `512 bytes`, `1.5 KiB`, `64 MiB`, `1 GiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toFixed(v < 100 ? 1 : 0))} ${units[u]}`;
}

/** How often a running decode's memory is looked at. */
const WATCH_INTERVAL_MS = 10;

/**
 * Calls `exceeded` once when the process's resident memory grows by more than `budget` bytes; returns the
 * function that stops watching. The timer does not keep the process alive.
 */
export function watchMemory(budget: number, exceeded: (grown: number) => void): () => void {
  const base = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const grown = process.memoryUsage.rss() - base;
    if (grown <= budget) return;
    clearInterval(timer);
    exceeded(grown);
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
