/**
 * End-to-end tests of the built CLI (`bin/psychrx.js` → `dist/cli.js`), run as a user would.
 * Build first: `npx tsup && npx vitest run test/cli.e2e.test.ts`.
 *
 * Other rule packs may add suggestions to these fixtures, so the tests assert the psych-core
 * rule ids each fixture is about (present or absent), never a total count of suggestions.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const patientsDir = join(repoRoot, "fixtures", "patients");
const malformedDir = join(repoRoot, "fixtures", "malformed");

const SEVERITIES = ["info", "warning", "critical"] as const;
// CONTRACT §3: the kinds, in the order suggestions of equal severity are sorted by.
const KINDS = [
  "dose-adjustment",
  "taper-warning",
  "interaction-alert",
  "follow-up",
  "monitoring",
  "safety-alert",
  "side-effect",
  "adherence",
] as const;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, ["bin/psychrx.js", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Suggestion {
  id: string;
  ruleId: string;
  pack: string;
  kind: string;
  severity: string;
  summary: string;
  detail: string;
  medications: string[];
  followUp?: { withinDays: number };
  evidence: { source: string; url?: string }[];
  because: { fact: string; operator: string; expected: unknown; actual: unknown }[];
  alsoFired?: string[];
}
interface Result {
  patientId: string;
  asOf: string;
  engine: { name: string; version: string };
  packs: { id: string; version: string; sha256: string }[];
  suggestions: Suggestion[];
  dataGaps: { ruleId: string; pack: string; missing: string[]; medications?: string[] }[];
  unrecognized: { field: string; value: string; didYouMean?: string }[];
  disclaimer: string;
}
interface CdsCard {
  uuid?: string;
  summary: string;
  detail?: string;
  indicator: string;
  source: { label: string };
}

const fixtureNames = readdirSync(patientsDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

const fixturePath = (name: string) => `fixtures/patients/${name}.json`;
const readFixture = (name: string) => JSON.parse(readFileSync(join(patientsDir, `${name}.json`), "utf8")) as Record<string, unknown>;

// Each fixture is evaluated once per format; the runs are shared by the tests below.
const cache = new Map<string, Run>();
function evaluateFixture(name: string, format: "json" | "text" | "cds-hooks" = "json"): Run {
  const key = `${name}\u0000${format}`;
  let r = cache.get(key);
  if (r === undefined) {
    r = run("evaluate", fixturePath(name), "--format", format);
    cache.set(key, r);
  }
  return r;
}
function resultOf(name: string): Result {
  const r = evaluateFixture(name);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Result;
}
const core = (res: Result) => res.suggestions.filter((s) => s.pack === "psych-core");
const fired = (res: Result, ruleId: string) => core(res).filter((s) => s.ruleId === ruleId);
const firedFor = (res: Result, ruleId: string, med: string) => fired(res, ruleId).filter((s) => s.medications.includes(med));

/** A line of stderr names `path` as the bad location: `path: …` or `file: path: …`. */
function namesPath(stderr: string, path: string): boolean {
  return stderr.split("\n").some((line) => line.startsWith(`${path}: `) || line.includes(`: ${path}: `));
}
/** Node stack frames look like `    at fn (file:line:col)`. */
const STACK_FRAME = /^\s+at\s/m;

describe("built CLI is present", () => {
  it("dist/cli.js exists (run `npx tsup` first)", () => {
    expect(existsSync(join(repoRoot, "dist", "cli.js"))).toBe(true);
  });
});

describe("fixtures/patients", () => {
  it("has at least 12 fixtures, each documented in the README, with unique ids and asOf 2026-11-22", () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(12);
    const readme = readFileSync(join(patientsDir, "README.md"), "utf8");
    const ids = new Set<string>();
    for (const name of fixtureNames) {
      expect(readme, `README.md does not mention ${name}.json`).toContain(`\`${name}.json\``);
      const snap = readFixture(name);
      expect(snap.asOf, name).toBe("2026-11-22");
      expect(typeof snap.id).toBe("string");
      expect(ids.has(snap.id as string), `duplicate id ${String(snap.id)}`).toBe(false);
      ids.add(snap.id as string);
    }
  });

  it("several fixtures are rich: 4-7 medications and a PHQ-9 history with items", () => {
    const rich = fixtureNames.filter((name) => {
      const snap = readFixture(name) as { medications?: unknown[]; scores?: { instrument: string; items?: number[] }[] };
      const meds = snap.medications?.length ?? 0;
      const phq = (snap.scores ?? []).filter((s) => s.instrument === "PHQ-9" && Array.isArray(s.items));
      return meds >= 4 && meds <= 7 && phq.length >= 2;
    });
    expect(rich.length).toBeGreaterThanOrEqual(3);
  });
});

