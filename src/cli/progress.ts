/** The stream a progress line is drawn on (stderr, or a fake terminal in tests). */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** Scans shorter than this show no progress at all: a line that flashes and vanishes is noise. */
const DELAY_MS = 1000;
/** Redraws at most this often: the row count changes every batch, far faster than anyone reads. */
const INTERVAL_MS = 100;

const CLEAR_LINE = '\r\x1b[2K';

/** A progress line on stderr for scans longer than a second; silent otherwise and off a terminal. */
export class Progress {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  /** `now` is the clock in milliseconds (injectable so tests need not wait). */
  constructor(
    private readonly stream: ProgressStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Reports rows read so far. */
  update(rows: number): void {
    if (!this.stream.isTTY) return;
    const now = this.now();
    if (now - this.started < DELAY_MS || now - this.lastDraw < INTERVAL_MS) return;
    this.lastDraw = now;
    const rate = Math.round(rows / ((now - this.started) / 1000));
    this.stream.write(
      `${CLEAR_LINE}reading… ${rows.toLocaleString('en-US')} rows (${rate.toLocaleString('en-US')} rows/s)`,
    );
    this.drawn = true;
  }

  /** Clears the line, if one was drawn. */
  done(): void {
    if (this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}
