import { z } from "zod";
import { TopConditionSchema } from "../core/condition.js";
import { EvidenceSchema } from "../core/evidence.js";
import { PddiSchema } from "../knowledge/schema.js";

/** The eight kinds of suggestion (CONTRACT §3). */
export const KINDS = [
  "dose-adjustment",
  "taper-warning",
  "interaction-alert",
  "follow-up",
  "monitoring",
  "safety-alert",
  "side-effect",
  "adherence",
] as const;
/** A kind of suggestion. */
export type Kind = (typeof KINDS)[number];

/** Severities, least to most severe. */
export const SEVERITIES = ["info", "warning", "critical"] as const;
/** A severity. */
export type Severity = (typeof SEVERITIES)[number];

/** Scopes: once per patient, once per medication, once per pair of distinct medications. */
export const SCOPES = ["patient", "medication", "medication-pair"] as const;
/** A rule scope. */
export type Scope = (typeof SCOPES)[number];

/** A plain JSON object (a snapshot or a snapshot patch in a test case). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());

/** A test case carried by a rule: a snapshot, and what the rule must do with it. */
export const RuleCaseSchema = z.strictObject({
  /** Unique within the rule. */
  name: z.string().trim().min(1),
  /** `fires`: a suggestion; `quiet`: neither suggestion nor gap; `gap`: a data gap. */
  expect: z.enum(["fires", "quiet", "gap"]),
  /** A whole snapshot, or a JSON merge patch (RFC 7386) over the pack's `caseBase`. */
  snapshot: JsonObjectSchema.optional(),
  patch: JsonObjectSchema.optional(),
  /** For `fires`: the medications the suggestion must name (canonical names, any order). */
  medications: z.array(z.string()).optional(),
  /** For `gap`: facts the gap must list as missing. */
  missing: z.array(z.string()).optional(),
  /** Do not run the case, and say why (a known limitation, a table entry still to come): reported as skipped. */
  skip: z.string().trim().min(1).optional(),
});
/** A rule's test case. */
export type RuleCase = z.infer<typeof RuleCaseSchema>;

export { PddiSchema, type Pddi } from "../knowledge/schema.js";

/** A rule: what it claims (id, kind, severity, evidence, templates), then its conditions and cases. */
export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, "expected a lower-case dotted id such as interaction.maoi-serotonergic"),
  kind: z.enum(KINDS),
  severity: z.enum(SEVERITIES),
  scope: z.enum(SCOPES),
  title: z.string().trim().min(1).optional(),
  /** Summary template, at most 140 characters once filled; `{{fact}}` placeholders. */
  summary: z.string().trim().min(1).max(200),
  /** Detail template: what to consider doing, in a clinician's words. */
  detail: z.string().trim().min(1),
  /** For follow-up suggestions: see the patient within this many days. */
  followUpDays: z.number().int().min(0).max(3650).optional(),
  conditions: TopConditionSchema,
  evidence: z.array(EvidenceSchema).min(1, "every rule cites at least one source"),
  /** For interaction alerts: the PDDI minimum information (consequence, seriousness, mechanism, action, modifying factors). */
  pddi: PddiSchema.optional(),
  /** `false` when a number the rule relies on could not be verified (see evidence notes). */
  verified: z.boolean().optional(),
  enabled: z.boolean().optional(),
  cases: z.array(RuleCaseSchema).optional(),
});
/** A rule as written in a pack. */
export type Rule = z.infer<typeof RuleSchema>;

/**
 * A rule as written in a pack file. Besides a full rule, it may draw on a knowledge table:
 * `schedule` names a monitoring schedule (monitoring table) and `interaction` an interaction
 * (interactions table). The table entry supplies the conditions that say which medications
 * it concerns and when a check is due, its evidence (added after the rule's own, which may simply
 * name the entry) and, for an interaction, its PDDI information; the rule's own `conditions` are
 * added to them (all must hold).
 */
export const RuleInputSchema = RuleSchema.extend({
  conditions: TopConditionSchema.optional(),
  /** Id of a monitoring schedule in the monitoring table (kind monitoring, medication scope). */
  schedule: z.string().trim().min(1).optional(),
  /** Id of an interaction in the interactions table (medication-pair scope). */
  interaction: z.string().trim().min(1).optional(),
}).superRefine((r, ctx) => {
  const refs = (r.schedule !== undefined ? 1 : 0) + (r.interaction !== undefined ? 1 : 0);
  if (refs > 1) ctx.addIssue({ code: "custom", path: ["interaction"], message: "a rule draws on one table entry: give schedule or interaction, not both" });
  if (refs === 0 && r.conditions === undefined) ctx.addIssue({ code: "custom", path: ["conditions"], message: "a rule needs conditions (or a schedule or interaction from the tables)" });
  if (r.schedule !== undefined && (r.kind !== "monitoring" || r.scope !== "medication")) {
    ctx.addIssue({ code: "custom", path: ["schedule"], message: "a monitoring schedule makes a rule of kind monitoring and scope medication" });
  }
  if (r.interaction !== undefined && r.scope !== "medication-pair") {
    ctx.addIssue({ code: "custom", path: ["interaction"], message: "an interaction makes a rule of scope medication-pair" });
  }
});
/** A rule as written in a pack file (it may draw on a table entry). */
export type RuleInput = z.infer<typeof RuleInputSchema>;
