import { dayNumber } from "../core/calendarDate.js";
import type { Mutable } from "../core/mutable.js";
import { didYouMean } from "../core/didYouMean.js";
import type { Issue, Result } from "../core/issue.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type {
  NormalizedLab,
  NormalizedMedication,
  NormalizedScore,
  NormalizedSideEffect,
  NormalizedSnapshot,
  Unrecognized,
} from "./normalizedSnapshot.js";
import { normalizeDrugName, suggestDrugName } from "./normalizeDrugName.js";
import type { PatientSnapshot } from "./schema.js";

const METABOLIZER = /metabolizer$/;

/**
 * Checks a schema-valid snapshot against the knowledge tables and turns it into a
 * {@link NormalizedSnapshot}. Errors (a lab in a unit its table does not accept, an item above the instrument's maximum, a start date
 * after `asOf`) are issues named by JSON path; inputs the tables do not know
 * (a medication, a lab test) are kept and listed as unrecognized.
 */
export function normalizeSnapshot(s: PatientSnapshot, k: Knowledge): Result<NormalizedSnapshot> {
  const issues: Issue[] = [];
  const unrecognized = new Map<string, Unrecognized>();
  const note = (u: Unrecognized) => unrecognized.set(`${u.field}\u0000${u.value}`, u);
  const asOfDay = dayNumber(s.asOf) ?? 0;
  // A field's path (`labs[3].date`) is only built for an issue: most snapshots have none.
  const day = (text: string | null | undefined, list: string, i: number, field: string): number | undefined => {
    if (text === undefined || text === null) return undefined;
    const d = dayNumber(text);
    if (d === undefined) return undefined;
    if (d > asOfDay) issues.push({ path: pathOf(list, i, field), code: "date_after_as_of", message: `date ${text} is after asOf ${s.asOf}` });
    return d;
  };

  let age = s.age;
  const birthDay = day(s.birthDate, "", -1, "birthDate");
  if (birthDay !== undefined) {
    const derived = completedYears(s.birthDate ?? "", s.asOf);
    if (age !== undefined && Math.abs(age - derived) >= 1) {
      issues.push({ path: "age", code: "age_conflict", message: `age ${age} does not match birthDate ${s.birthDate} (${derived} at ${s.asOf})` });
    }
    age ??= derived;
  }

  const medications: NormalizedMedication[] = [];
  (s.medications ?? []).forEach((m, i) => {
    if (m === undefined) return; // blanked by salvageSnapshot: already reported
    const byName = m.name === undefined ? undefined : normalizeDrugName(m.name, k);
    const byRxcui = m.rxcui === undefined ? undefined : k.rxcuis.get(m.rxcui);
    if (byName?.canonical !== undefined && byRxcui !== undefined && byName.canonical !== byRxcui) {
      issues.push({
        path: pathOf("medications", i, "rxcui"),
        code: "rxcui_name_conflict",
        message: `rxcui ${m.rxcui} is ${byRxcui} but the name says ${byName.canonical}`,
      });
    }
    const canonical = byName?.canonical ?? byRxcui;
    let name: string;
    if (canonical !== undefined) name = canonical;
    else if (byName?.ingredients !== undefined) name = byName.normalized;
    else if (byName !== undefined) {
      name = byName.normalized;
      const suggestion = suggestDrugName(name, k);
      note({ field: "medications.name", value: name, ...(suggestion ? { didYouMean: suggestion } : {}) });
    } else {
      name = `rxcui:${m.rxcui}`;
      note({ field: "medications.rxcui", value: m.rxcui ?? "" });
    }
    const startDay = day(m.startDate, "medications", i, "startDate");
    const doseChangedDay = day(m.doseChangedDate, "medications", i, "doseChangedDate");
    const stoppedDay = day(m.stoppedDate, "medications", i, "stoppedDate");
    if (startDay !== undefined && doseChangedDay !== undefined && doseChangedDay < startDay) {
      issues.push({ path: pathOf("medications", i, "doseChangedDate"), code: "date_order", message: "doseChangedDate is before startDate" });
    }
    if (startDay !== undefined && stoppedDay !== undefined && stoppedDay < startDay) {
      issues.push({ path: pathOf("medications", i, "stoppedDate"), code: "date_order", message: "stoppedDate is before startDate" });
    }
    let status = m.status;
    if (stoppedDay !== undefined && status !== undefined && status !== "stopped") {
      issues.push({ path: pathOf("medications", i, "status"), code: "status_conflict", message: `status is "${status}" but a stoppedDate is given` });
    }
    if (status === undefined && stoppedDay !== undefined) status = "stopped";
    // Optional fields assigned one by one, in a fixed order (spreads of `{}` cost an object each).
    // A combination product of several known ingredients is each of them, taken together; its daily
    // dose is the product's, no one ingredient's, so each ingredient's dose is unknown.
    const ingredients = canonical === undefined && byRxcui === undefined ? byName?.ingredients : undefined;
    for (const ingredient of ingredients ?? [name]) {
      const med: Mutable<NormalizedMedication> = { name: ingredient, recognized: canonical !== undefined || ingredients !== undefined };
      if (m.rxcui !== undefined) med.rxcui = m.rxcui;
      if (m.dailyDoseMg !== undefined && ingredients === undefined) med.dailyDoseMg = m.dailyDoseMg;
      if (startDay !== undefined) med.startDay = startDay;
      if (doseChangedDay !== undefined) med.doseChangedDay = doseChangedDay;
      if (status !== undefined) med.status = status;
      if (stoppedDay !== undefined) med.stoppedDay = stoppedDay;
      if (m.adherence !== undefined) med.pdc = m.adherence.pdc;
      medications.push(med);
    }
  });
  totalCurrentDoses(medications);
  sortInPlace(medications, compareMedications);

  const scores = new Map<string, NormalizedScore[]>();
  (s.scores ?? []).forEach((sc, i) => {
    if (sc === undefined) return; // blanked by salvageSnapshot: already reported
    const name = k.instrumentAliases.get(sc.instrument.toLowerCase());
    const ins = name === undefined ? undefined : k.instruments.get(name);
    const d = day(sc.date, "scores", i, "date");
    if (ins === undefined || name === undefined) {
      const value = sc.instrument.trim();
      const suggestion = didYouMean(value, k.instruments.keys());
      note({ field: "scores.instrument", value, ...(suggestion ? { didYouMean: suggestion } : {}) });
      return;
    }
    const before = issues.length;
    if (sc.items !== undefined) {
      if (sc.items.length !== ins.itemCount) {
        issues.push({ path: pathOf("scores", i, "items"), code: "item_count", message: `${name} has ${ins.itemCount} items, got ${sc.items.length}` });
      }
      sc.items.forEach((v, j) => {
        if (v < ins.itemMin || v > ins.itemMax) {
          issues.push({ path: `${pathOf("scores", i, "items")}[${j}]`, code: "out_of_range", message: `${name} items are ${ins.itemMin} to ${ins.itemMax}, got ${v}` });
        }
      });
    }
    if (sc.total !== undefined && (sc.total < ins.totalMin || sc.total > ins.totalMax)) {
      issues.push({ path: pathOf("scores", i, "total"), code: "out_of_range", message: `${name} total is ${ins.totalMin} to ${ins.totalMax}, got ${sc.total}` });
    }
    const sum = sc.items?.reduce((a, b) => a + b, 0);
    if (ins.totalIsItemSum && sc.total !== undefined && sum !== undefined && sum !== sc.total && issues.length === before) {
      issues.push({ path: pathOf("scores", i, "total"), code: "total_mismatch", message: `${name} total ${sc.total} is not the sum of its items (${sum})` });
    }
    const total = sc.total ?? (ins.totalIsItemSum ? sum : undefined);
    if (d === undefined || total === undefined || issues.length !== before) return;
    const list = scores.get(name) ?? [];
    // A copy: the validated snapshot may be the caller's own object, and results can show the items.
    list.push(sc.items !== undefined ? { day: d, total, items: [...sc.items] } : { day: d, total });
    scores.set(name, list);
  });
  for (const list of scores.values()) sortInPlace(list, compareScores);

  const labs = new Map<string, NormalizedLab[]>();
  (s.labs ?? []).forEach((lab, i) => {
    if (lab === undefined) return; // blanked by salvageSnapshot: already reported
    const name = k.labAliases.get(lab.test.toLowerCase());
    const known = name === undefined ? undefined : k.labs.get(name);
    const d = day(lab.date, "labs", i, "date");
    if (known === undefined || name === undefined) {
      const suggestion = didYouMean(lab.test.trim(), k.labs.keys());
      note({ field: "labs.test", value: lab.test.trim(), ...(suggestion ? { didYouMean: suggestion } : {}) });
      return;
    }
    const unit = known.units.get(lab.unit.toLowerCase());
    if (unit === undefined) {
      const accepted = [...new Set([...known.units.values()].map((u) => u.unit))];
      issues.push({
        path: pathOf("labs", i, "unit"),
        code: "unit_not_accepted",
        message: `${name} is reported in ${accepted.join(" or ")}, not "${lab.unit}"`,
        params: { accepted },
      });
      return;
    }
    const value = unit.toCanonical(lab.value);
    const { min, max } = known.entry;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      issues.push({
        path: pathOf("labs", i, "value"),
        code: "out_of_range",
        message: `${name} ${lab.value} ${unit.unit} is outside the possible range${min !== undefined ? ` (min ${min}` : " ("}${max !== undefined ? `, max ${max}` : ""} ${known.canonicalUnit})`,
      });
      return;
    }
    if (d === undefined) return;
    const list = labs.get(name) ?? [];
    list.push({ day: d, value });
    labs.set(name, list);
  });
  for (const list of labs.values()) sortInPlace(list, compareLabs);

  const sideEffects: NormalizedSideEffect[] = [];
  (s.sideEffects ?? []).forEach((se, i) => {
    if (se === undefined) return; // blanked by salvageSnapshot: already reported
    const onsetDay = day(se.onset, "sideEffects", i, "onset");
    let medication: string | undefined;
    if (se.medication !== undefined) {
      const match = normalizeDrugName(se.medication, k);
      medication = match.canonical ?? match.normalized;
      if (match.canonical === undefined) {
        const suggestion = suggestDrugName(match.normalized, k);
        note({ field: "sideEffects.medication", value: match.normalized, ...(suggestion ? { didYouMean: suggestion } : {}) });
      }
    }
    const effect: Mutable<NormalizedSideEffect> = { effect: se.effect.toLowerCase().replace(/\s+/g, " ").trim() };
    if (se.severity !== undefined) effect.severity = se.severity;
    if (medication !== undefined) effect.medication = medication;
    if (onsetDay !== undefined) effect.onsetDay = onsetDay;
    sideEffects.push(effect);
  });
  sideEffects.sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));

  const pharmacogenomics = new Map<string, string>();
  (s.pharmacogenomics ?? []).forEach((p, i) => {
    if (p === undefined) return; // blanked by salvageSnapshot: already reported
    const gene = hlaName(p.gene.toUpperCase());
    // No did-you-mean: gene names a letter apart are different genes (CYP2C9, CYP2C19).
    if (k.genesRead !== undefined && !k.genesRead.has(gene)) note({ field: "pharmacogenomics.gene", value: gene });
    const isMetabolizer = METABOLIZER.test(p.phenotype);
    if (gene.startsWith("CYP") !== isMetabolizer && p.phenotype !== "indeterminate") {
      issues.push({
        path: pathOf("pharmacogenomics", i, "phenotype"),
        code: "phenotype_not_applicable",
        message: gene.startsWith("CYP")
          ? `${gene} takes a CPIC metabolizer phenotype, not "${p.phenotype}"`
          : `${gene} takes "positive" or "negative", not "${p.phenotype}"`,
      });
      return;
    }
    const prior = pharmacogenomics.get(gene);
    if (prior !== undefined && prior !== p.phenotype) {
      issues.push({ path: pathOf("pharmacogenomics", i, "phenotype"), code: "conflicting_result", message: `${gene} is also reported as "${prior}"` });
      return;
    }
    pharmacogenomics.set(gene, p.phenotype);
  });

  const lastVisitDay = day(s.lastVisitDate, "", -1, "lastVisitDate");
  if (issues.length > 0) return { success: false, issues };

  // The required fields, then the optional ones assigned one by one (as for the medications above).
  const data: Mutable<NormalizedSnapshot> = {
    id: s.id,
    asOf: s.asOf.slice(0, 10),
    asOfDay,
    medications,
    medicationsGiven: s.medications !== undefined,
    scores,
    scoresGiven: s.scores !== undefined,
    labs,
    labsGiven: s.labs !== undefined,
    pharmacogenomics,
    unrecognized: unrecognized.size === 0 ? [] : [...unrecognized.values()].sort((a, b) => cmp(a.field, b.field) || cmp(a.value, b.value)),
  };
  if (age !== undefined) data.age = age;
  if (s.sex !== undefined) data.sex = s.sex;
  if (s.pregnant !== undefined) data.pregnant = s.pregnant;
  if (s.breastfeeding !== undefined) data.breastfeeding = s.breastfeeding;
  if (s.ancestry !== undefined) data.ancestry = [...new Set(s.ancestry.map((a) => a.toLowerCase()))].sort();
  if (s.diagnoses !== undefined) {
    data.diagnoses = [...new Set(s.diagnoses.map((d) => d.code.toUpperCase()))].sort();
    const systems = k.conditionCodeSystems;
    const other = systems === undefined ? [] : s.diagnoses.filter((d) => d.system !== undefined && !systems.has(d.system.trim().toLowerCase()));
    if (other.length > 0) data.diagnosesInOtherSystems = [...new Set(other.map((d) => d.code.toUpperCase()))].sort();
  }
  if (s.sideEffects !== undefined) data.sideEffects = sideEffects;
  if (lastVisitDay !== undefined) data.lastVisitDay = lastVisitDay;
  return { success: true, data };
}

