/** What a result or summary was evaluated with: the engine version and each pack's (or table's) id, version and hash. */
export interface PackLike {
  readonly id?: unknown;
  readonly version?: unknown;
  readonly sha256?: unknown;
}

/** One comparable entry per engine and pack: `psychrx 0.1.0`, `psych-core@0.1.0 (85bf534cf552)`. */
export function provenanceOf(engineVersion: unknown, packs: readonly PackLike[]): string[] {
  return [`psychrx ${String(engineVersion)}`, ...packs.map((p) => `${String(p.id)}@${String(p.version)} (${String(p.sha256).slice(0, 12)})`)];
}

/**
 * Why two shards cannot be joined, or undefined when they were evaluated alike: the entries of
 * `mine` that `theirs` lacks, and the reverse, e.g. "psych-core@0.2.0 (2fc0…) where a.ndjson has
 * psych-core@0.1.0 (85bf…)".
 */
export function provenanceMismatch(mine: readonly string[], theirs: readonly string[], theirFile: string): string | undefined {
  if (mine.join("\n") === theirs.join("\n")) return undefined;
  const only = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x)).join(", ") || "nothing else";
  return `evaluated with ${only(mine, theirs)} where ${theirFile} has ${only(theirs, mine)}; run every shard with the same psychrx and packs`;
}
