import type { Condition, Json, LeafCondition, Operator } from "../core/condition.js";
import { didYouMean } from "../core/didYouMean.js";
import type { Issue, Result } from "../core/issue.js";
import { followPath, parseFactPath } from "./factPath.js";
import { and, not, or, type Truth } from "./kleene.js";
import { containsTruth, isOpenList } from "./openList.js";
import { OPERATOR_FUNCTIONS } from "./operators.js";

/** Facts of one subject (the patient, or one medication): values, and why some are missing. */
export interface FactRecord {
  /** Fact key → value; `undefined` means unknown. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Fact key → the input facts whose absence made it unknown, when not the fact itself. */
  readonly missing?: Readonly<Record<string, readonly string[]>>;
}

/** Slots a fact can live in: patient, bound medication, pair side a, pair side b. */
export type Slot = "p" | "m" | "a" | "b";

/** The subjects a condition is evaluated against. */
export type Bindings = Readonly<Partial<Record<Slot, FactRecord>>> & { readonly p: FactRecord };

/** Where a fact name resolves to: a slot and a key in it, decided once at compile time. */
export interface ResolvedFact {
  readonly slot: Slot;
  readonly key: string;
}

/** Resolves a fact name as written in a condition; `undefined` for an unknown fact. */
export interface FactResolver {
  resolve(name: string): ResolvedFact | undefined;
  /** Names to suggest for an unknown fact. */
  candidates(): Iterable<string>;
}

/** One node of an evaluated condition tree, with its three-valued outcome. */
export type ExplainNode =
  | { readonly kind: "all" | "any"; readonly result: Truth; readonly children: readonly ExplainNode[] }
  | { readonly kind: "not"; readonly result: Truth; readonly children: readonly [ExplainNode] }
  | {
      readonly kind: "leaf";
      readonly result: Truth;
      readonly fact: string;
      readonly operator: Operator;
      readonly path?: string;
      /** The value compared against (a fact reference is resolved). */
      readonly expected: unknown;
      /** The name of the fact compared against, for a fact-to-fact comparison. */
      readonly expectedFact?: string;
      readonly actual: unknown;
      /** Facts whose absence made this leaf unknown. */
      readonly missing?: readonly string[];
    };

/** A condition compiled once: a fast three-valued test, and a slower explaining evaluation. */
export interface CompiledCondition {
  test(bindings: Bindings): Truth;
  explain(bindings: Bindings): ExplainNode;
  /**
   * When `test(bindings)` is unknown: adds to `out` the facts whose absence left it unknown
   * (the same facts as the unknown leaves of `explain`, without building the tree). Call it only
   * for an unknown outcome.
   */
  addMissing(bindings: Bindings, out: Set<string>): void;
}

/**
 * The facts whose absence leaves `condition` unknown for `bindings`, sorted (empty when it is
 * decided). `outcome` is the condition's test on these bindings, when the caller has it already.
 */
export function missingFactsOf(condition: CompiledCondition, bindings: Bindings, outcome: Truth = condition.test(bindings)): string[] {
  if (outcome !== null) return [];
  const out = new Set<string>();
  condition.addMissing(bindings, out);
  return [...out].sort();
}

/**
 * Compiles a json-rules-engine condition into closures. Each fact's slot is resolved
 * here, once, so evaluation reads a property and copies nothing. Unknown facts are
 * issues named by path (`conditions.all[2].fact`).
 */
export function compileCondition(condition: Condition, resolver: FactResolver, path = "conditions"): Result<CompiledCondition> {
  const issues: Issue[] = [];
  const compiled = compileNode(condition, resolver, path, issues);
  return issues.length > 0 ? { success: false, issues } : { success: true, data: compiled };
}

interface Reader {
  readonly name: string;
  readonly path?: string;
  read(b: Bindings): unknown;
  missing(b: Bindings): readonly string[];
}

function compileNode(c: Condition, r: FactResolver, path: string, issues: Issue[]): CompiledCondition {
  if ("all" in c || "any" in c) {
    const isAll = "all" in c;
    const kids = (isAll ? (c as { all: Condition[] }).all : (c as { any: Condition[] }).any).map((k, i) =>
      compileNode(k, r, `${path}.${isAll ? "all" : "any"}[${i}]`, issues),
    );
    // json-rules-engine decides an empty `all` or `any` as true (rule.js prioritizeAndRun); so do we.
    // Pack schemas refuse empty lists, so this only matters for conditions built in code.
    const combine = (values: readonly Truth[]) => (values.length === 0 ? true : isAll ? and(values) : or(values));
    const stop = !isAll; // value that short-circuits: false for all, true for any
    const test = (b: Bindings): Truth => {
      if (kids.length === 0) return true;
      let unknown = false;
      for (const k of kids) {
        const v = k.test(b);
        if (v === stop) return stop;
        if (v === null) unknown = true;
      }
      return unknown ? null : !stop;
    };
    return {
      test,
      explain: (b) => {
        const children = kids.map((k) => k.explain(b));
        return { kind: isAll ? "all" : "any", result: combine(children.map((ch) => ch.result)), children };
      },
      addMissing: (b, out) => {
        for (const k of kids) if (k.test(b) === null) k.addMissing(b, out);
      },
    };
  }
  if ("not" in c) {
    const kid = compileNode(c.not, r, `${path}.not`, issues);
    return {
      test: (b) => not(kid.test(b)),
      explain: (b) => {
        const child = kid.explain(b);
        return { kind: "not", result: not(child.result), children: [child] };
      },
      addMissing: (b, out) => kid.addMissing(b, out),
    };
  }
  return compileLeaf(c, r, path, issues);
}

