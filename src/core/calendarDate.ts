import { z } from "zod";

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Day number (days since 1970-01-01, UTC) of a real calendar date, or undefined. Plain
 * arithmetic on the digits (the civil-calendar algorithm of H. Hinnant, "chrono-compatible
 * low-level date algorithms"): no allocation, and no cache that grows with the dates a cohort
 * holds. Years before 100 are refused, as `Date.UTC` (which maps them to 19xx) made them.
 */
export function dayNumber(text: string): number | undefined {
  // The plain YYYY-MM-DD form, nearly every date, is checked without the regular expression.
  if (text.length === 10 ? !isPlainDate(text) : !DATE.test(text)) return undefined;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  const ya = m <= 2 ? y - 1 : y;
  const era = Math.floor(ya / 400);
  const yoe = ya - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function isPlainDate(text: string): boolean {
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return false;
  }
  return true;
}

function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** ISO 8601 date string of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A real calendar date, `YYYY-MM-DD`, optionally followed by an ISO time (ignored:
 * psychrx reasons in whole days). `2026-02-30` is refused.
 */
export const CalendarDate = z
  .string()
  .refine((s) => dayNumber(s) !== undefined, {
    message: "expected a real calendar date as YYYY-MM-DD (e.g. 2026-11-22)",
  })
  .meta({ description: "ISO 8601 calendar date, YYYY-MM-DD", examples: ["2026-11-22"] });
