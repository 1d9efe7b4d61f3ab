import type { Operator } from "../../core/condition.js";

/** One comparison of a fact with a constant, as written in a leaf condition. */
export interface Constraint {
  readonly operator: Operator;
  readonly value: unknown;
  /** Where the leaf is, to name it in the finding. */
  readonly path: string;
}

/** Why a set of constraints on one fact can never hold together. */
export interface Conflict {
  readonly code: "contradictory_bounds" | "conflicting_values";
  /** The leaf that makes the set impossible. */
  readonly path: string;
  /** The leaf it contradicts, when there is a single one. */
  readonly otherPath?: string;
  readonly reason: string;
}

type Primitive = string | number | boolean | null;
const isPrimitive = (v: unknown): v is Primitive => v === null || ["string", "number", "boolean"].includes(typeof v);
const show = (v: unknown) => JSON.stringify(v);

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
  readonly path: string;
}

/**
 * Decides, soundly, whether comparisons of ONE fact with constants (the leaves of one
 * conjunction) can never all be true, with the operators' json-rules-engine semantics
 * (src/logic/operators.ts): `equal` is `===`; numeric operators need a value that parses as a
 * number and compare with JavaScript's `<`; `in`/`notIn` use `indexOf`; `contains` needs a list.
 * A conflict is reported only when no value at all satisfies every constraint; constraints it
 * cannot reason about (string bounds, list constants) are ignored, never guessed.
 */
export function findConflict(constraints: readonly Constraint[]): Conflict | undefined {
  const equals = constraints.filter((c) => c.operator === "equal");
  for (const e of equals) {
    if (!isPrimitive(e.value)) {
      return { code: "conflicting_values", path: e.path, reason: `equal compares with ===, so it is never equal to the list or object ${show(e.value)}; use contains or in` };
    }
  }
  const firstEqual = equals[0];
  for (const e of equals.slice(1)) {
    if (firstEqual !== undefined && e.value !== firstEqual.value) {
      return { code: "conflicting_values", path: e.path, otherPath: firstEqual.path, reason: `equal ${show(e.value)} and equal ${show(firstEqual.value)} cannot both hold` };
    }
  }

  let lower: Bound | undefined;
  let upper: Bound | undefined;
  let anyBound: Constraint | undefined;
  for (const c of constraints) {
    const isLower = c.operator === "greaterThan" || c.operator === "greaterThanInclusive";
    const isUpper = c.operator === "lessThan" || c.operator === "lessThanInclusive";
    if (!isLower && !isUpper) continue;
    anyBound ??= c;
    // Only number constants are reasoned about: `x < "5"` may compare strings.
    if (typeof c.value !== "number") continue;
    const b: Bound = { value: c.value, inclusive: c.operator.endsWith("Inclusive"), path: c.path };
    if (isLower && (lower === undefined || b.value > lower.value || (b.value === lower.value && !b.inclusive))) lower = b;
    if (isUpper && (upper === undefined || b.value < upper.value || (b.value === upper.value && !b.inclusive))) upper = b;
  }
  if (lower !== undefined && upper !== undefined) {
    const empty = lower.value > upper.value || (lower.value === upper.value && !(lower.inclusive && upper.inclusive));
    if (empty) {
      return {
        code: "contradictory_bounds",
        path: later(lower.path, upper.path),
        otherPath: earlier(lower.path, upper.path),
        reason: `no number is ${lower.inclusive ? "at least" : "greater than"} ${lower.value} and ${upper.inclusive ? "at most" : "less than"} ${upper.value}`,
      };
    }
  }
  const withinBounds = (v: Primitive): boolean => {
    if (anyBound === undefined) return true;
    // A numeric operator is false for booleans and null (they do not parse as numbers).
    if (typeof v === "boolean" || v === null) return false;
    if (typeof v !== "number") return true;
    if (lower !== undefined && (v < lower.value || (v === lower.value && !lower.inclusive))) return false;
    if (upper !== undefined && (v > upper.value || (v === upper.value && !upper.inclusive))) return false;
    return true;
  };

  const excluded = new Map<Primitive, string>();
  for (const c of constraints) {
    if (c.operator === "notEqual" && isPrimitive(c.value)) excluded.set(c.value, c.path);
    if (c.operator === "notIn" && Array.isArray(c.value)) for (const v of c.value) if (isPrimitive(v)) excluded.set(v, c.path);
  }
  const inLists = constraints.filter((c) => c.operator === "in" && Array.isArray(c.value));

  if (firstEqual !== undefined) {
    const v = firstEqual.value as Primitive;
    const ex = excluded.get(v);
    if (ex !== undefined) return { code: "conflicting_values", path: later(firstEqual.path, ex), otherPath: earlier(firstEqual.path, ex), reason: `equal ${show(v)} and not ${show(v)} cannot both hold` };
    if (!withinBounds(v)) {
      const other = anyBound?.path ?? firstEqual.path;
      return { code: "contradictory_bounds", path: later(firstEqual.path, other), otherPath: earlier(firstEqual.path, other), reason: `equal ${show(v)} is outside the numeric bounds` };
    }
    for (const l of inLists) {
      if (!(l.value as unknown[]).includes(v)) {
        return { code: "conflicting_values", path: later(firstEqual.path, l.path), otherPath: earlier(firstEqual.path, l.path), reason: `equal ${show(v)} is not in ${show(l.value)}` };
      }
    }
  }

  if (inLists.length > 0) {
    let candidates = (inLists[0]?.value as unknown[]).filter(isPrimitive);
    for (const l of inLists.slice(1)) candidates = candidates.filter((v) => (l.value as unknown[]).includes(v));
    candidates = candidates.filter((v) => !excluded.has(v) && withinBounds(v));
    if (candidates.length === 0) {
      const last = inLists[inLists.length - 1] as Constraint;
      return {
        code: "conflicting_values",
        path: last.path,
        reason: inLists.length === 1 && (last.value as unknown[]).length === 0 ? "in an empty list is never true" : "no value of the in list satisfies the other conditions on this fact",
      };
    }
  }

  const contained = new Map<Primitive, string>();
  for (const c of constraints) if (c.operator === "contains" && isPrimitive(c.value)) contained.set(c.value, c.path);
  for (const c of constraints) {
    if (c.operator !== "doesNotContain" || !isPrimitive(c.value)) continue;
    const other = contained.get(c.value);
    if (other !== undefined) return { code: "conflicting_values", path: later(c.path, other), otherPath: earlier(c.path, other), reason: `contains ${show(c.value)} and doesNotContain ${show(c.value)} cannot both hold` };
  }
  return undefined;
}

/** The values a fact can take under equal/in constraints; undefined when unrestricted. */
export function allowedValues(constraints: readonly Constraint[]): Primitive[] | undefined {
  let allowed: Primitive[] | undefined;
  for (const c of constraints) {
    const values = c.operator === "equal" && isPrimitive(c.value) ? [c.value] : c.operator === "in" && Array.isArray(c.value) ? c.value.filter(isPrimitive) : undefined;
    if (values === undefined) continue;
    allowed = allowed === undefined ? [...new Set(values)] : allowed.filter((v) => values.includes(v));
  }
  return allowed;
}

const order = (p: string) => p.replace(/\d+/g, (d) => d.padStart(8, "0"));
const later = (a: string, b: string) => (order(a) >= order(b) ? a : b);
const earlier = (a: string, b: string) => (order(a) >= order(b) ? b : a);
