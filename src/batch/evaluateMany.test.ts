import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPacks } from "../packs/loadPacks.js";
import { evaluateMany } from "./evaluateMany.js";

// Found by giving evaluateMany objects whose `id` getter throws (as ORM or lazy-loading objects
// can): evaluateValue read `id` outside its try, so the exception escaped evaluateMany and the
// remaining records were never evaluated.
const packs = defaultPacks();

/** A snapshot-like object whose `key` throws when read. */
const throwing = (key: string) =>
  fc.constant(null).map(() =>
    Object.defineProperty({ id: "p", asOf: "2026-11-22", medications: [] }, key, {
      enumerable: true,
      get() {
        throw new Error(`reading ${key}`);
      },
    }),
  );

describe("evaluateMany", () => {
  it("never throws, and yields one outcome per input in input order, whatever the inputs", async () => {
    const input = fc.oneof(fc.anything(), throwing("id"), throwing("asOf"), throwing("medications"));
    await fc.assert(
      fc.asyncProperty(fc.array(input, { maxLength: 6 }), async (inputs) => {
        const records: number[] = [];
        for await (const o of evaluateMany(inputs, { packs })) records.push(o.record);
        expect(records).toEqual(inputs.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });

  it("an object whose id getter throws is an error outcome without a patient id", async () => {
    const outcomes = [];
    for await (const o of evaluateMany([Object.defineProperty({ asOf: "2026-11-22" }, "id", { enumerable: true, get: () => { throw new Error("lazy"); } })], { packs })) outcomes.push(o);
    expect(outcomes).toEqual([expect.objectContaining({ record: 1, ok: false, patientId: null })]);
  });
});