/**
 * Sorts a list in place, stably; a list already in order (as most are: records are usually
 * listed by date) is left as it is without calling sort, which gives the same list.
 */
function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): void {
  for (let i = 1; i < list.length; i++) {
    if (compare(list[i - 1] as T, list[i] as T) > 0) {
      list.sort(compare);
      return;
    }
  }
}

/** `list[i].field`, the JSON path of a field of a list's record; `field` alone for a top-level field (`i` < 0). */
function pathOf(list: string, i: number, field: string): string {
  return i < 0 ? field : `${list}[${i}].${field}`;
}

/**
 * A drug listed more than once as current (split strengths: 150 mg and 75 mg, or a generic and a
 * brand name) is taken at the sum of their doses: each entry's daily dose becomes the total, or
 * unknown when one of them has none. Entries of one drug stopped are left as they are.
 */
function totalCurrentDoses(medications: Mutable<NormalizedMedication>[]): void {
  const current = new Map<string, Mutable<NormalizedMedication>[]>();
  for (const m of medications) {
    if (!m.recognized || m.status === "stopped") continue;
    const list = current.get(m.name);
    if (list === undefined) current.set(m.name, [m]);
    else list.push(m);
  }
  for (const list of current.values()) {
    if (list.length < 2) continue;
    const known = list.every((m) => m.dailyDoseMg !== undefined);
    const total = Math.round(list.reduce((sum, m) => sum + (m.dailyDoseMg ?? 0), 0) * 1000) / 1000;
    for (const m of list) {
      if (known) m.dailyDoseMg = total;
      else delete m.dailyDoseMg;
    }
  }
}

