import { z } from "zod";
import { TopConditionSchema } from "../core/condition.js";
import { EvidenceSchema } from "../core/evidence.js";

const version = z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, "expected a semantic version such as 1.0.0");
const lowerName = z
  .string()
  .trim()
  .min(1)
  .refine((s) => s === s.toLowerCase(), "expected lower case");
const header = { $schema: z.string().optional(), version, description: z.string().optional() };

/**
 * The words of a FHIR dosage that the import reads as counts: units of a dose counted in single
 * tablets or capsules, the dose forms whose RxNorm name gives the strength of one (`… 50 MG Oral
 * Tablet`), and the timing abbreviations that fix a number of administrations a day.
 */
export const DoseVocabularySchema = z.strictObject({
  /** Dose units (lower case) meaning "this many single units" (tablets, capsules); a dose without a unit counts too. */
  countedUnits: z.array(lowerName),
  /** Dose-form words (lower case) of an RxNorm name whose strength is that of one counted unit. */
  countedDoseForms: z.array(lowerName),
  /** Timing abbreviation code → administrations a day. */
  timingCodesPerDay: z.record(z.string().trim().min(1), z.number().positive()),
  evidence: z.array(EvidenceSchema).min(1, "the dose vocabulary cites its sources"),
});

/** Class and flag vocabularies that drug entries and rules draw from. */
export const VocabularyTableSchema = z.strictObject({
  ...header,
  table: z.literal("vocabulary"),
  classes: z.record(lowerName, z.string()),
  flags: z.record(lowerName, z.string()),
  /** Dosage-form and strength words ignored when normalising a medication name. */
  nameNoise: z.array(lowerName).optional(),
  /** How the FHIR import turns a dosage into a daily dose in mg: counted units and dose forms, timing abbreviations. */
  doses: DoseVocabularySchema.optional(),
});


/** A lower maximum the label sets for some patients (age, phenotype, …). */
export const SpecialMaximumSchema = z.strictObject({
  label: z.string().trim().min(1),
  when: TopConditionSchema,
  maxDailyDoseMg: z.number().positive(),
  evidence: z.array(EvidenceSchema).min(1).optional(),
});

/** One drug: canonical ingredient, synonyms, classes, flags, label maxima, washout, evidence. */
export const DrugSchema = z.strictObject({
  name: lowerName,
  rxcui: z.string().regex(/^\d{1,10}$/).optional(),
  synonyms: z.array(lowerName).optional(),
  salts: z.array(lowerName).optional(),
  classes: z.array(lowerName),
  flags: z.array(lowerName).optional(),
  attributes: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  maxDailyDoseMg: z.number().positive().optional(),
  specialMaxima: z.array(SpecialMaximumSchema).optional(),
  washoutDays: z.number().int().min(0).max(365).optional(),
  evidence: z.array(EvidenceSchema).min(1, "every drug entry cites at least one source"),
  verified: z.boolean().optional(),
  notes: z.string().optional(),
});
/** A drug entry. */
export type Drug = z.infer<typeof DrugSchema>;

/** A drug table file (several may be merged). */
export const DrugTableSchema = z.strictObject({
  ...header,
  table: z.literal("drugs"),
  drugs: z.array(DrugSchema),
});

/** A severity band of an instrument total. */
export const BandSchema = z.strictObject({ label: z.string().min(1), min: z.number(), max: z.number() });

/**
 * How often each item of an instrument is answered above its minimum in a named reference sample:
 * one proportion per item, in item order, as a published table reports them (such as a survey's
 * codebook frequencies). Whether the sample is a general population or a clinical one matters,
 * so `sample` says which.
 *
 * Nothing evaluates it: no fact reads it and no rule fires on it. The synthetic cohort generator
 * uses the items' proportions relative to one another, so that items rarely endorsed in real data
 * are rarely endorsed in synthetic data too.
 *
 * @example `{ "proportions": [<number>, …], "sample": "adults, general population, …", "evidence": [{ "source": "…" }], "verified": true }`
 */
export const ItemEndorsementSchema = z.strictObject({
  /** One proportion in [0, 1] per item, in item order: the share of responses above `itemMin`. */
  proportions: z.array(z.number().min(0, "a proportion is at least 0").max(1, "a proportion is at most 1")).min(1),
  /** Whom the proportions describe, and whether that is a general-population or a clinical sample. */
  sample: z.string().trim().min(1),
  evidence: z.array(EvidenceSchema).min(1, "item endorsement cites its source"),
  /** `false` when a proportion could not be checked against the source; see `note` and the evidence. */
  verified: z.boolean().optional(),
  note: z.string().optional(),
});
/** Item endorsement proportions of an instrument. */
export type ItemEndorsement = z.infer<typeof ItemEndorsementSchema>;

