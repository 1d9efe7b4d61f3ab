import type { Issue, Result } from "../core/issue.js";
import { assemblePackSet, TABLE_KINDS, tableKindsIn } from "./assemblePackSet.js";
import { defaultRulesDir } from "./defaultRulesDir.js";
import type { PackSet } from "./packSet.js";
import { readRulesDir, type RawDocument } from "./readRulesDir.js";

/**
 * Loads rule packs and knowledge tables from one or more directories (or files),
 * validates every field and compiles the rules once. Knowledge tables of a kind that
 * none of the directories provides (say, a directory holding only a site's own pack)
 * come from the bundled `rules/`, and are listed in `packs` like the rest.
 * Never throws: problems come back as issues naming file and JSON path.
 */
export function loadPacks(dirs: string | readonly string[]): Result<PackSet> {
  const list = typeof dirs === "string" ? [dirs] : dirs;
  const documents: RawDocument[] = [];
  const issues: Issue[] = [];
  for (const dir of list) {
    const read = readRulesDir(dir);
    documents.push(...read.documents);
    issues.push(...read.issues);
  }
  if (issues.length > 0) return { success: false, issues };
  const present = tableKindsIn(documents);
  if (TABLE_KINDS.some((k) => !present.has(k))) {
    const bundled = readRulesDir(defaultRulesDir());
    for (const doc of bundled.documents) {
      const t = (doc.json as { table?: unknown } | null)?.table;
      if (typeof t === "string" && !present.has(t)) documents.push(doc);
    }
  }
  return assemblePackSet(documents);
}

let cachedDefault: PackSet | undefined;

/** The bundled default packs and tables from `rules/`, loaded once and cached. */
export function defaultPacks(): PackSet {
  if (cachedDefault !== undefined) return cachedDefault;
  const loaded = loadPacks(defaultRulesDir());
  if (!loaded.success) {
    const first = loaded.issues.slice(0, 5).map((i) => `${i.file ?? ""} ${i.path}: ${i.message}`).join("; ");
    throw new PackLoadError(`psychrx: the bundled rules/ failed validation: ${first}`, loaded.issues);
  }
  cachedDefault = loaded.data;
  return cachedDefault;
}

/** Thrown only when the packs bundled with psychrx itself are broken (a packaging fault). */
export class PackLoadError extends Error {
  /** Every issue found, with file and JSON path. */
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[]) {
    super(message);
    this.name = "PackLoadError";
    this.issues = issues;
  }
}
