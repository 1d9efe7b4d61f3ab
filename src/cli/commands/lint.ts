import { parseArgs } from "node:util";
import { lintPacks } from "../../packs/lintPacks.js";
import { formatFindings } from "../formatFindings.js";
import type { Io } from "../io.js";

const USAGE = "usage: psychrx lint DIR... [--strict] [--format text|json]\n";

/**
 * `psychrx lint DIR... [--strict] [--format text|json]`: validates and cross-checks packs,
 * overlays and tables. Exit 0 when clean (warnings allowed unless `--strict`), 1 on an error
 * (or a warning with `--strict`), 2 on bad usage or a directory that does not exist.
 */
export function runLint(args: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { strict: { type: "boolean" }, format: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    io.err(`psychrx: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") {
    io.err(`psychrx: unknown --format ${format} (text or json)\n${USAGE}`);
    return 2;
  }
  if (positionals.length === 0) {
    io.err(`psychrx: lint takes at least one DIR\n${USAGE}`);
    return 2;
  }
  const report = lintPacks(positionals);
  const strict = values.strict === true;
  io.out(format === "json" ? `${JSON.stringify({ ...report, strict }, null, 2)}\n` : formatFindings(report));
  if (report.findings.some((f) => f.code === "not_found")) return 2;
  return report.errors > 0 || (strict && report.warnings > 0) ? 1 : 0;
}
