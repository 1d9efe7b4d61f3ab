import { fromDayNumber } from "../core/calendarDate.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Instrument } from "../knowledge/schema.js";
import type { LabThreshold, SynthHints } from "./synthHints.js";
import { weightedList, type WeightedList } from "./weightedList.js";

/** A drug as the generator uses it. */
export interface SynthDrug {
  readonly name: string;
  readonly rxcui?: string;
  readonly synonyms: readonly string[];
  readonly flags: readonly string[];
  readonly maxDailyDoseMg?: number;
  /** Relative frequency of use: the drug table's `attributes.synthWeight` when given, else 1. */
  readonly weight: number;
}

/** A lab as the generator uses it. */
export interface SynthLab {
  readonly name: string;
  readonly canonicalUnit: string;
  /** Other accepted units, each with the factor that turns a canonical value into it. */
  readonly alternates: readonly {
    readonly unit: string;
    /** Multiplies a canonical value into this unit. */
    readonly fromCanonical: number;
    /** The labs table's own conversion back, as the validator applies it. */
    readonly toCanonical: (value: number) => number;
  }[];
  readonly min?: number;
  readonly max?: number;
  /** The drug whose level this lab is (its name or a synonym is a drug name), if any. */
  readonly levelOf?: string;
  readonly thresholds: readonly LabThreshold[];
  /**
   * The values usual in healthy adults, canonical unit: the labs table's `referenceInterval`,
   * else, for a drug level, its `therapeuticRange`. Either side may be absent (a desirable limit).
   */
  readonly interval?: { readonly low?: number; readonly high?: number };
  /** Some rule reads a fact of this lab (its value, age or count). */
  readonly read: boolean;
}

/** An instrument as the generator uses it. */
export interface SynthInstrument {
  readonly entry: Instrument;
  /** Share of patients given it. */
  readonly share: number;
  /**
   * One weight per item, mean 1: how much more (above 1) or less (below 1) often the item is
   * endorsed than the instrument's average item; each proportion of the table's
   * `itemEndorsement` divided by their mean. Absent without it.
   */
  readonly itemWeights?: readonly number[];
}

