#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm install` (the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
if (!existsSync(built)) {
  process.stderr.write("psychrx: dist/cli.js is missing; run `npm install` (or `npm run build`) first\n");
  process.exit(2);
}
await import(built);