/** A LOINC code, such as 44261-6 (FHIR Observation.code with system http://loinc.org). */
const loincCode = z.string().trim().regex(/^\d{1,7}-\d$/, "expected a LOINC code such as 44261-6");

/** A symptom scale: item count and range, total range, severity bands. */
export const InstrumentSchema = z
  .strictObject({
    name: z.string().trim().min(1),
    synonyms: z.array(lowerName).optional(),
    title: z.string().optional(),
    itemCount: z.number().int().positive(),
    itemMin: z.number().int(),
    itemMax: z.number().int(),
    totalMin: z.number(),
    totalMax: z.number(),
    /** When items are given, the total must equal their sum. */
    totalIsItemSum: z.boolean(),
    bands: z.array(BandSchema).optional(),
    /** Per-item endorsement in a reference sample (see {@link ItemEndorsementSchema}); `itemCount` proportions. */
    itemEndorsement: ItemEndorsementSchema.optional(),
    /**
     * LOINC codes of FHIR Observations that report the scale (read by the FHIR import): of the
     * total score, and of each item in order (`itemCount` codes).
     */
    loinc: z.strictObject({ total: z.array(loincCode).min(1).optional(), items: z.array(loincCode).optional() }).optional(),
    evidence: z.array(EvidenceSchema).min(1),
  })
  .superRefine((ins, ctx) => {
    const items = ins.loinc?.items;
    if (items !== undefined && items.length !== ins.itemCount) {
      ctx.addIssue({ code: "custom", message: `${items.length} item codes for ${ins.itemCount} items: give one per item, in order`, path: ["loinc", "items"] });
    }
    const p = ins.itemEndorsement?.proportions;
    if (p === undefined) return;
    if (p.length !== ins.itemCount) {
      ctx.addIssue({ code: "custom", message: `${p.length} proportions for ${ins.itemCount} items: give one per item`, path: ["itemEndorsement", "proportions"] });
    }
    if (p.every((v) => v === 0)) {
      ctx.addIssue({ code: "custom", message: "at least one proportion must be above 0", path: ["itemEndorsement", "proportions"] });
    }
  });
/** An instrument entry. */
export type Instrument = z.infer<typeof InstrumentSchema>;

/** The instruments table. */
export const InstrumentTableSchema = z.strictObject({
  ...header,
  table: z.literal("instruments"),
  instruments: z.array(InstrumentSchema),
});

/** A unit a lab accepts: the first is canonical; others convert by an exact factor. */
export const LabUnitSchema = z.strictObject({
  unit: z.string().trim().min(1),
  /** canonical = value × multiplyBy */
  multiplyBy: z.number().positive().optional(),
  /** canonical = value ÷ divideBy */
  divideBy: z.number().positive().optional(),
  /** The unit's UCUM code as FHIR writes it (Quantity.code), where it differs from `unit`: accepted as this unit. */
  ucum: z.string().trim().min(1).optional(),
  note: z.string().optional(),
});

/**
 * The values usual in healthy adults, in the lab's canonical unit (the first of `units`): a
 * population reference interval (such as the central 95% of healthy adults a laboratory or a
 * reference text reports), or, for a test a guideline describes only by a desirable limit, that
 * one side (`high` alone: values below it are desirable; `low` alone: values above it are).
 *
 * Nothing evaluates it: no fact reads it and no rule fires on it. It is there to describe the
 * test, and the synthetic cohort generator draws values mostly inside it.
 *
 * @example `{ "low": <number>, "high": <number>, "population": "adults", "evidence": [{ "source": "…" }], "verified": true }`
 */
export const ReferenceIntervalSchema = z
  .strictObject({
    /** Lower limit, canonical unit; absent when only an upper limit is stated. */
    low: z.number().optional(),
    /** Upper limit, canonical unit; absent when only a lower limit is stated. */
    high: z.number().optional(),
    /** Whom the interval describes (e.g. `adults`, `adults, men and women pooled`). */
    population: z.string().trim().min(1),
    evidence: z.array(EvidenceSchema).min(1, "a reference interval cites its source"),
    /** `false` when a limit could not be checked against the source; see `note` and the evidence. */
    verified: z.boolean().optional(),
    note: z.string().optional(),
  })
  .refine((r) => r.low !== undefined || r.high !== undefined, { message: "give low, high or both", path: ["low"] })
  .refine((r) => r.low === undefined || r.high === undefined || r.low < r.high, { message: "low must be below high", path: ["high"] });
