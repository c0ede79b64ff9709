import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessDays, isWeekend } from "./business-days.js";
import { deadlineOf } from "./rule-set.js";

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A plain reference: list every calendar day of a wide window around the start (by milliseconds, not by the
 * production code's calendar stepping), keep the business days on the wanted side, and take the n-th.
 */
function referenceAddBusinessDays(day: string, count: number, holidays: ReadonlySet<string>): string {
  if (count === 0) return day;
  const start = Date.parse(`${day}T00:00:00Z`);
  const window = Math.abs(count) * 7 + 30;
  const side = Array.from({ length: window }, (_, i) => dayOf(start + Math.sign(count) * (i + 1) * DAY_MS));
  const business = side.filter((d) => {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(d);
  });
  return business[Math.abs(count) - 1]!;
}

const firstDay = Date.parse("2024-01-01T00:00:00Z");
const anyDay = fc.integer({ min: 0, max: 4 * 365 }).map((i) => dayOf(firstDay + i * DAY_MS));
// Holidays: any set of days of the same years, dense enough that some fall inside most spans.
const anyHolidays = fc.uniqueArray(anyDay, { maxLength: 400 }).map((days) => new Set(days));
const anyCount = fc.integer({ min: -60, max: 60 });

describe("business-day addition", () => {
  it("agrees with the reference implementation", () => {
    fc.assert(
      fc.property(anyDay, anyCount, anyHolidays, (day, count, holidays) => {
        expect(addBusinessDays(day, count, holidays)).toBe(referenceAddBusinessDays(day, count, holidays));
      }),
      { numRuns: 500 },
    );
  });

  it("lands on a business day on the right side of the event", () => {
    fc.assert(
      fc.property(
        anyDay,
        anyCount.filter((n) => n !== 0),
        anyHolidays,
        (day, count, holidays) => {
          const due = addBusinessDays(day, count, holidays);
          expect(isWeekend(due)).toBe(false);
          expect(holidays.has(due)).toBe(false);
          expect(count > 0 ? due > day : due < day).toBe(true);
        },
      ),
    );
  });

  it("goes back to a business day it started from", () => {
    fc.assert(
      fc.property(anyDay, anyCount, anyHolidays, (day, count, holidays) => {
        fc.pre(!isWeekend(day) && !holidays.has(day));
        expect(addBusinessDays(addBusinessDays(day, count, holidays), -count, holidays)).toBe(day);
      }),
    );
  });

  it("never moves a later deadline earlier when a holiday is added", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 60 }), anyHolidays, anyDay, (day, count, holidays, extra) => {
        const before = addBusinessDays(day, count, holidays);
        const after = addBusinessDays(day, count, new Set([...holidays, extra]));
        expect(after >= before).toBe(true);
      }),
    );
  });

  it("skips a weekend and a court holiday: 3 business days from the Wednesday before Thanksgiving", () => {
    // California 2026: Thanksgiving Thursday 26 November and the day after are judicial holidays (CCP 135).
    const holidays = new Set(["2026-11-26", "2026-11-27"]);
    expect(addBusinessDays("2026-11-25", 3, holidays)).toBe("2026-12-02");
    expect(addBusinessDays("2026-11-25", 3, new Set())).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-30", -1, holidays)).toBe("2026-11-25");
  });

  it("counts business days in a rule's deadline, before or after the event", () => {
    const event = { day: "2026-12-23", instant: null, timeZone: "America/Chicago", holidays: new Set(["2026-12-25"]) };
    const after = deadlineOf({ due_amount: 2, due_unit: "business_days", due_direction: "after" }, event);
    expect(after).toEqual({ dueAt: null, dueOn: "2026-12-28" });
    const before = deadlineOf({ due_amount: 5, due_unit: "business_days", due_direction: "before" }, event);
    expect(before.dueOn).toBe("2026-12-16");
  });
});
