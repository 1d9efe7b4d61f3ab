import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRulesDir } from "../../packs/defaultRulesDir.js";
import { isCdsHooksRequest, respondToCdsHooks } from "./cdsHooksRequest.js";

const request = JSON.parse(readFileSync(join(defaultRulesDir(), "..", "fixtures", "cds-hooks", "order-sign-sertraline-on-phenelzine.json"), "utf8")) as {
  context: { patientId?: string; draftOrders?: { entry: { resource: Record<string, unknown> }[] } };
  prefetch: Record<string, unknown>;
};
const asOf = "2026-11-22";
const critical = (r: ReturnType<typeof respondToCdsHooks>) => (r.success ? r.data.response.cards.filter((c) => c.indicator === "critical").map((c) => c.source.topic?.code) : r.issues);

describe("respondToCdsHooks", () => {
  it("order-sign: the draft order is evaluated as active against the prefetched medications; a null prefetch is a note", () => {
    const r = respondToCdsHooks(request, { asOf });
    expect(critical(r)).toEqual(["interaction.maoi-serotonergic"]);
    expect(r.success && r.data.evaluation.notes.map((n) => [n.path, n.code])).toEqual([["prefetch.conditions", "not_prefetched"]]);
    expect(r.success && r.data.evaluation.origins["medications[1]"]).toBe("context.draftOrders.entry[0].resource");
    // Without the draft, nothing to sign: no alert.
    const { draftOrders: _d, ...context } = request.context;
    expect(critical(respondToCdsHooks({ ...request, context }, { asOf }))).toEqual([]);
  });

  it("names bad fields by their path in the request, and refuses a patientId that is not the prefetched Patient", () => {
    const broken = structuredClone(request);
    (broken.context.draftOrders?.entry[0]?.resource as Record<string, unknown>)["authoredOn"] = 20261122;
    const r = respondToCdsHooks(broken, { asOf });
    expect(r.success ? [] : r.issues.map((i) => i.path)).toEqual(["context.draftOrders.entry[0].resource.authoredOn"]);
    const other = respondToCdsHooks({ ...request, context: { ...request.context, patientId: "someone-else" } }, { asOf });
    expect(other.success ? [] : other.issues.map((i) => i.code)).toEqual(["patient_mismatch"]);
    expect(respondToCdsHooks({ hook: "patient-view" }, { asOf }).success).toBe(false);
    const noPatient = respondToCdsHooks({ ...request, prefetch: { ...request.prefetch, patient: null } }, { asOf });
    expect(noPatient.success ? [] : noPatient.issues.map((i) => [i.path, i.code])).toEqual([["prefetch", "no_patient"]]);
  });

  it("never throws, on any value and on the request with one value replaced anywhere", () => {
    const paths = (v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
      if (Array.isArray(v)) v.forEach((x, i) => (out.push([...at, i]), paths(x, [...at, i], out)));
      else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) (out.push([...at, k]), paths(x, [...at, k], out));
      return out;
    };
    fc.assert(fc.property(fc.anything(), (v) => void respondToCdsHooks(v, { asOf })), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), (pick, by) => {
        const copy = structuredClone(request) as unknown as Record<string, unknown>;
        const all = paths(copy);
        const path = all[pick % all.length] ?? ["hook"];
        let at = copy as Record<string | number, unknown>;
        for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
        at[path[path.length - 1] as string | number] = by;
        const r = respondToCdsHooks(copy, { asOf });
        if (!r.success) for (const i of r.issues) expect(i.path).not.toMatch(/^entry\[/); // paths name the request, not the inner bundle
      }),
      { numRuns: 400 },
    );
    expect(isCdsHooksRequest(request)).toBe(true);
    expect(isCdsHooksRequest({ resourceType: "Bundle", hook: "x", hookInstance: "y" })).toBe(false);
  });
});
