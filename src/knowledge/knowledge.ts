import type { Condition } from "../core/condition.js";
import type { Drug, Instrument, InteractionEntry, LabEntry, MonitoringSchedule } from "./schema.js";

/** A lab unit with its exact conversion to the canonical unit. */
export interface UnitConversion {
  readonly unit: string;
  readonly toCanonical: (value: number) => number;
}

/** A lab entry with its units indexed (case-insensitive). */
export interface LabKnowledge {
  readonly entry: LabEntry;
  readonly canonicalUnit: string;
  readonly units: ReadonlyMap<string, UnitConversion>;
}

/** The vocabulary table's `doses`, indexed: counted units, counted dose forms, timing codes → administrations a day. */
export interface DoseVocabulary {
  readonly countedUnits: ReadonlySet<string>;
  readonly countedDoseForms: ReadonlySet<string>;
  readonly timingCodesPerDay: ReadonlyMap<string, number>;
}

/** What a LOINC code reports: a lab, an instrument's total score, or one of its items (1-based). */
export type LoincTarget =
  | { readonly kind: "lab"; readonly name: string }
  | { readonly kind: "total"; readonly name: string }
  | { readonly kind: "item"; readonly name: string; readonly item: number };

/** A named age band, `[minYears, maxYearsExclusive)`. */
export interface AgeBand {
  readonly name: string;
  readonly minYears: number;
  readonly maxYearsExclusive?: number;
}

/** A drug entry with its special maxima ready to decide for a patient. */
export interface DrugKnowledge {
  readonly entry: Drug;
  readonly classes: readonly string[];
  readonly flags: readonly string[];
  readonly specialMaxima: readonly { label: string; when: Condition; maxDailyDoseMg: number }[];
}

/** A condition group with its codes ready to match (dots removed, upper case). */
export interface ConditionGroupKnowledge {
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly codes: ReadonlySet<string>;
}

/**
 * Everything the knowledge tables say, indexed for lookup. Built once per pack load;
 * the engine reads attributes from it and never names a drug.
 */
export interface Knowledge {
  readonly classes: ReadonlyMap<string, string>;
  readonly flags: ReadonlyMap<string, string>;
  readonly drugs: ReadonlyMap<string, DrugKnowledge>;
  /** Lower-case alias (name, synonym) → canonical drug name. */
  readonly drugAliases: ReadonlyMap<string, string>;
  /** RxCUI → canonical drug name. */
  readonly rxcuis: ReadonlyMap<string, string>;
  /** How a FHIR dosage counts (vocabulary table `doses`); undefined: no dose is counted in units or from a timing code. */
  readonly doses?: DoseVocabulary;
  /** Words stripped when normalising a medication name (salts, dosage forms). */
  readonly ignoredNameWords: ReadonlySet<string>;
  readonly instruments: ReadonlyMap<string, Instrument>;
  /** Lower-case alias → canonical instrument name. */
  readonly instrumentAliases: ReadonlyMap<string, string>;
  readonly labs: ReadonlyMap<string, LabKnowledge>;
  /** Lower-case alias → canonical lab name. */
  readonly labAliases: ReadonlyMap<string, string>;
  /** LOINC code → the lab or instrument score it reports (labs and instruments tables). */
  readonly loinc: ReadonlyMap<string, LoincTarget>;
  readonly ageBands: readonly AgeBand[];
  /** Condition groups, sorted by name. */
  readonly conditionGroups: readonly ConditionGroupKnowledge[];
  /** The code systems condition groups are written in (lower case; conditions table `codeSystems`); undefined: any. */
  readonly conditionCodeSystems?: ReadonlySet<string>;
  /** Monitoring schedules by id (monitoring table). */
  readonly schedules: ReadonlyMap<string, MonitoringSchedule>;
  /** Interactions by id (interactions table). */
  readonly interactions: ReadonlyMap<string, InteractionEntry>;
  /**
   * Genes and HLA alleles (upper case) that some rule or special maximum reads, set when packs are
   * loaded; a snapshot's result for another is listed in `unrecognized`. Undefined: not checked.
   */
  readonly genesRead?: ReadonlySet<string>;
}
