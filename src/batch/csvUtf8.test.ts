import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { badRowsIn, badRowsOf, type BadRow } from "./csvUtf8.js";

/** Stands for "é" written in Latin-1 (the byte 0xE9). */
const LATIN1 = "\uE000";
const COLUMNS = ["patient_id", "name", "dose"];

interface Table {
  readonly rows: readonly (readonly string[])[];
  readonly eol: string;
  readonly bom: boolean;
  /** No line break after the last row. */
  readonly unterminated: boolean;
}

const cellArb = fc.oneof(fc.constantFrom("", "12", "a, b", 'say "hi"', "two\nlines", "é 日本", "  padded  "), fc.constantFrom(LATIN1, `caf${LATIN1}`, `${LATIN1}\n${LATIN1}x`, `"${LATIN1}"`));
const tableArb: fc.Arbitrary<Table> = fc.record({
  rows: fc.array(fc.tuple(fc.constantFrom("p1", "p2", `p${LATIN1}`, `${LATIN1}q`), cellArb, cellArb), { maxLength: 8 }),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  bom: fc.boolean(),
  unterminated: fc.boolean(),
});

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function bytesOf(t: Table): Buffer {
  const text = [COLUMNS.join(","), ...t.rows.map((r) => r.map(field).join(","))].join(t.eol) + (t.unterminated ? "" : t.eol);
  const parts = text.split(LATIN1).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xe9]), Buffer.from(part)]));
  return Buffer.concat([Buffer.from(t.bom ? "\ufeff" : ""), ...parts]);
}

async function streamed(bytes: Buffer): Promise<BadRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-csv-utf8-"));
  try {
    writeFileSync(join(dir, "t.csv"), bytes);
    const rows: BadRow[] = [];
    for await (const row of badRowsOf(join(dir, "t.csv"))) rows.push(row);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("badRowsOf, badRowsIn: the rows of a table with bytes that are not UTF-8", () => {
  it("name exactly the rows with such bytes, their columns, patient id and lines, streamed or in memory", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const bytes = bytesOf(t);
        const lines = bytes.toString("latin1").split(/\r\n|\r|\n/);
        const want = t.rows.flatMap((r, i) =>
          r.some((c) => c.includes(LATIN1)) ? [{ row: i + 1, columns: COLUMNS.filter((_, j) => r[j]?.includes(LATIN1)), patientId: r[0]?.replaceAll(LATIN1, "\uFFFD") }] : [],
        );
        const got = await streamed(bytes);
        expect(got.map((b) => ({ row: b.row, columns: b.columns, patientId: b.patientId }))).toEqual(want);
        for (const b of got) for (const n of b.lines) expect(lines[n - 1], `line ${n}`).toContain("\xe9");
        expect([...(badRowsIn(bytes)?.values() ?? [])]).toEqual(got);
      }),
      { numRuns: 150 },
    );
  });

  it("finds a character cut off by the end of a file without a last line break", async () => {
    const bytes = Buffer.concat([Buffer.from("patient_id,name\np1,caf"), Buffer.from([0xe9])]);
    const want = [{ row: 1, lines: [2], columns: ["name"], patientId: "p1" }];
    expect(await streamed(bytes)).toEqual(want);
    expect([...(badRowsIn(bytes)?.values() ?? [])]).toEqual(want);
  });

  it("names the header as row 0", async () => {
    const bytes = Buffer.concat([Buffer.from("patient_id,n"), Buffer.from([0xe9]), Buffer.from("\np1,x\n")]);
    expect(await streamed(bytes)).toEqual([{ row: 0, lines: [1], columns: [], patientId: "" }]);
  });
});
