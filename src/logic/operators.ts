import type { Operator } from "../core/condition.js";

/**
 * json-rules-engine's default operators, with its semantics (src/engine-default-operators.js
 * in json-rules-engine 7.3.1): numeric operators first check that the fact value parses as
 * a number, `contains`/`doesNotContain` that it is an array. Where json-rules-engine would
 * throw (`in` against a non-list), the result is false. Unknown facts never reach these
 * functions: the evaluator decides them as unknown first.
 */
export const OPERATOR_FUNCTIONS: Readonly<Record<Operator, (fact: unknown, value: unknown) => boolean>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => hasIndexOf(b) && b.indexOf(a) > -1,
  notIn: (a, b) => hasIndexOf(b) && b.indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumeric(a) && (a as number) >= (b as number),
};

function hasIndexOf(b: unknown): b is { indexOf(x: unknown): number } {
  return Array.isArray(b) || typeof b === "string";
}

/**
 * json-rules-engine's `numberValidator`: `Number.parseFloat(v).toString() !== 'NaN'`. For a
 * number that is just "not NaN"; the string round trip is kept for every other type.
 */
function isNumeric(v: unknown): boolean {
  if (typeof v === "number") return v === v;
  return Number.parseFloat(v as string).toString() !== "NaN";
}
