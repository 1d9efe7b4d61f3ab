import { open } from "node:fs/promises";

/**
 * The lines found in one block of a file: line i is `bytes[starts[i], ends[i])`, without its
 * line break; `consumed[i]` counts its bytes and its line break's. Valid until the next block
 * is asked for: copy what you keep.
 */
export interface LineBlock {
  readonly bytes: Uint8Array;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly consumed: readonly number[];
}

const LF = 0x0a;
const CR = 0x0d;
/** The UTF-8 byte order mark some tools (Excel, PowerShell, .NET) put at the start of a file. */
const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Reads a file block by block and yields its lines as byte spans, without decoding them, with
 * node:readline's line breaks (LF, CRLF or a lone CR; a last line without a break counts unless
 * it is empty). A UTF-8 byte order mark at the start of the file is not part of the first line
 * (its bytes count in that line's `consumed`). Memory: one block, or the longest line if longer.
 * Both batch input and shard merging read NDJSON through it.
 */
export async function* scanLines(file: string, blockSize = 1 << 20): AsyncGenerator<LineBlock> {
  const handle = await open(file, "r");
  try {
    let buf = Buffer.allocUnsafe(Math.max(blockSize, 16));
    let len = 0;
    // Bytes of a leading byte order mark: skipped, and counted with the first line.
    let bom = -1;
    let pending = 0;
    for (;;) {
      if (len === buf.length) {
        const grown = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(grown, 0, 0, len);
        buf = grown;
      }
      const { bytesRead } = await handle.read(buf, len, buf.length - len, null);
      const eof = bytesRead === 0;
      len += bytesRead;
      const view = buf.subarray(0, len);
      const starts: number[] = [];
      const ends: number[] = [];
      const consumed: number[] = [];
      let pos = 0;
      if (bom === -1) {
        if (len < BOM.length && !eof) continue; // too few bytes yet to tell
        bom = len >= BOM.length && BOM.every((b, i) => view[i] === b) ? BOM.length : 0;
        pos = bom;
        pending = bom;
      }
      // Next LF and CR at or after pos (-1: none left in view), each searched again only once passed.
      let lf = view.indexOf(LF, 0);
      let cr = view.indexOf(CR, 0);
      while (pos < len) {
        if (lf !== -1 && lf < pos) lf = view.indexOf(LF, pos);
        if (cr !== -1 && cr < pos) cr = view.indexOf(CR, pos);
        const at = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (at === -1) break;
        let width = 1;
        if (at === cr) {
          if (at + 1 < len) width = view[at + 1] === LF ? 2 : 1;
          else if (!eof) break; // a CR last in the block: the next byte tells whether it is CRLF
        }
        starts.push(pos);
        ends.push(at);
        consumed.push(at - pos + width);
        pos = at + width;
      }
      if (eof && pos < len) {
        starts.push(pos);
        ends.push(len);
        consumed.push(len - pos);
        pos = len;
      }
      if (starts.length > 0) {
        consumed[0] = (consumed[0] ?? 0) + pending;
        pending = 0;
        yield { bytes: view, starts, ends, consumed };
      }
      if (eof) return;
      buf.copy(buf, 0, pos, len);
      len -= pos;
    }
  } finally {
    await handle.close();
  }
}
