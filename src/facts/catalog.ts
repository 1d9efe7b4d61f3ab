/** The value type of a fact, as rules see it. */
export type FactType = "number" | "string" | "boolean" | "string[]" | "number[]";

/** One entry of the fact catalog: what a fact is called, its type, unit and meaning. */
export interface FactSpec {
  /**
   * Name as written in conditions. Medication facts are written with a scope prefix:
   * `med.` (medication scope), `a.` and `b.` (the two sides of a medication pair).
   * A `<placeholder>` stands for any name in the table it names.
   */
  readonly name: string;
  readonly scope: "patient" | "medication";
  readonly type: FactType;
  readonly unit?: string;
  readonly description: string;
  /** The snapshot fields the fact is derived from. */
  readonly from: string;
  /**
   * A medication fact set by the medication's name and the drug table alone: every medication
   * of the same name has the same value, whatever the patient.
   */
  readonly byDrug?: true;
}

/**
 * The fact catalog: every fact the engine derives, and nothing clinical — instrument,
 * lab, gene and attribute names come from the knowledge tables. `docs/facts.md` is
 * generated from this list.
 */
export const FACT_CATALOG: readonly FactSpec[] = [
  { name: "age", scope: "patient", type: "number", unit: "years", description: "Age at asOf (given, or completed years from birthDate).", from: "age, birthDate" },
  { name: "ageBands", scope: "patient", type: "string[]", description: "Names of the age bands (age-bands table) that contain the age.", from: "age, birthDate" },
  { name: "sex", scope: "patient", type: "string", description: "female, male or other, as given; unknown when the snapshot gives no sex or gives \"unknown\".", from: "sex" },
  { name: "pregnant", scope: "patient", type: "boolean", description: "Pregnancy status.", from: "pregnant" },
  { name: "breastfeeding", scope: "patient", type: "boolean", description: "Breastfeeding status.", from: "breastfeeding" },
  { name: "ancestry", scope: "patient", type: "string[]", description: "Ancestry groups, lower case.", from: "ancestry" },
  { name: "diagnoses", scope: "patient", type: "string[]", description: "Diagnosis codes, upper case (e.g. F33.1).", from: "diagnoses[].code" },
  { name: "conditions", scope: "patient", type: "string[]", description: "Names of the condition groups (conditions table) that some diagnosis code falls in; unknown when the snapshot gives no diagnosis list. With a diagnosis in a code system the groups are not written in (the table's codeSystems, e.g. SNOMED CT) that no group lists, the list is open: contains is true for a group found and unknown for any other.", from: "diagnoses[].code + conditions table" },
  { name: "daysSinceLastVisit", scope: "patient", type: "number", unit: "days", description: "Days from lastVisitDate to asOf.", from: "lastVisitDate" },
  { name: "sideEffects", scope: "patient", type: "string[]", description: "Reported side effects, lower case.", from: "sideEffects[].effect" },
  { name: "pgx.<gene>", scope: "patient", type: "string", description: "Phenotype for a gene (CPIC term, or positive/negative for an HLA allele), e.g. pgx.CYP2C19, pgx.HLA-B*15:02.", from: "pharmacogenomics" },
  { name: "meds.count", scope: "patient", type: "number", description: "Number of medications in effect (active, tapering, or stopped within washout).", from: "medications" },
  { name: "meds.names", scope: "patient", type: "string[]", description: "Canonical names of medications in effect.", from: "medications" },
  { name: "meds.classes", scope: "patient", type: "string[]", description: "Union of the classes of medications in effect.", from: "medications + drug table" },
  { name: "meds.flags", scope: "patient", type: "string[]", description: "Union of the flags of medications in effect.", from: "medications + drug table" },
  { name: "meds.flagCount.<flag>", scope: "patient", type: "number", description: "Number of distinct medications in effect that carry the flag (vocabulary table), e.g. meds.flagCount.serotonergic; unknown when the snapshot gives no medication list.", from: "medications + drug table" },
  { name: "meds.classCount.<class>", scope: "patient", type: "number", description: "Number of distinct medications in effect in the class (vocabulary table); unknown when the snapshot gives no medication list.", from: "medications + drug table" },
  { name: "meds.unrecognizedCount", scope: "patient", type: "number", description: "Number of distinct medications in effect that the drug table does not know.", from: "medications" },
  { name: "scores.<instrument>.latest", scope: "patient", type: "number", description: "Newest total of the instrument (by date); unknown, like every fact of the newest score, when the newest date has two different scores.", from: "scores" },
  { name: "scores.<instrument>.ageDays", scope: "patient", type: "number", unit: "days", description: "Days since the newest score.", from: "scores[].date" },
  { name: "scores.<instrument>.items", scope: "patient", type: "number[]", description: "Item answers of the newest score (path $[8] is item 9).", from: "scores[].items" },
  { name: "scores.<instrument>.item<n>", scope: "patient", type: "number", description: "Answer to item n (1-based) of the newest score, e.g. scores.<instrument>.item9; unknown when the newest score has no items.", from: "scores[].items" },
  { name: "scores.<instrument>.band", scope: "patient", type: "string", description: "Severity band of the newest total (instruments table).", from: "scores" },
  { name: "scores.<instrument>.baseline", scope: "patient", type: "number", description: "Oldest total before the newest one; unknown with a single score.", from: "scores" },
  { name: "scores.<instrument>.baselineAgeDays", scope: "patient", type: "number", unit: "days", description: "Days since the baseline score.", from: "scores[].date" },
  { name: "scores.<instrument>.previous", scope: "patient", type: "number", description: "The total before the newest one.", from: "scores" },
  { name: "scores.<instrument>.change", scope: "patient", type: "number", description: "Newest total minus the previous one (positive = higher score); unknown with a single score.", from: "scores" },
  { name: "scores.<instrument>.changeFromBaseline", scope: "patient", type: "number", description: "Newest total minus the baseline total; unknown with a single score.", from: "scores" },
  { name: "scores.<instrument>.percentChange", scope: "patient", type: "number", unit: "%", description: "Change of the newest total from baseline, in percent of baseline (negative = improvement); unknown when baseline is 0 or absent.", from: "scores" },
  { name: "scores.<instrument>.count", scope: "patient", type: "number", description: "Number of administrations on file: 0 when the snapshot gives a score list without this instrument; unknown when it gives no score list at all.", from: "scores" },
  { name: "labs.<lab>", scope: "patient", type: "number", description: "Newest value, in the lab's canonical unit (labs table); unknown when the newest date has two different values (snapshot dates have no time, so neither is known to be the newer).", from: "labs" },
  { name: "labs.<lab>.ageDays", scope: "patient", type: "number", unit: "days", description: "Days since the newest value.", from: "labs[].date" },
  { name: "labs.<lab>.previous", scope: "patient", type: "number", description: "The value before the newest one, canonical unit.", from: "labs" },
  { name: "labs.<lab>.therapeuticLow", scope: "patient", type: "number", description: "Lower end of the lab's therapeutic range (labs table, canonical unit); known whenever the table gives one, whatever the snapshot.", from: "labs table" },
  { name: "labs.<lab>.therapeuticHigh", scope: "patient", type: "number", description: "Upper end of the lab's therapeutic range (labs table, canonical unit).", from: "labs table" },
  { name: "labs.<lab>.count", scope: "patient", type: "number", description: "Number of values on file: 0 when the snapshot gives a lab list without this test; unknown when it gives no lab list at all.", from: "labs" },
  { name: "name", scope: "medication", type: "string", description: "Canonical ingredient name (or the normalised input name when unrecognised).", from: "medications[].name, rxcui", byDrug: true },
  { name: "recognized", scope: "medication", type: "boolean", description: "Whether the drug table knows the medication.", from: "medications[].name, rxcui", byDrug: true },
  { name: "classes", scope: "medication", type: "string[]", description: "Classes from the drug table (empty when unrecognised).", from: "drug table", byDrug: true },
  { name: "flags", scope: "medication", type: "string[]", description: "Flags from the drug table (empty when unrecognised).", from: "drug table", byDrug: true },
  { name: "attr.<attribute>", scope: "medication", type: "number", description: "A drug-table attribute, e.g. attr.halfLifeHours.", from: "drug table", byDrug: true },
  { name: "dailyDoseMg", scope: "medication", type: "number", unit: "mg/day", description: "Total daily dose of the drug: a drug listed more than once as current (split strengths, generic and brand) is taken at the sum, unknown when one entry has no dose.", from: "medications[].dailyDoseMg" },
  { name: "labelMaxDailyDoseMg", scope: "medication", type: "number", unit: "mg/day", description: "Label maximum for this patient: the general maximum lowered by every special maximum (age, phenotype) that applies. Unknown while a special maximum's condition is undecided.", from: "drug table + patient facts" },
  { name: "labelMaxBasis", scope: "medication", type: "string", description: "Why labelMaxDailyDoseMg has its value: the labels of the special maxima that set it, joined with \"; \" (e.g. \"age over 60; poor metabolizer\"), or \"general maximum\". Known exactly when labelMaxDailyDoseMg is.", from: "drug table + patient facts" },
  { name: "hasLabelMax", scope: "medication", type: "boolean", description: "Whether the drug table gives a label maximum daily dose (false for unrecognised drugs and drugs dosed by level or weight).", from: "drug table", byDrug: true },
  { name: "lowestPossibleMaxDailyDoseMg", scope: "medication", type: "number", unit: "mg/day", description: "The lowest label maximum any patient could have (general and special maxima): a dose at or below it is within the label whatever the unknown age or phenotype.", from: "drug table", byDrug: true },
  { name: "generalMaxDailyDoseMg", scope: "medication", type: "number", unit: "mg/day", description: "Label maximum for adults in general.", from: "drug table", byDrug: true },
  { name: "status", scope: "medication", type: "string", description: "active, tapering or stopped.", from: "medications[].status, stoppedDate" },
  { name: "active", scope: "medication", type: "boolean", description: "Status is active or tapering.", from: "medications[].status" },
  { name: "inEffect", scope: "medication", type: "boolean", description: "Active or tapering, or stopped fewer than washoutDays ago (drug table).", from: "status, stoppedDate, drug table" },
  { name: "washoutDays", scope: "medication", type: "number", unit: "days", description: "Days a stopped drug still counts (drug table; 0 when the table gives none).", from: "drug table", byDrug: true },
  { name: "daysSinceStart", scope: "medication", type: "number", unit: "days", description: "Days from startDate to asOf.", from: "medications[].startDate" },
  { name: "daysOnCurrentDose", scope: "medication", type: "number", unit: "days", description: "Days since the last dose change (or since start when the dose never changed); unknown for a tapering medication without doseChangedDate.", from: "doseChangedDate, startDate, status" },
  { name: "daysSinceStop", scope: "medication", type: "number", unit: "days", description: "Days from stoppedDate to asOf.", from: "medications[].stoppedDate" },
  { name: "scores.<instrument>.atStart", scope: "medication", type: "number", description: "The instrument's total the medication started from: the newest dated on or before its start. Unknown without a start date or such a score, or when that date has two different scores.", from: "scores, medications[].startDate" },
  { name: "scores.<instrument>.percentChangeSinceStart", scope: "medication", type: "number", unit: "%", description: "Change of the newest total from atStart, in percent of atStart (one decimal). Unknown when either is unknown, when the newest score is the one at the start, or when atStart is 0.", from: "scores, medications[].startDate" },
  { name: "pdc", scope: "medication", type: "number", description: "Proportion of days covered, 0 to 1.", from: "medications[].adherence.pdc" },
  { name: "sideEffects", scope: "medication", type: "string[]", description: "Side effects the patient attributes to this medication (empty when sideEffects is given and none names it).", from: "sideEffects" },
];

/** Prefixes under which medication facts are written, and the slot each binds. */
export const MEDICATION_PREFIXES = { med: "m", a: "a", b: "b" } as const;
