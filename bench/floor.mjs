// The floor: read the NDJSON, JSON.parse each line, JSON.stringify a result of the same size, on
// the same number of worker threads, in order, with the same transport (lines to the workers, UTF-8
// bytes back) — everything batch does except evaluating.
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";

const [input, output, workersArg, templateFile] = process.argv.slice(2);
const workers = Number(workersArg);
const template = readFileSync(templateFile, "utf8");
const pool = Array.from({ length: workers }, () => new Worker(new URL("./floor-worker.mjs", import.meta.url), { workerData: { template } }));
const out = createWriteStream(output);
const done = new Map();
let next = 0;
let seq = 0;
let inflight = 0;
let idle = [...pool];
const waiters = [];
const flush = () => {
  while (done.has(next)) {
    out.write(done.get(next));
    done.delete(next++);
  }
};
for (const w of pool) {
  w.on("message", ({ seq: s, bytes }) => {
    done.set(s, bytes);
    inflight--;
    flush();
    const waiter = waiters.shift();
    if (waiter) waiter(w);
    else idle.push(w);
  });
}
const acquire = () => (idle.length ? Promise.resolve(idle.pop()) : new Promise((r) => waiters.push(r)));
let lines = [];
const send = async () => {
  const w = await acquire();
  inflight++;
  w.postMessage({ seq: seq++, lines });
  lines = [];
};
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  lines.push(line);
  if (lines.length >= 256) await send();
}
if (lines.length) await send();
while (inflight > 0) await new Promise((r) => setTimeout(r, 5));
flush();
await new Promise((r) => out.end(r));
await Promise.all(pool.map((w) => w.terminate()));
