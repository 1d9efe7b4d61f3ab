import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The bundled `rules/` directory: found by walking up from this module to the psychrx
 * package root, so it works from `src/` (tests), `dist/` (ESM and CJS builds) alike.
 */
export function defaultRulesDir(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && existsSync(join(dir, "rules"))) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "psychrx") return (cached = join(dir, "rules"));
      } catch {
        // not our package.json; keep walking
      }
    }
    dir = dirname(dir);
  }
  throw new Error("psychrx: the bundled rules/ directory is missing from the installed package");
}
