import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AS_OF, snapshotArb } from "../../../test/arbitraries/snapshot.js";
import { safeEvaluate } from "../../evaluate.js";
import { defaultPacks } from "../../packs/loadPacks.js";
import { normalizeDrugName } from "../../snapshot/normalizeDrugName.js";
import type { PatientSnapshot } from "../../snapshot/schema.js";
import { evaluateFhirBundle, fromFhirBundle } from "./fromFhirBundle.js";

const knowledge = defaultPacks().knowledge;
const LOINC = "http://loinc.org";
/** The first LOINC code the tables give a lab, or a scale's total or item. */
function loincOf(name: string, kind: "lab" | "total" | "item", item = 0): string | undefined {
  for (const [code, t] of knowledge.loinc) if (t.name === name && t.kind === kind && (t.kind !== "item" || t.item === item)) return code;
  return undefined;
}
/** Where an issue of the import may point: the bundle itself, one of its fields or entries, or the snapshot field an evaluation date or patient maps to. */
const IN_BUNDLE = /^(\$|resourceType|timestamp|type|entry|asOf|Patient\.)/;
const coded = (code: string | undefined, text: string) => ({ coding: code !== undefined ? [{ system: LOINC, code }] : [], text });

/**
 * The parts of a snapshot FHIR resources carry (no age, pregnancy, ancestry, side effects, PGx,
 * adherence, last visit); an empty list is unknown (no resource says "none").
 */
function fhirPart(s: PatientSnapshot): PatientSnapshot {
  return {
    id: s.id,
    asOf: s.asOf,
    ...(s.sex !== undefined ? { sex: s.sex } : {}),
    ...(s.diagnoses !== undefined && s.diagnoses.length > 0 ? { diagnoses: s.diagnoses } : {}),
    ...(s.medications !== undefined && s.medications.length > 0
      ? { medications: currentOrders(s.medications).map(({ adherence: _a, doseChangedDate: _d, ...m }) => ({ ...m, ...(m.status === "tapering" ? { status: "active" as const } : {}) })) }
      : {}),
    ...(s.labs !== undefined && s.labs.length > 0 ? { labs: s.labs } : {}),
    ...(s.scores !== undefined && s.scores.length > 0 ? { scores: s.scores } : {}),
  };
}

/**
 * A stopped entry of a drug that also has a current one is a renewal or dose change in FHIR terms,
 * and is left out; several current orders of one drug have an unknown total dose (one may replace another).
 */
function currentOrders(meds: NonNullable<PatientSnapshot["medications"]>): NonNullable<PatientSnapshot["medications"]> {
  const drug = (name: string | undefined) => normalizeDrugName(name ?? "", knowledge).canonical ?? (name ?? "").toLowerCase();
  const counts = new Map<string, number>();
  for (const m of meds) if (m.status !== "stopped") counts.set(drug(m.name), (counts.get(drug(m.name)) ?? 0) + 1);
  return meds
    .filter((m) => m.status !== "stopped" || !counts.has(drug(m.name)))
    .map(({ dailyDoseMg, ...m }) => ((counts.get(drug(m.name)) ?? 0) > 1 && m.status !== "stopped" ? m : { ...m, ...(dailyDoseMg !== undefined ? { dailyDoseMg } : {}) }));
}