/**
 * An HLA allele in the nomenclature before 2010, two 2-digit fields without a colon
 * (`HLA-B*1502`), written as today (`HLA-B*15:02`); any other name as it is.
 */
function hlaName(gene: string): string {
  const old = /^(HLA-[A-Z0-9]+\*)(\d{2})(\d{2})$/.exec(gene);
  return old === null ? gene : `${old[1]}${old[2]}:${old[3]}`;
}

function compareLabs(a: NormalizedLab, b: NormalizedLab): number {
  return a.day - b.day || a.value - b.value;
}

function completedYears(birth: string, asOf: string): number {
  const [by, bm, bd] = birth.slice(0, 10).split("-").map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.slice(0, 10).split("-").map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareMedications(a: NormalizedMedication, b: NormalizedMedication): number {
  return cmp(a.name, b.name) || cmp(JSON.stringify(sortedEntries(a)), JSON.stringify(sortedEntries(b)));
}

function sortedEntries(o: object): [string, unknown][] {
  return Object.entries(o).sort(([x], [y]) => cmp(x, y));
}

function compareScores(a: NormalizedScore, b: NormalizedScore): number {
  return a.day - b.day || a.total - b.total || cmp(JSON.stringify(a.items ?? []), JSON.stringify(b.items ?? []));
}
