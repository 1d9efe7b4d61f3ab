import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRulesDir } from "./defaultRulesDir.js";
import { defaultPacks } from "./loadPacks.js";
import { lintDocuments, lintPacks } from "./lintPacks.js";
import type { LintFinding } from "./lint/lintFinding.js";
import { setAtPath, parseRulePath } from "./overlay/rulePath.js";
import { readRulesDir, type RawDocument } from "./readRulesDir.js";

type Json = Record<string, unknown>;
type Pack = Json & { rules: (Json & { id: string })[] };

const readPack = (name: string) => JSON.parse(readFileSync(join(defaultRulesDir(), "packs", `${name}.json`), "utf8")) as Pack;
const ruleIndex = (pack: Pack, id: string) => pack.rules.findIndex((r) => r.id === id);

/** Writes files into a fresh temp dir and lints it (tables come from the bundled rules/). */
function lintFiles(files: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-lint-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return lintPacks(dir);
}

/** A copy of a default pack with one rule changed at a path inside the rule. */
function broken(packName: string, ruleId: string, change: (rule: Json) => void): Pack {
  const pack = structuredClone(readPack(packName));
  const rule = pack.rules[ruleIndex(pack, ruleId)];
  if (rule === undefined) throw new Error(`no rule ${ruleId}`);
  change(rule);
  return pack;
}
const set = (path: string, value: unknown) => (rule: Json) => setAtPath(rule, parseRulePath(path), value);
/** A pair rule written out in full (no interaction from the table, so no PDDI either): `a.name` and `b.name` given. */
const ownPair = (a: string, b: string) => (rule: Json) => {
  delete rule["interaction"];
  delete rule["pddi"];
  rule["conditions"] = { all: [{ fact: "a.name", operator: "equal", value: a }, { fact: "b.name", operator: "equal", value: b }] };
  rule["evidence"] = [{ source: "a label", url: "https://example.org/label" }];
};

function only(findings: readonly LintFinding[], code: string): LintFinding {
  const matching = findings.filter((f) => f.code === code);
  expect(matching, JSON.stringify(findings, null, 2)).toHaveLength(1);
  return matching[0] as LintFinding;
}

describe("lint: the default packs", () => {
  it("lint clean, with no warning either (psychrx lint rules --strict passes)", () => {
    const report = lintPacks(defaultRulesDir());
    expect(report.findings).toEqual([]);
    expect(report.rules).toBeGreaterThan(30);
  });

  it("a loaded PackSet lints the same", () => {
    expect(lintPacks(defaultPacks()).findings).toEqual([]);
  });
});

interface BreakCase {
  readonly label: string;
  readonly pack: string;
  readonly ruleId: string;
  readonly change: (rule: Json) => void;
  readonly code: string;
  /** Path inside the rule (`rules[N].` is prefixed). */
  readonly path: string;
  readonly severity: "error" | "warning";
  readonly message?: RegExp;
}

