import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPacks } from "../packs/loadPacks.js";
import { BufferPool } from "./bufferPool.js";
import { OutcomeWriter } from "./outcomeWriter.js";
import type { InvalidInput } from "./invalidUtf8.js";
import { processChunk } from "./processChunk.js";
import { SummaryBuilder } from "./summary.js";

// Found by feeding psychrx batch an NDJSON line saved as Latin-1 ("sertral\xe9ne", an id with a
// \xff byte): the bytes were silently decoded as U+FFFD, and the record was evaluated with a
// medication named "sertral�ne" (unrecognized) and a patient id "ok�" that no longer joins.
const packs = defaultPacks();

/** Runs one chunk of NDJSON lines (as bytes), records marked `invalid` given, and returns its output lines, parsed. */
function run(lines: readonly Uint8Array[], invalid?: ReadonlyMap<number, InvalidInput>): { error?: { code: string; issues: { path: string; code: string }[] }; patientId?: string | null }[] {
  const data = Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")]));
  const chunk = { seq: 0, records: Float64Array.from(lines, (_, i) => i + 1), data, ...(invalid ? { invalid } : {}) };
  const out = processChunk(chunk, packs, new SummaryBuilder(), new OutcomeWriter(), new BufferPool((n) => new ArrayBuffer(n)));
  return Buffer.from(out).toString("utf8").split("\n").slice(0, -1).map((l) => JSON.parse(l) as never);
}

const BAD = [[0xff], [0xe9], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

describe("batch: lines that are not UTF-8", () => {
  it("become invalid_utf8 errors naming the field with the bad bytes; the other lines are evaluated as before", async () => {
    const valid = Buffer.from(JSON.stringify({ id: "p0", asOf: "2026-11-22", medications: [{ name: "sertraline" }] }));
    const [reference] = run([valid]);
    await fc.assert(
      fc.property(fc.constantFrom("id", "name", "code"), fc.constantFrom(...BAD), fc.string({ maxLength: 4 }), (field, bad, around) => {
        const marker = `@@${field}@@`;
        const snapshot = { id: field === "id" ? marker : "p1", asOf: "2026-11-22", medications: [{ name: field === "name" ? marker : "sertraline" }], diagnoses: [{ code: field === "code" ? marker : "F32.9" }] };
        const [before, after] = JSON.stringify(snapshot).split(marker) as [string, string];
        const line = Buffer.concat([Buffer.from(before + JSON.stringify(around).slice(1, -1)), Buffer.from(bad), Buffer.from(after)]);
        const [first, second] = run([line, valid]);
        expect(first?.error?.code).toBe("invalid_utf8");
        expect(first?.error?.issues.map((i) => i.path)).toEqual([{ id: "id", name: "medications[0].name", code: "diagnoses[0].code" }[field]]);
        expect(first?.patientId).toBe(field === "id" ? null : "p1");
        expect(second).toEqual({ ...reference, record: 2 });
      }),
      { numRuns: 60 },
    );
  });

  it("a line that is not JSON either is named at $", () => {
    const [o] = run([Buffer.from([0xff, 0xfe, 0x7b, 0x61])]);
    expect(o?.error?.issues).toEqual([expect.objectContaining({ path: "$", code: "invalid_utf8" })]);
  });

  it("a record marked invalid before the chunk was built (CSV rows with such bytes) gets that error; the others are evaluated", () => {
    const valid = Buffer.from(JSON.stringify({ id: "p0", asOf: "2026-11-22", medications: [{ name: "sertraline" }] }));
    const [reference] = run([valid]);
    const issues = [{ file: "medications.csv", path: "medications[0].name", code: "invalid_utf8", message: "line 2, column name: ..." }];
    const [first, second] = run([valid, valid], new Map([[1, { patientId: "p0", issues }]]));
    expect(first).toEqual({ record: 1, patientId: "p0", error: { code: "invalid_utf8", issues } });
    expect(second).toEqual({ ...reference, record: 2 });
  });
});

