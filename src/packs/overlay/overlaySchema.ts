import { z } from "zod";
import { SEVERITIES } from "../ruleSchema.js";

/**
 * A path into a rule, relative to the rule: `conditions.all[2].value`, `followUpDays`,
 * `summary`. Keys are separated by dots, list items are `[n]`.
 */
export const RulePathSchema = z
  .string()
  .regex(/^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/, "expected a path into the rule such as conditions.all[2].value");

/** One value an overlay sets in a rule. */
export const OverlaySetSchema = z.strictObject({
  /** Where, relative to the rule; the path must already exist (an overlay changes, it does not add). */
  path: RulePathSchema.describe("Where, relative to the rule (conditions.all[2].value, summary); the path must exist"),
  /** The value the pack has there now. When given and different, the overlay is refused: the pack changed under it. */
  from: z.json().optional().describe("The value the pack has there now; the overlay is refused when it differs"),
  /** The new value. */
  value: z.json().describe("The new value"),
});
/** One value an overlay sets in a rule. */
export type OverlaySet = z.infer<typeof OverlaySetSchema>;

/** A change an overlay makes to one rule: disable or enable it, change its severity, set values. */
export const OverlayChangeSchema = z
  .strictObject({
    /** The id of the rule to change; it must be in a pack loaded before or beside the overlay. */
    rule: z.string().min(1).describe("Id of the rule to change, in a pack loaded before the overlay"),
    enabled: z.boolean().optional().describe("false: the rule does not run"),
    severity: z.enum(SEVERITIES).optional().describe("The severity the rule's suggestions carry"),
    set: z.array(OverlaySetSchema).min(1).optional().describe("Values to set inside the rule"),
    /** Why the site changes the rule (for the audit trail). */
    reason: z.string().trim().min(1).optional().describe("Why the site changes the rule, for the audit trail"),
  })
  .refine((c) => c.enabled !== undefined || c.severity !== undefined || c.set !== undefined, {
    message: "a change needs at least one of enabled, severity or set",
  });
/** A change to one rule. */
export type OverlayChange = z.infer<typeof OverlayChangeSchema>;

/**
 * A local overlay: a site's changes to rules of the loaded packs, applied in `--packs`
 * order after the packs are validated and before they are compiled, so a site changes
 * a threshold, a severity or whether a rule runs without forking the default packs.
 */
export const OverlaySchema = z.strictObject({
  $schema: z.string().optional(),
  overlay: z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case id such as site-general-hospital"),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, "expected a semantic version such as 1.0.0"),
    title: z.string().trim().min(1),
    description: z.string().optional(),
  }),
  changes: z.array(OverlayChangeSchema).min(1, "an overlay needs at least one change"),
});
/** A local overlay document. */
export type Overlay = z.infer<typeof OverlaySchema>;
