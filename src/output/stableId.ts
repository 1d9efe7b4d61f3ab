import { createHash } from "node:crypto";

const memo = new Map<string, string>();

/** A stable id from content: the same rule and subject always give the same id (memoised: cohorts repeat them). */
export function stableId(parts: readonly string[]): string {
  const key = parts.join("\u0000");
  let id = memo.get(key);
  if (id === undefined) {
    id = createHash("sha256").update(key).digest("hex").slice(0, 16);
    if (memo.size > 5_000) memo.clear();
    memo.set(key, id);
  }
  return id;
}
