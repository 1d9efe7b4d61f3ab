import { z } from "zod";

// The parts of FHIR R4 resources the import reads, checked with zod at the boundary. Objects are
// loose: every other element a resource may carry (meta, extension, identifier, text, …) is
// allowed and ignored. An element of the wrong type is an issue with its path.

/** A FHIR Coding (system, code, display). */
export const CodingSchema = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
/** A FHIR CodeableConcept. */
export const CodeableConceptSchema = z.looseObject({ coding: z.array(CodingSchema).optional(), text: z.string().optional() });
/** A FHIR Quantity. */
export const QuantitySchema = z.looseObject({
  value: z.number().optional(),
  comparator: z.string().optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});
/** A FHIR Reference. */
export const ReferenceSchema = z.looseObject({ reference: z.string().optional() });
/** A FHIR Period. */
export const PeriodSchema = z.looseObject({ start: z.string().optional(), end: z.string().optional() });

/** A FHIR Dosage: the dose per administration and how often. */
export const DosageSchema = z.looseObject({
  sequence: z.number().int().optional(),
  asNeededBoolean: z.boolean().optional(),
  asNeededCodeableConcept: CodeableConceptSchema.optional(),
  timing: z
    .looseObject({
      repeat: z
        .looseObject({
          frequency: z.number().int().nonnegative().optional(),
          frequencyMax: z.number().int().nonnegative().optional(),
          period: z.number().nonnegative().optional(),
          periodMax: z.number().nonnegative().optional(),
          periodUnit: z.string().optional(),
          boundsPeriod: PeriodSchema.optional(),
          dayOfWeek: z.array(z.string()).optional(),
          timeOfDay: z.array(z.string()).optional(),
        })
        .optional(),
      code: CodeableConceptSchema.optional(),
    })
    .optional(),
  doseAndRate: z.array(z.looseObject({ doseQuantity: QuantitySchema.optional() })).optional(),
});

/** Patient. */
export const PatientSchema = z.looseObject({
  resourceType: z.literal("Patient"),
  id: z.string().optional(),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
});

/** Condition. */
export const ConditionSchema = z.looseObject({
  resourceType: z.literal("Condition"),
  code: CodeableConceptSchema.optional(),
  clinicalStatus: CodeableConceptSchema.optional(),
  verificationStatus: CodeableConceptSchema.optional(),
});

/** Medication (the target of a medicationReference). */
export const MedicationResourceSchema = z.looseObject({
  resourceType: z.literal("Medication"),
  id: z.string().optional(),
  code: CodeableConceptSchema.optional(),
  ingredient: z.array(z.looseObject({ itemCodeableConcept: CodeableConceptSchema.optional() })).optional(),
});

/** MedicationRequest. */
export const MedicationRequestSchema = z.looseObject({
  resourceType: z.literal("MedicationRequest"),
  status: z.string().optional(),
  intent: z.string().optional(),
  doNotPerform: z.boolean().optional(),
  medicationCodeableConcept: CodeableConceptSchema.optional(),
  medicationReference: ReferenceSchema.optional(),
  authoredOn: z.string().optional(),
  dosageInstruction: z.array(DosageSchema).optional(),
});

/** MedicationStatement. */
export const MedicationStatementSchema = z.looseObject({
  resourceType: z.literal("MedicationStatement"),
  status: z.string().optional(),
  medicationCodeableConcept: CodeableConceptSchema.optional(),
  medicationReference: ReferenceSchema.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: PeriodSchema.optional(),
  dosage: z.array(DosageSchema).optional(),
});

const observationValue = {
  valueQuantity: QuantitySchema.optional(),
  valueInteger: z.number().int().optional(),
  valueCodeableConcept: CodeableConceptSchema.optional(),
  valueString: z.string().optional(),
  dataAbsentReason: CodeableConceptSchema.optional(),
};

/** Observation (labs, vital signs, questionnaire scores). */
export const ObservationSchema = z.looseObject({
  resourceType: z.literal("Observation"),
  status: z.string().optional(),
  code: CodeableConceptSchema,
  effectiveDateTime: z.string().optional(),
  effectivePeriod: PeriodSchema.optional(),
  effectiveInstant: z.string().optional(),
  issued: z.string().optional(),
  ...observationValue,
  component: z.array(z.looseObject({ code: CodeableConceptSchema, ...observationValue })).optional(),
});

/** A Bundle: its entries' resources, each told apart by `resourceType`. */
export const BundleSchema = z.looseObject({
  resourceType: z.literal("Bundle", { error: 'expected "Bundle": psychrx reads a FHIR R4 Bundle of one patient (put other resources in its entry list)' }),
  timestamp: z.string().optional(),
  entry: z.array(z.looseObject({ fullUrl: z.string().optional(), resource: z.looseObject({ resourceType: z.string(), id: z.string().optional() }).optional() })).optional(),
});

export type Coding = z.infer<typeof CodingSchema>;
export type CodeableConcept = z.infer<typeof CodeableConceptSchema>;
export type Quantity = z.infer<typeof QuantitySchema>;
export type Dosage = z.infer<typeof DosageSchema>;
export type Observation = z.infer<typeof ObservationSchema>;
