import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, ftruncateSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Issue } from "../core/issue.js";
import type { SummaryBuilder } from "./summary.js";

/**
 * Prepares an interrupted run's partial output for `--resume`: cuts a torn last line (a
 * SIGKILL mid-write), and returns the text of the complete lines and the last record number.
 */
export function recoverPartial(file: string): { text: string; lastRecord: number } | undefined {
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, "r+");
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, 0);
    const end = buf.lastIndexOf(0x0a) + 1; // keep through the last newline
    if (end < size) ftruncateSync(fd, end);
    const text = buf.subarray(0, end).toString("utf8");
    const lastLine = text.slice(0, -1).split("\n").pop() ?? "";
    const m = /^\{"record":(\d+)/.exec(lastLine);
    return { text, lastRecord: m ? Number(m[1]) : 0 };
  } finally {
    closeSync(fd);
  }
}

/** Reads a run's metadata sidecar, if any. */
export function readMeta(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * What identifies the input's content for `--resume` without reading it all: each file's size and
 * modification time (an NDJSON file, or each table of a CSV folder). A cohort rewritten at the same
 * path (tomorrow's extract) no longer matches, so its lines are not appended to yesterday's.
 */
export function inputFingerprint(input: string, tables: readonly string[]): string[] {
  const files = statSync(input).isDirectory() ? tables.map((t) => join(input, t)).filter((f) => existsSync(f)) : [input];
  return files.map((f) => {
    const s = statSync(f);
    return `${basename(f)} ${s.size} bytes, modified ${new Date(s.mtimeMs).toISOString()}`;
  });
}

const DIFFERENCES: Readonly<Record<string, string>> = {
  input: "another input",
  files: "the input as it was before it changed (size or modification time differ)",
  shard: "another --shard",
  packs: "another pack set",
};

/** What differs between a partial output's metadata and this run's, in words; undefined when they match. */
export function resumeMismatch(prior: unknown, meta: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof prior !== "object" || prior === null) return "an unknown run (its .meta.json is missing or unreadable)";
  const was = prior as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(was), ...Object.keys(meta)])];
  const differs = keys.filter((k) => JSON.stringify(was[k]) !== JSON.stringify(meta[k])).map((k) => DIFFERENCES[k] ?? k);
  return differs.length > 0 ? differs.join(", ") : undefined;
}

/**
 * Counts the complete lines of a partial output into `summary`, as the interrupted run had; an
 * issue for the first line that is not a batch output line in record order (a damaged file, e.g.
 * zeros left by a crash, or another program's file), for which no --resume can succeed.
 */
export function countPartial(text: string, summary: SummaryBuilder, file: string): Issue | undefined {
  let previous = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "" && i === lines.length - 1) break;
    try {
      const o = JSON.parse(line) as { record?: unknown; error?: { code: string } } & Parameters<SummaryBuilder["addResult"]>[0];
      if (typeof o.record !== "number" || o.record <= previous) throw new Error("record numbers out of order");
      previous = o.record;
      if (o.error) summary.addError(o.error.code);
      else summary.addResult(o);
    } catch {
      return { file, path: `line ${i + 1}`, code: "resume_damaged", message: "not a psychrx batch output line in record order; the partial output is damaged: remove it and run without --resume" };
    }
  }
  return undefined;
}
