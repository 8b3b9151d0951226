/** A progress line on stderr for scans longer than a second; silent otherwise and off a terminal. */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream & { isTTY?: boolean } = process.stderr) {}

  /** Reports rows read so far. */
  update(rows: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const secs = (now - this.started) / 1000;
    const rate = Math.round(rows / secs);
    this.stream.write(
      `\r\x1b[2Kreading… ${rows.toLocaleString('en-US')} rows (${rate.toLocaleString('en-US')} rows/s)`,
    );
    this.drawn = true;
  }

  /** Clears the line. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