describe.each(fixtureNames)("evaluate %s", (name) => {
  it("--format json: exit 0, a well-formed result with cited, explained, short suggestions", () => {
    const r = evaluateFixture(name, "json");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const res = JSON.parse(r.stdout) as Result;
    const snap = readFixture(name);
    expect(res.patientId).toBe(snap.id);
    expect(res.asOf).toBe("2026-11-22");
    expect(res.engine.name).toBe("psychrx");
    expect(res.packs.map((p) => p.id)).toContain("psych-core");
    expect(res.disclaimer.trim().length).toBeGreaterThan(20);
    expect(Array.isArray(res.dataGaps)).toBe(true);
    expect(Array.isArray(res.unrecognized)).toBe(true);

    for (const s of res.suggestions) {
      const where = `${s.ruleId} ${s.medications.join("+")}`;
      expect(s.summary.length, where).toBeGreaterThan(0);
      expect(s.summary.length, where).toBeLessThanOrEqual(140);
      expect(s.summary, where).not.toMatch(/\{\{|\}\}|undefined|NaN/);
      expect(s.detail.length, where).toBeGreaterThan(0);
      expect(s.detail, where).not.toMatch(/\{\{|\}\}|undefined|NaN/);
      expect(SEVERITIES, where).toContain(s.severity);
      expect(KINDS, where).toContain(s.kind);
      expect(s.evidence.length, where).toBeGreaterThan(0);
      for (const e of s.evidence) expect(e.source.trim().length, where).toBeGreaterThan(0);
      expect(s.because.length, where).toBeGreaterThan(0);
      for (const b of s.because) expect(b.fact.length, where).toBeGreaterThan(0);
    }
    // Suggestion ids are unique (one per rule and subject).
    expect(new Set(res.suggestions.map((s) => s.id)).size).toBe(res.suggestions.length);
    // CONTRACT §3: sorted by severity (critical first), then kind, then ruleId.
    const rank = (s: Suggestion): [number, number, string] => [
      -SEVERITIES.indexOf(s.severity as (typeof SEVERITIES)[number]),
      KINDS.indexOf(s.kind as (typeof KINDS)[number]),
      s.ruleId,
    ];
    for (let i = 1; i < res.suggestions.length; i++) {
      const [a, b] = [rank(res.suggestions[i - 1]!), rank(res.suggestions[i]!)];
      const ordered = a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
      expect(ordered, `suggestion ${i} out of order: ${JSON.stringify(a)} before ${JSON.stringify(b)}`).toBe(true);
    }
    // CONTRACT §3: unrecognized inputs are normalised, with no array indices.
    for (const u of res.unrecognized) expect(u.field).not.toMatch(/\[\d+\]/);
  });

  it("--format text: exit 0, names the patient, shows every summary and the disclaimer", () => {
    const res = resultOf(name);
    const r = evaluateFixture(name, "text");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(res.patientId);
    expect(r.stdout).toContain(res.disclaimer);
    for (const s of res.suggestions) expect(r.stdout).toContain(s.summary);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it("--format cds-hooks: exit 0, {cards:[...]} with valid indicators, one card per suggestion", () => {
    const res = resultOf(name);
    const r = evaluateFixture(name, "cds-hooks");
    expect(r.status, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { cards: CdsCard[] };
    expect(Array.isArray(body.cards)).toBe(true);
    expect(body.cards.length).toBeGreaterThanOrEqual(res.suggestions.length);
    for (const c of body.cards) {
      expect(["info", "warning", "critical"]).toContain(c.indicator);
      expect(c.summary.length).toBeGreaterThan(0);
      expect(c.summary.length).toBeLessThanOrEqual(140);
      expect(c.source.label.length).toBeGreaterThan(0);
    }
    for (const s of res.suggestions) {
      const card = body.cards.find((c) => c.summary === s.summary);
      expect(card, `no card for ${s.ruleId}`).toBeDefined();
      expect(card!.indicator).toBe(s.severity);
    }
  });
});

describe("psych-core rules on the fixtures they are about", () => {
  it("cirrhosis-duloxetine-citalopram: coded cirrhosis lowers the citalopram maximum and flags duloxetine", () => {
    const res = resultOf("cirrhosis-duloxetine-citalopram");
    const [dose] = firedFor(res, "dose.above-label-maximum", "citalopram");
    expect(dose?.summary).toContain("20 mg/day");
    expect(dose?.detail).toContain("hepatic impairment");
    const liver = res.suggestions.filter((s) => s.ruleId === "safety.avoid-in-chronic-liver-disease");
    expect(liver.map((s) => s.medications)).toEqual([["duloxetine"]]);
  });

  it("older-adult-citalopram-overdose: citalopram 40 mg at 74 is above the 20 mg/day maximum", () => {
    const res = resultOf("older-adult-citalopram-overdose");
    const [s] = firedFor(res, "dose.above-label-maximum", "citalopram");
    expect(s).toBeDefined();
    expect(s!.severity).toBe("warning");
    expect(s!.kind).toBe("dose-adjustment");
    expect(s!.summary).toContain("40 mg/day");
    expect(s!.summary).toContain("20 mg/day");
    // Only citalopram is over its maximum.
    expect(fired(res, "dose.above-label-maximum").flatMap((x) => x.medications)).toEqual(["citalopram"]);
    expect(fired(res, "interaction.maoi-serotonergic")).toEqual([]);
  });

  it("pgx-cyp2c19-poor-citalopram: the poor-metabolizer maximum (20 mg/day) applies at 38", () => {
    const res = resultOf("pgx-cyp2c19-poor-citalopram");
    const [s] = firedFor(res, "dose.above-label-maximum", "citalopram");
    expect(s).toBeDefined();
    expect(s!.summary).toContain("20 mg/day");
    expect(s!.because.some((b) => JSON.stringify(b).includes("labelMaxDailyDoseMg"))).toBe(true);
  });

  it("phenelzine-sertraline-interaction: critical MAOI + serotonergic alert, first in the list", () => {
    const res = resultOf("phenelzine-sertraline-interaction");
    const [s] = fired(res, "interaction.maoi-serotonergic");
    expect(s).toBeDefined();
    expect(s!.severity).toBe("critical");
    expect(s!.kind).toBe("interaction-alert");
    expect([...s!.medications].sort()).toEqual(["phenelzine", "sertraline"]);
    expect(res.suggestions[0]!.severity).toBe("critical");
    // The lesser serotonergic-combination alert for the same pair is folded into this one.
    expect(firedFor(res, "interaction.serotonergic-combination", "phenelzine")).toEqual([]);
  });

  it("trd-polypharmacy-suicidal-ideation: PHQ-9 item 9 = 2 is a critical safety alert", () => {
    const res = resultOf("trd-polypharmacy-suicidal-ideation");
    const [s] = fired(res, "safety.phq9-item9-positive");
    expect(s).toBeDefined();
    expect(s!.severity).toBe("critical");
    expect(s!.kind).toBe("safety-alert");
    expect(s!.summary).toMatch(/scored 2 of 3/);
    expect(res.suggestions[0]!.severity).toBe("critical");
  });

  it("trd-polypharmacy-suicidal-ideation: low PDC flagged for each psychotropic below 0.8, not for venlafaxine at 0.81 nor naltrexone; naltrexone with tramadol is critical", () => {
    const res = resultOf("trd-polypharmacy-suicidal-ideation");
    const low = fired(res, "adherence.low-pdc").flatMap((s) => s.medications).sort();
    expect(low).toEqual(["aripiprazole", "mirtazapine"]);
    const nal = res.suggestions.filter((s) => s.ruleId === "interaction.naltrexone-opioid");
    expect(nal.map((s) => [s.severity, s.medications])).toEqual([["critical", ["naltrexone", "tramadol"]]]);
  });

  it("bipolar-low-adherence-antipsychotic: low PDC and weight gain on olanzapine", () => {
    const res = resultOf("bipolar-low-adherence-antipsychotic");
    const low = fired(res, "adherence.low-pdc").flatMap((s) => s.medications);
    expect(low).toEqual(expect.arrayContaining(["olanzapine", "lithium"]));
    expect(firedFor(res, "adherence.low-pdc", "olanzapine")[0]!.summary).toContain("0.52");
    expect(firedFor(res, "side-effect.sga-weight-gain", "olanzapine")).toHaveLength(1);
    // Lithium level 48 days old, started 6 months ago: not overdue.
    expect(fired(res, "monitoring.lithium-level-overdue")).toEqual([]);
  });

  it("adolescent-adhd-stimulant: Concerta is read as methylphenidate, PDC 0.74 is low", () => {
    const res = resultOf("adolescent-adhd-stimulant");
    const [s] = firedFor(res, "adherence.low-pdc", "methylphenidate");
    expect(s).toBeDefined();
    expect(s!.kind).toBe("adherence");
    expect(s!.summary).toContain("0.74");
    expect(firedFor(res, "adherence.low-pdc", "guanfacine")).toEqual([]);
  });

  it("bipolar-lithium-nsaid: lithium level 257 days old is overdue", () => {
    const res = resultOf("bipolar-lithium-nsaid");
    const [s] = firedFor(res, "monitoring.lithium-level-overdue", "lithium");
    expect(s).toBeDefined();
    expect(s!.kind).toBe("monitoring");
    expect(s!.summary).toContain("257 days");
  });

  it("paroxetine-abrupt-stop-switch: paroxetine stopped 8 days ago raises a taper warning", () => {
    const res = resultOf("paroxetine-abrupt-stop-switch");
    const [s] = firedFor(res, "taper.recent-stop-discontinuation-risk", "paroxetine");
    expect(s).toBeDefined();
    expect(s!.kind).toBe("taper-warning");
    expect(s!.summary).toContain("8 days");
    // The newly started escitalopram is active, not stopped.
    expect(firedFor(res, "taper.recent-stop-discontinuation-risk", "escitalopram")).toEqual([]);
  });

  it("mdd-young-adult-new-ssri: Zoloft started 4 days ago at 20 needs review within 7 days", () => {
    const res = resultOf("mdd-young-adult-new-ssri");
    const [s] = firedFor(res, "follow-up.antidepressant-start-young-adult", "sertraline");
    expect(s).toBeDefined();
    expect(s!.kind).toBe("follow-up");
    expect(s!.followUp).toEqual({ withinDays: 7 });
    expect(s!.summary).toContain("4 days ago at age 20");
    // Item 9 is 0 on the newest PHQ-9.
    expect(fired(res, "safety.phq9-item9-positive")).toEqual([]);
  });

  it("schizophrenia-clozapine: weight gain on clozapine; the stopped olanzapine is not flagged", () => {
    const res = resultOf("schizophrenia-clozapine");
    expect(firedFor(res, "side-effect.sga-weight-gain", "clozapine")).toHaveLength(1);
    expect(firedFor(res, "side-effect.sga-weight-gain", "olanzapine")).toEqual([]);
    expect(res.unrecognized).toEqual(expect.arrayContaining([{ field: "medications.name", value: "metformin" }]));
  });

  it("unrecognized-meds-typos: amlodipine, metformin and 'sertralin' (did you mean sertraline) are listed, not guessed", () => {
    const res = resultOf("unrecognized-meds-typos");
    expect(res.unrecognized).toEqual(
      expect.arrayContaining([
        { field: "medications.name", value: "amlodipine" },
        { field: "medications.name", value: "metformin" },
        { field: "medications.name", value: "sertralin", didYouMean: "sertraline" },
      ]),
    );
    // The misspelt drug is not silently treated as sertraline.
    expect(res.suggestions.flatMap((s) => s.medications)).not.toContain("sertraline");
  });

  it("well-managed-mdd-remission: no warning or critical suggestion from psych-core", () => {
    const res = resultOf("well-managed-mdd-remission");
    const loud = core(res).filter((s) => s.severity !== "info");
    expect(loud.map((s) => `${s.severity} ${s.ruleId}`)).toEqual([]);
  });

  it("minimal-id-asof-only: evaluates, no psych-core suggestion, item 9 reported as a data gap", () => {
    const res = resultOf("minimal-id-asof-only");
    expect(res.patientId).toBe("fx-minimal-id-asof-only");
    expect(core(res)).toEqual([]);
    expect(res.dataGaps).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: "safety.phq9-item9-positive", missing: ["scores.PHQ-9.item9"] })]),
    );
  });
});