const BREAKS: readonly BreakCase[] = [
  // Checks beyond the schema.
  { label: "an unknown drug name", pack: "safety-monitoring", ruleId: "safety.lithium-level-above-1-5", change: set("conditions.all[0].value", "lithum"), code: "unknown_drug", path: "conditions.all[0].value", severity: "error", message: /did you mean "lithium"/ },
  { label: "a brand name where the canonical name is needed", pack: "safety-monitoring", ruleId: "safety.clozapine-anc-below-1000", change: set("conditions.all[0].value", "clozaril"), code: "unknown_drug", path: "conditions.all[0].value", severity: "error", message: /holds "clozapine"/ },
  { label: "an unknown drug in an in-list", pack: "interactions", ruleId: "interaction.cyp3a4-inhibitor-lurasidone-pimozide", change: set("conditions.all[0].any[1].all[1].any[1].value[1]", "azithromycn"), code: "unknown_drug", path: "conditions.all[0].any[1].all[1].any[1].value[1]", severity: "error" },
  { label: "an unknown class", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("conditions.all[1].any[0].value", "antidepresant"), code: "unknown_class", path: "conditions.all[1].any[0].value", severity: "error", message: /did you mean "antidepressant"/ },
  { label: "an unknown flag", pack: "safety-monitoring", ruleId: "safety.avoid-in-chronic-liver-disease", change: set("conditions.all[0].value", "avoid-liver"), code: "unknown_flag", path: "conditions.all[0].value", severity: "error" },
  { label: "an unknown age band", pack: "safety-monitoring", ruleId: "safety.beers-avoid-older-adult", change: set("conditions.all[3].value", "elderly"), code: "unknown_age_band", path: "conditions.all[3].value", severity: "error" },
  { label: "an unknown score band", pack: "psych-core", ruleId: "safety.phq9-item9-positive", change: (r) => (r["conditions"] as { all: unknown[] }).all.push({ fact: "scores.PHQ-9.band", operator: "equal", value: "Severe" }), code: "unknown_band", path: "conditions.all[1].value", severity: "error", message: /did you mean "severe"/ },
  { label: "contradictory numeric bounds", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => (r["conditions"] as { all: unknown[] }).all.push({ fact: "med.pdc", operator: "greaterThan", value: 0.9 }), code: "contradictory_bounds", path: "conditions.all[3]", severity: "error", message: /never true: med\.pdc/ },
  { label: "equal to two different constants", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => (r["conditions"] as { all: unknown[] }).all.push({ fact: "med.status", operator: "equal", value: "stopped" }), code: "conflicting_values", path: "conditions.all[3]", severity: "error", message: /equal "stopped" and equal "active"/ },
  { label: "a pair rule whose sides must be the same drug", pack: "interactions", ruleId: "interaction.valproate-lamotrigine-dose", change: ownPair("valproate", "valproate"), code: "pair_same_drug", path: "conditions.all[1]", severity: "error" },
  { label: "evidence without a url", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => delete (r["evidence"] as Json[])[0]?.["url"], code: "evidence_without_url", path: "evidence[0]", severity: "warning" },
  { label: "an interaction alert without PDDI information", pack: "psych-core", ruleId: "interaction.maoi-serotonergic", change: ownPair("phenelzine", "sertraline"), code: "missing_pddi", path: "pddi", severity: "warning" },
  { label: "a rule with no test case", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => delete r["cases"], code: "no_cases", path: "", severity: "error" },
  { label: "a rule with no firing case", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => (r["cases"] = (r["cases"] as Json[]).filter((c) => c["expect"] !== "fires")), code: "no_fires_case", path: "cases", severity: "warning" },
  { label: "a rule with no quiet case", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => (r["cases"] = (r["cases"] as Json[]).filter((c) => c["expect"] !== "quiet")), code: "no_quiet_case", path: "cases", severity: "warning" },
  { label: "two cases with one name", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("cases[1].name", "sertraline PDC 0.6"), code: "duplicate_case_name", path: "cases[1].name", severity: "error" },
  { label: "a summary that can exceed 140 characters", pack: "psych-core", ruleId: "dose.above-label-maximum", change: (r) => (r["summary"] = `${String(r["summary"])}; confirm the dose with the prescriber and the pharmacist today`), code: "summary_may_exceed_140", path: "summary", severity: "warning", message: /can reach 1[4-9]\d characters/ },
  { label: "a list placeholder in the summary", pack: "safety-monitoring", ruleId: "safety.qtc-above-500-with-qt-drug", change: (r) => (r["summary"] = "QTc {{labs.QTc}} ms with {{meds.names}}"), code: "summary_may_exceed_140", path: "summary", severity: "warning", message: /no length bound/ },
  // What loading already refuses, surfaced as lint errors with the rule id.
  { label: "an unknown instrument", pack: "psych-core", ruleId: "safety.phq9-item9-positive", change: set("conditions.all[0].fact", "scores.PHQ9.item9"), code: "unknown_fact", path: "conditions.all[0].fact", severity: "error", message: /did you mean "scores\.PHQ-9\.item9"/ },
  { label: "an unknown lab", pack: "safety-monitoring", ruleId: "safety.lithium-level-above-1-5", change: set("conditions.all[3].fact", "labs.lithum"), code: "unknown_fact", path: "conditions.all[3].fact", severity: "error" },
  { label: "an unknown operator", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("conditions.all[2].operator", "lessThen"), code: "invalid_value", path: "conditions.all[2].operator", severity: "error", message: /did you mean "lessThan"/ },
  { label: "a kind outside the contract", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("kind", "adherance"), code: "invalid_value", path: "kind", severity: "error", message: /did you mean "adherence"/ },
  { label: "a severity outside the contract", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("severity", "high"), code: "invalid_value", path: "severity", severity: "error", message: /"high" is not a severity \(one of info, warning, critical\)/ },
  { label: "empty evidence", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("evidence", []), code: "too_small", path: "evidence", severity: "error" },
  { label: "a placeholder naming no fact", pack: "psych-core", ruleId: "adherence.low-pdc", change: set("summary", "{{med.nmae}}: low PDC"), code: "unknown_placeholder", path: "summary", severity: "error", message: /did you mean \{\{med\.name\}\}/ },
  { label: "a follow-up rule without followUpDays", pack: "psych-core", ruleId: "follow-up.antidepressant-start-young-adult", change: (r) => delete r["followUpDays"], code: "missing_follow_up", path: "followUpDays", severity: "error" },
  { label: "an unknown key", pack: "psych-core", ruleId: "adherence.low-pdc", change: (r) => (r["severty"] = "info"), code: "unrecognized_key", path: "severty", severity: "error", message: /did you mean "severity"/ },
];

