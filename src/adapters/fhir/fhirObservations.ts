import type { Issue } from "../../core/issue.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { SnapshotLab, SnapshotScore } from "../../snapshot/schema.js";
import { parseResource, type Entry, type ImportContext } from "./fhirEntry.js";
import { readingsOf, UnmappedCodes, type Reading } from "./fhirReadings.js";
import { ObservationSchema } from "./fhirSchema.js";

/**
 * Labs and scale scores from Observation resources. Readings dated after the evaluation date, lab
 * values without a unit or in a unit the labs table does not accept (never converted by guess),
 * and scores with some of their items only are noted; unknown LOINC codes are one note per code.
 */
export function labsAndScoresOf(observations: readonly Entry[], ctx: ImportContext): { labs: SnapshotLab[]; scores: SnapshotScore[] } {
  const { knowledge, notes } = ctx;
  const unmapped = new UnmappedCodes();
  const readings: Reading[] = [];
  for (const e of observations) {
    const o = parseResource(ObservationSchema, e, ctx.issues);
    if (o !== undefined) readings.push(...readingsOf(o, e.path, knowledge, notes, unmapped));
  }
  notes.push(...unmapped.notes());
  const kept = readings.filter((r) => {
    if (ctx.day === undefined || r.date <= ctx.day) return true;
    notes.push({ path: r.path, code: "after_as_of", message: `${r.target.name} of ${r.date}, after ${ctx.day}: not used` });
    return false;
  });
  const labs: SnapshotLab[] = [];
  for (const r of kept) {
    if (r.target.kind !== "lab") continue;
    if (r.unit === undefined) {
      notes.push({ path: r.path, code: "no_unit", message: `${r.target.name} ${r.value} has no unit: not used` });
      continue;
    }
    const units = knowledge.labs.get(r.target.name)?.units;
    if (units !== undefined && !units.has(r.unit.toLowerCase())) {
      // Not converted by guess: the tables list each accepted unit and its exact factor.
      const accepted = [...new Set([...units.values()].map((u) => u.unit))].join(", ");
      notes.push({ path: r.path, code: "unit_not_accepted", message: `${r.target.name} ${r.value} ${r.unit}: not a unit the labs table accepts for it (${accepted}): not used` });
      continue;
    }
    ctx.origins[`labs[${labs.length}]`] = r.path;
    labs.push({ test: r.target.name, value: r.value, unit: r.unit, date: r.date });
  }
  return { labs, scores: scoresOf(kept, knowledge, notes, ctx.origins) };
}

/**
 * Scale scores from total and item readings: a panel's readings are one administration; separate
 * Observations are joined by scale and date, a second total or item of the same scale and date
 * starting another administration.
 */
function scoresOf(readings: readonly Reading[], knowledge: Knowledge, notes: Issue[], origins: Record<string, string>): SnapshotScore[] {
  type Group = { name: string; date: string; total?: Reading; items: Map<number, Reading> };
  const all: Group[] = [];
  const open = new Map<string, Group>();
  for (const r of readings) {
    if (r.target.kind === "lab") continue;
    const key = `${r.target.name}\u0000${r.date}\u0000${r.panel ?? ""}`;
    let g = open.get(key);
    const taken = g !== undefined && (r.target.kind === "total" ? g.total !== undefined : g.items.has(r.target.item));
    if (g === undefined || taken) {
      g = { name: r.target.name, date: r.date, items: new Map() };
      all.push(g);
      open.set(key, g);
    }
    if (r.target.kind === "total") g.total = r;
    else g.items.set(r.target.item, r);
  }
  const scores: SnapshotScore[] = [];
  for (const g of all) {
    const count = knowledge.instruments.get(g.name)?.itemCount ?? 0;
    const items = g.items.size === count ? Array.from({ length: count }, (_, i) => g.items.get(i + 1)?.value ?? 0) : undefined;
    const first = g.total ?? [...g.items.values()][0];
    if (items === undefined && g.items.size > 0) {
      const which = [...g.items.keys()].sort((a, b) => a - b).join(", ");
      notes.push({
        path: first?.path ?? "entry",
        code: "partial_items",
        message: `${g.name} of ${g.date}: item${g.items.size > 1 ? "s" : ""} ${which} of ${count} only; a score takes all its items${g.total !== undefined ? ": the total is used without them" : ": not used"}`,
      });
    }
    if (g.total === undefined && items === undefined) continue;
    origins[`scores[${scores.length}]`] = first?.path ?? "entry";
    scores.push({ instrument: g.name, date: g.date, ...(g.total !== undefined ? { total: g.total.value } : {}), ...(items !== undefined ? { items } : {}) });
  }
  return scores;
}
