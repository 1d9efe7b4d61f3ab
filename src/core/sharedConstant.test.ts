import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSharedConstant, sharedConstant } from "./sharedConstant.js";

/** Every object and array inside `v`, `v` included. */
function objectsIn(v: unknown, out: object[] = []): object[] {
  if (typeof v === "object" && v !== null) {
    out.push(v);
    for (const x of Object.values(v)) objectsIn(x, out);
  }
  return out;
}

describe("sharedConstant", () => {
  it("freezes every object and array in a JSON value, marks the value, and leaves its JSON unchanged", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = JSON.stringify(value);
        expect(sharedConstant(value)).toBe(value);
        expect(JSON.stringify(value)).toBe(before);
        for (const o of objectsIn(value)) {
          expect(Object.isFrozen(o)).toBe(true);
          expect(isSharedConstant(o)).toBe(true);
        }
      }),
    );
  });

  it("does not take an object frozen elsewhere for a constant (its members might still change)", () => {
    const inner = { n: 1 };
    const outer = Object.freeze({ inner });
    expect(isSharedConstant(outer)).toBe(false);
    inner.n = 2;
    expect(JSON.stringify(outer)).toBe('{"inner":{"n":2}}');
  });
});
