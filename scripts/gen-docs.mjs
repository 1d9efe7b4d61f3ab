// Regenerates what is generated from code: `npm run docs`. Tests fail when these files are stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { defaultPacks, jsonSchemas, renderFactsMarkdown, renderRulesMarkdown } from "../dist/index.js";

writeFileSync(new URL("../docs/facts.md", import.meta.url), renderFactsMarkdown());
writeFileSync(new URL("../docs/rules.md", import.meta.url), renderRulesMarkdown(defaultPacks()));
mkdirSync(new URL("../schemas/", import.meta.url), { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
}
process.stderr.write("wrote docs/facts.md, docs/rules.md and schemas/*.schema.json\n");
