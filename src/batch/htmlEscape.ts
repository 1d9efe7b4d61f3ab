const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML and SVG, in element content and in quoted attribute values alike.
 * Everything a report shows that came from packs or input (rule ids, facts, pack names,
 * error codes) goes through here.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A whole number with thousands separators (1,234,567), the same on every machine and locale. */
export function formatCount(n: number): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** A rate with one decimal (12.5), or a whole number when it is one. */
export function formatRate(x: number): string {
  const tenths = Math.round(Math.abs(x) * 10);
  const sign = x < 0 && tenths > 0 ? "-" : "";
  const whole = formatCount(Math.floor(tenths / 10));
  return tenths % 10 === 0 ? sign + whole : `${sign}${whole}.${tenths % 10}`;
}
