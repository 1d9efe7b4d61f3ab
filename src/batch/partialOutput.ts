import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, ftruncateSync } from "node:fs";

/**
 * Prepares an interrupted run's partial output for `--resume`: cuts a torn last line (a
 * SIGKILL mid-write), and returns the text of the complete lines and the last record number.
 */
export function recoverPartial(file: string): { text: string; lastRecord: number } | undefined {
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, "r+");
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, 0);
    const end = buf.lastIndexOf(0x0a) + 1; // keep through the last newline
    if (end < size) ftruncateSync(fd, end);
    const text = buf.subarray(0, end).toString("utf8");
    const lastLine = text.slice(0, -1).split("\n").pop() ?? "";
    const m = /^\{"record":(\d+)/.exec(lastLine);
    return { text, lastRecord: m ? Number(m[1]) : 0 };
  } finally {
    closeSync(fd);
  }
}

/** Reads a run's metadata sidecar, if any. */
export function readMeta(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
