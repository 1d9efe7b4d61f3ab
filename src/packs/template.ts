/** `{{ fact.name }}` placeholders in a message template. */
export const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The fact names a template's placeholders refer to. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
}

/** Fills a template; `lookup` returns undefined for an unknown value, shown as "unknown". */
export function fillTemplate(template: string, lookup: (name: string) => unknown): string {
  return template.replace(PLACEHOLDER, (_, name: string) => formatValue(lookup(name)));
}

/** Renders a fact value for a message: numbers without float noise, lists comma-separated. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return "unknown";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map(formatValue).join(", ");
  return String(v);
}
