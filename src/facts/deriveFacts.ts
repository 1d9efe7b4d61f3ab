import type { Issue } from "../core/issue.js";
import { compileCondition, missingFactsOf, type CompiledCondition, type FactRecord } from "../logic/compileCondition.js";
import { openList } from "../logic/openList.js";
import { normalizeCode } from "../knowledge/buildKnowledge.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { NormalizedMedication, NormalizedScore, NormalizedSnapshot } from "../snapshot/normalizedSnapshot.js";
import { factResolver } from "./factResolver.js";

/** Facts of one patient: the patient record, and one record per medication (same order). */
export interface PatientFacts {
  readonly patient: FactRecord;
  readonly medications: readonly FactRecord[];
}

/** Derives facts for any number of patients from one compiled knowledge base. */
export interface FactDeriver {
  derive(snapshot: NormalizedSnapshot): PatientFacts;
}

/** What the tables fix for one drug, prepared once: its special maxima and attribute facts. */
interface DrugConstants {
  readonly maxima: readonly CompiledMaximum[];
  readonly attributes: readonly (readonly [string, unknown])[];
  readonly lowestPossibleMax?: number;
}

interface CompiledMaximum {
  readonly label: string;
  readonly when: CompiledCondition;
  readonly maxDailyDoseMg: number;
}

/**
 * Compiles what the knowledge tables need per patient (each drug's special maxima),
 * once, and returns a deriver. Issues name the table field (`drugs.<name>.specialMaxima[0].when`).
 *
 * With `reads` (the patient facts some rules read, as resolved keys), the deriver leaves out
 * the per-instrument, per-lab and per-flag or per-class facts that neither those rules nor the
 * special maxima read: they are most of a patient's facts, and most are read by no rule.
 */
export function createFactDeriver(k: Knowledge, reads?: ReadonlySet<string>): { deriver: FactDeriver; issues: Issue[] } {
  const issues: Issue[] = [];
  const wanted = reads === undefined ? undefined : new Set(reads);
  const base = factResolver("patient", k);
  // The special maxima's own reads are wanted too: derive tests them against the patient.
  const resolver: typeof base = {
    resolve: (name) => {
      const r = base.resolve(name);
      if (r !== undefined && r.slot === "p") wanted?.add(r.key);
      return r;
    },
    candidates: () => base.candidates(),
  };
  const drugs = new Map<string, DrugConstants>();
  for (const [name, drug] of k.drugs) {
    const list: CompiledMaximum[] = [];
    drug.specialMaxima.forEach((m, i) => {
      const compiled = compileCondition(m.when, resolver, `drugs.${name}.specialMaxima[${i}].when`);
      if (compiled.success) list.push({ label: m.label, when: compiled.data, maxDailyDoseMg: m.maxDailyDoseMg });
      else issues.push(...compiled.issues);
    });
    drugs.set(name, {
      maxima: list,
      attributes: Object.entries(drug.entry.attributes ?? {}).map(([key, value]) => [`attr.${key}`, value] as const),
      ...(drug.entry.maxDailyDoseMg !== undefined
        ? { lowestPossibleMax: Math.min(drug.entry.maxDailyDoseMg, ...drug.specialMaxima.map((m) => m.maxDailyDoseMg)) }
        : {}),
    });
  }
  // Fact names built once, not per patient.
  const all: FactKeys = {
    instruments: [...k.instruments].map(([name, entry]) => {
      const pre = `scores.${name}.`;
      return {
        name,
        entry,
        count: `${pre}count`, latest: `${pre}latest`, ageDays: `${pre}ageDays`, items: `${pre}items`, band: `${pre}band`,
        previous: `${pre}previous`, change: `${pre}change`, changeFromBaseline: `${pre}changeFromBaseline`, baseline: `${pre}baseline`, baselineAgeDays: `${pre}baselineAgeDays`, percentChange: `${pre}percentChange`,
        item: Array.from({ length: entry.itemCount }, (_, i) => `${pre}item${i + 1}`),
      };
    }),
    flagCount: new Map([...k.flags.keys()].map((f) => [f, `meds.flagCount.${f}`])),
    classCount: new Map([...k.classes.keys()].map((c) => [c, `meds.classCount.${c}`])),
    labs: [...k.labs].map(([name, lab]) => ({
      name,
      value: `labs.${name}`,
      count: `labs.${name}.count`,
      ageDays: `labs.${name}.ageDays`,
      previous: `labs.${name}.previous`,
      ...(lab.entry.therapeuticRange !== undefined
        ? { range: [`labs.${name}.therapeuticLow`, lab.entry.therapeuticRange.low, `labs.${name}.therapeuticHigh`, lab.entry.therapeuticRange.high] as const }
        : {}),
    })),
  };
  const keys = wanted === undefined ? all : onlyRead(all, wanted);
  return { deriver: { derive: (s) => derive(s, k, drugs, keys) }, issues };
}