function reader(name: string, factPath: string | undefined, r: FactResolver, at: string, issues: Issue[]): Reader {
  const resolved = r.resolve(name);
  if (resolved === undefined) {
    const suggestion = didYouMean(name, r.candidates());
    issues.push({
      path: at,
      code: "unknown_fact",
      message: `unknown fact "${name}"` + (suggestion ? `; did you mean "${suggestion}"?` : "; see docs/facts.md"),
      ...(suggestion ? { params: { didYouMean: suggestion } } : {}),
    });
    return { name, read: () => undefined, missing: () => [name] };
  }
  const { slot, key } = resolved;
  const keys = factPath === undefined ? [] : parseFactPath(factPath);
  const read =
    keys.length === 0
      ? slot === "p"
        ? (b: Bindings) => b.p.values[key]
        : (b: Bindings) => b[slot]?.values[key]
      : (b: Bindings) => {
          const v = b[slot]?.values[key];
          return v === undefined ? undefined : followPath(v, keys);
        };
  return {
    name,
    ...(factPath !== undefined ? { path: factPath } : {}),
    read,
    missing: (b) => b[slot]?.missing?.[key] ?? [name],
  };
}

/** Whether a leaf's value names another fact (`{ "fact": "…" }`) instead of a constant. */
export function isFactReference(v: unknown): v is { fact: string; path?: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === "string";
}

/** Whether a leaf's fact value leaves it unknown: absent, or an open list that did not decide it (`result`, asked only then). */
function unknownValue(actual: unknown, result: () => Truth): boolean {
  return actual === undefined || (isOpenList(actual) && result() === null);
}

function compileLeaf(c: LeafCondition, r: FactResolver, path: string, issues: Issue[]): CompiledCondition {
  const fact = reader(c.fact, c.path, r, `${path}.fact`, issues);
  const fn = OPERATOR_FUNCTIONS[c.operator];
  const ref = isFactReference(c.value) ? reader(c.value.fact, c.value.path, r, `${path}.value.fact`, issues) : undefined;
  const constant = c.value as Json;
  if ((c.operator === "in" || c.operator === "notIn") && ref === undefined && !Array.isArray(constant)) {
    issues.push({ path: `${path}.value`, code: "expected_list", message: `operator "${c.operator}" needs a list as its value` });
  }
  const test =
    ref === undefined
      ? constantTest(fact, c.operator, constant)
      : (b: Bindings): Truth => {
          const v = fact.read(b);
          if (v === undefined) return null;
          const e = ref.read(b);
          if (e === undefined) return null;
          if ((c.operator === "contains" || c.operator === "doesNotContain") && Array.isArray(v)) return containsTruth(v, e, c.operator === "doesNotContain");
          return fn(v, e);
        };
  return {
    test,
    explain: (b) => {
      const actual = fact.read(b);
      const expected = ref === undefined ? constant : ref.read(b);
      const result = test(b);
      const missing = [...(unknownValue(actual, () => result) ? fact.missing(b) : []), ...(ref !== undefined && expected === undefined ? ref.missing(b) : [])];
      return {
        kind: "leaf",
        result,
        fact: c.fact,
        operator: c.operator,
        ...(c.path !== undefined ? { path: c.path } : {}),
        expected,
        ...(ref !== undefined ? { expectedFact: ref.name + (ref.path ?? "") } : {}),
        actual,
        ...(missing.length > 0 ? { missing } : {}),
      };
    },
    addMissing: (b, out) => {
      if (unknownValue(fact.read(b), () => test(b))) for (const m of fact.missing(b)) out.add(m);
      if (ref !== undefined && ref.read(b) === undefined) for (const m of ref.missing(b)) out.add(m);
    },
  };
}

/**
 * A leaf against a constant, specialised by operator at compile time (the hot path of batch
 * evaluation). Same semantics as {@link OPERATOR_FUNCTIONS}, which the differential property
 * against json-rules-engine checks.
 */
function constantTest(fact: Reader, operator: Operator, constant: Json): (b: Bindings) => Truth {
  const read = fact.read;
  const numeric = typeof constant === "number";
  switch (operator) {
    case "equal":
      return (b) => {
        const v = read(b);
        return v === undefined ? null : v === constant;
      };
    case "notEqual":
      return (b) => {
        const v = read(b);
        return v === undefined ? null : v !== constant;
      };
    case "contains":
      return (b) => {
        const v = read(b);
        return v === undefined ? null : Array.isArray(v) && containsTruth(v, constant, false);
      };
    case "doesNotContain":
      return (b) => {
        const v = read(b);
        return v === undefined ? null : Array.isArray(v) && containsTruth(v, constant, true);
      };
    case "greaterThan":
      if (numeric)
        return (b) => {
          const v = read(b);
          return v === undefined ? null : typeof v === "number" ? v > constant : OPERATOR_FUNCTIONS.greaterThan(v, constant);
        };
      break;
    case "greaterThanInclusive":
      if (numeric)
        return (b) => {
          const v = read(b);
          return v === undefined ? null : typeof v === "number" ? v >= constant : OPERATOR_FUNCTIONS.greaterThanInclusive(v, constant);
        };
      break;
    case "lessThan":
      if (numeric)
        return (b) => {
          const v = read(b);
          return v === undefined ? null : typeof v === "number" ? v < constant : OPERATOR_FUNCTIONS.lessThan(v, constant);
        };
      break;
    case "lessThanInclusive":
      if (numeric)
        return (b) => {
          const v = read(b);
          return v === undefined ? null : typeof v === "number" ? v <= constant : OPERATOR_FUNCTIONS.lessThanInclusive(v, constant);
        };
      break;
    default:
      break;
  }
  const fn = OPERATOR_FUNCTIONS[operator];
  return (b) => {
    const v = read(b);
    return v === undefined ? null : fn(v, constant);
  };
}
