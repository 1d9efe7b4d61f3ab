import { z } from "zod";
import { EvidenceSchema } from "../core/evidence.js";
import { KINDS, PddiSchema, SEVERITIES } from "../packs/ruleSchema.js";
import { UnrecognizedSchema } from "../snapshot/normalizedSnapshot.js";

/** One condition that decided a rule's outcome, with the value the patient had. */
export const BecauseSchema = z.object({
  fact: z.string(),
  operator: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  /** The condition's own outcome (a `false` here inside a `not` is what made the rule fire). */
  result: z.boolean(),
  path: z.string().optional(),
  /** For a fact-to-fact comparison: the fact `expected` was read from. */
  expectedFact: z.string().optional(),
});

/** An explained, cited suggestion for the clinician (CONTRACT §3). */
export const SuggestionSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  pack: z.string(),
  kind: z.enum(KINDS),
  severity: z.enum(SEVERITIES),
  summary: z.string().max(140),
  detail: z.string(),
  medications: z.array(z.string()),
  followUp: z.object({ withinDays: z.number() }).optional(),
  evidence: z.array(EvidenceSchema),
  /** For interaction alerts: PDDI minimum information (consequence, seriousness, mechanism, action, modifying factors). */
  pddi: PddiSchema.optional(),
  because: z.array(BecauseSchema),
  /** Other rules that fired for the same drug pair and were merged into this alert. */
  alsoFired: z.array(z.string()).optional(),
});

/** A rule that could not be decided: the facts that are missing. */
export const DataGapSchema = z.object({
  ruleId: z.string(),
  pack: z.string(),
  kind: z.enum(KINDS),
  severity: z.enum(SEVERITIES),
  missing: z.array(z.string()),
  /** Subject medications, for medication and pair rules. */
  medications: z.array(z.string()).optional(),
});

/** The result of evaluating one snapshot (CONTRACT §3). */
export const EvaluationResultSchema = z.object({
  patientId: z.string(),
  asOf: z.string(),
  engine: z.object({ name: z.literal("psychrx"), version: z.string() }),
  packs: z.array(z.object({ id: z.string(), version: z.string(), sha256: z.string(), type: z.enum(["pack", "overlay", "table"]) })),
  suggestions: z.array(SuggestionSchema),
  dataGaps: z.array(DataGapSchema),
  unrecognized: z.array(UnrecognizedSchema),
  disclaimer: z.string(),
});

/** A suggestion. */
export type Suggestion = z.infer<typeof SuggestionSchema>;
/** A data gap. */
export type DataGap = z.infer<typeof DataGapSchema>;
/** One deciding condition. */
export type Because = z.infer<typeof BecauseSchema>;
/** The result of evaluating one snapshot. */
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;
