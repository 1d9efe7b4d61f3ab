import type { Condition, LeafCondition, Operator } from "../core/condition.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Rule } from "../packs/ruleSchema.js";

/** A number a rule compares a lab's newest value with, in the lab's canonical unit. */
export interface LabThreshold {
  readonly operator: Operator;
  readonly value: number;
}

/**
 * What the synthetic cohort generator reads from the rules, beyond the knowledge tables:
 * the numbers rules compare labs with (so that generated values fall mostly on the
 * unremarkable side of them, and sometimes across), the side-effect terms rules look
 * for, and the genes rules and special maxima ask about. All of it is read from the
 * packs; nothing here is written into `src/`.
 */
export interface SynthHints {
  /** Canonical lab name → the thresholds rules compare it with, sorted. */
  readonly labThresholds: ReadonlyMap<string, readonly LabThreshold[]>;
  /**
   * Canonical names of the labs whose facts rules read at all (value, age, count…), sorted:
   * a lab a rule only asks the age or presence of is still worth generating.
   */
  readonly labsRead: readonly string[];
  /** Side-effect terms rules look for (lower case, sorted). */
  readonly sideEffects: readonly string[];
  /** Genes or HLA alleles that rules or special maxima read (`pgx.<gene>`), sorted. */
  readonly genes: readonly string[];
  /** Instruments (canonical names) whose scores rules read, sorted. */
  readonly instruments: readonly string[];
}

const LAB_FACT = /^labs\.([^.]+)$/;
const ANY_LAB_FACT = /^labs\.([^.]+)(?:\.[A-Za-z]+)?$/;
const PGX_FACT = /^pgx\.(.+)$/;
const SCORE_FACT = /^scores\.(.+)\.[A-Za-z0-9]+$/;
const SIDE_EFFECT_FACT = /(^|\.)sideEffects$/;

/**
 * Collects {@link SynthHints} from the drug tables' special maxima and from `rules`
 * (pass `packs.rules.map((r) => r.rule)`; without rules, only the tables are read).
 */
export function synthHints(knowledge: Knowledge, rules: readonly Pick<Rule, "conditions">[] = []): SynthHints {
  const thresholds = new Map<string, LabThreshold[]>();
  const effects = new Set<string>();
  const genes = new Set<string>();
  const instruments = new Set<string>();
  const labsRead = new Set<string>();
  const noteLabRead = (fact: string): void => {
    const name = ANY_LAB_FACT.exec(fact)?.[1];
    if (name !== undefined && knowledge.labs.has(name)) labsRead.add(name);
  };
  const visitLeaf = (leaf: LeafCondition): void => {
    noteLabRead(leaf.fact);
    if (typeof leaf.value === "object" && leaf.value !== null && !Array.isArray(leaf.value) && typeof leaf.value["fact"] === "string") noteLabRead(leaf.value["fact"]);
    const lab = LAB_FACT.exec(leaf.fact)?.[1];
    if (lab !== undefined && knowledge.labs.has(lab) && typeof leaf.value === "number" && Number.isFinite(leaf.value)) {
      const list = thresholds.get(lab) ?? [];
      if (!list.some((t) => t.operator === leaf.operator && t.value === leaf.value)) list.push({ operator: leaf.operator, value: leaf.value });
      thresholds.set(lab, list);
    }
    const gene = PGX_FACT.exec(leaf.fact)?.[1];
    if (gene !== undefined) genes.add(gene.toUpperCase());
    const instrument = SCORE_FACT.exec(leaf.fact)?.[1];
    if (instrument !== undefined && knowledge.instruments.has(instrument)) instruments.add(instrument);
    if (SIDE_EFFECT_FACT.test(leaf.fact)) {
      const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      for (const v of values) if (typeof v === "string" && v.trim() !== "") effects.add(v.trim().toLowerCase());
    }
  };
  const visit = (c: Condition): void => {
    if ("all" in c) c.all.forEach(visit);
    else if ("any" in c) c.any.forEach(visit);
    else if ("not" in c) visit(c.not);
    else visitLeaf(c);
  };
  for (const drug of knowledge.drugs.values()) for (const m of drug.specialMaxima) visit(m.when);
  for (const rule of rules) visit(rule.conditions);

  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = new Map<string, readonly LabThreshold[]>();
  for (const name of [...thresholds.keys()].sort(byText)) {
    const list = thresholds.get(name) ?? [];
    sorted.set(name, [...list].sort((a, b) => a.value - b.value || byText(a.operator, b.operator)));
  }
  return { labThresholds: sorted, labsRead: [...labsRead].sort(byText), sideEffects: [...effects].sort(byText), genes: [...genes].sort(byText), instruments: [...instruments].sort(byText) };
}
