import { z } from "zod";
import { IssueSchema } from "../../core/issue.js";

/** How bad a lint finding is: an error fails `psychrx lint`; a warning fails it only with `--strict`. */
export const LINT_SEVERITIES = ["error", "warning"] as const;
/** How bad a lint finding is. */
export type LintSeverity = (typeof LINT_SEVERITIES)[number];

/**
 * A lint finding: an {@link IssueSchema | issue} (code, file, JSON path, message, params)
 * with a severity and, when it is about a rule, the rule's id.
 */
export const LintFindingSchema = IssueSchema.extend({
  severity: z.enum(LINT_SEVERITIES),
  /** The rule the finding is about, when there is one. */
  ruleId: z.string().optional(),
});
/** A lint finding. */
export type LintFinding = z.infer<typeof LintFindingSchema>;

/** What `lintPacks` found, sorted by file, then path, then code. */
export interface LintReport {
  readonly findings: readonly LintFinding[];
  readonly errors: number;
  readonly warnings: number;
  /** Rule packs, overlays and tables looked at. */
  readonly documents: number;
  /** Rules looked at. */
  readonly rules: number;
}
