import type { FactDeriver } from "../facts/deriveFacts.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledRule } from "./compiledRule.js";
import type { RulePack } from "./packSchema.js";

/** A loaded pack or table file, as listed in every result (`packs`). */
export interface PackInfo {
  readonly id: string;
  readonly version: string;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  /** `pack` (rules) or `table` (knowledge). */
  readonly type: "pack" | "table";
}

/** A validated rule pack and the file it came from. */
export interface SourcedPack {
  readonly file: string;
  readonly pack: RulePack;
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
  readonly sources: readonly SourcedPack[];
}
