import { parseArgs } from "node:util";
import { VERSION } from "../version.js";
import { runEvaluate } from "./commands/evaluate.js";
import { runTest } from "./commands/test.js";
import { runExplain } from "./commands/explain.js";
import { runLint } from "./commands/lint.js";
import { runBatchCommand as runBatch } from "./commands/batch.js";
import { runMerge } from "./commands/merge.js";
import { runSynth } from "./commands/synth.js";

/** Commands that parse their own arguments. */
const COMMANDS: Readonly<Record<string, (args: readonly string[], io: Io) => number | Promise<number>>> = {
  lint: runLint,
  batch: runBatch,
  merge: runMerge,
  synth: runSynth,
};
import { processIo, type Io } from "./io.js";

const HELP = `psychrx ${VERSION} — clinical decision support for psychiatric medication management

Usage:
  psychrx evaluate FILE.json [--format json|text|cds-hooks] [--packs DIR]... [--as-of YYYY-MM-DD]
                (FILE: a patient snapshot, a FHIR R4 Bundle of one patient, or a CDS Hooks request)
  psychrx test DIR... [--filter RULEID] [--format text|json]
  psychrx explain FILE.json --rule RULEID [--format text|json] [--packs DIR]... [--as-of YYYY-MM-DD]
  psychrx lint DIR... [--strict] [--format text|json]
  psychrx batch IN(.ndjson|DIR) --out OUT.ndjson [--summary S.json] [--report R.html] [--packs DIR]...
                [--workers N] [--resume] [--shard K/N]
  psychrx merge SHARD.ndjson... --out OUT.ndjson [--summaries S1.json,S2.json --summary S.json]
  psychrx synth --n N [--seed S] [--packs DIR]...
  psychrx --help | --version

Exit codes: 0 success; 1 test failures; 2 invalid input or usage.
Suggestions are decision support, not a substitute for clinical judgment.
`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const own = COMMANDS[command];
  if (own !== undefined) return own(rest, io);
  try {
    if (command === "evaluate") {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { format: { type: "string" }, packs: { type: "string", multiple: true }, "as-of": { type: "string" } },
      });
      const format = values.format ?? (io.stdoutIsTty ? "text" : "json");
      if (positionals.length !== 1) return usage(io, "evaluate takes exactly one FILE");
      if (format !== "json" && format !== "text" && format !== "cds-hooks") return usage(io, `unknown --format ${format} (json, text or cds-hooks)`);
      return runEvaluate({ file: positionals[0] as string, format, ...(values.packs ? { packs: values.packs } : {}), ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}) }, io);
    }
    if (command === "explain") {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { rule: { type: "string" }, format: { type: "string" }, packs: { type: "string", multiple: true }, "as-of": { type: "string" } },
      });
      const format = values.format ?? "text";
      if (positionals.length !== 1 || values.rule === undefined) return usage(io, "explain takes one FILE and --rule RULEID");
      if (format !== "json" && format !== "text") return usage(io, `unknown --format ${format} (text or json)`);
      return runExplain({ file: positionals[0] as string, ruleId: values.rule, format, ...(values.packs ? { packs: values.packs } : {}), ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}) }, io);
    }
    if (command === "test") {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { filter: { type: "string" }, format: { type: "string" } },
      });
      const format = values.format ?? "text";
      if (positionals.length === 0) return usage(io, "test takes at least one DIR");
      if (format !== "json" && format !== "text") return usage(io, `unknown --format ${format} (text or json)`);
      return runTest({ dirs: positionals, format, ...(values.filter !== undefined ? { filter: values.filter } : {}) }, io);
    }
  } catch (error) {
    // parseArgs rejects unknown options with a TypeError whose message names the option.
    return usage(io, (error as Error).message);
  }
  return usage(io, `unknown command "${command}"`);
}

function usage(io: Io, message: string): number {
  io.err(`psychrx: ${message}\n\n${HELP}`);
  return 2;
}
