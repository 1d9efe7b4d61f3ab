import type { FactDeriver } from "../facts/deriveFacts.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledRule } from "./compiledRule.js";
import type { Overlay } from "./overlay/overlaySchema.js";
import type { RulePack } from "./packSchema.js";

/** A loaded pack or table file, as listed in every result (`packs`). */
export interface PackInfo {
  readonly id: string;
  readonly version: string;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  /** `pack` (rules), `overlay` (a site's changes to rules) or `table` (knowledge). */
  readonly type: "pack" | "overlay" | "table";
}

/** A validated rule pack and the file it came from. */
export interface SourcedPack {
  readonly file: string;
  readonly pack: RulePack;
}

/** A validated overlay and the file it came from. */
export interface SourcedOverlay {
  readonly file: string;
  readonly overlay: Overlay;
}

/**
 * Rule packs and knowledge tables, validated and compiled once; pass it to
 * `evaluate` as many times as you like. Build it with `loadPacks` or `defaultPacks`.
 */
export interface PackSet {
  readonly packs: readonly PackInfo[];
  readonly knowledge: Knowledge;
  /** Enabled rules, compiled, sorted by id. */
  readonly rules: readonly CompiledRule[];
  readonly deriver: FactDeriver;
  /** The packs as evaluated: validated, with every overlay applied (disabled rules included). */
  readonly sources: readonly SourcedPack[];
  /** The overlays applied to `sources`, in the order they were applied. */
  readonly overlays: readonly SourcedOverlay[];
}
