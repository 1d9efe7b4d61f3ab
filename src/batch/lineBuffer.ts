import { sizeClass, type BufferPool } from "./bufferPool.js";

/**
 * Collects output lines as UTF-8 bytes in one growing buffer. Encoding each line as it is
 * made is several times cheaper than concatenating a chunk's lines into one string and
 * encoding that (measured: the concatenated string must first be flattened, ~50 µs a line).
 */
export class LineBuffer {
  private static readonly encoder = new TextEncoder();
  private bytes: Uint8Array<ArrayBuffer>;
  private length = 0;

  constructor(initialBytes = 1 << 16) {
    this.bytes = new Uint8Array(initialBytes);
  }

  /** Appends `text` and a newline. */
  appendLine(text: string): void {
    this.appendText(text, 1);
    this.bytes[this.length++] = 0x0a;
  }

  /** Appends `text` (part of a line; end the line with {@link endLine}); `spare` more bytes are reserved after it. */
  appendText(text: string, spare = 0): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; only near the end of the buffer is the
    // exact length worth counting (reserving the bound would grow the buffer needlessly).
    if (this.length + text.length * 3 + spare > this.bytes.length) this.reserve(Buffer.byteLength(text, "utf8") + spare);
    const { written } = LineBuffer.encoder.encodeInto(text, this.bytes.subarray(this.length));
    this.length += written;
  }

  /** Appends UTF-8 `bytes` (part of a line, without a line break). */
  appendRaw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Ends the line begun by {@link appendText} and {@link appendRaw}. */
  endLine(): void {
    this.reserve(1);
    this.bytes[this.length++] = 0x0a;
  }

  /** Appends `bytes[start, end)` (UTF-8 text without a line break) and a newline. */
  appendBytes(bytes: Uint8Array, start: number, end: number): void {
    this.reserve(end - start + 1);
    this.bytes.set(bytes.subarray(start, end), this.length);
    this.length += end - start;
    this.bytes[this.length++] = 0x0a;
  }

  /**
   * The bytes appended so far, copied into a buffer from `pool` (give it back when done with
   * it); the LineBuffer is emptied.
   */
  takeInto<B extends ArrayBufferLike>(pool: BufferPool<B>): Uint8Array<B> {
    const out = new Uint8Array(pool.take(this.length), 0, this.length);
    out.set(this.bytes.subarray(0, this.length));
    this.length = 0;
    return out;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    // Grown by a quarter, not doubled: the buffer lives as long as the run, and its size should
    // follow the largest chunk, not the next power of two above it.
    const grown = new Uint8Array(sizeClass(Math.max(this.length + extra, this.bytes.length * 1.25)));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
