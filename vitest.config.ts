import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // CI reads the JSON report (see .ci/run); the default reporter stays for humans.
    reporters: process.env.PSYCHRX_JSON_REPORT ? ["default", ["json", { outputFile: process.env.PSYCHRX_JSON_REPORT }]] : ["default"],
  },
});
