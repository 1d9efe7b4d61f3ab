import { z } from "zod";

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const memo = new Map<string, number | undefined>();

/** Day number (days since 1970-01-01, UTC) of a real calendar date, or undefined (memoised: cohorts repeat dates). */
export function dayNumber(text: string): number | undefined {
  const known = memo.get(text);
  if (known !== undefined || memo.has(text)) return known;
  const d = computeDayNumber(text);
  if (memo.size > 5_000) memo.clear();
  memo.set(text, d);
  return d;
}

function computeDayNumber(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(t / 86_400_000);
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
