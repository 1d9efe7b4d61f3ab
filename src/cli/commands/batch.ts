import type { Io } from "../io.js";

/** `psychrx batch`: not implemented yet. */
export function runBatch(args: readonly string[], io: Io): number | Promise<number> {
  void args;
  io.err("psychrx: batch is not implemented yet\n");
  return 2;
}
