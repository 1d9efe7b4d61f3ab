import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultPacks } from "../packs/loadPacks.js";
import { runBatch, type BatchRunOptions } from "./runBatch.js";
import { synthesize } from "./synth.js";
import { synthHints } from "./synthHints.js";

const dir = mkdtempSync(join(tmpdir(), "psychrx-runbatch-"));
const packs = defaultPacks();
const input = join(dir, "cohort.ndjson");
writeFileSync(input, [...synthesize(700, 7, packs.knowledge, synthHints(packs.knowledge, packs.rules.map((r) => r.rule)))].map((p) => `${JSON.stringify(p)}\n`).join(""));

// A worker that dies on every chunk it is given, as one out of memory would.
const dying = join(dir, "dying-worker.mjs");
writeFileSync(dying, `import { parentPort } from "node:worker_threads";\nparentPort.on("message", (m) => { if (m.type === "chunk") process.exit(3); });\n`);

const options = (out: string, workers: number, workerEntry: URL, stderr: string[]): BatchRunOptions => ({
  input,
  out,
  workers,
  resume: false,
  workerEntry,
  stderr: (t) => stderr.push(t),
  stderrIsTty: false,
  chunkSize: 64,
});

describe("runBatch", () => {
  it("evaluates in the main thread every chunk whose worker dies, from the chunk's shared input, and loses nothing", async () => {
    const baseline = join(dir, "one.ndjson");
    const fallen = join(dir, "fallen.ndjson");
    const quiet: string[] = [];
    const messages: string[] = [];
    expect((await runBatch(options(baseline, 1, pathToFileURL(dying), quiet))).status).toBe("complete");
    const result = await runBatch(options(fallen, 2, pathToFileURL(dying), messages));
    expect(result.status).toBe("complete");
    // 700 records in chunks of 64: all 11 chunks fell back, and the output is the one-thread output.
    expect(messages.filter((m) => m.includes("a worker thread failed")).length).toBe(11);
    expect(readFileSync(fallen, "utf8")).toBe(readFileSync(baseline, "utf8"));
    expect(readFileSync(fallen, "utf8").split("\n").length - 1).toBe(700);
  });

  it("--resume refuses a partial output written from the same path before the input changed", async () => {
    // Found by interrupting a run, writing a new extract to the same path, and resuming: the
    // output mixed the old cohort's first lines with the new cohort's remaining ones (exit 0).
    const cohort = join(dir, "changing.ndjson");
    const out = join(dir, "changing-out.ndjson");
    const lines = readFileSync(input, "utf8").split("\n").slice(0, 100);
    writeFileSync(cohort, `${lines.join("\n")}\n`);
    const stopped = new AbortController();
    stopped.abort();
    // An interrupted run leaves its metadata and an empty partial output; give it complete lines.
    expect((await runBatch({ ...options(out, 1, pathToFileURL(dying), []), input: cohort, signal: stopped.signal })).status).toBe("interrupted");
    const full = join(dir, "changing-full.ndjson");
    expect((await runBatch({ ...options(full, 1, pathToFileURL(dying), []), input: cohort })).status).toBe("complete");
    writeFileSync(`${out}.partial`, readFileSync(full, "utf8").split("\n").slice(0, 10).map((l) => `${l}\n`).join(""));
    const resume = () => runBatch({ ...options(out, 1, pathToFileURL(dying), []), input: cohort, resume: true });
    // Same size, new content (the next extract), then a new modification time too.
    const before = readFileSync(cohort);
    writeFileSync(cohort, `${[...lines].reverse().join("\n")}\n`);
    const t = new Date(Date.now() + 60_000);
    utimesSync(cohort, t, t);
    const refused = await resume();
    expect(refused.status).toBe("invalid");
    if (refused.status === "invalid") expect(refused.issues[0]?.message).toContain("before it changed");
    // Only size and modification time are compared: the old content with a new time is refused too.
    writeFileSync(cohort, before);
    utimesSync(cohort, t, t);
    expect((await resume()).status).toBe("invalid");
  });

  it("--resume refuses a damaged partial output with an issue, instead of throwing", async () => {
    // Found by resuming from a partial output whose complete lines were not batch lines (a crash
    // can leave zeros in a file): runBatch threw a SyntaxError, the CLI exited 1 advising
    // --resume again, which failed the same way every time.
    const out = join(dir, "damaged-out.ndjson");
    const stopped = new AbortController();
    stopped.abort();
    expect((await runBatch({ ...options(out, 1, pathToFileURL(dying), []), signal: stopped.signal })).status).toBe("interrupted");
    const full = join(dir, "damaged-full.ndjson");
    expect((await runBatch({ ...options(full, 1, pathToFileURL(dying), []) })).status).toBe("complete");
    const good = readFileSync(full, "utf8").split("\n").slice(0, 5);
    for (const damage of ["\0\0\0\0", "garbage", "{}", good[1] ?? ""]) {
      writeFileSync(`${out}.partial`, [...good.slice(0, 3), damage, good[4]].map((l) => `${l}\n`).join(""));
      const r = await runBatch({ ...options(out, 1, pathToFileURL(dying), []), resume: true });
      expect(r.status).toBe("invalid");
      if (r.status === "invalid") expect(r.issues).toEqual([expect.objectContaining({ path: "line 4", code: "resume_damaged" })]);
    }
  });

  it("a summary names the engine and packs also when no record was evaluated (empty cohort, every record an error)", async () => {
    // Found by running batch on an empty file and on a file of error lines: the summary had
    // engine.version "" and packs [], and the HTML report said "0 rule packs and 0 knowledge tables".
    const some = await runBatch({ ...options(join(dir, "some.ndjson"), 1, pathToFileURL(dying), []) });
    expect(some.status).toBe("complete");
    if (some.status !== "complete") return;
    expect(some.summary.packs.length).toBeGreaterThan(0);
    for (const text of ["", "{}\nnot json\n\n"]) {
      const cohort = join(dir, `no-results-${text.length}.ndjson`);
      writeFileSync(cohort, text);
      const r = await runBatch({ ...options(join(dir, `no-results-${text.length}-out.ndjson`), 1, pathToFileURL(dying), []), input: cohort });
      expect(r.status).toBe("complete");
      if (r.status !== "complete") return;
      expect(r.summary.patients).toBe(0);
      expect(r.summary.engine).toEqual(some.summary.engine);
      expect(r.summary.packs).toEqual(some.summary.packs);
    }
  });
});
