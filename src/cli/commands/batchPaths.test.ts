import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureIo } from "../captureIo.js";
import { main } from "../main.js";

// Found by running `psychrx batch` with outputs a researcher can get wrong: `--out` naming the
// input replaced the cohort with its results (exit 0); an output in a missing folder, or a folder,
// failed with exit 1 only after the whole cohort was evaluated, advising a --resume that could not help.
const snapshot = JSON.stringify({ id: "p1", asOf: "2026-11-22", age: 40 });

function cohort(): { dir: string; input: string } {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-batch-paths-"));
  const input = join(dir, "cohort.ndjson");
  writeFileSync(input, `${snapshot}\n${snapshot}\n`);
  return { dir, input };
}

async function batch(...argv: string[]) {
  const io = captureIo();
  const status = await main(["batch", ...argv, "--workers", "1"], io);
  return { status, stdout: io.stdout(), stderr: io.stderr() };
}

describe("psychrx batch: input and output paths are checked before anything is evaluated", () => {
  it("refuses --out naming the input (also through a symbolic link), and leaves the input as it was", async () => {
    const { dir, input } = cohort();
    const before = readFileSync(input, "utf8");
    const same = await batch(input, "--out", input);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain("--out: ");
    expect(same.stderr).toContain("[overwrites_input]");
    symlinkSync(input, join(dir, "link.ndjson"));
    expect((await batch(input, "--out", join(dir, "link.ndjson"))).status).toBe(2);
    expect(readFileSync(input, "utf8")).toBe(before);
    expect(same.stdout).toBe("");
  });

  it("refuses an output into a missing folder or onto a folder, writing nothing", async () => {
    const { dir, input } = cohort();
    mkdirSync(join(dir, "folder"));
    const cases: [string[], string, string][] = [
      [["--out", join(dir, "missing", "out.ndjson")], "--out", "no_such_folder"],
      [["--out", join(dir, "folder")], "--out", "is_a_folder"],
      [["--out", join(dir, "out.ndjson"), "--summary", join(dir, "missing", "s.json")], "--summary", "no_such_folder"],
      [["--out", join(dir, "out.ndjson"), "--report", join(dir, "missing", "r.html")], "--report", "no_such_folder"],
      [["--out", join(dir, "out.ndjson"), "--summary", join(dir, "out.ndjson")], "--summary", "same_output"],
    ];
    for (const [args, flag, code] of cases) {
      const r = await batch(input, ...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${flag}: `);
      expect(r.stderr).toContain(`[${code}]`);
    }
    expect(readdirSync(dir).sort()).toEqual(["cohort.ndjson", "folder"]);
  });

  it("refuses a folder that is not a CSV cohort (no patients.csv), and an output over one of its tables", async () => {
    const { dir } = cohort();
    const folder = join(dir, "extract");
    mkdirSync(folder);
    writeFileSync(join(folder, "readme.txt"), "not a cohort\n");
    const r = await batch(folder, "--out", join(dir, "out.ndjson"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("without patients.csv");
    expect(existsSync(join(dir, "out.ndjson.partial.meta.json"))).toBe(false);
    writeFileSync(join(folder, "patients.csv"), "patient_id,as_of\np1,2026-11-22\n");
    const over = await batch(folder, "--out", join(folder, "patients.csv"));
    expect(over.status).toBe(2);
    expect(over.stderr).toContain("[overwrites_input]");
  });

  it("still reads NDJSON from a pipe (a FIFO, /dev/stdin)", async () => {
    const { dir } = cohort();
    const fifo = join(dir, "cohort.fifo");
    execFileSync("mkfifo", [fifo]);
    createWriteStream(fifo).end(`${snapshot}\n${snapshot}\n`);
    const r = await batch(fifo, "--out", join(dir, "piped.ndjson"));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "piped.ndjson"), "utf8").split("\n")).toHaveLength(3);
  });
});