/** Every path to a value inside `v` (object keys and array indices). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...at, i]), paths(x, [...at, i], out)));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) (out.push([...at, k]), paths(x, [...at, k], out));
  return out;
}

/** A bundle in the shapes EHR sandboxes and IPS documents send (see the test that reads it). */
function ehrShapes(): Record<string, unknown> {
  const ucum = (value: number) => ({ value, unit: "mg", system: "http://unitsofmeasure.org", code: "mg" });
  const daily = { repeat: { frequency: 1, period: 1, periodUnit: "d" } };
  const statement = (name: string, extra: Record<string, unknown>) => ({
    fullUrl: `urn:uuid:${name}`,
    resource: { resourceType: "MedicationStatement", status: "active", subject: { reference: "urn:uuid:pt" }, medicationCodeableConcept: { text: name }, ...extra },
  });
  const bundle = {
    resourceType: "Bundle",
    type: "document",
    timestamp: "2026-11-22T10:00:00Z",
    entry: [
      { fullUrl: "urn:uuid:pt", resource: { resourceType: "Patient", gender: "female" } },
      statement("escitalopram", { dosage: [{ sequence: 1, doseAndRate: [{ doseQuantity: ucum(20) }], timing: daily }, { sequence: 2, doseAndRate: [{ doseQuantity: ucum(10) }], timing: daily }] }),
      statement("quetiapine", { effectivePeriod: { start: "2020-01-01", end: "2022-06-30" } }),
      statement("ibuprofen", { subject: { reference: "Patient/someone-else" } }),
      statement("sertraline", { dosage: [{ doseAndRate: [{ type: { text: "calculated" }, doseQuantity: ucum(50) }, { type: { text: "ordered" }, doseQuantity: ucum(50) }], timing: { repeat: { timeOfDay: ["08:00:00", "20:00:00"] } } }] }),
      statement("aripiprazole", { dosage: [{ doseAndRate: [{ doseQuantity: ucum(5) }], timing: { repeat: { frequency: 1, period: 1, periodUnit: "d", dayOfWeek: ["mon", "wed"] } } }] }),
      { resource: { resourceType: "MedicationRequest", status: "active", intent: "proposal", subject: { reference: "urn:uuid:pt" }, medicationCodeableConcept: { text: "phenelzine" } } },
      { fullUrl: "urn:uuid:med", resource: { resourceType: "Medication", ingredient: [{ itemCodeableConcept: { text: "lithium carbonate" } }] } },
      { resource: { resourceType: "MedicationStatement", status: "active", subject: { reference: "urn:uuid:pt" }, medicationReference: { reference: "urn:uuid:med/_history/2" } } },
    ],
  };
  return bundle;
}

