import type { Io } from "../io.js";

/** `psychrx lint`: not implemented yet. */
export function runLint(args: readonly string[], io: Io): number | Promise<number> {
  void args;
  io.err("psychrx: lint is not implemented yet\n");
  return 2;
}
