import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, fromDayNumber } from "./calendarDate.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reference: the calendar as JavaScript's Date knows it. */
function reference(text: string): number | undefined {
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

const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** Date-shaped text, most of it real dates, some impossible ones (month 13, 31 April, 29 February), some with a time. */
const dateLike = fc
  .record({
    y: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1896, max: 2104 })),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    time: fc.constantFrom("", "T10:30", "T10:30:00Z", "T23:59:59.123+02:00", "T1", " "),
  })
  .map(({ y, m, d, time }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${time}`);

/** A real date with one character replaced by a digit, a separator or their neighbours in ASCII (/ and :). */
const oneCharacterOff = fc
  .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.nat(9), fc.constantFrom(..."0123456789-/:x"))
  .map(([y, m, d, at, c]) => {
    const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    return text.slice(0, at) + c + text.slice(at + 1);
  });

describe("dayNumber", () => {
  it("agrees with JavaScript's Date on every date-shaped text and on any text", () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 30 }), oneCharacterOff), (text) => {
        expect(dayNumber(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("is the inverse of fromDayNumber", () => {
    fc.assert(
      fc.property(fc.integer({ min: -600_000, max: 2_900_000 }), (day) => {
        expect(dayNumber(fromDayNumber(day))).toBe(day);
      }),
    );
  });

  it("knows leap years and month lengths", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2024-02-29")).toBe(19_782);
    expect(dayNumber("2023-02-29")).toBeUndefined();
    expect(dayNumber("2000-02-29")).toBe(11_016);
    expect(dayNumber("1900-02-29")).toBeUndefined();
    expect(dayNumber("2026-04-31")).toBeUndefined();
    expect(dayNumber("2026-11-22T08:00:00Z")).toBe(dayNumber("2026-11-22"));
  });
});
