import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPacks } from "../packs/loadPacks.js";
import { evaluateLine } from "./evaluateRecord.js";

// Found by concatenating two NDJSON files saved with a byte order mark (cat a.ndjson b.ndjson):
// the first line of the second file was refused as invalid JSON ("Unexpected token '\uFEFF'").
const packs = defaultPacks();

describe("evaluateLine", () => {
  it("ignores a byte order mark at the start of a line: the same outcome as without it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom('{"id":"p","asOf":"2026-11-22","age":40}', '{"id":"p","asOf":"2026-11-22","medications":[{"name":"sertraline","dailyDoseMg":50}]}', "{broken", "", "[]", '{"id":"p"}'),
        fc.nat(1000),
        (line, record) => {
          expect(evaluateLine(`\uFEFF${line}`, record, packs)).toEqual(evaluateLine(line, record, packs));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("calls a line empty exactly when trimming leaves nothing", () => {
    const space = fc.constantFrom(" ", "\t", "\r", "\v", "\f", "\u00a0", "\u2028", "\u3000", "\ufeff", "\u200b", "\u0085", "x", "{}", "0");
    fc.assert(
      fc.property(fc.array(space, { maxLength: 8 }).map((parts) => parts.join("")), (line) => {
        const empty = evaluateLine(line, 1, packs);
        const code = empty.ok ? undefined : empty.error.code;
        expect(code === "empty_record").toBe(line.replace(/^\uFEFF/, "").trim() === "");
      }),
      { numRuns: 500 },
    );
  });

  it("names a FHIR resource as such (batch evaluates snapshots), not as a snapshot with unknown keys", () => {
    const bundle = JSON.stringify({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "Patient", id: "p1" } }] });
    const o = evaluateLine(bundle, 3, packs);
    expect(o.ok ? undefined : [o.error.code, o.error.issues.map((i) => i.path)]).toEqual(["fhir_resource", ["resourceType"]]);
    // A snapshot with a stray resourceType key is still a snapshot error naming the key.
    const stray = evaluateLine('{"id":"p","asOf":"2026-11-22","resourceType":1}', 4, packs);
    expect(stray.ok ? undefined : stray.error.code).toBe("invalid_snapshot");
  });
});
