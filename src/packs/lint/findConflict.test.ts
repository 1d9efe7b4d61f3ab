import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OPERATORS, type Operator } from "../../core/condition.js";
import { OPERATOR_FUNCTIONS } from "../../logic/operators.js";
import { allowedValues, findConflict, type Constraint } from "./findConflict.js";

const c = (operator: Operator, value: unknown, path = `p${operator}${JSON.stringify(value)}`): Constraint => ({ operator, value, path });

describe("findConflict", () => {
  it.each([
    ["x > 5 and x < 3", [c("greaterThan", 5), c("lessThan", 3)], "contradictory_bounds"],
    ["x >= 5 and x < 5", [c("greaterThanInclusive", 5), c("lessThan", 5)], "contradictory_bounds"],
    ["x = 1 and x = 2", [c("equal", 1), c("equal", 2)], "conflicting_values"],
    ["x = 'a' and x != 'a'", [c("equal", "a"), c("notEqual", "a")], "conflicting_values"],
    ["x = 7 and x < 5", [c("equal", 7), c("lessThan", 5)], "contradictory_bounds"],
    ["x = true and x > 0", [c("equal", true), c("greaterThan", 0)], "contradictory_bounds"],
    ["x in [1, 2] and x in [3]", [c("in", [1, 2]), c("in", [3])], "conflicting_values"],
    ["x in []", [c("in", [])], "conflicting_values"],
    ["x in [1, 2] and x notIn [1, 2]", [c("in", [1, 2]), c("notIn", [2, 1])], "conflicting_values"],
    ["x in [1, 9] and x > 10", [c("in", [1, 9]), c("greaterThan", 10)], "conflicting_values"],
    ["x contains 'a' and doesNotContain 'a'", [c("contains", "a"), c("doesNotContain", "a")], "conflicting_values"],
    ["x equal [1] (=== never holds for a list)", [c("equal", [1])], "conflicting_values"],
  ])("%s is never true", (_label, constraints, code) => {
    expect(findConflict(constraints)?.code).toBe(code);
  });

  it.each([
    ["x >= 5 and x <= 5", [c("greaterThanInclusive", 5), c("lessThanInclusive", 5)]],
    ["x > 1 and x < 2", [c("greaterThan", 1), c("lessThan", 2)]],
    ["x = 'a' and x = 'a'", [c("equal", "a"), c("equal", "a")]],
    ["x in ['5'] and x > 3 (a numeric string)", [c("in", ["5"]), c("greaterThan", 3)]],
    ["x > '5' and x < 3 (string bounds are not reasoned about)", [c("greaterThan", "5"), c("lessThan", 3)]],
    ["x contains 'a' and x contains 'b'", [c("contains", "a"), c("contains", "b")]],
  ])("%s can be true", (_label, constraints) => {
    expect(findConflict(constraints)).toBeUndefined();
  });

  it("allowedValues intersects equal and in", () => {
    expect(allowedValues([c("in", ["a", "b"]), c("equal", "b")])).toEqual(["b"]);
    expect(allowedValues([c("notEqual", "b")])).toBeUndefined();
  });

  // Soundness: whenever a conflict is reported, no value satisfies every constraint.
  const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, "a", "b", "1", "", true, false, null));
  const constraint = fc
    .record({ operator: fc.constantFrom(...OPERATORS), scalar, list: fc.array(scalar, { maxLength: 3 }) })
    .map(({ operator, scalar, list }) => c(operator, operator === "in" || operator === "notIn" ? list : scalar));
  const factValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.double({ noNaN: true, min: -4, max: 4 }));

  it("is sound: a reported conflict has no satisfying value (property)", () => {
    fc.assert(
      fc.property(fc.array(constraint, { minLength: 1, maxLength: 4 }), fc.array(factValue, { minLength: 20, maxLength: 40 }), (constraints, values) => {
        if (findConflict(constraints) === undefined) return;
        for (const v of values) {
          expect(constraints.every((k) => OPERATOR_FUNCTIONS[k.operator](v, k.value))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("is sound on the values the constraints name themselves (property)", () => {
    fc.assert(
      fc.property(fc.array(constraint, { minLength: 1, maxLength: 4 }), (constraints) => {
        if (findConflict(constraints) === undefined) return;
        const named = constraints.flatMap((k) => (Array.isArray(k.value) ? k.value : [k.value, [k.value]]));
        for (const v of named) expect(constraints.every((k) => OPERATOR_FUNCTIONS[k.operator](v, k.value))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
