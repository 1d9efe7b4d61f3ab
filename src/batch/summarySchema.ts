import { z } from "zod";
import { KINDS, SEVERITIES, type Kind, type Severity } from "../packs/ruleSchema.js";
import type { BatchSummary } from "./summary.js";

const count = z.number().int().nonnegative();

/** Counts by a fixed list of keys; a key that is absent counts 0. */
function countsBy<K extends string>(keys: readonly K[]) {
  return z.partialRecord(z.enum(keys as unknown as [K, ...K[]]), count).transform((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? 0])) as Record<K, number>);
}

/**
 * A batch summary file as `psychrx merge` reads it (what `batch --summary` writes): every count a
 * non-negative integer, so that a damaged or foreign file is refused with the path of its bad field
 * instead of adding NaN into the merged summary. Unknown fields are ignored.
 */
export const BatchSummarySchema: z.ZodType<BatchSummary> = z.object({
  engine: z.object({ name: z.literal("psychrx"), version: z.string() }),
  packs: z.array(z.object({ id: z.string(), version: z.string(), sha256: z.string() })),
  records: count,
  patients: count,
  errors: count,
  suggestions: count,
  byKind: countsBy<Kind>(KINDS),
  bySeverity: countsBy<Severity>(SEVERITIES),
  rules: z.array(
    z.object({ ruleId: z.string(), pack: z.string(), kind: z.enum(KINDS), severity: z.enum(SEVERITIES), suggestions: count, patients: count, per1000: z.number() }),
  ),
  dataGaps: z.array(z.object({ fact: z.string(), gaps: count, patients: count, per1000: z.number() })),
  errorCodes: z.record(z.string(), count),
  shard: z
    .object({ k: count.min(1), n: count.min(1), inputRecords: count })
    .refine((s) => s.k <= s.n, { message: "shard k must be at most n", path: ["k"] })
    .exactOptional(),
});