/** A reference interval. */
export type ReferenceInterval = z.infer<typeof ReferenceIntervalSchema>;

/** A lab test or vital sign: accepted units and plausible range (canonical unit). */
export const LabEntrySchema = z.strictObject({
  name: z.string().trim().min(1),
  synonyms: z.array(lowerName).optional(),
  title: z.string().optional(),
  units: z.array(LabUnitSchema).min(1),
  /** LOINC codes of FHIR Observations that report this test (read by the FHIR import). */
  loinc: z.array(loincCode).optional(),
  /** Values outside [min, max] (canonical unit) are refused as impossible. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** The therapeutic range of a drug level, canonical unit, for the context it is stated in (facts labs.<lab>.therapeuticLow/High). */
  therapeuticRange: z
    .strictObject({
      low: z.number(),
      high: z.number(),
      context: z.string().trim().min(1),
      evidence: z.array(EvidenceSchema).min(1, "a therapeutic range cites its source"),
      verified: z.boolean().optional(),
    })
    .refine((r) => r.low < r.high, { message: "low must be below high", path: ["high"] })
    .optional(),
  /** The adult reference interval, canonical unit, within `[min, max]` (see {@link ReferenceIntervalSchema}). */
  referenceInterval: ReferenceIntervalSchema.optional(),
  evidence: z.array(EvidenceSchema).optional(),
}).superRefine((lab, ctx) => {
  const r = lab.referenceInterval;
  if (r === undefined) return;
  for (const side of ["low", "high"] as const) {
    const v = r[side];
    if (v === undefined) continue;
    if ((lab.min !== undefined && v < lab.min) || (lab.max !== undefined && v > lab.max)) {
      ctx.addIssue({ code: "custom", message: `${side} ${v} is outside the entry's plausible range [${lab.min ?? "-inf"}, ${lab.max ?? "inf"}]`, path: ["referenceInterval", side] });
    }
  }
});
/** A lab entry. */
export type LabEntry = z.infer<typeof LabEntrySchema>;

/** The labs table. */
export const LabTableSchema = z.strictObject({
  ...header,
  table: z.literal("labs"),
  labs: z.array(LabEntrySchema),
});

/** Named age bands (e.g. under 25 for the antidepressant boxed warning, 65+ for Beers). */
export const AgeBandTableSchema = z.strictObject({
  ...header,
  table: z.literal("age-bands"),
  bands: z.array(
    z.strictObject({
      name: lowerName,
      minYears: z.number().min(0),
      maxYearsExclusive: z.number().positive().optional(),
      evidence: z.array(EvidenceSchema).optional(),
    }),
  ),
});

/**
 * A named group of diagnoses (e.g. a family of ICD-10-CM codes) that rules and special maxima
 * test with the `conditions` fact.
 */
export const ConditionGroupSchema = z.strictObject({
  name: lowerName,
  title: z.string().trim().min(1).optional(),
  /** Code prefixes, matched against a diagnosis code with dots removed, case-insensitive (prefix `A12` matches code `A12.34`). */
  codePrefixes: z.array(z.string().trim().regex(/^[A-Za-z0-9.]+$/, "expected a code prefix such as A12 or A12.3")).optional(),
  /** Whole codes of any system (e.g. SNOMED CT concept ids), matched exactly. */
  codes: z.array(z.string().trim().min(1)).optional(),
  evidence: z.array(EvidenceSchema).min(1, "every condition group cites at least one source"),
  verified: z.boolean().optional(),
  notes: z.string().optional(),
});
/** A condition group entry. */
export type ConditionGroup = z.infer<typeof ConditionGroupSchema>;

/** The condition groups table. */
export const ConditionGroupTableSchema = z.strictObject({
  ...header,
  table: z.literal("conditions"),
  /**
   * The code systems the groups' prefixes are written in, as a diagnosis names its `system`
   * (compared case-insensitively; a diagnosis without a system is taken to be in them). A
   * diagnosis in another system that no group lists by its whole code cannot be placed in a group:
   * while a snapshot has one, the `conditions` fact is unknown rather than "in no group".
   */
  codeSystems: z.array(z.string().trim().min(1)).optional(),
  conditions: z.array(ConditionGroupSchema),
});

