import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Issue } from "../core/issue.js";
import { CSV_TABLES } from "../batch/readCsvCohort.js";

/** The files a batch run reads and writes, as given on the command line. */
export interface BatchPaths {
  readonly input: string;
  readonly out: string;
  readonly summary?: string | undefined;
  readonly report?: string | undefined;
}

/** `path` resolved through symbolic links as far as it exists, so that two names of one file compare equal. */
function canonical(path: string): string {
  const full = resolve(path);
  if (existsSync(full)) {
    try {
      return realpathSync(full);
    } catch {
      return full; // e.g. /dev/stdin on a pipe
    }
  }
  const parent = dirname(full);
  return parent === full ? full : join(canonical(parent), basename(full));
}

/**
 * Checks, before anything is evaluated, that a batch run can read its input and write its
 * outputs: a folder given as input has `patients.csv` (anything else is read as NDJSON, a pipe
 * such as /dev/stdin included); each output's folder exists and
 * the output is not a folder; no output overwrites the input (or one of its CSV tables) or
 * another output. Without this a run could evaluate a whole cohort and then fail to write, or
 * rename its output over the input it read.
 */
export function checkBatchPaths(p: BatchPaths): Issue[] {
  const issues: Issue[] = [];
  const input = statSync(p.input);
  if (input.isDirectory() && !existsSync(join(p.input, "patients.csv"))) {
    issues.push({ path: "IN", code: "not_a_cohort", message: `${p.input} is a folder without patients.csv; give an NDJSON file or a folder of CSV tables (see fixtures/cohorts/README.md)` });
  }
  const read = input.isDirectory() ? ["patients.csv", ...Object.keys(CSV_TABLES)].map((f) => canonical(join(p.input, f))) : [canonical(p.input)];
  const outputs: [string, string | undefined][] = [
    ["--out", p.out],
    ["--summary", p.summary],
    ["--report", p.report],
  ];
  const written = new Map<string, string>();
  for (const [flag, file] of outputs) {
    if (file === undefined) continue;
    const at = canonical(file);
    const folder = dirname(resolve(file));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) issues.push({ path: flag, code: "no_such_folder", message: `the folder ${dirname(file)} does not exist` });
    else if (existsSync(at) && statSync(at).isDirectory()) issues.push({ path: flag, code: "is_a_folder", message: `${file} is a folder; name a file` });
    else if (read.includes(at)) issues.push({ path: flag, code: "overwrites_input", message: `${file} is the input; writing it would destroy the cohort being read` });
    else if (written.has(at)) issues.push({ path: flag, code: "same_output", message: `${file} is also ${written.get(at) ?? "another output"}` });
    written.set(at, flag);
  }
  return issues;
}
