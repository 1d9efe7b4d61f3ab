import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factResolver } from "../facts/factResolver.js";
import type { MonitoringSchedule } from "../knowledge/schema.js";
import { compileCondition } from "../logic/compileCondition.js";
import { defaultPacks, loadPacks } from "./loadPacks.js";
import { scheduleConditions } from "./tableConditions.js";

const knowledge = defaultPacks().knowledge;
const resolver = factResolver("medication", knowledge);

/** A lab on file (count ≥ 1 and the newest value's age) or a lab list without it (count 0). */
const labState = fc.oneof(fc.constant({ count: 0 as const }), fc.record({ count: fc.integer({ min: 1, max: 5 }), ageDays: fc.integer({ min: 0, max: 800 }) }));

const scheduleArb = fc.record(
  {
    everyDays: fc.integer({ min: 1, max: 400 }),
    firstAfterDays: fc.integer({ min: 1, max: 200 }),
    stages: fc.array(fc.record({ untilDaysSinceStart: fc.integer({ min: 1, max: 400 }), everyDays: fc.integer({ min: 1, max: 60 }) }), { maxLength: 2 }),
    labs: fc.subarray(["TSH", "ALT", "sodium"], { minLength: 1 }),
  },
  { requiredKeys: ["everyDays", "labs"] },
);

/** The schedule's meaning, written out plainly: what the generated conditions must decide. */
function due(s: Omit<MonitoringSchedule, "id" | "title" | "medication" | "evidence">, labs: readonly ({ count: 0 } | { count: number; ageDays: number })[], daysSinceStart: number): boolean | null {
  const known = labs.filter((l): l is { count: number; ageDays: number } => "ageDays" in l);
  if (known.length === 0) return null; // nothing on file: a data gap
  const stale = (age: number) =>
    age > s.everyDays ||
    (s.stages ?? []).some((st) => daysSinceStart <= st.untilDaysSinceStart && age > st.everyDays) ||
    (s.firstAfterDays !== undefined && age >= s.firstAfterDays && daysSinceStart >= s.firstAfterDays && age >= daysSinceStart);
  return known.every((l) => stale(l.ageDays));
}

describe("monitoring schedules as conditions", () => {
  it("property: a check is due exactly when every listed lab is older than its interval; nothing on file is a gap", () => {
    fc.assert(
      fc.property(scheduleArb, fc.array(labState, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 900 }), (params, states, daysSinceStart) => {
        const schedule: MonitoringSchedule = { id: "s", title: "s", medication: { names: ["lithium"] }, evidence: [{ source: "test" }], ...params };
        const compiled = compileCondition({ all: scheduleConditions(schedule) }, resolver, "conditions");
        expect(compiled.success).toBe(true);
        if (!compiled.success) return;
        const p: Record<string, unknown> = {};
        const labs = params.labs.map((lab, i) => {
          const st = states[i] ?? { count: 0 as const };
          p[`labs.${lab}.count`] = st.count;
          if ("ageDays" in st) p[`labs.${lab}.ageDays`] = st.ageDays;
          return st;
        });
        const m = { values: { name: "lithium", classes: [], flags: [], active: true, daysSinceStart } };
        expect(compiled.data.test({ p: { values: p }, m })).toBe(due(schedule, labs, daysSinceStart));
      }),
      { numRuns: 400 },
    );
  });
});

describe("rules that name table entries", () => {
  const pack = (rule: Record<string, unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), "psychrx-ref-"));
    const rules = [{ id: "site.r", kind: "monitoring", severity: "info", scope: "medication", summary: "s", detail: "d", evidence: [{ source: "the schedule's sources" }], ...rule }];
    const body = { id: "site", version: "1.0.0", title: "site", rules };
    writeFileSync(join(dir, "pack.json"), JSON.stringify(body));
    return loadPacks([join(dir)]);
  };

  it("a rule drawing on a schedule gets its conditions and evidence", () => {
    const r = pack({ schedule: "lithium-thyroid-function" });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const rule = r.data.rules.find((x) => x.rule.id === "site.r")?.rule;
    expect(JSON.stringify(rule?.conditions)).toContain("labs.TSH.ageDays");
    // The rule's own citation first, then the schedule's.
    expect(rule?.evidence[0]?.source).toBe("the schedule's sources");
    expect(rule?.evidence.length).toBeGreaterThan(1);
  });

  it("an unknown schedule is an error at the rule's path, with a did-you-mean", () => {
    const r = pack({ schedule: "lithium-thyroid-functon" });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toContainEqual(expect.objectContaining({ path: "rules[0].schedule", code: "unknown_table_entry", message: expect.stringContaining('did you mean "lithium-thyroid-function"') }));
  });

  it("a rule with neither conditions nor a table entry, or with both entries, is refused by path", () => {
    const none = pack({ evidence: [{ source: "x", url: "https://example.org" }] });
    expect(none.success ? [] : none.issues.map((i) => i.path)).toContain("rules[0].conditions");
    const both = pack({ kind: "interaction-alert", scope: "medication-pair", schedule: "x", interaction: "y" });
    expect(both.success ? [] : both.issues.map((i) => i.path)).toContain("rules[0].interaction");
  });
});
