import { open } from "node:fs/promises";

/**
 * Called for each line: the line is `bytes[start, end)`, without its line break; `consumed`
 * counts its bytes and its line break's. The bytes are only valid during the call (copy what
 * you keep); a returned promise is awaited before the next line; `false` stops the scan.
 */
export type LineHandler = (bytes: Uint8Array, start: number, end: number, consumed: number) => void | false | Promise<void>;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads a file block by block and reports each line as a byte span, without decoding it,
 * with node:readline's line breaks (LF, CRLF or a lone CR; a last line without a break
 * counts unless it is empty). Memory: one block, or the longest line if longer.
 */
export async function scanLines(file: string, onLine: LineHandler, blockSize = 1 << 20): Promise<void> {
  const handle = await open(file, "r");
  try {
    let buf = Buffer.allocUnsafe(Math.max(blockSize, 16));
    let len = 0;
    let eof = false;
    for (;;) {
      if (len === buf.length) {
        const grown = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(grown, 0, 0, len);
        buf = grown;
      }
      const { bytesRead } = await handle.read(buf, len, buf.length - len, null);
      if (bytesRead === 0) eof = true;
      len += bytesRead;
      const view = buf.subarray(0, len);
      let pos = 0;
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
          else if (!eof) break; // a CR last in the block: wait for the next byte to know if it is CRLF
        }
        const pending = onLine(view, pos, at, at - pos + width);
        if (pending === false) return;
        if (pending !== undefined) await pending;
        pos = at + width;
      }
      if (eof) {
        if (pos < len) {
          const pending = onLine(view, pos, len, len - pos);
          if (pending !== false && pending !== undefined) await pending;
        }
        return;
      }
      buf.copy(buf, 0, pos, len);
      len -= pos;
    }
  } finally {
    await handle.close();
  }
}
