import type { Io } from "../io.js";

/** `psychrx synth`: not implemented yet. */
export function runSynth(args: readonly string[], io: Io): number | Promise<number> {
  void args;
  io.err("psychrx: synth is not implemented yet\n");
  return 2;
}
