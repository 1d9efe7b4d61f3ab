import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const snapshot = JSON.stringify({ id: "x", asOf: "2026-11-22", age: 70, medications: [{ name: "citalopram", dailyDoseMg: 40 }] });

describe("the built package works from both module systems (run after `npm run build`)", () => {
  it("CommonJS: require('./dist/index.cjs') finds the bundled rules and evaluates", () => {
    const r = spawnSync(process.execPath, ["-e", `const p = require("./dist/index.cjs"); console.log(p.evaluate(${snapshot}).suggestions.map((s) => s.ruleId).join(","))`], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split(",")).toContain("dose.above-label-maximum");
  });
  it("ESM: import('./dist/index.js') evaluates identically", () => {
    const cjs = spawnSync(process.execPath, ["-e", `console.log(JSON.stringify(require("./dist/index.cjs").evaluate(${snapshot})))`], { cwd: root, encoding: "utf8" });
    const esm = spawnSync(process.execPath, ["--input-type=module", "-e", `import { evaluate } from "./dist/index.js"; console.log(JSON.stringify(evaluate(${snapshot})))`], { cwd: root, encoding: "utf8" });
    expect(esm.stderr).toBe("");
    expect(esm.stdout).toBe(cjs.stdout);
  });
});
