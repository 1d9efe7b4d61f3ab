import type { Issue } from "../core/issue.js";
import type { DrugKnowledge, Knowledge, LabKnowledge, UnitConversion, AgeBand } from "./knowledge.js";
import type { Table } from "./schema.js";
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
  for (const { table } of tables) {
    if (table.table !== "vocabulary") continue;
    for (const [k, v] of Object.entries(table.classes)) classes.set(k, v);
    for (const [k, v] of Object.entries(table.flags)) flags.set(k, v);
    for (const w of table.nameNoise ?? []) ignored.add(w);
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

  const instruments = new Map<string, Instrument>();
  const instrumentAliases = new Map<string, string>();
  const labs = new Map<string, LabKnowledge>();
  const labAliases = new Map<string, string>();
  const ageBands: AgeBand[] = [];
  for (const { file, table } of tables) {
    if (table.table === "instruments") {
      table.instruments.forEach((ins, i) => {
        const at = `instruments[${i}]`;
        if (ins.itemMin > ins.itemMax || ins.totalMin > ins.totalMax) {
          issues.push({ file, path: at, code: "invalid_range", message: "min is greater than max" });
        }
        claim(instrumentAliases, ins.name.toLowerCase(), ins.name, file, `${at}.name`, "instrument");
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
          units.set(u.unit.toLowerCase(), { unit: u.unit, toCanonical });
        });
        claim(labAliases, lab.name.toLowerCase(), lab.name, file, `${at}.name`, "lab");
        (lab.synonyms ?? []).forEach((s, j) => claim(labAliases, s, lab.name, file, `${at}.synonyms[${j}]`, "synonym"));
        labs.set(lab.name, { entry: lab, canonicalUnit: lab.units[0]?.unit ?? "", units });
      });
    } else if (table.table === "age-bands") {
      for (const b of table.bands) {
        ageBands.push(b.maxYearsExclusive === undefined ? { name: b.name, minYears: b.minYears } : { name: b.name, minYears: b.minYears, maxYearsExclusive: b.maxYearsExclusive });
      }
    }
  }
  ageBands.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return {
    knowledge: { classes, flags, drugs, drugAliases, rxcuis, ignoredNameWords: ignored, instruments, instrumentAliases, labs, labAliases, ageBands },
    issues,
  };
}
