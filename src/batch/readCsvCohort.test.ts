import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_TABLES, readCsvCohort } from "./readCsvCohort.js";
import type { InputRecord } from "./readNdjson.js";
import { streamCsvCohort } from "./streamCsvCohort.js";

const example = fileURLToPath(new URL("../../fixtures/cohorts/example-csv", import.meta.url));

/** The columns after `patient_id` of each table, as in fixtures/cohorts/README.md. */
const COLUMNS: Record<string, readonly string[]> = {
  "patients.csv": ["as_of", "age", "sex", "pregnant", "ancestry", "last_visit_date"],
  "medications.csv": ["name", "rxcui", "daily_dose_mg", "start_date", "status", "pdc"],
  "scores.csv": ["instrument", "total", "date", "items"],
  "labs.csv": ["test", "value", "unit", "date"],
  "diagnoses.csv": ["code", "system", "display"],
  "side_effects.csv": ["effect", "severity", "medication", "onset"],
  "pharmacogenomics.csv": ["gene", "phenotype"],
};
const TABLE_FILES = Object.keys(CSV_TABLES);
/** Patient ids, some needing quotes; a cohort lists a few of them (repeats allowed), the others make orphan rows. */
const IDS = ["p1", "p2", "p3", "p4", "p5", "007", "", "p,6", 'p"7'];

interface Row {
  readonly id: string;
  readonly cells: readonly string[];
  /** Where an orphan row goes when a table is sorted. */
  readonly orphanAt: number;
  readonly blankLineBefore: boolean;
}
interface Cohort {
  readonly patients: readonly Row[];
  readonly tables: Readonly<Record<string, readonly Row[] | undefined>>;
}

const cellArb = fc.oneof(
  fc.constantFrom("", "12", "-3.5", "0", "true", "false", "2;x;-1", "a, b", 'say "hi"', "two\nlines", "é ü 日本", "  padded  "),
  fc.string({ maxLength: 5 }),
);
const rowArb = (columns: number) =>
  fc.record({
    id: fc.constantFrom(...IDS),
    cells: fc.array(cellArb, { minLength: columns, maxLength: columns }),
    orphanAt: fc.nat(9),
    blankLineBefore: fc.nat(9).map((n) => n === 0),
  });
const cohortArb: fc.Arbitrary<Cohort> = fc.record({
  patients: fc.array(rowArb(COLUMNS["patients.csv"]!.length), { maxLength: 8 }),
  tables: fc.record(Object.fromEntries(TABLE_FILES.map((f) => [f, fc.option(fc.array(rowArb(COLUMNS[f]!.length), { maxLength: 10 }), { nil: undefined })]))),
});

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (file: string, rows: readonly Row[]) =>
  [["patient_id", ...COLUMNS[file]!].join(","), ...rows.flatMap((r) => [...(r.blankLineBefore ? [""] : []), [r.id, ...r.cells].map(field).join(",")])].join("\n") + "\n";

/** Each patient id's first row in patients.csv. */
const firstIndex = (c: Cohort) => {
  const first = new Map<string, number>();
  c.patients.forEach((p, i) => first.has(p.id) || first.set(p.id, i));
  return first;
};

/** The cohort with every table's rows stably sorted into patients.csv order, orphan rows left anywhere. */
function sorted(c: Cohort): Cohort {
  const first = firstIndex(c);
  const at = (r: Row) => first.get(r.id) ?? r.orphanAt;
  const tables = Object.fromEntries(Object.entries(c.tables).map(([f, rows]) => [f, rows && [...rows].sort((a, b) => at(a) - at(b))]));
  return { patients: c.patients, tables };
}

/** The first table (in reading order) with a row for a patient before the previous row's, by the definition in streamCsvCohort. */
function firstUnordered(c: Cohort): string | undefined {
  const first = firstIndex(c);
  return TABLE_FILES.find((f) => {
    let at = -1;
    for (const r of c.tables[f] ?? []) {
      const p = first.get(r.id);
      if (p === undefined) continue;
      if (p < at) return true;
      at = p;
    }
    return false;
  });
}

function writeCohort(c: Cohort): string {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-csv-"));
  writeFileSync(join(dir, "patients.csv"), csv("patients.csv", c.patients));
  for (const [f, rows] of Object.entries(c.tables)) if (rows !== undefined) writeFileSync(join(dir, f), csv(f, rows));
  return dir;
}

async function streamed(dir: string) {
  const cohort = await streamCsvCohort(dir);
  const records: InputRecord[] = [];
  for await (const r of cohort.records) records.push(r);
  return { records, orphans: cohort.orphans, unordered: cohort.unordered };
}

async function sameAsInMemory(c: Cohort): Promise<string | undefined> {
  const dir = writeCohort(c);
  try {
    const want = readCsvCohort(dir);
    expect(want.records).toHaveLength(c.patients.length);
    const got = await streamed(dir);
    expect(got.records).toEqual(want.records);
    expect(got.orphans).toBe(want.orphans);
    return got.unordered;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("streamCsvCohort", () => {
  it("streams tables in patients.csv order, giving exactly the in-memory reader's records and orphan count", async () => {
    await fc.assert(
      fc.asyncProperty(cohortArb.map(sorted), async (c) => {
        expect(await sameAsInMemory(c)).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it("gives the same records from tables in any order, reporting the first table out of order", async () => {
    await fc.assert(
      fc.asyncProperty(cohortArb, async (c) => {
        expect(await sameAsInMemory(c)).toBe(firstUnordered(c));
      }),
      { numRuns: 30 },
    );
  });

  it("streams the example cohort, counting its orphan row", async () => {
    const got = await streamed(example);
    expect(got.unordered).toBeUndefined();
    expect(got.orphans).toBe(1);
    expect(got.records).toEqual(readCsvCohort(example).records);
  });

  it("reports a table out of patient order and groups the cohort in memory", async () => {
    const row = (id: string, cells: string[]): Row => ({ id, cells, orphanAt: 0, blankLineBefore: false });
    const c: Cohort = {
      patients: [row("a", ["2026-11-22", "40", "", "", "", ""]), row("b", ["2026-11-22", "50", "", "", "", ""])],
      tables: {
        "scores.csv": [row("a", ["X", "3", "2026-11-01", ""]), row("zz", ["X", "1", "", ""]), row("b", ["X", "4", "2026-11-01", ""])],
        "labs.csv": [row("b", ["T", "1", "u", "2026-11-01"]), row("a", ["T", "2", "u", "2026-11-01"]), row("zz", ["T", "9", "u", ""])],
      },
    };
    expect(await sameAsInMemory(c)).toBe("labs.csv");
    const dir = writeCohort(c);
    try {
      const got = await streamed(dir);
      expect(got.orphans).toBe(2);
      expect(got.records.map((r) => JSON.parse(r.line) as { id: string; labs?: unknown[] }).map((s) => [s.id, s.labs?.length])).toEqual([
        ["a", 1],
        ["b", 1],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("closes its files when the caller stops early", async () => {
    const fds = () => (existsSync("/proc/self/fd") ? readdirSync("/proc/self/fd").length : 0);
    const before = fds();
    const cohort = await streamCsvCohort(example);
    for await (const r of cohort.records) {
      expect(r.record).toBe(1);
      break;
    }
    for (let wait = 0; fds() > before && wait < 100; wait++) await new Promise((r) => setTimeout(r, 10));
    expect(fds()).toBe(before);
  });
});
