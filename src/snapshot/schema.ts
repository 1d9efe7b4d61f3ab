import { z } from "zod";
import { CalendarDate } from "../core/calendarDate.js";

const name = z.string().trim().min(1, "expected a non-empty name").max(200);

/** A diagnosis, coded (ICD-10-CM, SNOMED CT, …). */
export const DiagnosisSchema = z.strictObject({
  code: z.string().trim().min(1).max(64),
  system: z.string().trim().min(1).max(64).optional(),
  display: z.string().max(500).optional(),
});

/** Adherence measured for one medication. */
export const AdherenceSchema = z.strictObject({
  /** Proportion of days covered, 0 to 1. */
  pdc: z.number().min(0).max(1),
});

/** A medication: generic ingredient name and/or RxNorm ingredient code, daily dose, dates. */
export const MedicationSchema = z
  .strictObject({
    name: name.optional(),
    rxcui: z.string().trim().regex(/^\d{1,10}$/, "expected an RxNorm code: digits only").optional(),
    dailyDoseMg: z.number().min(0).max(100_000).optional(),
    startDate: CalendarDate.optional(),
    doseChangedDate: CalendarDate.optional(),
    status: z.enum(["active", "tapering", "stopped"]).optional(),
    stoppedDate: CalendarDate.nullable().optional(),
    adherence: AdherenceSchema.optional(),
  })
  .refine((m) => m.name !== undefined || m.rxcui !== undefined, {
    message: "a medication needs a name or an rxcui",
    path: ["name"],
  });

/** A symptom-scale administration; the instruments table sets the item count and ranges. */
export const ScoreSchema = z.strictObject({
  instrument: name,
  total: z.number().min(0).max(10_000).optional(),
  date: CalendarDate,
  items: z.array(z.number().int().min(0).max(1000)).max(200).optional(),
}).refine((s) => s.total !== undefined || s.items !== undefined, {
  message: "a score needs a total or its items",
  path: ["total"],
});

/** A laboratory or vital-sign result; the labs table sets tests and units. */
export const LabSchema = z.strictObject({
  test: name,
  value: z.number().refine(Number.isFinite, "expected a finite number"),
  unit: z.string().trim().min(1).max(32),
  date: CalendarDate,
});

/** A side effect reported by the patient. */
export const SideEffectSchema = z.strictObject({
  effect: name,
  severity: z.enum(["mild", "moderate", "severe"]).optional(),
  medication: name.optional(),
  onset: CalendarDate.optional(),
});

/** A pharmacogenomic result: CPIC phenotype term for CYP genes, `positive`/`negative` for HLA alleles. */
export const PharmacogenomicSchema = z.strictObject({
  gene: z.string().trim().min(1).max(64),
  phenotype: z.enum([
    "ultrarapid metabolizer",
    "rapid metabolizer",
    "normal metabolizer",
    "intermediate metabolizer",
    "likely intermediate metabolizer",
    "poor metabolizer",
    "likely poor metabolizer",
    "indeterminate",
    "positive",
    "negative",
  ]),
});

/**
 * The patient snapshot of CONTRACT §2. Every field but `id` and `asOf` is optional,
 * and an absent field means unknown, never normal. Unknown keys are refused.
 */
export const PatientSnapshotSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(200),
    asOf: CalendarDate,
    age: z.number().min(0).max(130).optional(),
    birthDate: CalendarDate.optional(),
    sex: z.enum(["female", "male", "other", "unknown"]).optional(),
    pregnant: z.boolean().optional(),
    breastfeeding: z.boolean().optional(),
    ancestry: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
    diagnoses: z.array(DiagnosisSchema).max(500).optional(),
    medications: z.array(MedicationSchema).max(200).optional(),
    scores: z.array(ScoreSchema).max(2000).optional(),
    labs: z.array(LabSchema).max(5000).optional(),
    sideEffects: z.array(SideEffectSchema).max(500).optional(),
    pharmacogenomics: z.array(PharmacogenomicSchema).max(100).optional(),
    lastVisitDate: CalendarDate.optional(),
  })
  .meta({ title: "PatientSnapshot", description: "psychrx patient snapshot (CONTRACT §2)" });

/** A patient snapshot as written by its producer (CONTRACT §2). */
export type PatientSnapshot = z.infer<typeof PatientSnapshotSchema>;
/** One medication of a snapshot. */
export type SnapshotMedication = z.infer<typeof MedicationSchema>;
/** One score of a snapshot. */
export type SnapshotScore = z.infer<typeof ScoreSchema>;
/** One diagnosis of a snapshot. */
export type SnapshotDiagnosis = z.infer<typeof DiagnosisSchema>;
/** One lab of a snapshot. */
export type SnapshotLab = z.infer<typeof LabSchema>;

/** Keys each object of the snapshot accepts, for "did you mean" on an unknown key. */
export function snapshotKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(PatientSnapshotSchema.shape);
  if (path[0] === "medications" && path[2] === "adherence") return Object.keys(AdherenceSchema.shape);
  const element: Record<string, z.ZodObject> = {
    diagnoses: DiagnosisSchema,
    medications: MedicationSchema,
    scores: ScoreSchema,
    labs: LabSchema,
    sideEffects: SideEffectSchema,
    pharmacogenomics: PharmacogenomicSchema,
  };
  const schema = element[String(path[0])];
  return schema ? Object.keys(schema.shape) : [];
}
