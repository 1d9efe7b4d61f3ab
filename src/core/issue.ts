import { z } from "zod";

/**
 * A problem found in an input (snapshot, rule pack, knowledge table, batch record).
 * Errors are data: a machine-readable `code`, the JSON `path` of the offending
 * field, and a human `message`; extra parameters ride along in `params`.
 */
export const IssueSchema = z.object({
  /** JSON path of the bad field, e.g. `medications[2].dailyDoseMg`; `$` for the whole document. */
  path: z.string(),
  /** Stable machine-readable code, e.g. `invalid_type`, `unrecognized_key`, `unit_not_accepted`. */
  code: z.string(),
  /** One sentence for a human, naming what was expected. */
  message: z.string(),
  /** File the issue was found in, when the input came from a file. */
  file: z.string().optional(),
  /** Extra parameters of the issue (expected values, limits, suggestions). */
  params: z.record(z.string(), z.unknown()).optional(),
});

/** A problem found in an input, named by its JSON path. */
export type Issue = z.infer<typeof IssueSchema>;

/** Result of an operation that validates input: the value, or every issue found. */
export type Result<T> = { success: true; data: T } | { success: false; issues: Issue[] };