/** The fact names some of whose facts are read: whole instruments and labs, single counts. */
function onlyRead(all: FactKeys, wanted: ReadonlySet<string>): FactKeys {
  const read = (names: readonly (string | number | undefined)[]) => names.some((n) => typeof n === "string" && wanted.has(n));
  return {
    instruments: all.instruments.filter((i) =>
      read([i.count, i.latest, i.ageDays, i.items, i.band, i.previous, i.change, i.changeFromBaseline, i.baseline, i.baselineAgeDays, i.percentChange, ...i.item]),
    ),
    labs: all.labs.filter((l) => read([l.value, l.count, l.ageDays, l.previous, ...(l.range ?? [])])),
    flagCount: new Map([...all.flagCount].filter(([, key]) => wanted.has(key))),
    classCount: new Map([...all.classCount].filter(([, key]) => wanted.has(key))),
  };
}

interface FactKeys {
  readonly instruments: readonly {
    readonly name: string;
    readonly entry: Knowledge["instruments"] extends ReadonlyMap<string, infer I> ? I : never;
    readonly count: string; readonly latest: string; readonly ageDays: string; readonly items: string; readonly band: string;
    readonly previous: string; readonly change: string; readonly changeFromBaseline: string; readonly baseline: string; readonly baselineAgeDays: string; readonly percentChange: string;
    readonly item: readonly string[];
  }[];
  readonly labs: readonly {
    readonly name: string; readonly value: string; readonly count: string; readonly ageDays: string; readonly previous: string;
    /** Fact names and values of the therapeutic range, when the table gives one. */
    readonly range?: readonly [string, number, string, number];
  }[];
  /** Flag → fact name, class → fact name. */
  readonly flagCount: ReadonlyMap<string, string>;
  readonly classCount: ReadonlyMap<string, string>;
}

/** The condition groups some code falls in, by name. */
function conditionsOf(codes: readonly string[], k: Knowledge): string[] {
  const normalized = codes.map(normalizeCode);
  return k.conditionGroups
    .filter((g) => normalized.some((c) => g.codes.has(c) || g.prefixes.some((prefix) => c.startsWith(prefix))))
    .map((g) => g.name);
}

