import { z } from "zod";

/** An input kept but not found in the knowledge tables (CONTRACT §3 `unrecognized`). */
export const UnrecognizedSchema = z.object({
  /** Which field, without array indices: `medications.name`, `labs.test`, `scores.instrument`. */
  field: z.string(),
  /** The normalised value. */
  value: z.string(),
  /** The closest known value, when one is close enough to be a likely typo. */
  didYouMean: z.string().optional(),
});
/** An input kept but not found in the knowledge tables. */
export type Unrecognized = z.infer<typeof UnrecognizedSchema>;

/** A medication after normalisation: canonical name, dates as day numbers. */
export interface NormalizedMedication {
  /** Canonical ingredient name, or the normalised input name when unrecognised. */
  readonly name: string;
  readonly recognized: boolean;
  readonly rxcui?: string;
  readonly dailyDoseMg?: number;
  readonly startDay?: number;
  readonly doseChangedDay?: number;
  readonly status?: "active" | "tapering" | "stopped";
  readonly stoppedDay?: number;
  readonly pdc?: number;
}

/** One administration of an instrument. */
export interface NormalizedScore {
  readonly day: number;
  readonly total: number;
  readonly items?: readonly number[];
}

/** One lab result, in the lab's canonical unit. */
export interface NormalizedLab {
  readonly day: number;
  readonly value: number;
}

/** A reported side effect. */
export interface NormalizedSideEffect {
  readonly effect: string;
  readonly severity?: "mild" | "moderate" | "severe";
  /** Canonical name of the medication it is attributed to. */
  readonly medication?: string;
  readonly onsetDay?: number;
}

/**
 * A validated snapshot in the engine's terms: names canonical, units canonical, dates as
 * day numbers, every list in a canonical order (so that input order never matters).
 */
export interface NormalizedSnapshot {
  readonly id: string;
  readonly asOf: string;
  readonly asOfDay: number;
  readonly age?: number;
  readonly sex?: "female" | "male" | "other" | "unknown";
  readonly pregnant?: boolean;
  readonly breastfeeding?: boolean;
  readonly ancestry?: readonly string[];
  readonly diagnoses?: readonly string[];
  /** Codes of diagnoses in a code system the condition groups are not written in (see the conditions table's `codeSystems`). */
  readonly diagnosesInOtherSystems?: readonly string[];
  readonly medications: readonly NormalizedMedication[];
  /** Whether the snapshot gave a medication list at all (an empty list is known; an absent one is unknown). */
  readonly medicationsGiven: boolean;
  /** Canonical instrument name → administrations, oldest first. */
  readonly scores: ReadonlyMap<string, readonly NormalizedScore[]>;
  /** Whether the snapshot gave a score list at all (absent: counts are unknown, not 0). */
  readonly scoresGiven: boolean;
  /** Canonical lab name → results, oldest first. */
  readonly labs: ReadonlyMap<string, readonly NormalizedLab[]>;
  /** Whether the snapshot gave a lab list at all (absent: counts are unknown, not 0). */
  readonly labsGiven: boolean;
  readonly sideEffects?: readonly NormalizedSideEffect[];
  /** Gene → phenotype. */
  readonly pharmacogenomics: ReadonlyMap<string, string>;
  readonly lastVisitDay?: number;
  readonly unrecognized: readonly Unrecognized[];
}