/** A FHIR R4 collection Bundle saying what the snapshot says (its FHIR part). */
function toBundle(s: PatientSnapshot): unknown {
  const resources: unknown[] = [{ resourceType: "Patient", id: s.id, ...(s.sex !== undefined ? { gender: s.sex } : {}) }];
  for (const d of s.diagnoses ?? []) resources.push({ resourceType: "Condition", code: { coding: [{ system: "http://hl7.org/fhir/sid/icd-10-cm", code: d.code }] } });
  for (const m of s.medications ?? []) {
    resources.push({
      resourceType: "MedicationStatement",
      status: m.status === "stopped" ? "stopped" : "active",
      medicationCodeableConcept: { text: m.name },
      ...(m.startDate !== undefined || typeof m.stoppedDate === "string" ? { effectivePeriod: { ...(m.startDate ? { start: m.startDate } : {}), ...(typeof m.stoppedDate === "string" ? { end: `${m.stoppedDate}T09:30:00Z` } : {}) } } : {}),
      ...(m.dailyDoseMg !== undefined
        ? { dosage: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" } }, doseAndRate: [{ doseQuantity: { value: m.dailyDoseMg, unit: "mg", system: "http://unitsofmeasure.org", code: "mg" } }] }] }
        : {}),
    });
  }
  for (const l of s.labs ?? []) {
    resources.push({ resourceType: "Observation", status: "final", code: coded(loincOf(l.test, "lab"), l.test), valueQuantity: { value: l.value, unit: l.unit }, effectiveDateTime: `${l.date}T08:00:00+01:00` });
  }
  for (const sc of s.scores ?? []) {
    const total = { code: coded(loincOf(sc.instrument, "total"), `${sc.instrument} total`), valueInteger: sc.total };
    const items = (sc.items ?? []).map((v, i) => ({ code: coded(loincOf(sc.instrument, "item", i + 1), `item ${i + 1}`), valueInteger: v }));
    resources.push(
      sc.items !== undefined
        ? { resourceType: "Observation", status: "final", code: { text: `${sc.instrument} panel` }, effectiveDateTime: sc.date, component: [total, ...items] }
        : { resourceType: "Observation", status: "final", ...total, effectiveDateTime: sc.date },
    );
  }
  return { resourceType: "Bundle", type: "collection", timestamp: `${AS_OF}T12:00:00Z`, entry: resources.map((resource) => ({ resource })) };
}

describe("fromFhirBundle", () => {
  it("the tables give the LOINC codes the round trip needs", () => {
    for (const lab of ["QTc", "lithium", "ANC", "eGFR", "TSH"]) expect(loincOf(lab, "lab"), lab).toBeDefined();
    expect(loincOf("PHQ-9", "total")).toBeDefined();
    expect(loincOf("GAD-7", "total")).toBeDefined();
    for (let i = 1; i <= 9; i++) expect(loincOf("PHQ-9", "item", i), `PHQ-9 item ${i}`).toBeDefined();
  });

  it("a bundle saying what a snapshot says evaluates to the same result, byte for byte", () => {
    let withSuggestions = 0;
    let withItems = 0;
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const expected = safeEvaluate(fhirPart(s));
        const got = evaluateFhirBundle(toBundle(s));
        expect(got.success ? JSON.stringify(got.data.result) : got.issues).toEqual(expected.success ? JSON.stringify(expected.data) : expected.issues);
        if (got.success && got.data.result.suggestions.length > 0) withSuggestions++;
        if (got.success && got.data.snapshot.scores?.some((x) => x.items !== undefined)) withItems++;
      }),
      { numRuns: 150 },
    );
    // The property compared real results: most fired rules, and panels' items were read.
    expect(withSuggestions).toBeGreaterThan(50);
    expect(withItems).toBeGreaterThan(10);
  });

  it("never throws, and names a path in the bundle, on any value and on a bundle with one value replaced anywhere", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = fromFhirBundle(v);
        if (!r.success) for (const i of r.issues) expect(i.path).toMatch(IN_BUNDLE);
      }),
      { numRuns: 500 },
    );
    let refused = 0;
    let read = 0;
    fc.assert(
      fc.property(snapshotArb, fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, "", "2026-13-45", -1, "Patient", "Bundle")), (s, pick, by) => {
        const bundle = toBundle(s) as Record<string, unknown>;
        const all = paths(bundle);
        const path = all[pick % all.length] ?? ["resourceType"];
        let at = bundle as Record<string | number, unknown>;
        for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
        at[path[path.length - 1] as string | number] = by;
        const r = evaluateFhirBundle(bundle);
        // Refused: every issue names a place in the bundle (or the snapshot field it maps to).
        // Read: every note names an entry, and the result is the snapshot's patient.
        if (!r.success) {
          refused++;
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) expect(i.path).toMatch(IN_BUNDLE);
        } else {
          read++;
          for (const n of r.data.notes) expect(n.path).toMatch(/^entry/);
          expect(r.data.result.patientId).toBe(r.data.snapshot.id);
        }
      }),
      { numRuns: 500 },
    );
    // Both branches were exercised.
    expect(refused).toBeGreaterThan(20);
    expect(read).toBeGreaterThan(20);
  });

  it("never throws on the EHR and IPS shapes with one value replaced anywhere (sequences, timings, ingredients, subjects, fullUrls)", () => {
    const all = paths(ehrShapes());
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, "", 0, -1, "urn:uuid:pt", "Patient/x", "history", [])), fc.boolean(), (pick, by, drafts) => {
        const bundle = ehrShapes();
        const path = all[pick % all.length] ?? ["type"];
        let at = bundle as Record<string | number, unknown>;
        for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
        at[path[path.length - 1] as string | number] = by;
        const r = evaluateFhirBundle(bundle, { draftOrdersActive: drafts });
        if (!r.success) for (const i of r.issues) expect(i.path).toMatch(IN_BUNDLE);
        else for (const n of r.data.notes) expect(n.path).toMatch(/^entry/);
      }),
      { numRuns: 400 },
    );
  });

  it("reads what EHR bundles hold: referenced and contained Medications, ICD-10 before SNOMED CT, lone items, partial dates, several patients", () => {
    const RX = "http://www.nlm.nih.gov/research/umls/rxnorm";
    const rx = (code: string, display: string) => ({ coding: [{ system: RX, code, display }] });
    const bundle = {
      resourceType: "Bundle",
      type: "searchset",
      timestamp: "2026-11-22T09:00:00Z",
      entry: [
        { resource: { resourceType: "Patient", id: "p1", gender: "male", birthDate: "1960" } },
        { fullUrl: "urn:uuid:med-1", resource: { resourceType: "Medication", id: "m1", code: rx("6448", "lithium") } },
        { resource: { resourceType: "MedicationRequest", status: "active", medicationReference: { reference: "urn:uuid:med-1" }, authoredOn: "2026-01-05" } },
        { resource: { resourceType: "MedicationRequest", status: "active", medicationReference: { reference: "Medication/m1" } } },
        {
          resource: {
            resourceType: "MedicationStatement",
            status: "completed",
            contained: [{ resourceType: "Medication", id: "c", code: rx("36437", "sertraline") }],
            medicationReference: { reference: "#c" },
            effectivePeriod: { start: "2025-03-01", end: "2026-10-01T12:00:00Z" },
          },
        },
        {
          resource: {
            resourceType: "Condition",
            code: { coding: [{ system: "http://snomed.info/sct", code: "19943007" }, { system: "http://hl7.org/fhir/sid/icd-10-cm", code: "K74.60" }] },
          },
        },
        { resource: { resourceType: "Condition", code: { coding: [{ system: "http://snomed.info/sct", code: "35489007", display: "Depressive disorder" }] } } },
        { resource: { resourceType: "Observation", status: "final", code: { coding: [{ system: LOINC, code: loincOf("PHQ-9", "item", 9) }] }, valueInteger: 2, effectiveDateTime: "2026-11-20" } },
        { resource: { resourceType: "Observation", status: "cancelled", code: { coding: [{ system: LOINC, code: loincOf("lithium", "lab") }] }, valueQuantity: { value: 0.9, unit: "mmol/L" }, effectiveDateTime: "2026-11-20" } },
        { resource: { resourceType: "Observation", status: "final", code: { coding: [{ system: LOINC, code: loincOf("lithium", "lab") }] }, valueQuantity: { value: 0.8, unit: "mg/dL" }, effectiveDateTime: "2026-11-20" } },
      ],
    };
    const r = fromFhirBundle(bundle);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.snapshot).toEqual({
      id: "p1",
      asOf: "2026-11-22",
      sex: "male",
      diagnoses: [{ code: "K74.60", system: "ICD-10-CM" }, { code: "35489007", system: "SNOMED CT", display: "Depressive disorder" }],
      medications: [
        { name: "lithium", rxcui: "6448", startDate: "2026-01-05", status: "active" },
        { name: "lithium", rxcui: "6448", status: "active" },
        { name: "sertraline", rxcui: "36437", startDate: "2025-03-01", status: "stopped", stoppedDate: "2026-10-01" },
      ],
    });
    expect(r.data.notes.map((n) => [n.path, n.code])).toEqual([
      ["entry[0].resource.birthDate", "partial_date"],
      ["entry[2].resource", "dose_unknown"],
      ["entry[3].resource", "dose_unknown"],
      ["entry[3].resource", "several_current_orders"],
      ["entry[8].resource.status", "not_a_result"],
      ["entry[9].resource", "unit_not_accepted"],
      ["entry[7].resource", "partial_items"],
    ]);
    expect(r.data.origins["medications[2]"]).toBe("entry[4].resource");
    // An ended order of lithium beside the current ones is a renewal, not lithium stopped.
    const renewed = fromFhirBundle({ ...bundle, entry: [...bundle.entry, { resource: { resourceType: "MedicationRequest", status: "stopped", medicationCodeableConcept: rx("6448", "lithium"), authoredOn: "2025-06-01" } }] });
    expect(renewed.success && renewed.data.snapshot.medications?.filter((m) => m.status === "stopped").map((m) => m.name)).toEqual(["sertraline"]);
    expect(renewed.success && renewed.data.notes.find((n) => n.code === "superseded")?.path).toBe("entry[10].resource");
    const two = fromFhirBundle({ ...bundle, entry: [...bundle.entry, { resource: { resourceType: "Patient", id: "p2" } }] });
    expect(two.success ? [] : two.issues.map((i) => [i.path, i.code])).toEqual([["entry[10].resource", "several_patients"]]);
  });

  it("a request not to give a drug is not a medication; a draft order is one only for an order-sign service (draftOrdersActive)", () => {
    const order = (extra: Record<string, unknown>) => ({
      resource: { resourceType: "MedicationRequest", status: "active", medicationCodeableConcept: { text: "phenelzine 15 MG Oral Tablet" }, ...extra },
    });
    const bundle = (extra: Record<string, unknown>) => ({
      resourceType: "Bundle",
      timestamp: "2026-11-22",
      entry: [{ resource: { resourceType: "Patient", id: "p" } }, order({}), { resource: { resourceType: "MedicationRequest", status: "active", medicationCodeableConcept: { text: "sertraline 50 MG Oral Tablet" }, ...extra } }],
    });
    const alert = (r: ReturnType<typeof evaluateFhirBundle>) => r.success && r.data.result.suggestions.some((x) => x.kind === "interaction-alert" && x.medications.includes("sertraline"));
    expect(alert(evaluateFhirBundle(bundle({})))).toBe(true);
    const refused = evaluateFhirBundle(bundle({ doNotPerform: true }));
    expect(alert(refused)).toBe(false);
    expect(refused.success && refused.data.notes.map((n) => n.path)).toContain("entry[2].resource.doNotPerform");
    expect(alert(evaluateFhirBundle(bundle({ status: "draft" })))).toBe(false);
    expect(alert(evaluateFhirBundle(bundle({ status: "draft" }), { draftOrdersActive: true }))).toBe(true);
  });

  it("reads EHR sandbox and IPS shapes: a Patient known by its fullUrl, other patients' resources, ended orders, proposals, dose entries and timings", () => {
    const bundle = ehrShapes();
    const r = fromFhirBundle(bundle);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const { snapshot, notes } = r.data;
    expect(snapshot.id).toBe("urn:uuid:pt");
    const med = (name: string) => snapshot.medications?.find((m) => m.name?.startsWith(name));
    expect(med("escitalopram")?.dailyDoseMg).toBeUndefined(); // a taper, not 30 mg
    expect(med("quetiapine")).toMatchObject({ status: "stopped", stoppedDate: "2022-06-30" });
    expect(med("ibuprofen")).toBeUndefined();
    expect(med("sertraline")?.dailyDoseMg).toBe(100);
    expect(med("aripiprazole")?.dailyDoseMg).toBeUndefined();
    expect(med("phenelzine")).toBeUndefined();
    expect(med("lithium")).toBeDefined();
    const codes = notes.map((n) => n.code);
    for (const code of ["patient_id_from_full_url", "ended", "other_patient", "not_in_effect"]) expect(codes).toContain(code);
    expect(notes.find((n) => n.code === "other_patient")?.path).toBe("entry[3].resource.subject");
    // A draft order without authoredOn starts on the evaluation date: its interactions are decided.
    const draft = evaluateFhirBundle(
      {
        resourceType: "Bundle",
        entry: [
          { resource: { resourceType: "Patient", id: "p" } },
          { resource: { resourceType: "MedicationRequest", status: "active", authoredOn: "2025-01-01", medicationCodeableConcept: { text: "lithium" } } },
          { resource: { resourceType: "MedicationRequest", status: "draft", medicationCodeableConcept: { text: "ibuprofen" } } },
        ],
      },
      { asOf: "2026-11-22", draftOrdersActive: true },
    );
    expect(draft.success && draft.data.snapshot.medications?.find((m) => m.name === "ibuprofen")?.startDate).toBe("2026-11-22");
  });

  it("IPS absent-unknown codes: 'no known medications/problems' make the list known empty; 'no information' leaves it unknown; neither is an item", () => {
    const IPS = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips";
    const bundle = (meds: string, problems: string) => ({
      resourceType: "Bundle",
      timestamp: "2026-11-22",
      entry: [
        { resource: { resourceType: "Patient", id: "p" } },
        { resource: { resourceType: "MedicationStatement", status: "active", medicationCodeableConcept: { coding: [{ system: IPS, code: meds }] } } },
        { resource: { resourceType: "Condition", code: { coding: [{ system: IPS, code: problems }] } } },
      ],
    });
    const none = fromFhirBundle(bundle("no-known-medications", "no-known-problems"));
    expect(none.success && none.data.snapshot.medications).toEqual([]);
    expect(none.success && none.data.snapshot.diagnoses).toEqual([]);
    const unknown = fromFhirBundle(bundle("no-medication-info", "no-problem-info"));
    expect(unknown.success && unknown.data.snapshot.medications).toBeUndefined();
    expect(unknown.success && unknown.data.snapshot.diagnoses).toBeUndefined();
    expect(unknown.success && unknown.data.notes.filter((n) => n.code === "absent_or_unknown")).toHaveLength(2);
  });

  it("a history bundle: only the newest version of each resource (listed first) is read", () => {
    const version = (status: string) => ({ resource: { resourceType: "MedicationRequest", id: "li", status, authoredOn: "2026-01-01", medicationCodeableConcept: { text: "lithium" } } });
    const r = fromFhirBundle({ resourceType: "Bundle", type: "history", timestamp: "2026-11-22", entry: [{ resource: { resourceType: "Patient", id: "p" } }, version("stopped"), version("active")] });
    expect(r.success && r.data.snapshot.medications?.map((m) => m.status)).toEqual(["stopped"]);
    expect(r.success && r.data.notes.find((n) => n.code === "older_version")?.path).toBe("entry[2].resource");
    const collection = fromFhirBundle({ resourceType: "Bundle", type: "collection", timestamp: "2026-11-22", entry: [{ resource: { resourceType: "Patient", id: "p" } }, version("stopped"), version("active")] });
    expect(collection.success && collection.data.snapshot.medications?.map((m) => m.status)).toEqual(["active"]);
  });

  it("a partial start or stop date, or a stop before the start, is unknown and said in a note", () => {
    const statement = (period: Record<string, string>) => ({ resource: { resourceType: "MedicationStatement", status: "completed", medicationCodeableConcept: { text: "quetiapine" }, effectivePeriod: period } });
    const r = fromFhirBundle({ resourceType: "Bundle", timestamp: "2026-11-22", entry: [{ resource: { resourceType: "Patient", id: "p" } }, statement({ start: "2023", end: "2024-03" }), statement({ start: "2024-03-01", end: "2024-02-01" })] });
    expect(r.success).toBe(true);
    if (!r.success) return;
    for (const m of r.data.snapshot.medications ?? []) expect(m.stoppedDate).toBeUndefined();
    expect(r.data.snapshot.medications?.[0]?.startDate).toBeUndefined();
    expect(r.data.notes.map((n) => `${n.path} ${n.code}`)).toEqual(expect.arrayContaining(["entry[1].resource partial_date", "entry[1].resource stop_unknown", "entry[2].resource stop_unknown"]));
  });

  it("a Condition coded in another system or in words only is kept: the groups it might fall in are unknown, not 'none'", () => {
    const bundle = (code: unknown) => ({
      resourceType: "Bundle",
      timestamp: "2026-11-22",
      entry: [
        { resource: { resourceType: "Patient", id: "p", birthDate: "1976-01-01" } },
        { resource: { resourceType: "Condition", code } },
        { resource: { resourceType: "Observation", status: "final", code: { coding: [{ system: LOINC, code: "x" }] } } },
        { resource: { resourceType: "MedicationStatement", status: "active", medicationCodeableConcept: { text: "citalopram 40 MG Oral Tablet" }, dosage: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" } }, doseAndRate: [{ doseQuantity: { value: 1 } }] }] } },
      ],
    });
    const gap = (code: unknown) => {
      const r = evaluateFhirBundle(bundle(code));
      if (!r.success) throw new Error(JSON.stringify(r.issues));
      return r.data.result.dataGaps.find((g) => g.ruleId === "dose.above-label-maximum")?.missing.includes("conditions") ?? false;
    };
    expect(gap({ coding: [{ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "F33.1" }] })).toBe(false);
    expect(gap({ coding: [{ system: "urn:oid:1.2.3.4", code: "LIV-77", display: "Liver cirrhosis" }] })).toBe(true);
    expect(gap({ text: "cirrhosis of the liver" })).toBe(true);
    const noted = fromFhirBundle(bundle({ text: "cirrhosis of the liver" }));
    expect(noted.success && noted.data.notes.find((n) => n.code === "uncoded_condition")?.path).toBe("entry[1].resource.code");
  });
});