describe("lint: each check names the rule, the file and the JSON path", () => {
  it.each(BREAKS)("$label → $code", (c) => {
    const pack = broken(c.pack, c.ruleId, c.change);
    const index = ruleIndex(pack, c.ruleId);
    const report = lintFiles({ [`${c.pack}.json`]: pack });
    const f = only(report.findings, c.code);
    expect(f).toMatchObject({ severity: c.severity, ruleId: c.ruleId, path: c.path === "" ? `rules[${index}]` : `rules[${index}].${c.path}` });
    expect(f.file).toMatch(new RegExp(`${c.pack}\\.json$`));
    if (c.message) expect(f.message).toMatch(c.message);
    expect(c.severity === "error" ? report.errors : report.warnings).toBeGreaterThan(0);
  });

  it("table entries rules draw on are checked too: unknown labs, flags and drugs, and rules naming missing entries", () => {
    const table = {
      table: "monitoring",
      version: "1.0.0",
      schedules: [{ id: "site-x", title: "x", medication: { flags: ["serotonergc"], names: ["lithum"] }, labs: ["TSHH"], everyDays: 30, evidence: [{ source: "a guideline", url: "https://example.org" }] }],
    };
    const findings = lintFiles({ "monitoring.json": table, "core.json": readPack("psych-core") }).findings;
    const at = (code: string) => findings.filter((f) => f.code === code).map((f) => f.path);
    expect(at("unknown_lab")).toEqual(["schedules[0].labs[0]"]);
    expect(at("unknown_flag")).toEqual(["schedules[0].medication.flags[0]"]);
    expect(at("unknown_drug")).toEqual(["schedules[0].medication.names[0]"]);
    // psych-core's lithium-level rule names a schedule this table does not have.
    expect(findings).toContainEqual(expect.objectContaining({ code: "unknown_table_entry", ruleId: "monitoring.lithium-level-overdue", severity: "error" }));
  });

  it("duplicate rule ids across packs", () => {
    const a = readPack("psych-core");
    const b = { ...structuredClone(a), id: "site-copy", rules: [structuredClone(a.rules[8])] };
    const f = only(lintFiles({ "a.json": a, "b.json": b }).findings, "duplicate_rule_id");
    expect(f).toMatchObject({ path: "rules[0].id", ruleId: "adherence.low-pdc", severity: "error" });
    expect(f.file).toMatch(/b\.json$/);
  });

  it("a file that is not JSON", () => {
    const report = lintFiles({ "bad.json": "{ nope", "core.json": readPack("psych-core") });
    expect(report.findings).toHaveLength(1);
    expect(only(report.findings, "invalid_json")).toMatchObject({ path: "$", severity: "error" });
  });

  it("a schema error in one rule does not hide the other rules' findings", () => {
    const pack = structuredClone(readPack("psych-core"));
    const i = ruleIndex(pack, "adherence.low-pdc");
    pack.rules[0]!["kind"] = "alert";
    set("conditions.all[1].any[0].value", "antidepresant")(pack.rules[i]!);
    set("summary", "{{med.nmae}}: low")(pack.rules[i]!);
    const findings = lintFiles({ "p.json": pack }).findings;
    expect(findings.map((f) => [f.code, f.path, f.ruleId])).toEqual([
      ["invalid_value", "rules[0].kind", "interaction.maoi-serotonergic"],
      ["unknown_class", `rules[${i}].conditions.all[1].any[0].value`, "adherence.low-pdc"],
      ["unknown_placeholder", `rules[${i}].summary`, "adherence.low-pdc"],
    ]);
  });

  it("reports every problem of a pack at once, sorted by path", () => {
    const pack = broken("psych-core", "adherence.low-pdc", (r) => {
      set("conditions.all[1].any[0].value", "antidepresant")(r);
      delete (r["evidence"] as Json[])[0]?.["url"];
    });
    const codes = lintFiles({ "p.json": pack }).findings.map((f) => f.code);
    expect(codes).toEqual(["unknown_class", "evidence_without_url"]);
  });
});

