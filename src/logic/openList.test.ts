import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCondition, missingFactsOf, type FactResolver } from "./compileCondition.js";
import { openList } from "./openList.js";

const resolver: FactResolver = {
  resolve: (name) => (name === "groups" || name === "other" ? { slot: "p", key: name } : undefined),
  candidates: () => ["groups", "other"],
};
const leaf = (operator: "contains" | "doesNotContain", value: unknown) => {
  const r = compileCondition({ fact: "groups", operator, value } as never, resolver);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
};
const viaFact = (operator: "contains" | "doesNotContain") => {
  const r = compileCondition({ fact: "groups", operator, value: { fact: "other" } } as never, resolver);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
};
const names = fc.constantFrom("a", "b", "c", "d");

describe("open lists (members known, others possible)", () => {
  it("decide contains / doesNotContain for a member, leave any other item unknown and name the fact as missing; a closed list decides both", () => {
    fc.assert(
      fc.property(fc.uniqueArray(names), names, fc.boolean(), (members, item, negate) => {
        const operator = negate ? "doesNotContain" : "contains";
        const member = members.includes(item);
        for (const c of [leaf(operator, item), viaFact(operator)]) {
          const closed = { p: { values: { groups: [...members], other: item } } };
          const open = { p: { values: { groups: openList([...members]), other: item } } };
          expect(c.test(closed)).toBe(member !== negate);
          expect(c.test(open)).toBe(member ? !negate : null);
          expect(missingFactsOf(c, open)).toEqual(member ? [] : ["groups"]);
          expect(c.explain(open).kind === "leaf" && c.explain(open).result).toBe(member ? !negate : null);
        }
      }),
    );
  });

  it("an unknown leaf inside any/all/not follows Kleene logic: any with a true branch is true", () => {
    const r = compileCondition({ any: [{ fact: "groups", operator: "contains", value: "z" }, { fact: "other", operator: "equal", value: 1 }] } as never, resolver);
    if (!r.success) throw new Error("compile");
    expect(r.data.test({ p: { values: { groups: openList(["a"]), other: 1 } } })).toBe(true);
    expect(r.data.test({ p: { values: { groups: openList(["a"]), other: 2 } } })).toBe(null);
    expect(missingFactsOf(r.data, { p: { values: { groups: openList(["a"]), other: 2 } } })).toEqual(["groups"]);
  });
});