interface MalformedCase {
  readonly file: string;
  /** JSON paths stderr must name (fixtures/malformed/README.md). */
  readonly paths: readonly string[];
  /** Further text stderr must contain. */
  readonly mentions: readonly (string | RegExp)[];
}

const MALFORMED: readonly MalformedCase[] = [
  { file: "not-json.json", paths: ["$"], mentions: ["not valid JSON", "[invalid_json]"] },
  { file: "empty.json", paths: ["$"], mentions: ["empty", "[empty_file]"] },
  { file: "array-top-level.json", paths: ["$"], mentions: ["expected object", "[invalid_type]"] },
  { file: "wrong-types.json", paths: ["medications[1].dailyDoseMg"], mentions: ["expected number", "[invalid_type]"] },
  {
    file: "out-of-range.json",
    paths: ["scores[0].total", "scores[1].items[2]"],
    mentions: [/PHQ-9 total .*27.*40/, /GAD-7 items .*3.*4/, "[out_of_range]"],
  },
  { file: "bad-unit.json", paths: ["labs[0].unit"], mentions: ["mmol/L", /\bms\b/, "[unit_not_accepted]"] },
  { file: "unknown-key.json", paths: ["medication"], mentions: ['did you mean "medications"', "[unrecognized_key]"] },
  { file: "bad-date.json", paths: ["medications[0].startDate"], mentions: ["YYYY-MM-DD"] },
  { file: "proto-pollution.json", paths: ["__proto__"], mentions: ["[forbidden_key]"] },
  { file: "duplicate-key.json", paths: ["medications"], mentions: ["[duplicate_key]"] },
];