/** Per-flag and per-class counts over the distinct medications in effect. */
function countsOf(inEffect: readonly FactRecord[], keys: FactKeys, p: Record<string, unknown>): void {
  const seen = new Set<string>();
  const distinct = inEffect.filter((m) => {
    const name = m.values["name"] as string;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  for (const key of keys.flagCount.values()) p[key] = 0;
  for (const key of keys.classCount.values()) p[key] = 0;
  for (const m of distinct) {
    for (const f of m.values["flags"] as string[]) {
      const key = keys.flagCount.get(f);
      if (key !== undefined) p[key] = (p[key] as number) + 1;
    }
    for (const c of m.values["classes"] as string[]) {
      const key = keys.classCount.get(c);
      if (key !== undefined) p[key] = (p[key] as number) + 1;
    }
  }
  p["meds.unrecognizedCount"] = distinct.filter((m) => m.values["recognized"] !== true).length;
}

function derive(s: NormalizedSnapshot, k: Knowledge, drugs: ReadonlyMap<string, DrugConstants>, keys: FactKeys): PatientFacts {
  const p: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const asOf = s.asOfDay;
  if (s.age !== undefined) {
    const age = s.age;
    p["age"] = age;
    p["ageBands"] = k.ageBands.filter((b) => age >= b.minYears && (b.maxYearsExclusive === undefined || age < b.maxYearsExclusive)).map((b) => b.name);
  }
  // "unknown" is the snapshot's way of saying the sex is not known: a missing fact, never a value a rule can compare.
  if (s.sex !== undefined && s.sex !== "unknown") p["sex"] = s.sex;
  if (s.pregnant !== undefined) p["pregnant"] = s.pregnant;
  if (s.breastfeeding !== undefined) p["breastfeeding"] = s.breastfeeding;
  if (s.ancestry !== undefined) p["ancestry"] = s.ancestry;
  if (s.diagnoses !== undefined) {
    p["diagnoses"] = s.diagnoses;
    // A diagnosis coded in a system the groups are not written in, and that no group lists by its
    // whole code, may belong to any group: the groups found are certain, the others unknown.
    const groups = conditionsOf(s.diagnoses, k);
    const unplaced = (s.diagnosesInOtherSystems ?? []).some((code) => conditionsOf([code], k).length === 0);
    p["conditions"] = unplaced ? openList(groups) : groups;
  }
  if (s.lastVisitDay !== undefined) p["daysSinceLastVisit"] = asOf - s.lastVisitDay;
  if (s.sideEffects !== undefined) p["sideEffects"] = [...new Set(s.sideEffects.map((e) => e.effect))].sort();
  for (const [gene, phenotype] of s.pharmacogenomics) p[`pgx.${gene}`] = phenotype;

  for (const ins of keys.instruments) {
    const list = s.scores.get(ins.name) ?? [];
    if (s.scoresGiven) p[ins.count] = list.length;
    const latest = list[list.length - 1];
    if (latest === undefined) continue;
    p[ins.ageDays] = asOf - latest.day;
    if (!newestAgree(list, sameScore)) continue;
    p[ins.latest] = latest.total;
    if (latest.items !== undefined) {
      p[ins.items] = latest.items;
      latest.items.forEach((answer, i) => {
        const key = ins.item[i];
        if (key !== undefined) p[key] = answer;
      });
    }
    const band = ins.entry.bands?.find((b) => latest.total >= b.min && latest.total <= b.max);
    if (band !== undefined) p[ins.band] = band.label;
    const previous = list[list.length - 2];
    const baseline = list[0];
    if (previous !== undefined && baseline !== undefined) {
      p[ins.previous] = previous.total;
      p[ins.change] = latest.total - previous.total;
      p[ins.changeFromBaseline] = latest.total - baseline.total;
      p[ins.baseline] = baseline.total;
      p[ins.baselineAgeDays] = asOf - baseline.day;
      if (baseline.total !== 0) p[ins.percentChange] = Math.round(((latest.total - baseline.total) / baseline.total) * 1000) / 10;
    }
  }
  for (const lab of keys.labs) {
    if (lab.range !== undefined) {
      p[lab.range[0]] = lab.range[1];
      p[lab.range[2]] = lab.range[3];
    }
    const list = s.labs.get(lab.name) ?? [];
    if (s.labsGiven) p[lab.count] = list.length;
    const latest = list[list.length - 1];
    if (latest === undefined) continue;
    p[lab.ageDays] = asOf - latest.day;
    // Two different values on the newest day: which is newer is unknown, and so is the value.
    if (!newestAgree(list, (a, b) => a.value === b.value)) continue;
    p[lab.value] = latest.value;
    const previous = list[list.length - 2];
    if (previous !== undefined) p[lab.previous] = previous.value;
  }

  const patient: FactRecord = { values: p };
  const medications = s.medications.map((m) => medicationFacts(m, s, k, drugs.get(m.name)));

  if (s.medicationsGiven) {
    const inEffect = medications.filter((m) => m.values["inEffect"] !== false);
    p["meds.count"] = inEffect.length;
    p["meds.names"] = sortedUnion(inEffect, "name");
    p["meds.classes"] = sortedUnion(inEffect, "classes");
    p["meds.flags"] = sortedUnion(inEffect, "flags");
    countsOf(inEffect, keys, p);
  }
  // Label maxima last: a special maximum may read what the other medications are (meds.*).
  for (let i = 0; i < medications.length; i++) {
    const m = s.medications[i] as NormalizedMedication;
    medications[i] = withLabelMaximum(medications[i] as FactRecord, k.drugs.get(m.name)?.entry.maxDailyDoseMg, drugs.get(m.name), patient);
  }
  return { patient, medications };
}

/**
 * Each instrument's score the medication started from (the newest dated on or before its start)
 * and the newest score's change from it, in percent: how the patient did since the start.
 */
function scoresSinceStart(startDay: number, s: NormalizedSnapshot, v: Record<string, unknown>): void {
  for (const [name, list] of s.scores) {
    let at = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if ((list[i] as NormalizedScore).day <= startDay) {
        at = i;
        break;
      }
    }
    if (at < 0 || !newestAgree(list, sameScore, at + 1)) continue;
    const index = (list[at] as NormalizedScore).total;
    v[`scores.${name}.atStart`] = index;
    const latest = list[list.length - 1] as NormalizedScore;
    if (at === list.length - 1 || index === 0 || !newestAgree(list, sameScore)) continue;
    v[`scores.${name}.percentChangeSinceStart`] = Math.round(((latest.total - index) / index) * 1000) / 10;
  }
}

/**
 * Whether the entries of the newest day of a day-sorted list all agree. Snapshot dates have no
 * time, so of two different results of one day neither is known to be the newer.
 */
function newestAgree<T extends { readonly day: number }>(list: readonly T[], same: (a: T, b: T) => boolean, end = list.length): boolean {
  const latest = list[end - 1];
  if (latest === undefined) return true;
  for (let i = end - 2; i >= 0; i--) {
    const e = list[i] as T;
    if (e.day !== latest.day) return true;
    if (!same(e, latest)) return false;
  }
  return true;
}

function sameScore(a: NormalizedScore, b: NormalizedScore): boolean {
  return a.total === b.total && JSON.stringify(a.items ?? null) === JSON.stringify(b.items ?? null);
}

/** The distinct values of one fact (a name, or a list of names) over some records, sorted. */
function sortedUnion(records: readonly FactRecord[], key: string): string[] {
  const seen = new Set<string>();
  for (const r of records) {
    const value = r.values[key] as string | readonly string[];
    if (typeof value === "string") seen.add(value);
    else for (const v of value) seen.add(v);
  }
  return [...seen].sort();
}

function medicationFacts(m: NormalizedMedication, s: NormalizedSnapshot, k: Knowledge, constants: DrugConstants | undefined): FactRecord {
  const v: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  // Facts left unknown, with the facts whose absence leaves them so; made only when one is.
  let missing: Record<string, readonly string[]> | undefined;
  const drug = k.drugs.get(m.name);
  const asOf = s.asOfDay;
  v["name"] = m.name;
  v["recognized"] = m.recognized;
  v["classes"] = drug?.classes ?? [];
  v["flags"] = drug?.flags ?? [];
  if (constants !== undefined) for (const [key, value] of constants.attributes) v[key] = value;
  if (m.dailyDoseMg !== undefined) v["dailyDoseMg"] = m.dailyDoseMg;

  // A listed medication without status or stop date is a current one (CONTRACT §2 lists current medications).
  const status = m.status ?? "active";
  v["status"] = status;
  v["active"] = status !== "stopped";
  const washout = drug?.entry.washoutDays ?? 0;
  v["washoutDays"] = washout;
  if (m.startDay !== undefined) v["daysSinceStart"] = asOf - m.startDay;
  // A tapering dose has changed since the start: without the date of its last change, unknown.
  const doseSince = m.doseChangedDay ?? (status === "tapering" ? undefined : m.startDay);
  if (doseSince !== undefined) v["daysOnCurrentDose"] = asOf - doseSince;
  if (m.stoppedDay !== undefined) v["daysSinceStop"] = asOf - m.stoppedDay;
  if (status !== "stopped") v["inEffect"] = true;
  else if (m.stoppedDay !== undefined) v["inEffect"] = asOf - m.stoppedDay < washout;
  else if (washout === 0) v["inEffect"] = false;
  else (missing ??= Object.create(null) as Record<string, readonly string[]>)["inEffect"] = ["med.stoppedDate"];
  if (m.pdc !== undefined) v["pdc"] = m.pdc;
  if (m.startDay !== undefined) scoresSinceStart(m.startDay, s, v);
  if (s.sideEffects !== undefined) {
    const effects = new Set<string>();
    for (const e of s.sideEffects) if (e.medication === m.name) effects.add(e.effect);
    v["sideEffects"] = [...effects].sort();
  }
  return missing !== undefined ? { values: v, missing } : { values: v };
}

/**
 * The medication's label maximum for this patient: the general maximum lowered by each special
 * maximum whose condition holds; unknown (naming the facts) when an undecided one would lower it.
 */
function withLabelMaximum(record: FactRecord, general: number | undefined, constants: DrugConstants | undefined, patient: FactRecord): FactRecord {
  const v = record.values as Record<string, unknown>;
  v["hasLabelMax"] = general !== undefined;
  if (general === undefined) return record;
  v["generalMaxDailyDoseMg"] = general;
  v["lowestPossibleMaxDailyDoseMg"] = constants?.lowestPossibleMax ?? general;
  let max = general;
  const applied: CompiledMaximum[] = [];
  const undecided: { max: number; missing: string[] }[] = [];
  const bindings = { p: patient };
  for (const sm of constants?.maxima ?? []) {
    const t = sm.when.test(bindings);
    if (t === true) {
      max = Math.min(max, sm.maxDailyDoseMg);
      applied.push(sm);
    } else if (t === null) undecided.push({ max: sm.maxDailyDoseMg, missing: missingFactsOf(sm.when, bindings, t) });
  }
  const lower = undecided.filter((u) => u.max < max);
  if (lower.length === 0) {
    v["labelMaxDailyDoseMg"] = max;
    const basis = applied.filter((sm) => sm.maxDailyDoseMg === max).map((sm) => sm.label);
    v["labelMaxBasis"] = basis.length > 0 ? basis.join("; ") : "general maximum";
    return record;
  }
  const facts = new Set<string>();
  for (const u of lower) for (const fact of u.missing) facts.add(fact);
  return { values: v, missing: { ...record.missing, labelMaxDailyDoseMg: [...facts].sort() } };
}
