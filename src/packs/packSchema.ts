import { z } from "zod";
import { EvidenceSchema } from "../core/evidence.js";
import { JsonObjectSchema, RuleInputSchema, RuleSchema } from "./ruleSchema.js";

/** A rule pack: identity, references, a base snapshot for its cases, and rules. */
export const RulePackSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case id such as psych-core"),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, "expected a semantic version such as 1.0.0"),
  title: z.string().trim().min(1),
  description: z.string().optional(),
  disclaimer: z.string().optional(),
  references: z.array(EvidenceSchema).optional(),
  /** Snapshot that each rule case's `patch` is merged onto. */
  caseBase: JsonObjectSchema.optional(),
  rules: z.array(RuleSchema),
});
/** A rule pack as written. */
export type RulePack = z.infer<typeof RulePackSchema>;

/** A rule pack as written in a file: its rules may draw on table entries (see `RuleInputSchema`). */
export const RulePackInputSchema = RulePackSchema.extend({ rules: z.array(RuleInputSchema) });
/** A rule pack as written in a file. */
export type RulePackInput = z.infer<typeof RulePackInputSchema>;