/**
 * The minimum information an interaction alert carries, after the W3C HCLS / HL7 PDDI-CDS
 * minimum information model for potential drug-drug interactions: clinical consequence,
 * seriousness, mechanism, recommended action and the contextual factors that raise or
 * lower the risk (drugs involved and evidence are the suggestion's `medications` and `evidence`).
 */
export const PddiSchema = z.strictObject({
  clinicalConsequence: z.string().trim().min(1),
  seriousness: z.enum(["serious", "not serious"]),
  mechanism: z.string().trim().min(1),
  recommendedAction: z.string().trim().min(1),
  modifyingFactors: z.array(z.strictObject({ factor: z.string().trim().min(1), effect: z.string().trim().min(1) })).optional(),
  frequencyOfHarm: z.string().trim().min(1).optional(),
});
/** PDDI minimum information of an interaction rule. */
export type Pddi = z.infer<typeof PddiSchema>;

/** Which medications a table entry concerns: any that has one of the names, classes or flags, and none of the exceptions. */
export const MedicationSelectorSchema = z
  .strictObject({
    names: z.array(lowerName).min(1).optional(),
    classes: z.array(lowerName).min(1).optional(),
    flags: z.array(lowerName).min(1).optional(),
    exceptNames: z.array(lowerName).min(1).optional(),
    exceptClasses: z.array(lowerName).min(1).optional(),
  })
  .refine((s) => s.names !== undefined || s.classes !== undefined || s.flags !== undefined, "give names, classes or flags");
/** A medication selector. */
export type MedicationSelector = z.infer<typeof MedicationSelectorSchema>;

const entryId = z.string().regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, "expected a lower-case id such as site-review");

/**
 * A monitoring schedule: for a medication, which labs to check and how often. A check is due
 * when none of the labs has a value newer than the interval: `everyDays` in general, the
 * interval of the first stage whose `untilDaysSinceStart` is not yet passed, and a first check
 * `firstAfterDays` after the start when no value is newer than the start. No value of any of
 * the labs on file is a data gap (the check may have been done elsewhere), never "normal".
 */
export const MonitoringScheduleSchema = z.strictObject({
  id: entryId,
  title: z.string().trim().min(1),
  medication: MedicationSelectorSchema,
  /** Lab names (labs table): a value of any one of them counts as the check. */
  labs: z.array(z.string().trim().min(1)).min(1),
  everyDays: z.number().int().positive(),
  firstAfterDays: z.number().int().positive().optional(),
  stages: z.array(z.strictObject({ untilDaysSinceStart: z.number().int().positive(), everyDays: z.number().int().positive() })).optional(),
  evidence: z.array(EvidenceSchema).min(1, "every schedule cites at least one source"),
  verified: z.boolean().optional(),
  notes: z.string().optional(),
});
/** A monitoring schedule entry. */
export type MonitoringSchedule = z.infer<typeof MonitoringScheduleSchema>;

/** The monitoring schedules table. */
export const MonitoringTableSchema = z.strictObject({
  ...header,
  table: z.literal("monitoring"),
  schedules: z.array(MonitoringScheduleSchema),
});

/**
 * An interaction between two sides (drugs, classes or flags), with the HL7 PDDI-CDS minimum
 * information and its evidence. Both medications must be in effect (a stopped drug counts for
 * its washout). Rules that draw on it add their own conditions (a lab value, a dose, no recent level).
 */
export const InteractionEntrySchema = z.strictObject({
  id: entryId,
  title: z.string().trim().min(1),
  a: MedicationSelectorSchema,
  b: MedicationSelectorSchema,
  pddi: PddiSchema,
  evidence: z.array(EvidenceSchema).min(1, "every interaction cites at least one source"),
  verified: z.boolean().optional(),
  notes: z.string().optional(),
});
/** An interaction entry. */
export type InteractionEntry = z.infer<typeof InteractionEntrySchema>;

/** The interactions table. */
export const InteractionTableSchema = z.strictObject({
  ...header,
  table: z.literal("interactions"),
  interactions: z.array(InteractionEntrySchema),
});

/** Every kind of knowledge table, told apart by `table`. */
export const TableSchema = z.discriminatedUnion("table", [
  VocabularyTableSchema,
  DrugTableSchema,
  InstrumentTableSchema,
  LabTableSchema,
  AgeBandTableSchema,
  ConditionGroupTableSchema,
  MonitoringTableSchema,
  InteractionTableSchema,
]);
/** A knowledge table. */
export type Table = z.infer<typeof TableSchema>;