describe("lint: overlays", () => {
  const core = readPack("psych-core");
  const overlay = (changes: unknown[]) => ({ overlay: { id: "site", version: "1.0.0", title: "Site" }, changes });

  it.each([
    ["a missing rule", [{ rule: "adherence.low-pcd", enabled: false }], "overlay_unknown_rule", "changes[0].rule", "error", /did you mean "adherence\.low-pdc"/],
    ["a path that does not exist", [{ rule: "adherence.low-pdc", set: [{ path: "conditions.all[7].value", from: 0.8, value: 0.9 }] }], "overlay_unknown_path", "changes[0].set[0].path", "error", /conditions\.all has 3 items/],
    ["a value that changed under it", [{ rule: "adherence.low-pdc", set: [{ path: "conditions.all[2].value", from: 0.75, value: 0.9 }] }], "overlay_from_mismatch", "changes[0].set[0].from", "error", /has 0\.8/],
    ["a change leaving an invalid rule", [{ rule: "adherence.low-pdc", set: [{ path: "conditions.all[2].fact", from: "med.pdc", value: "med.pcd" }] }], "overlay_invalid_result", "changes[0]", "error", /unknown fact "med\.pcd"/],
    ["a set without from", [{ rule: "adherence.low-pdc", set: [{ path: "conditions.all[2].value", value: 0.9 }] }], "overlay_set_without_from", "changes[0].set[0]", "warning", /from/],
    ["an unknown severity", [{ rule: "adherence.low-pdc", severity: "critcal" }], "invalid_value", "changes[0].severity", "error", /did you mean "critical"/],
  ] as const)("refuses %s", (_label, changes, code, path, severity, message) => {
    const f = only(lintFiles({ "core.json": core, "site.json": overlay([...changes]) }).findings, code);
    expect(f).toMatchObject({ path, severity });
    expect(f.file).toMatch(/site\.json$/);
    if (code !== "invalid_value") expect(f.ruleId).toMatch(/^adherence\.low-p/);
    expect(f.message).toMatch(message);
  });

  it("a change that makes a default rule's conditions contradictory is reported at the overlay", () => {
    const safety = readPack("safety-monitoring");
    const findings = lintFiles({
      "safety.json": safety,
      "site.json": overlay([{ rule: "safety.clozapine-anc-mild-neutropenia", set: [{ path: "conditions.all[3].value", from: 1, value: 2 }] }]),
    }).findings;
    const f = only(findings, "contradictory_bounds");
    expect(f).toMatchObject({ path: "changes[0]", ruleId: "safety.clozapine-anc-mild-neutropenia", severity: "error", params: { rulePath: "conditions.all[4]" } });
    expect(f.file).toMatch(/site\.json$/);
    expect(f.message).toMatch(/^after this change, conditions\.all\[4\]: never true: labs\.ANC: no number is at least 2 and less than 1\.5/);
  });

  it("a threshold changed while the summary still states the old one", () => {
    const findings = lintFiles({ "core.json": core, "site.json": overlay([{ rule: "adherence.low-pdc", set: [{ path: "conditions.all[2].value", from: 0.8, value: 0.9 }] }]) }).findings;
    expect(findings.map((f) => [f.code, f.path, f.ruleId, f.severity, f.params?.["stated"]])).toEqual([
      ["overlay_stale_text", "changes[0].set[0]", "adherence.low-pdc", "warning", "80%"],
      ["overlay_stale_text", "changes[0].set[0]", "adherence.low-pdc", "warning", "0.8"],
    ]);
    expect(findings[1]?.message).toMatch(/summary still says "0\.8"/);
  });

  it("a valid overlay lints clean", () => {
    const summary = String(core.rules[8]?.["summary"]);
    const detail = String(core.rules[8]?.["detail"]);
    const change = {
      rule: "adherence.low-pdc",
      set: [
        { path: "conditions.all[2].value", from: 0.8, value: 0.9 },
        { path: "summary", from: summary, value: summary.replace("0.8", "0.9") },
        { path: "detail", from: detail, value: detail.replace("80%", "90%") },
      ],
      reason: "local target",
    };
    expect(lintFiles({ "core.json": core, "site.json": overlay([change]) }).findings).toEqual([]);
  });
});

