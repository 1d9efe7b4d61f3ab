import type { Io } from "./io.js";

/** An {@link Io} that keeps what a command writes, for tests. */
export function captureIo(stdoutIsTty = false): Io & { readonly stdout: () => string; readonly stderr: () => string } {
  let out = "";
  let err = "";
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdoutIsTty,
    stdout: () => out,
    stderr: () => err,
  };
}
