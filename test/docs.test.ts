import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderFactsMarkdown } from "../src/facts/renderFactsMarkdown.js";
import { jsonSchemas } from "../src/packs/jsonSchemas.js";
import { defaultPacks } from "../src/packs/loadPacks.js";
import { renderRulesMarkdown } from "../src/packs/renderRulesMarkdown.js";
import { VERSION } from "../src/version.js";
import { DISCLAIMER } from "../src/output/disclaimer.js";

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), "utf8");

describe("docs cannot drift", () => {
  it("docs/facts.md is generated from the fact catalog (run `npm run docs` when this fails)", () => {
    expect(read("docs/facts.md")).toBe(renderFactsMarkdown());
  });
  it("docs/rules.md is generated from the rule packs (run `npm run docs` when this fails)", () => {
    expect(read("docs/rules.md")).toBe(renderRulesMarkdown(defaultPacks()));
  });
  it("schemas/*.schema.json are generated from the zod schemas (run `npm run docs` when this fails)", () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(read(`schemas/${name}`)).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    }
  });
  it("VERSION matches package.json", () => {
    expect(VERSION).toBe((JSON.parse(read("package.json")) as { version: string }).version);
  });
  it("the README opens with the two set-up commands and carries the disclaimer", () => {
    const readme = read("README.md");
    const head = readme.split("\n").slice(0, 20).join("\n");
    expect(head).toMatch(/^npm install && npx psychrx evaluate fixtures\/patients\/[\w-]+\.json$/m);
    expect(head).toMatch(/^npm test$/m);
    const example = /npx psychrx evaluate (fixtures\/patients\/[\w-]+\.json)/.exec(head)?.[1] ?? "";
    expect(() => read(example)).not.toThrow();
    expect(readme.replace(/\s+/g, " ")).toContain("not a substitute for clinical judgment");
  });
  it("the disclaimer says what the packs are", () => {
    expect(DISCLAIMER).toMatch(/not a substitute for clinical judgment/);
    expect(DISCLAIMER).toMatch(/local validation/);
  });
});
