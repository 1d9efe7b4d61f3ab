import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    shims: true,
    clean: true,
    target: "node20",
    sourcemap: false,
  },
  {
    entry: { cli: "src/cli/bin.ts", "batch-worker": "src/batch/worker.ts" },
    format: ["esm"],
    target: "node20",
    clean: false,
    sourcemap: false,
  },
]);
