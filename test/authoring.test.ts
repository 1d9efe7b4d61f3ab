/**
 * docs/authoring.md cannot drift: every ```console block is a command (`$ npx psychrx ...`) and
 * its exact output, re-run here in-process against the example files in docs/examples/.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { captureIo } from "../src/cli/captureIo.js";
import { main } from "../src/cli/main.js";
import { lintPacks } from "../src/packs/lintPacks.js";
import { loadPacks } from "../src/packs/loadPacks.js";
import { testPacks } from "../src/packs/testPacks.js";

const guide = readFileSync(new URL("../docs/authoring.md", import.meta.url), "utf8");
const blocks = [...guide.matchAll(/```console\n\$ npx psychrx (.+)\n([\s\S]*?)```/g)].map((m) => ({ args: m[1] ?? "", output: m[2] ?? "" }));

describe("docs/authoring.md", () => {
  it("has console transcripts to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it.each(blocks)("$ npx psychrx $args", async ({ args, output }) => {
    const io = captureIo();
    await main(args.split(" "), io);
    expect(io.stdout() + io.stderr()).toBe(output);
  });

  it("the finished example pack and overlay lint clean with --strict and pass their cases with the default packs", () => {
    expect(lintPacks(["rules", "docs/examples/site-rules", "docs/examples/site-overlay"]).findings).toEqual([]);
    const loaded = loadPacks(["rules", "docs/examples/site-rules", "docs/examples/site-overlay"]);
    if (!loaded.success) throw new Error(JSON.stringify(loaded.issues));
    const report = testPacks(loaded.data);
    expect(report.failed + report.errors).toBe(0);
    expect(report.rules.some((r) => r.ruleId === "site.gad7-severe-follow-up" && r.outcome === "passed")).toBe(true);
  });
});
