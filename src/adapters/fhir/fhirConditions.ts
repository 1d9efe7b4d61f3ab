import type { SnapshotDiagnosis } from "../../snapshot/schema.js";
import { parseResource, type Entry, type ImportContext } from "./fhirEntry.js";
import { ConditionSchema } from "./fhirSchema.js";
import { codingsIn, describe, hasCode, SYSTEMS } from "./fhirValues.js";

/**
 * Diagnoses from Condition resources: ICD-10-CM and ICD-10 codes before SNOMED CT ones, else the
 * first code of another system or the text (the condition groups are then unknown, never "none").
 * Refuted, entered-in-error, inactive and resolved conditions are left out with a note. `noneKnown`:
 * the bundle says the patient has no known problems (IPS absent-unknown code), and has no diagnosis.
 */
export function diagnosesOf(conditions: readonly Entry[], ctx: ImportContext): { diagnoses: SnapshotDiagnosis[]; noneKnown: boolean } {
  const diagnoses: SnapshotDiagnosis[] = [];
  let noneKnown = false;
  for (const e of conditions) {
    const c = parseResource(ConditionSchema, e, ctx.issues);
    if (c === undefined) continue;
    // An IPS "no known problems" (the list is empty) or "no information about problems" (unknown) is not a diagnosis.
    const absent = codingsIn(c.code, SYSTEMS.ipsAbsentUnknown)[0]?.code;
    if (absent !== undefined) {
      if (absent === "no-known-problems") noneKnown = true;
      ctx.notes.push({ path: `${e.path}.code`, code: "absent_or_unknown", message: `Condition "${absent}" (IPS absent-unknown code): ${absent === "no-known-problems" ? "no known problems" : "not a diagnosis"}` });
      continue;
    }
    const refuted = hasCode(c.verificationStatus, ["refuted", "entered-in-error"]);
    if (refuted || hasCode(c.clinicalStatus, ["inactive", "resolved"])) {
      const status = (refuted ? c.verificationStatus : c.clinicalStatus)?.coding?.find((k) => k.code !== undefined)?.code;
      ctx.notes.push({ path: e.path, code: "not_current", message: `Condition ${describe(c.code)} has ${refuted ? "verification" : "clinical"} status ${status}: not used` });
      continue;
    }
    // An ICD-10 coding places the condition in the tables' groups; a SNOMED CT coding of the same
    // condition beside it adds nothing, and is used only when there is no ICD-10 one.
    const icd = [...codingsIn(c.code, SYSTEMS.icd10cm).map((k) => ({ k, system: "ICD-10-CM" })), ...codingsIn(c.code, SYSTEMS.icd10).map((k) => ({ k, system: "ICD-10" }))];
    let coded = icd.length > 0 ? icd : codingsIn(c.code, SYSTEMS.snomed).map((k) => ({ k, system: "SNOMED CT" }));
    if (coded.length === 0) {
      // Another code system, or words only: still a diagnosis the patient has. Kept in its own
      // system, it leaves the condition groups it might fall in unknown, never "none".
      const other = c.code?.coding?.find((k) => k.code !== undefined && k.code.trim() !== "");
      const text = c.code?.text?.trim();
      if (other !== undefined) coded = [{ k: other, system: (other.system ?? "unknown system").slice(0, 64) }];
      else if (text !== undefined && text !== "") coded = [{ k: { code: text, display: text }, system: "text" }];
      ctx.notes.push({
        path: `${e.path}.code`,
        code: coded.length > 0 ? "uncoded_condition" : "no_code",
        message: coded.length > 0
          ? `Condition ${describe(c.code)} has no ICD-10 or SNOMED CT code: kept as a diagnosis in ${coded[0]?.system}, so the condition groups it might fall in are unknown`
          : "Condition without a code or text: not used",
      });
    }
    for (const { k, system } of coded) {
      ctx.origins[`diagnoses[${diagnoses.length}]`] = e.path;
      diagnoses.push({ code: (k.code ?? "").trim().slice(0, 64), system, ...(k.display !== undefined ? { display: k.display.slice(0, 500) } : {}) });
    }
  }
  return { diagnoses, noneKnown: noneKnown && diagnoses.length === 0 };
}
