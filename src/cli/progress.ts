/**
 * A progress bar on stderr (stdout stays clean for --json). Redraws at most every 100 ms; on a
 * non-TTY it prints a line every 10 %.
 */
export class ProgressBar {
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(private readonly label: string, private readonly total: number, private readonly unit: string, private readonly enabled = true) {}

  /** Updates the bar to `done` of `total`. */
  update(done: number, extra = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    const share = this.total > 0 ? Math.min(1, done / this.total) : 0;
    if (process.stderr.isTTY) {
      if (now - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = now;
      const width = 28;
      const filled = Math.round(share * width);
      const rate = done / Math.max(0.001, (now - this.started) / 1000);
      process.stderr.write(`\r${this.label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${Math.round(rate).toLocaleString()} ${this.unit}/s ${extra}   `);
    } else {
      const decile = Math.floor(share * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      process.stderr.write(`${this.label} ${decile * 10}% ${extra}\n`);
    }
  }

  /** Ends the bar line. */
  done(): void {
    if (this.enabled && process.stderr.isTTY) process.stderr.write('\n');
  }
}
