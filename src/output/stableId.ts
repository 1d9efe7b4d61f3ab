import { createHash } from "node:crypto";

/** A stable id from content: the same rule and subject always give the same id. */
export function stableId(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);
}
