import type { Condition, LeafCondition, Operator } from "../core/condition.js";
import type { InteractionEntry, MedicationSelector, MonitoringSchedule } from "../knowledge/schema.js";

const leaf = (fact: string, operator: Operator, value: LeafCondition["value"]): LeafCondition => ({ fact, operator, value });
const anyOf = (conditions: Condition[]): Condition => (conditions.length === 1 && conditions[0] !== undefined ? conditions[0] : { any: conditions });

/**
 * The conditions a selector puts on one medication slot (`med`, `a` or `b`): one of its
 * names, classes or flags, and none of its exceptions.
 */
export function selectorConditions(prefix: string, s: MedicationSelector): Condition[] {
  const alternatives: Condition[] = [];
  const [only, ...more] = s.names ?? [];
  if (only !== undefined) alternatives.push(more.length === 0 ? leaf(`${prefix}.name`, "equal", only) : leaf(`${prefix}.name`, "in", [only, ...more]));
  for (const c of s.classes ?? []) alternatives.push(leaf(`${prefix}.classes`, "contains", c));
  for (const f of s.flags ?? []) alternatives.push(leaf(`${prefix}.flags`, "contains", f));
  const out = [anyOf(alternatives)];
  if (s.exceptNames !== undefined) out.push(leaf(`${prefix}.name`, "notIn", s.exceptNames));
  for (const c of s.exceptClasses ?? []) out.push(leaf(`${prefix}.classes`, "doesNotContain", c));
  return out;
}

/** Both sides of an interaction, each in effect. */
export function interactionConditions(entry: InteractionEntry): Condition[] {
  return [
    ...selectorConditions("a", entry.a),
    ...selectorConditions("b", entry.b),
    leaf("a.inEffect", "equal", true),
    leaf("b.inEffect", "equal", true),
  ];
}

/**
 * The medication is active, every lab of the schedule is stale (none on file, or older than
 * the interval that applies), and at least one has a value on file (else a data gap).
 */
export function scheduleConditions(s: MonitoringSchedule): Condition[] {
  const stale = (lab: string): Condition => {
    const age = `labs.${lab}.ageDays`;
    const reasons: Condition[] = [leaf(age, "greaterThan", s.everyDays)];
    for (const stage of s.stages ?? []) {
      reasons.push({ all: [leaf("med.daysSinceStart", "lessThanInclusive", stage.untilDaysSinceStart), leaf(age, "greaterThan", stage.everyDays)] });
    }
    if (s.firstAfterDays !== undefined) {
      // The newest value predates the start (a baseline) and the first follow-up check is due.
      reasons.push({
        all: [
          leaf(age, "greaterThanInclusive", s.firstAfterDays),
          leaf("med.daysSinceStart", "greaterThanInclusive", s.firstAfterDays),
          leaf(age, "greaterThanInclusive", { fact: "med.daysSinceStart" }),
        ],
      });
    }
    return { any: [leaf(`labs.${lab}.count`, "equal", 0), anyOf(reasons)] };
  };
  return [
    ...selectorConditions("med", s.medication),
    leaf("med.active", "equal", true),
    ...s.labs.map(stale),
    anyOf(s.labs.map((lab) => leaf(`labs.${lab}.ageDays`, "greaterThanInclusive", 0))),
  ];
}

/**
 * A rule's own conditions joined with a table entry's: the rule's `all` list keeps its items
 * (and their JSON paths) first; any other top condition becomes the first item.
 */
export function joinConditions(own: Condition | undefined, fromTable: Condition[]): Condition {
  if (own === undefined) return { all: fromTable };
  if ("all" in own) return { all: [...own.all, ...fromTable] };
  return { all: [own, ...fromTable] };
}
