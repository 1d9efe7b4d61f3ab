/** Progress on stderr: a bar with records/s and ETA on a TTY, a line every few seconds otherwise. */
export class Progress {
  private readonly started = Date.now();
  private last = Date.now();
  private records = 0;
  private bytes = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly totalBytes: number | undefined,
    private readonly everyMs = 5000,
  ) {}

  /** Counts input bytes read (for the ETA). */
  addBytes(n: number): void {
    this.bytes += n;
  }

  /** Counts records written and redraws when due. */
  addRecords(n: number): void {
    this.records += n;
    const now = Date.now();
    if (now - this.last < (this.tty ? 200 : this.everyMs)) return;
    this.last = now;
    this.write(this.line(now));
  }

  /** Final line. */
  done(): void {
    this.write(this.line(Date.now()) + (this.tty ? "\n" : ""));
  }

  private line(now: number): string {
    const secs = Math.max((now - this.started) / 1000, 0.001);
    const rate = this.records / secs;
    const fraction = this.totalBytes ? Math.min(this.bytes / this.totalBytes, 1) : undefined;
    const eta = fraction && fraction > 0 ? ((1 - fraction) * secs) / fraction : undefined;
    const stats = `${this.records.toLocaleString("en-US")} records, ${Math.round(rate).toLocaleString("en-US")}/s${eta !== undefined ? `, ETA ${Math.ceil(eta)} s` : ""}`;
    if (!this.tty) return `psychrx batch: ${stats}${fraction !== undefined ? ` (${Math.round(fraction * 100)}%)` : ""}\n`;
    const width = 30;
    const filled = Math.round((fraction ?? 0) * width);
    return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${fraction !== undefined ? `${Math.round(fraction * 100)}% ` : ""}${stats}\u001b[K`;
  }
}
