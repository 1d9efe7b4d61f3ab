/**
 * End-to-end tests of `psychrx batch` and `psychrx merge` on the built CLI: one line per input
 * record in order, error lines for bad records, resume after SIGKILL and SIGINT giving the
 * identical file, shards merging to the unsharded bytes, the CSV layout.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = (args: string[]) => spawnSync(process.execPath, ["bin/psychrx.js", ...args], { cwd: root, encoding: "utf8" });
const dir = mkdtempSync(join(tmpdir(), "psychrx-batch-"));
const lines = (file: string) => readFileSync(file, "utf8").split("\n").slice(0, -1);
/** Byte equality without a deep diff of megabytes (vitest's toEqual on large buffers is very slow). */
const sameBytes = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));

/** A cohort big enough to interrupt: the fixture patients repeated with fresh ids, malformed lines mixed in. */
function writeCohort(file: string, n: number): number {
  const fixtures = ["trd-polypharmacy-suicidal-ideation", "older-adult-citalopram-overdose", "phenelzine-sertraline-interaction", "schizophrenia-clozapine", "bipolar-lithium-nsaid"].map(
    (f) => JSON.parse(readFileSync(join(root, "fixtures", "patients", `${f}.json`), "utf8")) as Record<string, unknown>,
  );
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 97 === 13) out.push("{broken");
    else if (i % 211 === 7) out.push("");
    else out.push(JSON.stringify({ ...fixtures[i % fixtures.length], id: `p-${i}` }));
  }
  writeFileSync(file, `${out.join("\n")}\n`);
  return out.length;
}

