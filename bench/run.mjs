// `npm run bench`: measures, never asserts. On one synthetic cohort (`psychrx synth`), prints side by
// side: the floor (read + JSON.parse + JSON.stringify of a same-size result on the same workers),
// `psychrx batch` with 1 worker and with all cores (patients/s, peak RSS), evaluation alone against
// json-rules-engine's run() on the same rules and facts, and peak RSS at 10,000 and at N patients.
// BENCH_N (default 100000) sets the cohort size.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "json-rules-engine";
import { checkSnapshot, defaultPacks } from "../dist/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const N = Number(process.env.BENCH_N ?? 100_000);
const SMALL = Math.min(10_000, N);
const JRE_N = Number(process.env.BENCH_JRE_N ?? 2000);
const cores = os.availableParallelism();
const dir = mkdtempSync(join(os.tmpdir(), "psychrx-bench-"));
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const fmt = (x) => Math.round(x).toLocaleString("en-US");

/** Runs a node command; returns seconds and peak RSS (MiB, from /usr/bin/time when present). */
function run(args) {
  const cmd = timeBin ? [timeBin, "-f", "%M", process.execPath, ...args] : [process.execPath, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr.slice(-500)}`);
  const rssKb = timeBin ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { secs, rss: rssKb / 1024 };
}

const cohort = join(dir, `cohort-${N}.ndjson`);
const small = join(dir, `cohort-${SMALL}.ndjson`);
writeFileSync(cohort, spawnSync(process.execPath, ["bin/psychrx.js", "synth", "--n", String(N), "--seed", "1"], { cwd: root, maxBuffer: 1 << 30 }).stdout);
writeFileSync(small, spawnSync(process.execPath, ["bin/psychrx.js", "synth", "--n", String(SMALL), "--seed", "1"], { cwd: root, maxBuffer: 1 << 30 }).stdout);

console.log(`machine: ${os.cpus()[0]?.model ?? "?"}, ${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`cohort: psychrx synth --n ${N} --seed 1 (${(statSync(cohort).size / 2 ** 20).toFixed(0)} MiB)\n`);

const batch = (input, workers, name) => run(["bin/psychrx.js", "batch", input, "--out", join(dir, name), "--workers", String(workers)]);
const one = batch(cohort, 1, "out-1.ndjson");
const all = batch(cohort, cores, "out-all.ndjson");
const smallRun = batch(small, cores, "out-small.ndjson");
// The first result line (read from the head of the file: the whole output can exceed a string's maximum length).
const head = Buffer.alloc(4 << 20);
const fd = openSync(join(dir, "out-all.ndjson"), "r");
const got = readSync(fd, head, 0, head.length, 0);
closeSync(fd);
// The floor stringifies a result of the same size as psychrx's average output line: the result line
// from the head of the file whose length is closest to the mean.
const outBytes = statSync(join(dir, "out-all.ndjson")).size;
const meanLine = outBytes / N;
const candidates = head.subarray(0, got).toString("utf8").split("\n").slice(0, -1).filter((l) => l.includes('"suggestions"'));
const templateLine = candidates.reduce((best, l) => (Math.abs(l.length - meanLine) < Math.abs(best.length - meanLine) ? l : best), candidates[0] ?? "{}");
const { record: _r, patientId: _p, ...template } = JSON.parse(templateLine);
writeFileSync(join(dir, "template.json"), JSON.stringify(template));
const floor = run(["bench/floor.mjs", cohort, join(dir, "floor.ndjson"), String(cores), join(dir, "template.json")]);
const floorBytes = statSync(join(dir, "floor.ndjson")).size;

// Evaluation alone, patient- and medication-scope rules, same facts: psychrx compiled vs json-rules-engine.
const packs = defaultPacks();
const rules = packs.rules.filter((r) => r.rule.scope !== "medication-pair");
const subjects = [];
for (const line of readFileSync(small, "utf8").split("\n").slice(0, JRE_N)) {
  const s = checkSnapshot(JSON.parse(line), packs.knowledge);
  if (!s.success) continue;
  const facts = packs.deriver.derive(s.data);
  subjects.push({ bindings: { p: facts.patient }, flat: { ...facts.patient.values }, scope: "patient" });
  for (const m of facts.medications) {
    const flat = { ...facts.patient.values };
    for (const [k, v] of Object.entries(m.values)) flat[`med.${k}`] = v;
    subjects.push({ bindings: { p: facts.patient, m }, flat, scope: "medication" });
  }
}
const byScope = { patient: rules.filter((r) => r.rule.scope === "patient"), medication: rules.filter((r) => r.rule.scope === "medication") };
const REPEAT = 20;
// Outcomes are kept from a first pass; the timed passes only count fired rules (so that the
// evaluations cannot be optimised away), not grow an array.
const ours = [];
for (const s of subjects) for (const r of byScope[s.scope]) ours.push(r.condition.test(s.bindings));
let t0 = process.hrtime.bigint();
let firedCount = 0;
for (let k = 0; k < REPEAT; k++) for (const s of subjects) for (const r of byScope[s.scope]) if (r.condition.test(s.bindings) === true) firedCount++;
const oursSecs = Number(process.hrtime.bigint() - t0) / 1e9 / REPEAT;
if (firedCount !== REPEAT * ours.filter((o) => o === true).length) throw new Error("evaluation is not deterministic");
const engines = {};
for (const scope of ["patient", "medication"]) {
  engines[scope] = new Engine([], { allowUndefinedFacts: true });
  for (const r of byScope[scope]) engines[scope].addRule({ name: r.rule.id, conditions: r.rule.conditions, event: { type: r.rule.id } });
}
t0 = process.hrtime.bigint();
const jre = [];
for (const s of subjects) {
  const { events } = await engines[s.scope].run(s.flat);
  const fired = new Set(events.map((e) => e.type));
  for (const r of byScope[s.scope]) jre.push(fired.has(r.rule.id));
}
const jreSecs = Number(process.hrtime.bigint() - t0) / 1e9;
let decided = 0;
let agree = 0;
jre.forEach((j, i) => {
  if (ours[i] === null) return;
  decided++;
  if (ours[i] === j) agree++;
});

const row = (name, n, r) => `| ${name} | ${fmt(n / r.secs)} | ${r.rss.toFixed(0)} |`;
console.log("| run | patients/s | peak RSS (MiB) |");
console.log("|---|---:|---:|");
console.log(row(`floor: read + parse + stringify, ${cores} workers`, N, floor));
console.log(row("psychrx batch, 1 worker", N, one));
console.log(row(`psychrx batch, ${cores} workers`, N, all));
console.log(row(`psychrx batch, ${cores} workers, ${fmt(SMALL)} patients`, SMALL, smallRun));
console.log("");
console.log(`psychrx (${cores} workers) / floor: ${((N / all.secs) / (N / floor.secs)).toFixed(2)}×   ${cores} workers / 1 worker: ${(one.secs / all.secs).toFixed(2)}×`);
console.log(`peak RSS at ${fmt(N)} / at ${fmt(SMALL)}: ${(all.rss / smallRun.rss).toFixed(2)}×   output ${(outBytes / N / 1024).toFixed(1)} KiB/patient (floor ${(floorBytes / N / 1024).toFixed(1)})`);
console.log("");
console.log(`evaluation alone (${fmt(jre.length)} rule evaluations over ${fmt(subjects.length)} patient/medication subjects of the first ${fmt(JRE_N)} patients):`);
console.log(`  json-rules-engine run(): ${fmt(jre.length / jreSecs)} rule evaluations/s`);
console.log(`  psychrx compiled test(): ${fmt(jre.length / oursSecs)} rule evaluations/s = ${(jreSecs / oursSecs).toFixed(0)}× json-rules-engine`);
console.log(`  same outcome on ${agree} of ${decided} evaluations psychrx decided; ${fmt(jre.length - decided)} unknown (data gaps; json-rules-engine says not fired)`);
// The cohorts and outputs take hundreds of MiB: leave nothing behind (BENCH_KEEP=1 keeps them).
if (process.env.BENCH_KEEP !== "1") rmSync(dir, { recursive: true, force: true });
else console.log(`\nfiles kept in ${dir}`);
