/**
 * A deep copy of a JSON-like value: arrays and objects copied level by level, everything else
 * (strings, numbers, booleans, null, undefined) as it is. For handing a caller a value it may
 * change without changing the packs, tables or snapshot it was read from. Not structuredClone:
 * on these small values it made the public evaluate() about a fifth slower (safeEvaluate over 3,000
 * patients, three alternating pairs: 59.1–63.4 against 70.9–74.5 µs a patient).
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = copyJson(v);
  return copy as T;
}
