import type { Io } from "../io.js";

/** `psychrx merge`: not implemented yet. */
export function runMerge(args: readonly string[], io: Io): number | Promise<number> {
  void args;
  io.err("psychrx: merge is not implemented yet\n");
  return 2;
}
