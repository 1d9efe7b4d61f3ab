/** `{{ fact.name }}` placeholders in a message template. */
export const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The fact names a template's placeholders refer to. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
}

/** Fills a template; `lookup` returns undefined for an unknown value, shown as "unknown". */
export function fillTemplate(template: string, lookup: (name: string) => unknown): string {
  const parts = partsOf(template);
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) out += formatValue(lookup(parts[i] ?? "")) + (parts[i + 1] ?? "");
  return out;
}

/** Templates split once (a pack's templates are filled for every firing): text, name, text, name, …, text. */
const split = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = split.get(template);
  if (parts === undefined) {
    const out: string[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      out.push(template.slice(last, m.index), m[1] ?? "");
      last = m.index + m[0].length;
    }
    out.push(template.slice(last));
    parts = out;
    if (split.size >= 5_000) split.clear();
    split.set(template, parts);
  }
  return parts;
}

/**
 * Renders a fact value for a message: numbers without float noise, lists comma-separated. A number
 * keeps 6 significant digits: enough to drop a unit conversion's noise (220.462 lb is 100 kg, not
 * 99.99996), never so few that a value is rounded across a threshold (an ANC of 0.999 is not "1").
 */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return "unknown";
  if (typeof v === "number") return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map(formatValue).join(", ");
  return String(v);
}
