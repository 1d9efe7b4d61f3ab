#!/usr/bin/env node
// Renders a psychrx HTML cohort report in headless Chromium and checks that it drew
// something: a PNG screenshot of the expected size that is not near-empty, and a
// rendered DOM that holds the report's heading, disclaimer and SVG charts.
//
//   node scripts/check-report-chromium.mjs [REPORT.html] [--png OUT.png]
//
// Without REPORT.html it makes one with the built CLI (`npm run build` first):
// `psychrx synth --n 2000 --seed 1`, then `psychrx batch … --report`.
// Without /usr/bin/chromium (Debian's `chromium` package) it says so and exits 0:
// nothing is installed or downloaded at test time. Exit 1 when the check fails, 2 on bad usage.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CHROMIUM = "/usr/bin/chromium";
const WIDTH = 1200;
const HEIGHT = 1600;
/** A blank or error page at 1200×1600 compresses to a few KB; a drawn report is far larger. */
const MIN_PNG_BYTES = 30_000;

class CheckFailed extends Error {}

const args = process.argv.slice(2);
let reportArg;
let pngArg;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--png") {
    pngArg = args[++i];
    if (pngArg === undefined) usage("--png takes a file name");
  } else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else if (reportArg === undefined) reportArg = a;
  else usage("one REPORT.html at most");
}

if (!existsSync(CHROMIUM)) {
  console.log(`check-report-chromium: skipped: ${CHROMIUM} not found (on Debian: apt-get install chromium)`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), "psychrx-report-check-"));
try {
  const report = reportArg === undefined ? makeReport(work) : resolve(reportArg);
  if (!existsSync(report)) throw new CheckFailed(`no such report: ${report}`);
  const png = resolve(pngArg ?? join(work, "report.png"));
  const url = pathToFileURL(report).href;

  const shot = chromium(work, "shot", [`--screenshot=${png}`, `--window-size=${WIDTH},${HEIGHT}`, url]);
  if (!existsSync(png)) throw new CheckFailed(`Chromium wrote no screenshot (exit ${shot.status}):\n${shot.stderr}`);
  const bytes = readFileSync(png);
  const size = pngSize(bytes);
  if (size === undefined) throw new CheckFailed(`${png} is not a PNG`);
  if (size.width !== WIDTH || size.height !== HEIGHT) throw new CheckFailed(`the screenshot is ${size.width}×${size.height}, expected ${WIDTH}×${HEIGHT}`);
  if (bytes.length < MIN_PNG_BYTES) throw new CheckFailed(`the screenshot is only ${bytes.length} bytes: the page looks empty`);

  const dom = chromium(work, "dom", ["--dump-dom", url]).stdout;
  for (const expected of ["psychrx cohort report", "Disclaimer.", "Rule prevalence", "<svg"]) {
    if (!dom.includes(expected)) throw new CheckFailed(`the rendered DOM lacks ${JSON.stringify(expected)}`);
  }
  const charts = dom.split("<svg").length - 1;
  console.log(`check-report-chromium: ok: ${report} rendered (${size.width}×${size.height} PNG, ${bytes.length} bytes${pngArg ? `, saved as ${png}` : ""}); ${charts} SVG charts in the DOM`);
} catch (error) {
  if (!(error instanceof CheckFailed)) throw error;
  console.error(`check-report-chromium: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Headless Chromium with a fresh profile and no background network traffic. */
function chromium(dir, name, extra) {
  const r = spawnSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      `--user-data-dir=${join(dir, `profile-${name}`)}`,
      ...extra,
    ],
    { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error) throw new CheckFailed(`could not run Chromium: ${r.error.message}`);
  return r;
}

/** A sample report from the CLI itself: 2,000 synthetic patients through `batch --report`. */
function makeReport(dir) {
  const bin = fileURLToPath(new URL("../bin/psychrx.js", import.meta.url));
  const cohort = join(dir, "cohort.ndjson");
  const html = join(dir, "report.html");
  try {
    writeFileSync(cohort, execFileSync(process.execPath, [bin, "synth", "--n", "2000", "--seed", "1"], { maxBuffer: 256 * 1024 * 1024 }));
    execFileSync(process.execPath, [bin, "batch", cohort, "--out", join(dir, "results.ndjson"), "--report", html], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new CheckFailed(`could not make a sample report with the CLI (built? npm run build): ${error.stderr?.toString() || error.message}`);
  }
  return html;
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(bytes) {
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a" || bytes.subarray(12, 16).toString("latin1") !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function usage(message) {
  console.error(`check-report-chromium: ${message}\nusage: node scripts/check-report-chromium.mjs [REPORT.html] [--png OUT.png]`);
  process.exit(2);
}