describe("psychrx batch", () => {
  const cohort = join(dir, "cohort.ndjson");
  const reference = join(dir, "reference.ndjson");
  const referenceSummary = join(dir, "reference-summary.json");
  let n = 0;

  beforeAll(() => {
    n = writeCohort(cohort, 4000);
    const r = cli(["batch", cohort, "--out", reference, "--summary", referenceSummary, "--workers", "2"]);
    expect(r.status).toBe(0);
  });

  it("writes exactly one line per input line, in order; bad lines become error lines naming the record", () => {
    const out = lines(reference);
    expect(out).toHaveLength(n);
    out.forEach((l, i) => expect(l.startsWith(`{"record":${i + 1},`)).toBe(true));
    const broken = JSON.parse(out[13] ?? "{}") as { error?: { code: string } };
    expect(broken.error?.code).toBe("invalid_json");
    const empty = JSON.parse(out[7] ?? "{}") as { error?: { code: string } };
    expect(empty.error?.code).toBe("empty_record");
    const summary = JSON.parse(readFileSync(referenceSummary, "utf8")) as { records: number; errors: number; patients: number };
    expect(summary.records).toBe(n);
    expect(summary.errors).toBe(out.filter((l) => l.includes('"error":')).length);
    expect(summary.patients + summary.errors).toBe(n);
  });

  it("prints the summary table on stdout and progress on stderr only", () => {
    const r = cli(["batch", join(root, "fixtures", "cohorts", "mixed.ndjson"), "--out", join(dir, "mixed.ndjson"), "--workers", "1"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^records 8 {3}patients 4 {3}errors 4/);
    expect(r.stdout).toContain("not a substitute for clinical judgment");
    expect(r.stderr).toMatch(/psychrx batch: 8 records/);
    const out = lines(join(dir, "mixed.ndjson")).map((l) => JSON.parse(l) as { record: number; error?: { code: string; issues: { path: string }[] } });
    expect(out.map((o) => o.error?.code ?? "ok")).toEqual(["ok", "invalid_json", "ok", "empty_record", "invalid_snapshot", "invalid_snapshot", "ok", "ok"]);
    expect(out[5]?.error?.issues[0]?.path).toBe("medications[0].dailyDoseMg");
  });

  it("one worker and two workers give byte-identical output and summary", () => {
    const out = join(dir, "one.ndjson");
    const sum = join(dir, "one.json");
    expect(cli(["batch", cohort, "--out", out, "--summary", sum, "--workers", "1"]).status).toBe(0);
    expect(sameBytes(out, reference)).toBe(true);
    expect(readFileSync(sum, "utf8")).toBe(readFileSync(referenceSummary, "utf8"));
  });

  for (const signal of ["SIGKILL", "SIGINT"] as const) {
    it(`after ${signal} halfway, --resume gives the identical file and summary`, async () => {
      const out = join(dir, `killed-${signal}.ndjson`);
      const sum = join(dir, `killed-${signal}.json`);
      const child = spawn(process.execPath, ["bin/psychrx.js", "batch", cohort, "--out", out, "--workers", "2"], { cwd: root, stdio: "ignore" });
      // Wait until some output exists, then interrupt.
      const partial = `${out}.partial`;
      const started = Date.now();
      while (!(existsSync(partial) && statSync(partial).size > 200_000) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
      child.kill(signal);
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      if (signal === "SIGINT") expect(code).toBe(130);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(partial)).toBe(true);
      expect(statSync(partial).size).toBeLessThan(statSync(reference).size);
      const resumed = cli(["batch", cohort, "--out", out, "--summary", sum, "--workers", "2", "--resume"]);
      expect(resumed.status).toBe(0);
      expect(resumed.stderr).toMatch(/resuming after record \d+/);
      expect(sameBytes(out, reference)).toBe(true);
      expect(readFileSync(sum, "utf8")).toBe(readFileSync(referenceSummary, "utf8"));
      expect(existsSync(partial)).toBe(false);
    });
  }

  it("--resume refuses a partial written from another input", () => {
    const out = join(dir, "other.ndjson");
    writeFileSync(`${out}.partial`, '{"record":1}\n');
    writeFileSync(`${out}.partial.meta.json`, JSON.stringify({ input: "/elsewhere", shard: null, packs: [] }));
    const r = cli(["batch", cohort, "--out", out, "--resume"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("resume_mismatch");
  });

  it("--shard K/N outputs merge to the unsharded file and summary, byte for byte", () => {
    const shards = [1, 2, 3].map((k) => {
      const out = join(dir, `shard${k}.ndjson`);
      const sum = join(dir, `shard${k}.json`);
      expect(cli(["batch", cohort, "--out", out, "--summary", sum, "--shard", `${k}/3`, "--workers", "1"]).status).toBe(0);
      return { out, sum };
    });
    expect(lines(shards[1]!.out)[0]).toMatch(/^\{"record":2,/);
    const merged = join(dir, "merged.ndjson");
    const mergedSummary = join(dir, "merged.json");
    const r = cli(["merge", ...shards.map((s) => s.out), "--out", merged, ...shards.flatMap((s) => ["--summaries", s.sum]), "--summary", mergedSummary]);
    expect(r.status).toBe(0);
    expect(sameBytes(merged, reference)).toBe(true);
    expect(readFileSync(mergedSummary, "utf8")).toBe(readFileSync(referenceSummary, "utf8"));
    // Each shard's summary names its shard and the input's size: a shard left out is refused,
    // also the last one (its records are the cohort's last, so the outputs alone show no gap).
    const total = lines(reference).length;
    expect((JSON.parse(readFileSync(shards[2]!.sum, "utf8")) as { shard: unknown }).shard).toEqual({ k: 3, n: 3, inputRecords: total });
    const partial = join(dir, "merged-two.ndjson");
    const two = cli(["merge", shards[0]!.out, shards[1]!.out, "--out", partial, ...shards.flatMap((s) => ["--summaries", s.sum])]);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/record \d+ is in none of the shards|missing_records/);
    expect(existsSync(partial)).toBe(false);
    const noSummary = cli(["merge", ...shards.map((s) => s.out), "--out", partial, "--summaries", shards[0]!.sum, "--summaries", shards[1]!.sum]);
    expect(noSummary.status).toBe(2);
    expect(noSummary.stderr).toContain("no summary of shard 3/3");
  });

  it("an empty NDJSON file: exit 0, an empty output, and stderr says the cohort has 0 records", () => {
    const input = join(dir, "empty.ndjson");
    writeFileSync(input, "");
    const out = join(dir, "empty-out.ndjson");
    const r = cli(["batch", input, "--out", out, "--workers", "1"]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("");
    expect(r.stderr).toContain("has no lines: the cohort has 0 records");
    // A file of one blank line is one record (an error line), not an empty cohort.
    writeFileSync(input, "\n");
    const blank = cli(["batch", input, "--out", out, "--workers", "1"]);
    expect(blank.stderr).not.toContain("has no lines");
    expect(lines(out)).toHaveLength(1);
  });

  it("reads the long-format CSV layout, one line per patients.csv row", () => {
    const out = join(dir, "csv.ndjson");
    const r = cli(["batch", join(root, "fixtures", "cohorts", "example-csv"), "--out", out, "--workers", "1"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("1 CSV row names a patient_id absent from patients.csv and was not used");
    const out5 = lines(out).map((l) => JSON.parse(l) as { record: number; patientId: string; suggestions?: { ruleId: string }[]; error?: { issues: { path: string }[] } });
    expect(out5.map((o) => o.patientId)).toEqual(["c-001", "c-002", "c-003", "c-004", "c-005"]);
    expect(out5[0]?.suggestions?.map((s) => s.ruleId)).toContain("dose.above-label-maximum");
    expect(out5[4]?.error?.issues[0]?.path).toBe("labs[0].unit");
  });

  it("CSV rows with bytes that are not UTF-8: the patients' lines are invalid_utf8 errors, with two workers as with one", () => {
    const src = join(root, "fixtures", "cohorts", "example-csv");
    const latin1 = mkdtempSync(join(tmpdir(), "psychrx-csv-latin1-"));
    for (const f of ["patients.csv", "medications.csv", "labs.csv"]) {
      const text = readFileSync(join(src, f), "utf8");
      writeFileSync(join(latin1, f), f === "medications.csv" ? Buffer.from(text.replace("c-003,sertraline", "c-003,sertral\u00e9ne"), "latin1") : text);
    }
    const one = join(dir, "csv-latin1-1.ndjson");
    const two = join(dir, "csv-latin1-2.ndjson");
    const r = cli(["batch", latin1, "--out", one, "--workers", "1"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('medications.csv has bytes that are not UTF-8 in 1 row: line 6 (patient "c-003")');
    expect(cli(["batch", latin1, "--out", two, "--workers", "2"]).status).toBe(0);
    expect(sameBytes(one, two)).toBe(true);
    const third = JSON.parse(lines(two)[2]!) as { patientId: string; error?: { code: string; issues: { file: string; path: string }[] } };
    expect([third.patientId, third.error?.code, third.error?.issues.map((i) => `${i.file} ${i.path}`)]).toEqual(["c-003", "invalid_utf8", ["medications.csv medications[0].name"]]);
    expect(lines(two)).toHaveLength(5);
  });

  it("CSV tables out of patient order: grouped in memory, said on stderr, same output as sorted tables", () => {
    const src = join(root, "fixtures", "cohorts", "example-csv");
    const shuffled = mkdtempSync(join(tmpdir(), "psychrx-csv-"));
    for (const f of ["patients.csv", "medications.csv", "scores.csv", "labs.csv", "diagnoses.csv", "side_effects.csv", "pharmacogenomics.csv"]) {
      const [header, ...rows] = readFileSync(join(src, f), "utf8").trimEnd().split("\n");
      writeFileSync(join(shuffled, f), [header, ...(f === "medications.csv" ? rows.reverse() : rows)].join("\n") + "\n");
    }
    const sorted = join(dir, "csv-sorted.ndjson");
    const unsorted = join(dir, "csv-unsorted.ndjson");
    expect(cli(["batch", src, "--out", sorted, "--workers", "1"]).status).toBe(0);
    const r = cli(["batch", shuffled, "--out", unsorted, "--workers", "1"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("medications.csv is not in the patient order of patients.csv; grouping the tables in memory");
    // Rows of one patient keep their relative order only when the file lists them in it, so compare per patient, medications as a set.
    const norm = (file: string) =>
      lines(file).map((l) => {
        const o = JSON.parse(l) as { patientId?: string; suggestions?: { id: string }[]; dataGaps?: unknown[] };
        return { patientId: o.patientId, suggestions: (o.suggestions ?? []).map((s) => s.id).sort(), gaps: (o.dataGaps ?? []).length };
      });
    expect(norm(unsorted)).toEqual(norm(sorted));
  });

  it("--report writes one self-contained HTML file with inline SVG charts", () => {
    const report = join(dir, "report.html");
    const r = cli(["batch", cohort, "--out", join(dir, "with-report.ndjson"), "--report", report, "--workers", "1"]);
    expect(r.status).toBe(0);
    const html = readFileSync(report, "utf8");
    expect(html.startsWith("<!doctype html>") || html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    // No external assets: no script, stylesheet or image fetched from anywhere.
    expect(html).not.toMatch(/<(script|link|img)\b[^>]*\b(src|href)=/i);
  });

  // Renders the report in Debian's headless Chromium when the machine has it (nothing is downloaded at test time).
  it.skipIf(!existsSync("/usr/bin/chromium"))("the HTML report renders in headless Chromium", () => {
    const report = join(dir, "report.html");
    if (!existsSync(report)) expect(cli(["batch", cohort, "--out", join(dir, "with-report.ndjson"), "--report", report, "--workers", "1"]).status).toBe(0);
    const r = spawnSync(process.execPath, ["scripts/check-report-chromium.mjs", report], { cwd: root, encoding: "utf8", timeout: 90_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok: .* rendered .* SVG charts in the DOM/);
  });

  it("bad arguments exit 2 with usage", () => {
    expect(cli(["batch", cohort]).status).toBe(2);
    expect(cli(["batch", "/nonexistent.ndjson", "--out", join(dir, "x")]).status).toBe(2);
    expect(cli(["batch", cohort, "--out", join(dir, "x"), "--shard", "4/3"]).status).toBe(2);
    expect(cli(["batch", cohort, "--out", join(dir, "x"), "--workers", "0"]).status).toBe(2);
  });
});
