import type { Issue } from "../core/issue.js";
import type { AgeBand, ConditionGroupKnowledge, DoseVocabulary, DrugKnowledge, Knowledge, LabKnowledge, LoincTarget, UnitConversion } from "./knowledge.js";
import type { InteractionEntry, MedicationSelector, MonitoringSchedule, Table } from "./schema.js";
import type { Instrument } from "./schema.js";

/** A table together with the file it came from, for issue reporting. */
export interface SourcedTable {
  readonly file: string;
  readonly table: Table;
}

/**
 * Indexes validated tables into a {@link Knowledge}, and reports what a per-file schema
 * cannot see: a drug class or flag missing from the vocabulary, the same drug, alias,
 * RxCUI, instrument or lab defined twice.
 */
export function buildKnowledge(tables: readonly SourcedTable[]): { knowledge: Knowledge; issues: Issue[] } {
  const issues: Issue[] = [];
  const classes = new Map<string, string>();
  const flags = new Map<string, string>();
  const ignored = new Set<string>();
  let doses: DoseVocabulary | undefined;
  for (const { table } of tables) {
    if (table.table !== "vocabulary") continue;
    for (const [k, v] of Object.entries(table.classes)) classes.set(k, v);
    for (const [k, v] of Object.entries(table.flags)) flags.set(k, v);
    for (const w of table.nameNoise ?? []) ignored.add(w);
    if (table.doses !== undefined) {
      doses = {
        countedUnits: new Set(table.doses.countedUnits),
        countedDoseForms: new Set(table.doses.countedDoseForms),
        timingCodesPerDay: new Map(Object.entries(table.doses.timingCodesPerDay)),
      };
    }
  }

  const drugs = new Map<string, DrugKnowledge>();
  const drugAliases = new Map<string, string>();
  const rxcuis = new Map<string, string>();
  const claim = (map: Map<string, string>, key: string, owner: string, file: string, path: string, what: string) => {
    const prior = map.get(key);
    if (prior !== undefined && prior !== owner) {
      issues.push({ file, path, code: "duplicate_entry", message: `${what} "${key}" already belongs to "${prior}"` });
    } else map.set(key, owner);
  };
  /** False, with a duplicate_entry issue, when `map` already holds `key`. */
  const firstDefinition = (map: ReadonlyMap<string, unknown>, key: string, file: string, path: string, what: string): boolean => {
    if (!map.has(key)) return true;
    issues.push({ file, path, code: "duplicate_entry", message: `${what} "${key}" is defined twice` });
    return false;
  };
  for (const { file, table } of tables) {
    if (table.table !== "drugs") continue;
    table.drugs.forEach((drug, i) => {
      const at = `drugs[${i}]`;
      if (drugs.has(drug.name)) {
        issues.push({ file, path: `${at}.name`, code: "duplicate_entry", message: `drug "${drug.name}" is defined twice` });
        return;
      }
      drug.classes.forEach((c, j) => {
        if (!classes.has(c)) issues.push({ file, path: `${at}.classes[${j}]`, code: "unknown_class", message: `class "${c}" is not in the vocabulary table` });
      });
      (drug.flags ?? []).forEach((f, j) => {
        if (!flags.has(f)) issues.push({ file, path: `${at}.flags[${j}]`, code: "unknown_flag", message: `flag "${f}" is not in the vocabulary table` });
      });
      for (const s of drug.salts ?? []) ignored.add(s);
      claim(drugAliases, drug.name, drug.name, file, `${at}.name`, "name");
      (drug.synonyms ?? []).forEach((s, j) => claim(drugAliases, s, drug.name, file, `${at}.synonyms[${j}]`, "synonym"));
      if (drug.rxcui !== undefined) claim(rxcuis, drug.rxcui, drug.name, file, `${at}.rxcui`, "RxCUI");
      drugs.set(drug.name, {
        entry: drug,
        classes: [...new Set(drug.classes)].sort(),
        flags: [...new Set(drug.flags ?? [])].sort(),
        specialMaxima: (drug.specialMaxima ?? []).map((m) => ({ label: m.label, when: m.when, maxDailyDoseMg: m.maxDailyDoseMg })),
      });
    });
  }
  // A word that is itself a drug name is never ignored (a salt word that is also a drug's name).
  for (const alias of drugAliases.keys()) ignored.delete(alias);

  const loinc = new Map<string, LoincTarget>();
  const claimLoinc = (code: string, target: LoincTarget, file: string, path: string) => {
    const prior = loinc.get(code);
    if (prior !== undefined) issues.push({ file, path, code: "duplicate_entry", message: `LOINC ${code} already reports ${prior.kind === "lab" ? "lab" : "instrument"} ${prior.name}` });
    else loinc.set(code, target);
  };
  const instruments = new Map<string, Instrument>();
  const instrumentAliases = new Map<string, string>();
  const labs = new Map<string, LabKnowledge>();
  const labAliases = new Map<string, string>();
  const ageBands: AgeBand[] = [];
  const conditionGroups = new Map<string, ConditionGroupKnowledge>();
  let conditionCodeSystems: Set<string> | undefined;
  for (const { file, table } of tables) {
    if (table.table === "instruments") {
      table.instruments.forEach((ins, i) => {
        const at = `instruments[${i}]`;
        if (ins.itemMin > ins.itemMax || ins.totalMin > ins.totalMax) {
          issues.push({ file, path: at, code: "invalid_range", message: "min is greater than max" });
        }
        claim(instrumentAliases, ins.name.toLowerCase(), ins.name, file, `${at}.name`, "instrument");
        (ins.loinc?.total ?? []).forEach((c, j) => claimLoinc(c, { kind: "total", name: ins.name }, file, `${at}.loinc.total[${j}]`));
        (ins.loinc?.items ?? []).forEach((c, j) => claimLoinc(c, { kind: "item", name: ins.name, item: j + 1 }, file, `${at}.loinc.items[${j}]`));
        (ins.synonyms ?? []).forEach((s, j) => claim(instrumentAliases, s, ins.name, file, `${at}.synonyms[${j}]`, "synonym"));
        instruments.set(ins.name, ins);
      });
    } else if (table.table === "labs") {
      table.labs.forEach((lab, i) => {
        const at = `labs[${i}]`;
        const units = new Map<string, UnitConversion>();
        lab.units.forEach((u, j) => {
          if (j === 0 && (u.multiplyBy !== undefined || u.divideBy !== undefined)) {
            issues.push({ file, path: `${at}.units[0]`, code: "canonical_unit_converts", message: "the first (canonical) unit takes no conversion factor" });
          }
          if (u.multiplyBy !== undefined && u.divideBy !== undefined) {
            issues.push({ file, path: `${at}.units[${j}]`, code: "ambiguous_conversion", message: "give multiplyBy or divideBy, not both" });
          }
          if (j > 0 && u.multiplyBy === undefined && u.divideBy === undefined) {
            issues.push({ file, path: `${at}.units[${j}]`, code: "missing_conversion", message: "a non-canonical unit needs multiplyBy or divideBy" });
          }
          const m = u.multiplyBy;
          const d = u.divideBy;
          const toCanonical = m !== undefined ? (v: number) => v * m : d !== undefined ? (v: number) => v / d : (v: number) => v;
          const conversion = { unit: u.unit, toCanonical };
          for (const [key, field] of [[u.unit, "unit"], [u.ucum, "ucum"]] as const) {
            if (key === undefined) continue;
            const prior = units.get(key.toLowerCase());
            if (prior !== undefined && prior.unit !== u.unit) {
              issues.push({ file, path: `${at}.units[${j}].${field}`, code: "duplicate_entry", message: `unit "${key}" already names ${prior.unit} of ${lab.name}` });
            } else units.set(key.toLowerCase(), conversion);
          }
        });
        (lab.loinc ?? []).forEach((c, j) => claimLoinc(c, { kind: "lab", name: lab.name }, file, `${at}.loinc[${j}]`));
        claim(labAliases, lab.name.toLowerCase(), lab.name, file, `${at}.name`, "lab");
        (lab.synonyms ?? []).forEach((s, j) => claim(labAliases, s, lab.name, file, `${at}.synonyms[${j}]`, "synonym"));
        labs.set(lab.name, { entry: lab, canonicalUnit: lab.units[0]?.unit ?? "", units });
      });
    } else if (table.table === "conditions") {
      if (table.codeSystems !== undefined) for (const system of table.codeSystems) (conditionCodeSystems ??= new Set()).add(system.toLowerCase());
      table.conditions.forEach((c, i) => {
        if (!firstDefinition(conditionGroups, c.name, file, `conditions[${i}].name`, "condition group")) return;
        if ((c.codePrefixes ?? []).length === 0 && (c.codes ?? []).length === 0) {
          issues.push({ file, path: `conditions[${i}]`, code: "empty_condition_group", message: "give codePrefixes or codes: a group without codes never matches" });
        }
        conditionGroups.set(c.name, {
          name: c.name,
          prefixes: (c.codePrefixes ?? []).map(normalizeCode),
          codes: new Set((c.codes ?? []).map(normalizeCode)),
        });
      });
    } else if (table.table === "age-bands") {
      for (const b of table.bands) {
        ageBands.push(b.maxYearsExclusive === undefined ? { name: b.name, minYears: b.minYears } : { name: b.name, minYears: b.minYears, maxYearsExclusive: b.maxYearsExclusive });
      }
    }
  }
  ageBands.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const schedules = new Map<string, MonitoringSchedule>();
  const interactions = new Map<string, InteractionEntry>();
  const checkSelector = (sel: MedicationSelector, file: string, at: string) => {
    for (const key of ["names", "exceptNames"] as const) {
      (sel[key] ?? []).forEach((n, j) => {
        if (!drugs.has(n)) issues.push({ file, path: `${at}.${key}[${j}]`, code: "unknown_drug", message: `drug "${n}" is not in the drug tables (write its canonical name)` });
      });
    }
    for (const key of ["classes", "exceptClasses"] as const) {
      (sel[key] ?? []).forEach((c, j) => {
        if (!classes.has(c)) issues.push({ file, path: `${at}.${key}[${j}]`, code: "unknown_class", message: `class "${c}" is not in the vocabulary table` });
      });
    }
    (sel.flags ?? []).forEach((f, j) => {
      if (!flags.has(f)) issues.push({ file, path: `${at}.flags[${j}]`, code: "unknown_flag", message: `flag "${f}" is not in the vocabulary table` });
    });
  };
  for (const { file, table } of tables) {
    if (table.table === "monitoring") {
      table.schedules.forEach((sch, i) => {
        const at = `schedules[${i}]`;
        if (!firstDefinition(schedules, sch.id, file, `${at}.id`, "schedule")) return;
        checkSelector(sch.medication, file, `${at}.medication`);
        sch.labs.forEach((lab, j) => {
          if (!labs.has(lab)) issues.push({ file, path: `${at}.labs[${j}]`, code: "unknown_lab", message: `lab "${lab}" is not in the labs table (write its canonical name)` });
        });
        schedules.set(sch.id, sch);
      });
    } else if (table.table === "interactions") {
      table.interactions.forEach((entry, i) => {
        const at = `interactions[${i}]`;
        if (!firstDefinition(interactions, entry.id, file, `${at}.id`, "interaction")) return;
        checkSelector(entry.a, file, `${at}.a`);
        checkSelector(entry.b, file, `${at}.b`);
        interactions.set(entry.id, entry);
      });
    }
  }

  return {
    knowledge: {
      classes, flags, drugs, drugAliases, rxcuis, ignoredNameWords: ignored, instruments, instrumentAliases, labs, labAliases, loinc, ageBands,
      conditionGroups: [...conditionGroups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      schedules,
      interactions,
      ...(conditionCodeSystems !== undefined ? { conditionCodeSystems } : {}),
      ...(doses !== undefined ? { doses } : {}),
    },
    issues,
  };
}

/** A diagnosis code as condition groups match it: dots and spaces removed, upper case. */
export function normalizeCode(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}
