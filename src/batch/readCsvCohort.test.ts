import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
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
/** Stands for "é" written in Latin-1 (the byte 0xE9, not UTF-8) when a table is written. */
const LATIN1 = "\uE000";
/** Patient ids, some needing quotes, two written in Latin-1; a cohort lists a few of them (repeats allowed), the others make orphan rows. */
const IDS = ["p1", "p2", "p3", "p4", "p5", "007", "", "p,6", 'p"7', `p${LATIN1}`, `${LATIN1}8`];

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
  /** Files written with a UTF-8 byte order mark, line breaks CRLF instead of LF, no line break after the last row. */
  readonly bom?: boolean;
  readonly crlf?: boolean;
  readonly unterminated?: boolean;
}

const cellArb = fc.oneof(
  fc.constantFrom("", "12", "-3.5", "0", "true", "false", "2;x;-1", "a, b", 'say "hi"', "two\nlines", "é ü 日本", "  padded  "),
  fc.string({ maxLength: 5 }),
  fc.constantFrom(`sertral${LATIN1}ne`, `caf${LATIN1}`, `"${LATIN1}"\n${LATIN1}`, `${LATIN1}`),
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
  bom: fc.boolean(),
  crlf: fc.boolean(),
  unterminated: fc.boolean(),
});

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (file: string, rows: readonly Row[], eol = "\n", last = eol) =>
  [["patient_id", ...COLUMNS[file]!].join(","), ...rows.flatMap((r) => [...(r.blankLineBefore ? [""] : []), [r.id, ...r.cells].map(field).join(",")])].join(eol) + last;
/** A table's bytes: UTF-8, but for each {@link LATIN1} written as the Latin-1 byte of "é". */
const bytesOf = (text: string, bom = false) =>
  Buffer.concat([Buffer.from(bom ? "\ufeff" : ""), ...text.split(LATIN1).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xe9]), Buffer.from(part)]))]);

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
  const eol = c.crlf === true ? "\r\n" : "\n";
  const last = c.unterminated === true ? "" : eol;
  writeFileSync(join(dir, "patients.csv"), bytesOf(csv("patients.csv", c.patients, eol, last), c.bom));
  for (const [f, rows] of Object.entries(c.tables)) if (rows !== undefined) writeFileSync(join(dir, f), bytesOf(csv(f, rows, eol, last), c.bom));
  return dir;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());

/**
 * The record marks the cohort should get (written independently of the reader): a patient whose
 * row of patients.csv, or a row of another table naming it, has a cell in Latin-1 gets one issue
 * per such cell, patients.csv first, then the tables in order, each in row order.
 */
function expectedInvalid(c: Cohort): ({ patientId: string | null; issues: { file: string; path: string }[] } | undefined)[] {
  const latin1 = (v: string) => v.includes(LATIN1);
  return c.patients.map((p) => {
    const issues: { file: string; path: string }[] = [];
    ["patient_id", ...COLUMNS["patients.csv"]!].forEach((column, j) => {
      const path = column === "patient_id" ? "id" : camel(column);
      if (latin1([p.id, ...p.cells][j]!)) issues.push({ file: "patients.csv", path });
    });
    for (const f of TABLE_FILES) {
      const key = CSV_TABLES[f as keyof typeof CSV_TABLES];
      (c.tables[f] ?? [])
        .filter((r) => r.id === p.id)
        .forEach((r, k) => {
          ["patient_id", ...COLUMNS[f]!].forEach((column, j) => {
            const path = column === "patient_id" ? `${key}[${k}]` : column === "pdc" ? `${key}[${k}].adherence.pdc` : `${key}[${k}].${camel(column)}`;
            if (latin1([r.id, ...r.cells][j]!)) issues.push({ file: f, path });
          });
        });
    }
    return issues.length === 0 ? undefined : { patientId: latin1(p.id) ? null : p.id, issues };
  });
}

/** Checks the records' marks against {@link expectedInvalid}, and that each issue names a line of its file where the Latin-1 byte is. */
function checkInvalid(c: Cohort, dir: string, records: readonly InputRecord[]): void {
  const want = expectedInvalid(c);
  records.forEach((r, i) => {
    expect(r.invalid === undefined ? undefined : { patientId: r.invalid.patientId, issues: r.invalid.issues.map((x) => ({ file: x.file, path: x.path })) }).toEqual(want[i]);
    for (const issue of r.invalid?.issues ?? []) {
      expect(issue.code).toBe("invalid_utf8");
      const m = /^lines? ([\d, ]+), column ([a-z_]+): bytes that are not UTF-8/.exec(issue.message);
      expect(m, issue.message).not.toBeNull();
      const lines = readFileSync(join(dir, issue.file!), "latin1").split(/\r\n|\r|\n/);
      for (const n of m![1]!.split(", ")) expect(lines[Number(n) - 1], `${issue.file} line ${n}`).toContain("\xe9");
    }
  });
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
    checkInvalid(c, dir, want.records);
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

  it("closes its files when the caller stops early, also those read for bytes that are not UTF-8", async () => {
    // The process's descriptors open on files of `dir` (not all of them: the test runner opens and
    // closes its own meanwhile, which made a count of all of them flaky).
    const fds = (dir: string) => {
      if (!existsSync("/proc/self/fd")) return 0;
      let open = 0;
      for (const fd of readdirSync("/proc/self/fd")) {
        try {
          if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(realpathSync(dir))) open++;
        } catch {
          // closed between the listing and the read
        }
      }
      return open;
    };
    const row = (id: string, cells: string[]): Row => ({ id, cells, orphanAt: 0, blankLineBefore: false });
    const latin1 = writeCohort({
      patients: [row("a", ["2026-11-22", "40", `f${LATIN1}`, "", "", ""]), row("b", ["2026-11-22", "50", "", "", "", ""])],
      tables: { "labs.csv": [row("a", ["T", "1", "u", ""]), row("b", ["T", `${LATIN1}`, "u", ""])] },
    });
    for (const dir of [example, latin1]) {
      expect(fds(dir)).toBe(0);
      const cohort = await streamCsvCohort(dir);
      let opened = 0;
      for await (const r of cohort.records) {
        expect(r.record).toBe(1);
        opened = fds(dir);
        break;
      }
      // The check can fail: the tables are open while the first record is read.
      expect(opened).toBeGreaterThan(0);
      for (let wait = 0; fds(dir) > 0 && wait < 100; wait++) await new Promise((r) => setTimeout(r, 10));
      expect(fds(dir)).toBe(0);
    }
    rmSync(latin1, { recursive: true, force: true });
  });
});
