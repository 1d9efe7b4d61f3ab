/**
 * Collects text lines into byte chunks of about `size` bytes and hands each full chunk to
 * `flush`. Encoding each line straight into a buffer is several times faster than joining
 * a megabyte of lines into one string and encoding that. A flushed chunk is never reused,
 * so an asynchronous writer may keep it.
 */
export class LineChunks {
  private buffer: Buffer;
  private used = 0;

  constructor(
    private readonly flush: (bytes: Uint8Array) => void,
    private readonly size = 1 << 20,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Adds `line` and a newline; returns true when a chunk was flushed. */
  push(line: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, plus the newline.
    const room = line.length * 3 + 1;
    let flushed = false;
    if (this.used + room > this.buffer.length) {
      flushed = this.used > 0;
      this.end();
      if (room > this.buffer.length) this.buffer = Buffer.allocUnsafe(room);
    }
    this.used += this.buffer.write(line, this.used, "utf8");
    this.buffer[this.used++] = 0x0a;
    return flushed;
  }

  /** Flushes what is left. */
  end(): void {
    if (this.used === 0) return;
    this.flush(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(Math.max(this.size, 1));
    this.used = 0;
  }
}
