import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSharedConstant, sharedConstant } from "../core/sharedConstant.js";
import { evaluate } from "../evaluate.js";
import { defaultPacks } from "../packs/loadPacks.js";
import { BufferPool } from "./bufferPool.js";
import { evaluateLine, outcomeLine, type BatchOutcome } from "./evaluateRecord.js";
import { OutcomeWriter } from "./outcomeWriter.js";
import { synthesize } from "./synth.js";

const pool = new BufferPool<ArrayBuffer>((n) => new ArrayBuffer(n));
const written = (writer: OutcomeWriter) => Buffer.from(writer.takeInto(pool)).toString("utf8");

// A few constants shared by the generated results, as the pack list and evidence are shared in a batch.
const constants = fc.constantFrom(
  sharedConstant([{ id: "p", version: "1", sha256: "ab", type: "pack" }]),
  sharedConstant([{ source: "FDA label: \u00a75 \u2014 \"quoted\"", url: "https://example.org/?a=1&b=2" }]),
  sharedConstant({ seriousness: "serious", modifyingFactors: [{ factor: "x", effect: "y" }] }),
  sharedConstant([]),
  sharedConstant({}),
);
const value = fc.oneof({ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, constants, fc.constant(undefined));
const key = fc.constantFrom("id", "ruleId", "evidence", "pddi", "because", "suggestions", "dataGaps", "summary", "x y", '"q"', "\u00e9", "__proto__", "toString");
const member = fc.dictionary(key, value, { maxKeys: 6 });
const suggestion = fc.oneof({ weight: 4, arbitrary: member }, constants, fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
const result = fc.record({ suggestions: fc.oneof(fc.array(suggestion, { maxLength: 5 }), value) }).chain((r) => member.map((m) => ({ ...m, ...r })));
const outcome = fc.tuple(fc.nat(1_000_000), result).map(([record, r]): BatchOutcome => ({ record, ok: true, result: r as never }));

describe("OutcomeWriter", () => {
  it("writes the bytes of outcomeLine and a newline, with shared constants anywhere in a result and its suggestions", () => {
    fc.assert(
      fc.property(fc.array(outcome, { minLength: 1, maxLength: 4 }), (outcomes) => {
        const writer = new OutcomeWriter();
        for (const o of outcomes) writer.write(o);
        expect(written(writer)).toBe(outcomes.map((o) => `${outcomeLine(o)}\n`).join(""));
      }),
      { numRuns: 300 },
    );
  });

  it("writes error outcomes and results JSON.stringify treats specially (toJSON, a record member) as outcomeLine does", () => {
    const special: BatchOutcome[] = [
      { record: 3, ok: false, patientId: null, error: { code: "invalid_json", issues: [{ path: "$", code: "invalid_json", message: "not valid JSON" }] } },
      { record: 4, ok: true, result: { record: 99, suggestions: [] } as never },
      { record: 5, ok: true, result: { toJSON: () => ({ replaced: true }) } as never },
      { record: 6, ok: true, result: { suggestions: [{ toJSON: () => "s" }, null, [1]] } as never },
      // Lone surrogates and other text JSON.stringify escapes: escaped, never sent raw to the UTF-8 encoder (which would replace them).
      { record: 7, ok: true, result: { patientId: "\ud800x", suggestions: [{ detail: "a\udc00\u2028\"\\\n", evidence: sharedConstant([{ source: "\udbff" }]) }] } as never },
    ];
    const writer = new OutcomeWriter();
    for (const o of special) writer.write(o);
    const bytes = Buffer.from(writer.takeInto(pool));
    expect(bytes.equals(Buffer.from(special.map((o) => `${outcomeLine(o)}\n`).join(""), "utf8"))).toBe(true);
  });

  it("writes real results built with shared constants byte for byte as results built without them", () => {
    const packs = defaultPacks();
    const lines = [...synthesize(300, 7, packs.knowledge)].map((s) => JSON.stringify(s));
    const writer = new OutcomeWriter();
    let fired = 0;
    lines.forEach((line, i) => {
      const o = evaluateLine(line, i + 1, packs, true);
      if (o.ok) fired += o.result.suggestions.length;
      writer.write(o);
    });
    const expected = lines.map((line, i) => `${outcomeLine(evaluateLine(line, i + 1, packs))}\n`).join("");
    expect(written(writer)).toBe(expected);
    // The cohort exercises the constants: suggestions with evidence were written.
    expect(fired).toBeGreaterThan(300);
  });
});

describe("shared constants stay inside the batch", () => {
  it("a result of the public evaluate() holds fresh objects a caller may change, not the batch's frozen constants", () => {
    const snapshot = { id: "p", asOf: "2026-11-22", age: 70, medications: [{ name: "phenelzine", dailyDoseMg: 45 }, { name: "sertraline", dailyDoseMg: 50 }] };
    const a = evaluate(snapshot);
    const b = evaluate(snapshot);
    expect(a.suggestions.length).toBeGreaterThan(0);
    for (const r of [a, b]) {
      expect(isSharedConstant(r.packs) || isSharedConstant(r.engine)).toBe(false);
      for (const s of r.suggestions) expect(isSharedConstant(s.evidence)).toBe(false);
    }
    expect(a.packs).not.toBe(b.packs);
    a.packs.push({ id: "changed", version: "1", sha256: "x", type: "pack" });
    expect(b.packs.some((p) => p.id === "changed")).toBe(false);
  });
});
