// Regenerates the generated docs from the built library: `npm run docs`.
import { writeFileSync } from "node:fs";
import { renderFactsMarkdown } from "../dist/index.js";

writeFileSync(new URL("../docs/facts.md", import.meta.url), renderFactsMarkdown());
process.stderr.write("wrote docs/facts.md\n");