/** The knowledge tables indexed once per cohort into sorted arrays, so draws are deterministic. */
export interface SynthPool {
  /** Every drug, by name. */
  readonly drugs: WeightedList<SynthDrug>;
  /**
   * The drugs the tables cover in depth: those given a label maximum dose, and those
   * whose level is a test of the labs table.
   */
  readonly core: WeightedList<SynthDrug>;
  /** Flag → drugs carrying it, for flags at least two drugs share. */
  readonly byFlag: ReadonlyMap<string, WeightedList<SynthDrug>>;
  /**
   * The labs worth generating, by name: those that rules compare with a number, those with an
   * interval of usual values, and those whose presence or age rules read. A lab with none of
   * these is left out (a value nothing can place would mean nothing).
   */
  readonly labs: readonly SynthLab[];
  /** Every instrument of the table, with the share of patients given it: most get the instruments rules read, few the others (all alike without rules). */
  readonly instruments: readonly SynthInstrument[];
  readonly sideEffects: readonly string[];
  readonly genes: readonly string[];
  /** ISO date of a day number (cached: a cohort uses a few thousand distinct days). */
  dateText(day: number): string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Indexes `knowledge` and `hints` for {@link synthesize}. */
export function buildSynthPool(knowledge: Knowledge, hints: SynthHints): SynthPool {
  const drugs: SynthDrug[] = [...knowledge.drugs.values()]
    .map(({ entry, flags }) => ({
      name: entry.name,
      weight: synthWeight(entry.attributes),
      synonyms: [...(entry.synonyms ?? [])].sort(byText),
      flags,
      ...(entry.rxcui !== undefined ? { rxcui: entry.rxcui } : {}),
      ...(entry.maxDailyDoseMg !== undefined ? { maxDailyDoseMg: entry.maxDailyDoseMg } : {}),
    }))
    .sort((a, b) => byText(a.name, b.name));

  const flagMembers = new Map<string, SynthDrug[]>();
  for (const d of drugs) for (const f of d.flags) flagMembers.set(f, [...(flagMembers.get(f) ?? []), d]);
  const byFlag = new Map<string, WeightedList<SynthDrug>>();
  for (const f of [...flagMembers.keys()].sort(byText)) {
    const members = flagMembers.get(f) ?? [];
    if (members.length >= 2) byFlag.set(f, weightedList(members, (d) => d.weight));
  }

  const labsRead = new Set(hints.labsRead);
  const labs: SynthLab[] = [...knowledge.labs.values()]
    .map(({ entry, canonicalUnit, units }) => {
      const levelOf = [entry.name, ...(entry.synonyms ?? [])].map((n) => knowledge.drugAliases.get(n.toLowerCase())).find((d) => d !== undefined);
      const alternates = entry.units.slice(1).flatMap((u) => {
        // canonical = value × multiplyBy, or value ÷ divideBy (labs table); invert it.
        const fromCanonical = u.multiplyBy !== undefined ? 1 / u.multiplyBy : u.divideBy !== undefined ? u.divideBy : undefined;
        const toCanonical = units.get(u.unit.toLowerCase())?.toCanonical;
        return fromCanonical === undefined || toCanonical === undefined ? [] : [{ unit: u.unit, fromCanonical, toCanonical }];
      });
      const usual = entry.referenceInterval ?? (levelOf !== undefined ? entry.therapeuticRange : undefined);
      return {
        name: entry.name,
        canonicalUnit,
        alternates,
        thresholds: hints.labThresholds.get(entry.name) ?? [],
        read: labsRead.has(entry.name),
        ...(usual !== undefined ? { interval: { ...(usual.low !== undefined ? { low: usual.low } : {}), ...(usual.high !== undefined ? { high: usual.high } : {}) } } : {}),
        ...(entry.min !== undefined ? { min: entry.min } : {}),
        ...(entry.max !== undefined ? { max: entry.max } : {}),
        ...(levelOf !== undefined ? { levelOf } : {}),
      };
    })
    .sort((a, b) => byText(a.name, b.name));

  const levels = new Set(labs.flatMap((l) => (l.levelOf !== undefined ? [l.levelOf] : [])));
  const dates = new Map<number, string>();
  return {
    drugs: weightedList(drugs, (d) => d.weight),
    core: weightedList(
      drugs.filter((d) => d.maxDailyDoseMg !== undefined || levels.has(d.name)),
      (d) => d.weight,
    ),
    byFlag,
    instruments: [...knowledge.instruments.values()]
      .sort((a, b) => byText(a.name, b.name))
      .map((entry) => {
        const weights = itemWeights(entry);
        return { entry, share: hints.instruments.length === 0 || hints.instruments.includes(entry.name) ? 0.65 : 0.05, ...(weights !== undefined ? { itemWeights: weights } : {}) };
      }),
    labs: labs.filter((l) => l.thresholds.length > 0 || l.interval !== undefined || l.read),
    sideEffects: hints.sideEffects,
    genes: hints.genes,
    dateText(day) {
      let text = dates.get(day);
      if (text === undefined) {
        text = fromDayNumber(day);
        dates.set(day, text);
      }
      return text;
    },
  };
}

/**
 * A drug table may say how often a drug is used, relative to 1, in
 * `attributes.synthWeight`; without it every drug is drawn equally often.
 */
function synthWeight(attributes: Readonly<Record<string, number | string | boolean>> | undefined): number {
  const w = attributes?.["synthWeight"];
  return typeof w === "number" && Number.isFinite(w) && w >= 0 ? w : 1;
}

/**
 * Each item's endorsement in the instruments table's reference sample relative to the mean over
 * the instrument's items (so the weights average 1); undefined when the table gives none, or
 * not one per item, or none above 0 (the schema refuses both).
 */
function itemWeights(entry: Instrument): number[] | undefined {
  const p = entry.itemEndorsement?.proportions;
  if (p === undefined || p.length !== entry.itemCount) return undefined;
  const mean = p.reduce((a, b) => a + b, 0) / p.length;
  return mean > 0 ? p.map((v) => v / mean) : undefined;
}
