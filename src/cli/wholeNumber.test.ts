import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { captureIo } from "./captureIo.js";
import { parseShard } from "./commands/batch.js";
import { main } from "./main.js";
import { wholeNumber } from "./wholeNumber.js";

// Found by running `psychrx batch … --workers 1e1`: Number() read it as 10 and the run started ten
// worker threads on a two-core machine; `0x2` and ` 2` were taken as 2 as well.
const MAX = Number.MAX_SAFE_INTEGER;

describe("wholeNumber: decimal digits only", () => {
  it("takes exactly the texts of decimal digits whose value is in range, and reads them as decimal", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^[0-9]{1,20}$/), fc.constantFrom("1e1", "2.5", "0x2", " 2", "2 ", "-1", "+1", "", "1_000", "２", "Infinity", "0b1", "0o7")), fc.nat(300), fc.nat(300), (text, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const value = wholeNumber(text, min, max);
        const digits = /^[0-9]+$/.test(text);
        const inRange = digits && BigInt(text) >= BigInt(min) && BigInt(text) <= BigInt(max);
        expect(value !== undefined).toBe(inRange);
        if (value !== undefined) expect(BigInt(value)).toBe(BigInt(text));
      }),
      { numRuns: 500 },
    );
  });

  it("reads every safe integer back from its decimal text, and refuses a value beyond the safe integers", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(wholeNumber(String(n), 0, MAX)).toBe(n);
      }),
    );
    expect(wholeNumber("9007199254740993", 0, MAX)).toBeUndefined();
    expect(wholeNumber("007", 0, MAX)).toBe(7);
  });

  it("--shard K/N takes two whole numbers with 1 ≤ K ≤ N", () => {
    expect(parseShard("2/3")).toEqual({ k: 2, n: 3 });
    for (const bad of ["4/3", "0/3", "1/0", "1e0/3", "1/3/3", " 1/3", "1/ 3", "1/", "/3", "1.0/3", "0x1/3", "1/99999999999999999999", ""]) expect(parseShard(bad), bad).toBeUndefined();
  });
});

describe("psychrx batch: numeric options", () => {
  // Refused before the input is read: the input needs not even be a cohort.
  const out = join(mkdtempSync(join(tmpdir(), "psychrx-options-")), "out.ndjson");
  const run = async (...argv: string[]) => {
    const io = captureIo();
    const status = await main(["batch", "package.json", "--out", out, ...argv], io);
    return { status, stderr: io.stderr(), stdout: io.stdout() };
  };

  it.each(["1e1", "2.5", "0x2", " 2", "2 ", "-1", "0", "", "257", "+2", "two"])("--workers %j exits 2 naming the option and the value", async (value) => {
    const r = await run(`--workers=${value}`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain(`--workers takes a whole number from 1 to 256, in decimal digits; got ${JSON.stringify(value)}`);
  });

  it.each(["4/3", "1e0/2", "0x1/2", "1/2 ", "2.0/3"])("--shard %j exits 2 naming the option and the value", async (value) => {
    const r = await run(`--shard=${value}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--shard takes K/N`);
    expect(r.stderr).toContain(JSON.stringify(value));
  });
});