describe("fixtures/malformed", () => {
  it("every malformed fixture has a case here and a line in the README", () => {
    const files = readdirSync(malformedDir).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(MALFORMED.map((c) => c.file).sort());
    const readme = readFileSync(join(malformedDir, "README.md"), "utf8");
    for (const c of MALFORMED) {
      expect(readme).toContain(`\`${c.file}\``);
      for (const p of c.paths) expect(readme).toContain(`\`${p}\``);
    }
  });

  it.each(MALFORMED)("$file: exit 2, stderr names $paths, nothing on stdout, no stack trace", (c) => {
    const r = run("evaluate", `fixtures/malformed/${c.file}`, "--format", "json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`fixtures/malformed/${c.file}`);
    for (const p of c.paths) expect(namesPath(r.stderr, p), `stderr does not name ${p}:\n${r.stderr}`).toBe(true);
    for (const m of c.mentions) {
      if (typeof m === "string") expect(r.stderr).toContain(m);
      else expect(r.stderr).toMatch(m);
    }
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toContain("node:internal");
  });

  it("the exit code and message do not depend on --format", () => {
    const json = run("evaluate", "fixtures/malformed/bad-unit.json", "--format", "json");
    const text = run("evaluate", "fixtures/malformed/bad-unit.json", "--format", "text");
    const cds = run("evaluate", "fixtures/malformed/bad-unit.json", "--format", "cds-hooks");
    expect([json.status, text.status, cds.status]).toEqual([2, 2, 2]);
    expect(text.stderr).toBe(json.stderr);
    expect(cds.stderr).toBe(json.stderr);
    expect(text.stdout + cds.stdout).toBe("");
  });
});

describe("CLI usage errors", () => {
  it("a missing file exits 2 and says so, without a stack trace", () => {
    const r = run("evaluate", "fixtures/patients/no-such-patient.json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("no-such-patient.json");
    expect(r.stderr).toContain("no such file");
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it("an unknown command exits 2 and names it", () => {
    const r = run("frobnicate", fixturePath("minimal-id-asof-only"));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain("Usage:");
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it("an unknown flag exits 2 and names it", () => {
    const r = run("evaluate", fixturePath("minimal-id-asof-only"), "--colour");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--colour");
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it("an unknown --format value exits 2 and lists the formats", () => {
    const r = run("evaluate", fixturePath("minimal-id-asof-only"), "--format", "xml");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("xml");
    expect(r.stderr).toContain("cds-hooks");
  });

  it("evaluate without a file exits 2", () => {
    const r = run("evaluate");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/FILE/);
  });

  it("--help exits 0 and --version prints the engine version", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("psychrx evaluate FILE.json");
    const version = run("--version");
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(resultOf("minimal-id-asof-only").engine.version);
  });
});

describe("psychrx test rules", () => {
  it("exits 0 with every rule case passing", () => {
    const r = run("test", "rules");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\b0 failed\b/);
    expect(r.stdout).toMatch(/\b0 errors\b/);
  });
});

// Fixtures with several medications exercise pair rules, merging and sorting.
const polypharmacy = fixtureNames.filter((name) => ((readFixture(name).medications as unknown[] | undefined)?.length ?? 0) >= 4);

describe("determinism: the same input gives byte-identical output", () => {
  it("there are polypharmacy fixtures to check", () => {
    expect(polypharmacy.length).toBeGreaterThanOrEqual(4);
  });

  // Two back-to-back runs (not the cached ones): rule packs may be edited while the suite runs.
  it.each(polypharmacy)("%s --format json, twice", (name) => {
    const first = run("evaluate", fixturePath(name), "--format", "json");
    const second = run("evaluate", fixturePath(name), "--format", "json");
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it.each(["text", "cds-hooks"] as const)("trd-polypharmacy-suicidal-ideation --format %s, twice", (format) => {
    const name = "trd-polypharmacy-suicidal-ideation";
    const first = run("evaluate", fixturePath(name), "--format", format);
    const second = run("evaluate", fixturePath(name), "--format", format);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });
});
