import type { Issue, Result } from "../core/issue.js";
import { assemblePackSet, documentType, TABLE_KINDS, tableKindsIn } from "./assemblePackSet.js";
import { defaultRulesDir } from "./defaultRulesDir.js";
import type { PackSet } from "./packSet.js";
import { readRulesDir, type RawDocument } from "./readRulesDir.js";

/**
 * Loads rule packs, overlays and knowledge tables from one or more directories (or files),
 * validates every field, applies the overlays in order (a later one wins) and compiles the
 * rules once. Knowledge tables of a kind that none of the directories provides (say, a
 * directory holding only a site's own pack) come from the bundled `rules/`, and so do the
 * bundled rule packs when the directories hold overlays but no pack; all are listed in
 * `packs` like the rest. Never throws: problems come back as issues naming file and JSON path.
 */
export function loadPacks(dirs: string | readonly string[]): Result<PackSet> {
  const gathered = gatherDocuments(dirs);
  if (gathered.issues.length > 0) return { success: false, issues: gathered.issues };
  return assemblePackSet(gathered.documents);
}

/**
 * Reads the documents of the given directories in order, then adds what they lack from the
 * bundled `rules/`: each missing kind of table, and the rule packs when there are overlays
 * but no pack to apply them to. Files that cannot be read or parsed are issues; the documents
 * that could be read are returned all the same (lint goes on with them).
 */
export function gatherDocuments(dirs: string | readonly string[]): { documents: RawDocument[]; issues: Issue[] } {
  const list = typeof dirs === "string" ? [dirs] : dirs;
  const documents: RawDocument[] = [];
  const issues: Issue[] = [];
  for (const dir of list) {
    const read = readRulesDir(dir);
    documents.push(...read.documents);
    issues.push(...read.issues);
  }
  const present = tableKindsIn(documents);
  const types = new Set(documents.map((d) => documentType(d.json)));
  const needPacks = types.has("overlay") && !types.has("pack");
  if (needPacks || TABLE_KINDS.some((k) => !present.has(k))) {
    const bundled = readRulesDir(defaultRulesDir()).documents;
    const t = (doc: RawDocument) => (doc.json as { table?: unknown } | null)?.table;
    const missingTables = bundled.filter((doc) => typeof t(doc) === "string" && !present.has(t(doc) as string));
    // Bundled packs go before the overlays, which apply to them.
    const packs = needPacks ? bundled.filter((doc) => documentType(doc.json) === "pack") : [];
    documents.unshift(...packs);
    documents.push(...missingTables);
  }
  return { documents, issues };
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
