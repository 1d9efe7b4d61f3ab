import { createWriteStream, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Issue } from "../core/issue.js";
import { provenanceMismatch, provenanceOf, type PackLike } from "./provenance.js";
import { readNdjson } from "./readNdjson.js";

const RECORD = /^\{"record":(\d+)[,}]/;
/** An error line: `{"record":n,"patientId":null|"…","error":`; any other batch line is a result. */
const ERROR_LINE = /^\{"record":\d+,"patientId":(?:null|"(?:[^"\\]|\\.)*"),"error":/;

/** The engine and pack set a result line was evaluated with. */
function provenance(line: string): string[] | undefined {
  try {
    const r = JSON.parse(line) as { engine?: { version?: unknown }; packs?: PackLike[] };
    return Array.isArray(r.packs) ? provenanceOf(r.engine?.version, r.packs) : undefined;
  } catch {
    return undefined;
  }
}

/** Issues that stop a merge before it reads anything: shards that are not files, an output folder that does not exist. */
function checkFiles(files: readonly string[], out: string): Issue[] {
  const issues: Issue[] = [];
  for (const f of files) {
    if (!existsSync(f) || !statSync(f).isFile()) issues.push({ file: f, path: "$", code: "no_such_file", message: `shard output ${f} does not exist or is not a file` });
  }
  const folder = dirname(resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) issues.push({ path: "--out", code: "no_such_folder", message: `the folder ${dirname(out)} does not exist` });
  return issues;
}

/**
 * Joins shard outputs (each in record order) into one file in record order: the same bytes
 * as an unsharded run. Streams (a k-way merge). Refused, each with an issue naming file and line:
 * a line without a record number, records out of order within a shard, a record in two shards
 * (a shard given twice), records in no shard (a shard missing; not detectable when the missing
 * shard held only the cohort's last records, unless `expected` is given), and shards evaluated with
 * different engine or pack versions. `expected`: the records the merged output must hold (from the
 * shards' summaries); fewer or more are refused. Nothing is written to `out` unless the merge succeeds.
 */
export async function mergeShards(files: readonly string[], out: string, expected?: number): Promise<{ ok: true; lines: number } | { ok: false; issues: Issue[] }> {
  const issues = checkFiles(files, out);
  if (issues.length > 0) return { ok: false, issues };
  const iters = files.map((f) => readNdjson(f)[Symbol.asyncIterator]());
  const heads: ({ record: number; line: string; at: number } | undefined)[] = [];
  let packs: { file: string; value: string[] } | undefined;
  const checked = new Set<number>();
  const advance = async (i: number) => {
    const next = await iters[i]?.next();
    if (!next || next.done) return (heads[i] = undefined);
    const file = files[i] ?? "";
    const m = RECORD.exec(next.value.line);
    if (!m) {
      issues.push({ file, path: `line ${next.value.record}`, code: "not_a_batch_line", message: 'expected a psychrx batch output line starting with {"record":N' });
      return (heads[i] = undefined);
    }
    const record = Number(m[1]);
    const prior = heads[i];
    if (prior !== undefined && record <= prior.record) {
      issues.push({ file, path: `line ${next.value.record}`, code: "out_of_order", message: `record ${record} follows record ${prior.record}` });
      return (heads[i] = undefined);
    }
    if (!checked.has(i) && !ERROR_LINE.test(next.value.line)) {
      checked.add(i);
      const value = provenance(next.value.line);
      if (value !== undefined && packs === undefined) packs = { file, value };
      else if (value !== undefined && packs !== undefined) {
        const mismatch = provenanceMismatch(value, packs.value, packs.file);
        if (mismatch !== undefined) issues.push({ file, path: `line ${next.value.record}`, code: "mixed_packs", message: mismatch });
      }
    }
    return (heads[i] = { record, line: next.value.line, at: next.value.record });
  };
  for (let i = 0; i < iters.length; i++) await advance(i);
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial);
  const failed = await new Promise<Error | undefined>((r) => {
    stream.once("open", () => r(undefined));
    stream.once("error", (e) => r(e));
  });
  if (failed !== undefined) issues.push({ path: "--out", code: "cannot_write", message: `cannot write ${partial}: ${failed.message}` });
  let lines = 0;
  let next = 1;
  let from = "";
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h !== undefined && (best < 0 || h.record < (heads[best]?.record ?? Infinity))) best = i;
    }
    if (best < 0 || issues.length > 0) break;
    const h = heads[best];
    if (h === undefined) break;
    const file = files[best] ?? "";
    if (expected !== undefined && h.record > expected) {
      issues.push({ file, path: `line ${h.at}`, code: "extra_records", message: `record ${h.record} is past the ${expected} records the summaries count; are these the summaries of these shards?` });
      break;
    }
    if (h.record < next) {
      issues.push({ file, path: `line ${h.at}`, code: "duplicate_record", message: `record ${h.record} is also in ${from}; is a shard given twice?` });
      break;
    }
    if (h.record > next) {
      const gap = h.record - 1 === next ? `record ${next} is` : `records ${next}–${h.record - 1} are`;
      issues.push({ file, path: `line ${h.at}`, code: "missing_records", message: `${gap} in none of the shards; is a shard missing?` });
      break;
    }
    if (!stream.write(`${h.line}\n`)) await new Promise<void>((r) => stream.once("drain", () => r()));
    lines++;
    next++;
    from = file;
    await advance(best);
  }
  if (issues.length === 0 && expected !== undefined && lines < expected) {
    const gap = lines + 1 === expected ? `record ${expected} is` : `records ${lines + 1}–${expected} are`;
    issues.push({ path: "$", code: "missing_records", message: `${gap} in none of the shard outputs, though the summaries count ${expected} records; is a shard output missing?` });
  }
  if (failed === undefined) await new Promise<void>((r) => stream.end(() => r()));
  await Promise.all(iters.map((it) => it.return?.(undefined)));
  if (issues.length > 0) {
    rmSync(partial, { force: true });
    return { ok: false, issues };
  }
  renameSync(partial, out);
  return { ok: true, lines };
}
