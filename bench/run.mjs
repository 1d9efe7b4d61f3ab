// `npm run bench`: measures, never asserts. Prints the machine, patients/s for the whole pipeline,
// and evaluation alone on the same rules and facts: json-rules-engine's run() against psychrx's
// compiled three-valued evaluator, with their agreement on every outcome psychrx could decide.
import { Engine } from "json-rules-engine";
import os from "node:os";
import { checkSnapshot, defaultPacks, safeEvaluate } from "../dist/index.js";
import { syntheticPatients } from "./syntheticPatients.mjs";

const N = Number(process.env.BENCH_N ?? 5000);
const JRE_N = Number(process.env.BENCH_JRE_N ?? 500);
const packs = defaultPacks();
const patients = syntheticPatients(N, 1);
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const rate = (n, s) => Math.round(n / s).toLocaleString("en-US");

console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, node ${process.version}, ${packs.rules.length} rules`);

// 1. Whole pipeline, one thread: validate, normalise, derive facts, evaluate, build and serialise.
let t0 = process.hrtime.bigint();
let bytes = 0;
for (const p of patients) {
  const r = safeEvaluate(p, { packs });
  bytes += JSON.stringify(r.success ? r.data : r.issues).length;
}
const pipeline = seconds(t0);
console.log(`pipeline (1 thread): ${N} patients in ${pipeline.toFixed(2)} s = ${rate(N, pipeline)} patients/s (${(bytes / N / 1024).toFixed(1)} KiB/result)`);

// 2. Evaluation alone: the same patient- and medication-scope rules over the same facts.
const rules = packs.rules.filter((r) => r.rule.scope !== "medication-pair");
const subjects = [];
for (const p of patients.slice(0, JRE_N)) {
  const s = checkSnapshot(p, packs.knowledge);
  if (!s.success) continue;
  const facts = packs.deriver.derive(s.data);
  subjects.push({ bindings: { p: facts.patient }, flat: { ...facts.patient.values }, scope: "patient" });
  for (const m of facts.medications) {
    const flat = { ...facts.patient.values };
    for (const [k, v] of Object.entries(m.values)) flat[`med.${k}`] = v;
    subjects.push({ bindings: { p: facts.patient, m }, flat, scope: "medication" });
  }
}
const byScope = (scope) => rules.filter((r) => r.rule.scope === scope);

t0 = process.hrtime.bigint();
const ours = [];
const REPEAT = 20;
for (let k = 0; k < REPEAT; k++) {
  for (const s of subjects) for (const r of byScope(s.scope)) ours.push(r.condition.test(s.bindings));
}
const oursSec = seconds(t0) / REPEAT;
ours.length = ours.length / REPEAT;

const engines = {};
for (const scope of ["patient", "medication"]) {
  const e = new Engine([], { allowUndefinedFacts: true });
  for (const r of byScope(scope)) e.addRule({ name: r.rule.id, conditions: r.rule.conditions, event: { type: r.rule.id } });
  engines[scope] = e;
}
t0 = process.hrtime.bigint();
const jre = [];
for (const s of subjects) {
  const { events } = await engines[s.scope].run(s.flat);
  const fired = new Set(events.map((e) => e.type));
  for (const r of byScope(s.scope)) jre.push(fired.has(r.rule.id));
}
const jreSec = seconds(t0);

let decided = 0;
let agree = 0;
for (let i = 0; i < jre.length; i++) {
  if (ours[i] === null) continue;
  decided++;
  if (ours[i] === jre[i]) agree++;
}
const evaluations = jre.length;
console.log(`evaluation alone, ${evaluations} rule evaluations (${subjects.length} subjects × rules):`);
console.log(`  json-rules-engine run(): ${rate(evaluations, jreSec)} rule evaluations/s`);
console.log(`  psychrx compiled test(): ${rate(evaluations, oursSec)} rule evaluations/s  (${(jreSec / oursSec).toFixed(0)}× json-rules-engine)`);
console.log(`  agreement where psychrx decided the outcome: ${agree}/${decided}; unknown (data gaps, which json-rules-engine reports as not fired): ${evaluations - decided}`);
console.log(`peak RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
