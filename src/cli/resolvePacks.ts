import type { Result } from "../core/issue.js";
import { defaultPacks, loadPacks } from "../packs/loadPacks.js";
import type { PackSet } from "../packs/packSet.js";

/** The packs named by `--packs` (several allowed, in order), or the bundled defaults. */
export function resolvePacks(dirs: readonly string[] | undefined): Result<PackSet> {
  if (dirs === undefined || dirs.length === 0) return { success: true, data: defaultPacks() };
  return loadPacks(dirs);
}
