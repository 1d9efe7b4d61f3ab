import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotArb } from "../../test/arbitraries/snapshot.js";
import { evaluate, parseSnapshot, safeEvaluate } from "../evaluate.js";
import { parseSnapshotShape } from "./parseSnapshot.js";

const base = { id: "pt", asOf: "2026-11-22" };
const pathsOf = (input: unknown) => {
  const r = parseSnapshot(input);
  return r.success ? [] : r.issues.map((i) => i.path);
};
const codesOf = (input: unknown) => {
  const r = parseSnapshot(input);
  return r.success ? [] : r.issues.map((i) => i.code);
};

describe("parseSnapshot: never throws, always names a path", () => {
  it("on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parseSnapshot(value);
        if (!r.success) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const issue of r.issues) {
            expect(issue.path).toMatch(/^(\$|[A-Za-z_$][\w$-]*|\[)/);
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("on valid snapshots with one field corrupted", () => {
    const corruption = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(Number.NaN), fc.constant(-1), fc.constant("2026-02-30"));
    fc.assert(
      fc.property(snapshotArb, fc.constantFrom("age", "sex", "medications", "scores", "labs", "asOf", "id", "pharmacogenomics", "ancestry"), corruption, (s, key, value) => {
        const input: Record<string, unknown> = { ...s, [key]: value };
        const r = parseSnapshot(input);
        if (!r.success) for (const issue of r.issues) expect(typeof issue.path).toBe("string");
      }),
      { numRuns: 300 },
    );
  });

  it("on objects with hostile keys anywhere", () => {
    fc.assert(
      fc.property(fc.constantFrom("__proto__", "constructor", "prototype"), fc.jsonValue(), (key, value) => {
        const input = JSON.parse(`{"id":"pt","asOf":"2026-11-22","medications":[{"name":"sertraline",${JSON.stringify(key)}:${JSON.stringify(value)}}]}`);
        const r = parseSnapshot(input);
        expect(r.success).toBe(false);
        if (!r.success) expect(r.issues[0]?.path).toBe(`medications[0].${key}`);
        expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      }),
    );
  });
});

describe("parseSnapshot: examples of bad input and the paths named", () => {
  it.each([
    ["an array at the top", [], "$"],
    ["a string", "hello", "$"],
    ["missing id", { asOf: "2026-11-22" }, "id"],
    ["dose as a string", { ...base, medications: [{ name: "x" }, { name: "y" }, { name: "sertraline", dailyDoseMg: "50" }] }, "medications[2].dailyDoseMg"],
    ["negative dose", { ...base, medications: [{ name: "sertraline", dailyDoseMg: -5 }] }, "medications[0].dailyDoseMg"],
    ["impossible date", { ...base, labs: [{ test: "QTc", value: 450, unit: "ms", date: "2026-02-30" }] }, "labs[0].date"],
    ["QTc in mmol/L", { ...base, labs: [{ test: "QTc", value: 450, unit: "mmol/L", date: "2026-11-01" }] }, "labs[0].unit"],
    ["PHQ-9 total 40", { ...base, scores: [{ instrument: "PHQ-9", total: 40, date: "2026-11-01" }] }, "scores[0].total"],
    ["PHQ-9 item of 4", { ...base, scores: [{ instrument: "PHQ-9", total: 4, date: "2026-11-01", items: [4, 0, 0, 0, 0, 0, 0, 0, 0] }] }, "scores[0].items[0]"],
    ["PHQ-9 with 8 items", { ...base, scores: [{ instrument: "PHQ-9", total: 8, date: "2026-11-01", items: [1, 1, 1, 1, 1, 1, 1, 1] }] }, "scores[0].items"],
    ["PHQ-9 total not the sum", { ...base, scores: [{ instrument: "PHQ-9", total: 10, date: "2026-11-01", items: [1, 1, 1, 1, 1, 1, 1, 1, 1] }] }, "scores[0].total"],
    ["GAD-7 total 22", { ...base, scores: [{ instrument: "gad-7", total: 22, date: "2026-11-01" }] }, "scores[0].total"],
    ["start date after asOf", { ...base, medications: [{ name: "sertraline", startDate: "2026-12-01" }] }, "medications[0].startDate"],
    ["stopped before started", { ...base, medications: [{ name: "sertraline", startDate: "2026-10-01", stoppedDate: "2026-09-01" }] }, "medications[0].stoppedDate"],
    ["active with a stop date", { ...base, medications: [{ name: "sertraline", status: "active", stoppedDate: "2026-09-01" }] }, "medications[0].status"],
    ["metabolizer term for HLA", { ...base, pharmacogenomics: [{ gene: "HLA-B*15:02", phenotype: "poor metabolizer" }] }, "pharmacogenomics[0].phenotype"],
    ["unknown phenotype term", { ...base, pharmacogenomics: [{ gene: "CYP2D6", phenotype: "slow" }] }, "pharmacogenomics[0].phenotype"],
    ["age and birth date disagree", { ...base, age: 30, birthDate: "1950-01-01" }, "age"],
    ["pdc above 1", { ...base, medications: [{ name: "sertraline", adherence: { pdc: 1.2 } }] }, "medications[0].adherence.pdc"],
    ["rxcui contradicts the name", { ...base, medications: [{ name: "sertraline", rxcui: "2556" }] }, "medications[0].rxcui"],
    // Each list's date fields, at an index other than 0 (their paths are built only when an issue is found).
    ["birth date after asOf", { ...base, birthDate: "2030-01-01" }, "birthDate"],
    ["last visit after asOf", { ...base, lastVisitDate: "2030-01-01" }, "lastVisitDate"],
    ["dose changed before started", { ...base, medications: [{ name: "x" }, { name: "sertraline", startDate: "2026-10-01", doseChangedDate: "2026-09-01" }] }, "medications[1].doseChangedDate"],
    ["stop date after asOf", { ...base, medications: [{ name: "x" }, { name: "y" }, { name: "sertraline", stoppedDate: "2030-01-01" }] }, "medications[2].stoppedDate"],
    ["score date after asOf", { ...base, scores: [{ instrument: "PHQ-9", total: 4, date: "2026-11-01" }, { instrument: "GAD-7", total: 4, date: "2030-01-01" }] }, "scores[1].date"],
    ["item out of range in the second score", { ...base, scores: [{ instrument: "PHQ-9", total: 4, date: "2026-11-01" }, { instrument: "PHQ-9", total: 4, date: "2026-11-01", items: [0, 0, 0, 0, 0, 0, 0, 0, 4] }] }, "scores[1].items[8]"],
    ["lab date after asOf", { ...base, labs: [{ test: "QTc", value: 450, unit: "ms", date: "2026-11-01" }, { test: "QTc", value: 450, unit: "ms", date: "2030-01-01" }] }, "labs[1].date"],
    ["impossible lab value", { ...base, labs: [{ test: "QTc", value: 450, unit: "ms", date: "2026-11-01" }, { test: "QTc", value: -1, unit: "ms", date: "2026-11-01" }] }, "labs[1].value"],
    ["side effect onset after asOf", { ...base, sideEffects: [{ effect: "nausea" }, { effect: "tremor", onset: "2030-01-01" }] }, "sideEffects[1].onset"],
    ["conflicting phenotypes", { ...base, pharmacogenomics: [{ gene: "CYP2D6", phenotype: "poor metabolizer" }, { gene: "CYP2D6", phenotype: "normal metabolizer" }] }, "pharmacogenomics[1].phenotype"],
  ])("%s → %s", (_label, input, path) => {
    expect(pathsOf(input)).toContain(path);
  });

  it("an unknown key is an error naming it, with a did-you-mean (never read as 'no medications')", () => {
    const r = parseSnapshot({ ...base, medication: [{ name: "sertraline" }] });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues[0]).toMatchObject({ path: "medication", code: "unrecognized_key", params: { didYouMean: "medications" } });
    }
  });

  it("says what was received", () => {
    const r = parseSnapshot({ ...base, medications: [{ name: "x", dailyDoseMg: "100" }] });
    expect(r.success ? "" : r.issues[0]?.message).toBe("expected number, received string");
    const top = parseSnapshot([]);
    expect(top.success ? "" : top.issues[0]?.message).toBe("expected object, received array");
  });

  it("names a number that is not finite (1e400 in a JSON line is Infinity), not 'expected number, received number'", () => {
    // Found by feeding psychrx batch {"age":1e400} and {"dailyDoseMg":-1e400}: the error said "expected number, received number".
    const message = (input: unknown) => {
      const r = parseSnapshot(input);
      return r.success ? "" : (r.issues[0]?.message ?? "");
    };
    expect(message(JSON.parse('{"id":"pt","asOf":"2026-11-22","age":1e400}'))).toBe("expected a finite number, received Infinity (a number too large to represent, such as 1e400)");
    expect(message({ ...base, medications: [{ name: "x", dailyDoseMg: -Infinity }] })).toBe("expected a finite number, received -Infinity (a number too large to represent, such as 1e400)");
    expect(message({ ...base, age: Number.NaN })).toBe("expected a finite number, received NaN");
  });

  it("reports schema errors and table errors together, in one pass", () => {
    const paths = pathsOf({
      ...base,
      age: "old",
      medications: [{ name: "sertraline", dailyDoseMg: "50" }, { name: "citalopram", startDate: "2026-12-01" }],
      labs: [{ test: "QTc", value: 450, unit: "mmol/L", date: "2026-11-01" }],
      scores: [{ instrument: "PHQ-9", total: 40, date: "2026-11-01" }],
    });
    expect(paths).toEqual(expect.arrayContaining(["age", "medications[0].dailyDoseMg", "medications[1].startDate", "labs[0].unit", "scores[0].total"]));
  });

  it("the combined pass names every path the schema pass names (property)", () => {
    fc.assert(
      fc.property(snapshotArb, fc.constantFrom("age", "sex", "medications", "scores", "labs", "lastVisitDate"), fc.jsonValue(), (s, key, value) => {
        const input: Record<string, unknown> = { ...s, [key]: value };
        const shape = parseSnapshotShape(input);
        const full = parseSnapshot(input);
        if (!shape.success) {
          expect(full.success).toBe(false);
          const fullPaths = new Set(full.success ? [] : full.issues.map((i) => i.path));
          for (const issue of shape.issues) expect(fullPaths.has(issue.path)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reports every bad field, not only the first", () => {
    const paths = pathsOf({ ...base, age: -1, sex: "f", medications: [{ name: "x", dailyDoseMg: "1" }] });
    expect(paths).toEqual(expect.arrayContaining(["age", "sex", "medications[0].dailyDoseMg"]));
  });

  it("an unknown medication is kept, not an error", () => {
    expect(codesOf({ ...base, medications: [{ name: "amlodipine" }, { name: "sertralin" }] })).toEqual([]);
  });

  it("accepts units in any case and the listed alternatives", () => {
    const r = parseSnapshot({ ...base, labs: [{ test: "lithium", value: 0.8, unit: "meq/l", date: "2026-11-01" }, { test: "creatinine", value: 80, unit: "umol/L", date: "2026-11-01" }] });
    expect(r.success).toBe(true);
  });

  it("reads RxNorm clinical and branded drug names as their ingredient ('24 HR …', '… [Brand]')", () => {
    const names = ["Sertraline Hydrochloride 50 MG Oral Tablet [Zoloft]", "24 HR quetiapine 200 MG Extended Release Oral Tablet", "lithium carbonate 300 MG Oral Capsule", "[Zoloft]"];
    const r = evaluate({ ...base, medications: names.map((name) => ({ name })) });
    expect(r.unrecognized).toEqual([]);
    // A known brand in brackets names the drug whatever the words before it; unknown words are kept.
    expect(evaluate({ ...base, medications: [{ name: "zzz [Zoloft]" }] }).unrecognized).toEqual([]);
    expect(evaluate({ ...base, medications: [{ name: "zzz [Qqq]" }] }).unrecognized).toEqual([{ field: "medications.name", value: "zzz qqq" }]);
  });

  it("a lab in a unit not accepted names each accepted unit once", () => {
    const r = safeEvaluate({ ...base, labs: [{ test: "ANC", value: 1, unit: "furlongs", date: "2026-11-01" }] });
    expect(r.success).toBe(false);
    const issue = r.success ? undefined : r.issues[0];
    expect(issue?.code).toBe("unit_not_accepted");
    const accepted = (issue?.params as { accepted: string[] } | undefined)?.accepted ?? [];
    expect(accepted.length).toBeGreaterThan(1);
    expect(new Set(accepted).size).toBe(accepted.length);
  });
});