describe("lint: properties", () => {
  const doc = (json: unknown) => ({ file: "x.json", id: "x", sha256: "0", json });
  const baseDocs = () => lintDocumentsInput();

  it("never throws on arbitrary JSON documents, and every finding is an error or a warning with a path", () => {
    fc.assert(
      fc.property(fc.array(fc.json().map((s) => JSON.parse(s) as unknown), { maxLength: 3 }), (values) => {
        const report = lintDocuments([...baseDocs(), ...values.map(doc)]);
        for (const f of report.findings) {
          expect(["error", "warning"]).toContain(f.severity);
          expect(typeof f.path).toBe("string");
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never throws when any value of a default pack is replaced by arbitrary JSON", () => {
    const pack = readPack("psych-core");
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(pack, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(pack);
        setAtPath(copy, path, value);
        const report = lintDocuments([...baseDocs(), doc(copy)]);
        expect(report.errors + report.warnings).toBe(report.findings.length);
      }),
      { numRuns: 150 },
    );
  });
});

/** The bundled tables as documents, read once. */
let tables: RawDocument[] | undefined;
function lintDocumentsInput(): RawDocument[] {
  tables ??= readRulesDir(join(defaultRulesDir(), "tables")).documents;
  return tables;
}

describe("lint: every code is documented", () => {
  it("docs/authoring.md lists each lint code", () => {
    const guide = readFileSync(new URL("../../docs/authoring.md", import.meta.url), "utf8");
    const codes = new Set([
      ...BREAKS.map((b) => b.code),
      "duplicate_rule_id",
      "duplicate_pack_id",
      "duplicate_overlay_id",
      "invalid_json",
      "overlay_unknown_rule",
      "overlay_unknown_path",
      "overlay_from_mismatch",
      "overlay_fixed_field",
      "overlay_invalid_result",
      "overlay_set_without_from",
      "overlay_stale_text",
    ]);
    for (const code of codes) expect(guide, code).toContain(`\`${code}\``);
  });
});
