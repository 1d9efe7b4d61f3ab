import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { duplicateKeyIssue, duplicateKeys } from "../core/duplicateKeys.js";
import type { Issue } from "../core/issue.js";

/** A JSON document read from a rules directory. */
export interface RawDocument {
  /** Path shown in issues (relative to the current directory when possible). */
  readonly file: string;
  /** Path relative to the rules directory, `/`-separated, without `.json`. */
  readonly id: string;
  readonly sha256: string;
  readonly json: unknown;
}

const SKIP = new Set(["node_modules", "schemas"]);

/**
 * Reads every `*.json` file under `dir` (recursively, in sorted order). A file that is
 * not JSON becomes an issue naming the file; nothing throws.
 */
export function readRulesDir(dir: string): { documents: RawDocument[]; issues: Issue[] } {
  const documents: RawDocument[] = [];
  const issues: Issue[] = [];
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return { documents, issues: [{ file: dir, path: "$", code: "not_found", message: `no such directory or file: ${dir}` }] };
  }
  const files = stat.isDirectory() ? listJson(dir) : [dir];
  for (const path of files) {
    const shown = displayPath(path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      issues.push({ file: shown, path: "$", code: "unreadable", message: `cannot read file: ${(error as Error).message}` });
      continue;
    }
    const text = bytes.toString("utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      issues.push({ file: shown, path: "$", code: "invalid_json", message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const twice = duplicateKeys(text);
    if (twice.length > 0) {
      for (const at of twice) issues.push(duplicateKeyIssue(shown, at));
      continue;
    }
    const rel = stat.isDirectory() ? relative(dir, path) : path.split(sep).pop() ?? path;
    documents.push({
      file: shown,
      id: rel.split(sep).join("/").replace(/\.json$/, ""),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      json,
    });
  }
  return { documents, issues };
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith(".json")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}
