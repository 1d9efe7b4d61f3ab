import { isUtf8 } from "node:buffer";

/** The byte order mark of UTF-16LE, which csv-parse honours (it then decodes the table as UTF-16LE). */
export function startsWithUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
}

/** The length of the UTF-8 sequence a lead byte starts (1 for ASCII and for bytes that cannot lead one). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

const EMPTY = new Uint8Array(0);

/**
 * Tells whether a file read block by block is UTF-8, at the cost of one `isUtf8` call per block
 * (and one on a few bytes where a block ends inside a character). A file starting with a UTF-16LE
 * byte order mark is not checked: the CSV parser reads it as UTF-16LE.
 */
export class Utf8Watch {
  private started = false;
  private off = false;
  private ok = true;
  /** The bytes of a character cut by the end of the previous block (before the first two bytes are in: those bytes). */
  private carry: Uint8Array = EMPTY;

  /** Checks the next block of the file. */
  push(chunk: Uint8Array): void {
    if (this.off || !this.ok || chunk.length === 0) return;
    let body = chunk;
    if (!this.started) {
      // The first two bytes tell whether the file is UTF-16LE.
      body = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
      this.carry = EMPTY;
      if (body.length < 2) {
        this.carry = body.slice();
        return;
      }
      this.started = true;
      if (startsWithUtf16Bom(body)) {
        this.off = true;
        return;
      }
    }
    if (this.carry.length > 0) {
      // The character begun in the previous block, completed by this block's first bytes.
      const need = sequenceLength(this.carry[0] ?? 0) - this.carry.length;
      const joint = new Uint8Array(this.carry.length + Math.min(need, body.length));
      joint.set(this.carry);
      joint.set(body.subarray(0, need), this.carry.length);
      if (joint.length < this.carry.length + need) {
        this.carry = joint; // a block shorter than the rest of the character
        return;
      }
      this.carry = EMPTY;
      if (!isUtf8(joint)) {
        this.ok = false;
        return;
      }
      body = body.subarray(need);
    }
    // A character cut by the end of this block: its lead byte is among the last three bytes.
    let cut = body.length;
    for (let i = body.length - 1; i >= 0 && i >= body.length - 3; i--) {
      const b = body[i] ?? 0;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte
      if (sequenceLength(b) > body.length - i) cut = i;
      break;
    }
    if (!isUtf8(body.subarray(0, cut))) this.ok = false;
    else this.carry = body.slice(cut);
  }

  /** True when the whole file (every block pushed) is UTF-8, or is read as UTF-16LE. */
  get valid(): boolean {
    if (!this.started) return isUtf8(this.carry); // a file of fewer than two bytes
    return this.off || (this.ok && this.carry.length === 0);
  }
}

/** Where bytes that are not UTF-8 start: the byte offset in the file and its 1-based line. */
export interface Utf8Error {
  readonly offset: number;
  readonly line: number;
}

/**
 * Finds each run of bytes that are not UTF-8 in a file read block by block, as the WHATWG UTF-8
 * decoder (and Node's) finds them: one error per U+FFFD the decoder puts in their place. Lines
 * are counted at LF, CRLF and a lone CR. Slow (a byte at a time): only for a file that
 * {@link Utf8Watch} found not to be UTF-8.
 */
export class Utf8Errors {
  /** Errors found and not yet taken, in file order. */
  private readonly found: Utf8Error[] = [];
  private offset = 0;
  private line = 1;
  private lastWasCr = false;
  private needed = 0;
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private start = 0;

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i] ?? 0);
  }

  /** Ends the file: a character cut off at its end is an error. Returns the errors not yet taken. */
  end(): readonly Utf8Error[] {
    if (this.needed > 0) this.error();
    return this.found;
  }

  /** The bytes pushed so far. */
  get scanned(): number {
    return this.offset;
  }

  /**
   * Takes the errors found so far that start before byte `end`. All of them are found once the
   * bytes up to `end` are pushed and the byte before `end` is ASCII (a line break ends a record),
   * or the file is ended.
   */
  take(end: number): Utf8Error[] {
    let k = 0;
    while (k < this.found.length && (this.found[k]?.offset ?? end) < end) k++;
    return this.found.splice(0, k);
  }

  private error(): void {
    // The line is the one its bytes start on: a line break cuts a character short and counts after.
    this.found.push({ offset: this.start, line: this.line });
    this.needed = 0;
    this.seen = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }

  private byte(b: number): void {
    if (this.needed > 0) {
      if (b >= this.lower && b <= this.upper) {
        this.lower = 0x80;
        this.upper = 0xbf;
        this.seen++;
        if (this.seen === this.needed) {
          this.needed = 0;
          this.seen = 0;
        }
        this.offset++;
        return;
      }
      // The character is cut short: an error, and this byte starts afresh.
      this.error();
    }
    this.start = this.offset;
    if (b === 0x0a) {
      if (!this.lastWasCr) this.line++;
    } else if (b === 0x0d) this.line++;
    this.lastWasCr = b === 0x0d;
    this.offset++;
    if (b <= 0x7f) return;
    if (b >= 0xc2 && b <= 0xdf) this.needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      if (b === 0xe0) this.lower = 0xa0;
      if (b === 0xed) this.upper = 0x9f;
      this.needed = 2;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (b === 0xf0) this.lower = 0x90;
      if (b === 0xf4) this.upper = 0x8f;
      this.needed = 3;
    } else this.error();
  }
}
