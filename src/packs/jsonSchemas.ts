import { z } from "zod";
import {
  AgeBandTableSchema,
  ConditionGroupTableSchema,
  DrugTableSchema,
  InteractionTableSchema,
  MonitoringTableSchema,
  InstrumentTableSchema,
  LabTableSchema,
  VocabularyTableSchema,
} from "../knowledge/schema.js";
import { PatientSnapshotSchema } from "../snapshot/schema.js";
import { OverlaySchema } from "./overlay/overlaySchema.js";
import { RulePackInputSchema } from "./packSchema.js";

/**
 * JSON Schemas (draft 2020-12) for rule packs, overlays, knowledge tables and snapshots, generated from
 * the zod schemas, keyed by file name under `schemas/`. Bundled packs reference them with
 * `$schema`, so an editor completes and checks fields while an author types.
 */
export function jsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType, title: string) => ({ ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), title });
  return {
    "pack.schema.json": gen(RulePackInputSchema, "psychrx rule pack"),
    "overlay.schema.json": gen(OverlaySchema, "psychrx local overlay"),
    "drugs.schema.json": gen(DrugTableSchema, "psychrx drug table"),
    "vocabulary.schema.json": gen(VocabularyTableSchema, "psychrx class and flag vocabulary"),
    "instruments.schema.json": gen(InstrumentTableSchema, "psychrx instruments table"),
    "labs.schema.json": gen(LabTableSchema, "psychrx labs table"),
    "age-bands.schema.json": gen(AgeBandTableSchema, "psychrx age bands table"),
    "conditions.schema.json": gen(ConditionGroupTableSchema, "psychrx condition groups table"),
    "monitoring.schema.json": gen(MonitoringTableSchema, "psychrx monitoring schedules table"),
    "interactions.schema.json": gen(InteractionTableSchema, "psychrx interactions table"),
    "snapshot.schema.json": gen(PatientSnapshotSchema, "psychrx patient snapshot"),
  };
}
