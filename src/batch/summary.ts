import { KINDS, SEVERITIES, type Kind, type Severity } from "../packs/ruleSchema.js";
import type { EvaluationResult } from "../output/resultSchema.js";

/** One rule's count in a cohort. */
export interface RuleCount {
  readonly ruleId: string;
  readonly pack: string;
  readonly kind: Kind;
  readonly severity: Severity;
  /** Suggestions the rule produced (a patient may get several, one per medication or pair). */
  readonly suggestions: number;
  /** Patients with at least one suggestion from the rule. */
  readonly patients: number;
  /** Patients per 1,000 evaluated patients. */
  readonly per1000: number;
}

/** One missing fact's count in a cohort. */
export interface GapCount {
  readonly fact: string;
  /** Data gaps naming the fact. */
  readonly gaps: number;
  /** Patients with at least one gap naming it. */
  readonly patients: number;
  readonly per1000: number;
}

/** What a cohort run found, readable at a glance; mergeable across shards. */
export interface BatchSummary {
  readonly engine: { readonly name: "psychrx"; readonly version: string };
  readonly packs: readonly { readonly id: string; readonly version: string; readonly sha256: string }[];
  /** Input records read. */
  readonly records: number;
  /** Records evaluated. */
  readonly patients: number;
  /** Records refused (invalid snapshot, unreadable line). */
  readonly errors: number;
  readonly suggestions: number;
  readonly byKind: Readonly<Record<Kind, number>>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Sorted by patients, descending, then rule id. */
  readonly rules: readonly RuleCount[];
  /** Sorted by patients, descending, then fact. */
  readonly dataGaps: readonly GapCount[];
  /** Error codes and how many records had each. */
  readonly errorCodes: Readonly<Record<string, number>>;
  /**
   * Only in the summary of a shard (`batch --shard K/N`): which shard, and how many records the
   * whole input had, so that `psychrx merge` can tell that a shard is missing. Absent from an
   * unsharded run's summary and from a merged one.
   */
  readonly shard?: ShardInfo;
}

/** Which shard a summary counts (`batch --shard K/N`) and the size of the input it was taken from. */
export interface ShardInfo {
  /** The shard: 1 ≤ k ≤ n; it took records k, k + n, k + 2n, … */
  readonly k: number;
  readonly n: number;
  /** Records in the whole input (all shards together). */
  readonly inputRecords: number;
}

interface RuleTally { pack: string; kind: Kind; severity: Severity; suggestions: number; patients: number }

/** Accumulates results one record at a time, in constant memory per rule and fact. */
export class SummaryBuilder {
  private records = 0;
  private patients = 0;
  private errors = 0;
  private suggestions = 0;
  private readonly byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  private readonly bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private readonly rules = new Map<string, RuleTally>();
  private readonly gaps = new Map<string, { gaps: number; patients: number }>();
  private readonly errorCodes = new Map<string, number>();
  private packs: BatchSummary["packs"] = [];
  private version = "";

  /**
   * `evaluatedWith`: the engine version and packs of the run, so that a summary names them even
   * when no record was evaluated (an empty cohort, every record refused); otherwise they are
   * taken from the first result counted or summary merged.
   */
  constructor(evaluatedWith?: { readonly version: string; readonly packs: readonly { readonly id: string; readonly version: string; readonly sha256: string }[] }) {
    if (evaluatedWith !== undefined) {
      this.version = evaluatedWith.version;
      this.packs = evaluatedWith.packs.map((p) => ({ id: p.id, version: p.version, sha256: p.sha256 }));
    }
  }

  /** Counts one evaluated patient. */
  addResult(r: EvaluationResult): void {
    this.records++;
    this.patients++;
    this.version = r.engine.version;
    if (this.packs.length === 0) this.packs = r.packs.map((p) => ({ id: p.id, version: p.version, sha256: p.sha256 }));
    const seenRules = new Set<string>();
    for (const s of r.suggestions) {
      this.suggestions++;
      this.byKind[s.kind]++;
      this.bySeverity[s.severity]++;
      const t = this.rules.get(s.ruleId) ?? { pack: s.pack, kind: s.kind, severity: s.severity, suggestions: 0, patients: 0 };
      t.suggestions++;
      if (!seenRules.has(s.ruleId)) {
        seenRules.add(s.ruleId);
        t.patients++;
      }
      this.rules.set(s.ruleId, t);
    }
    const seenFacts = new Set<string>();
    for (const g of r.dataGaps) {
      for (const fact of g.missing) {
        const t = this.gaps.get(fact) ?? { gaps: 0, patients: 0 };
        t.gaps++;
        if (!seenFacts.has(fact)) {
          seenFacts.add(fact);
          t.patients++;
        }
        this.gaps.set(fact, t);
      }
    }
  }

  /** Counts one refused record, by its first issue's code. */
  addError(code: string): void {
    this.records++;
    this.errors++;
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  /** The summary so far. */
  build(): BatchSummary {
    const per1000 = (n: number) => (this.patients === 0 ? 0 : Math.round((n / this.patients) * 10_000) / 10);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return {
      engine: { name: "psychrx", version: this.version },
      packs: this.packs,
      records: this.records,
      patients: this.patients,
      errors: this.errors,
      suggestions: this.suggestions,
      byKind: { ...this.byKind },
      bySeverity: { ...this.bySeverity },
      rules: [...this.rules]
        .map(([ruleId, t]) => ({ ruleId, pack: t.pack, kind: t.kind, severity: t.severity, suggestions: t.suggestions, patients: t.patients, per1000: per1000(t.patients) }))
        .sort((a, b) => b.patients - a.patients || cmp(a.ruleId, b.ruleId)),
      dataGaps: [...this.gaps]
        .map(([fact, t]) => ({ fact, gaps: t.gaps, patients: t.patients, per1000: per1000(t.patients) }))
        .sort((a, b) => b.patients - a.patients || cmp(a.fact, b.fact)),
      errorCodes: Object.fromEntries([...this.errorCodes].sort(([a], [b]) => cmp(a, b))),
    };
  }

  /** Adds a shard's summary (for `psychrx merge`). */
  merge(s: BatchSummary): void {
    this.records += s.records;
    this.patients += s.patients;
    this.errors += s.errors;
    this.suggestions += s.suggestions;
    if (s.engine.version !== "") this.version = s.engine.version;
    if (this.packs.length === 0) this.packs = s.packs;
    for (const k of KINDS) this.byKind[k] += s.byKind[k] ?? 0;
    for (const v of SEVERITIES) this.bySeverity[v] += s.bySeverity[v] ?? 0;
    for (const r of s.rules) {
      const t = this.rules.get(r.ruleId) ?? { pack: r.pack, kind: r.kind, severity: r.severity, suggestions: 0, patients: 0 };
      t.suggestions += r.suggestions;
      t.patients += r.patients;
      this.rules.set(r.ruleId, t);
    }
    for (const g of s.dataGaps) {
      const t = this.gaps.get(g.fact) ?? { gaps: 0, patients: 0 };
      t.gaps += g.gaps;
      t.patients += g.patients;
      this.gaps.set(g.fact, t);
    }
    for (const [code, n] of Object.entries(s.errorCodes)) this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + n);
  }
}
