import fc from "fast-check";
import type { Condition } from "../../src/core/condition.js";
import { OPERATORS } from "../../src/core/condition.js";

/** Facts the random conditions read, each with a generator of values of varied types. */
export const FACT_NAMES = ["n1", "n2", "s1", "b1", "arr1"] as const;

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom("a", "b", "c", "3", "x1"),
  fc.boolean(),
);

/** A value for one of the facts (numbers, strings, booleans, string arrays). */
export const factValue = fc.oneof(
  scalar,
  fc.array(fc.constantFrom("a", "b", "c", "3"), { maxLength: 3 }),
);

/** Fully known facts. */
export const knownFacts = fc.record({
  n1: factValue,
  n2: factValue,
  s1: factValue,
  b1: factValue,
  arr1: factValue,
});

const leaf: fc.Arbitrary<Condition> = fc
  .record({
    fact: fc.constantFrom(...FACT_NAMES),
    operator: fc.constantFrom(...OPERATORS),
    scalarValue: scalar,
    listValue: fc.array(scalar, { maxLength: 3 }),
    ref: fc.option(fc.constantFrom(...FACT_NAMES), { nil: undefined }),
  })
  .map(({ fact, operator, scalarValue, listValue, ref }) => {
    // json-rules-engine throws on `in`/`notIn` against a non-list; psychrx's schema refuses those.
    if (operator === "in" || operator === "notIn") return { fact, operator, value: listValue };
    if (ref !== undefined) return { fact, operator, value: { fact: ref } };
    return { fact, operator, value: scalarValue };
  });

/** Random condition trees, json-rules-engine syntax, with `all`/`any`/`not` at the top. */
export const conditionTree: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition; top: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
  top: fc.oneof(
    fc.record({ all: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).top;
