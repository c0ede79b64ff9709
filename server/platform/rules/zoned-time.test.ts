import { describe, expect, it } from "vitest";
import { deadlineOf, loosenedField } from "./rule-set.js";
import { addCalendarDays, zonedDay, zonedInstant } from "./zoned-time.js";

describe("zoned time", () => {
  it("finds the instant of a wall-clock time in a zone, across DST", () => {
    expect(zonedInstant("2026-01-15", "09:30", "America/Los_Angeles").toISOString()).toBe("2026-01-15T17:30:00.000Z");
    expect(zonedInstant("2026-07-15", "09:30", "America/Los_Angeles").toISOString()).toBe("2026-07-15T16:30:00.000Z");
    expect(zonedInstant("2026-03-08", "12:00", "America/Chicago").toISOString()).toBe("2026-03-08T17:00:00.000Z");
  });
  it("finds the calendar day of an instant in a zone", () => {
    expect(zonedDay(new Date("2026-07-01T03:00:00Z"), "America/Los_Angeles")).toBe("2026-06-30");
    expect(zonedDay(new Date("2026-07-01T03:00:00Z"), "America/New_York")).toBe("2026-06-30");
    expect(zonedDay(new Date("2026-07-01T05:00:00Z"), "America/New_York")).toBe("2026-07-01");
  });
  it("adds calendar days over month and leap-year ends", () => {
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-10", -14)).toBe("2026-02-24");
  });
  it("counts hour deadlines from the instant and day deadlines in calendar days", () => {
    const event = { day: "2026-03-07", instant: new Date("2026-03-07T20:00:00Z"), timeZone: "America/Chicago" };
    // 72 hours across the spring-forward night is still 72 elapsed hours.
    expect(deadlineOf({ due_amount: 72, due_unit: "hours", due_direction: "after" }, event).dueAt!.toISOString()).toBe(
      "2026-03-10T20:00:00.000Z",
    );
    expect(deadlineOf({ due_amount: 14, due_unit: "days", due_direction: "before" }, event).dueOn).toBe("2026-02-21");
    expect(
      deadlineOf(
        { due_amount: 48, due_unit: "hours", due_direction: "after" },
        { ...event, instant: null },
      ).dueAt!.toISOString(),
    ).toBe("2026-03-09T06:00:00.000Z");
  });
});

describe("a site setting against the state minimum", () => {
  const state = {
    due_amount: 72,
    due_unit: "hours",
    due_direction: "after",
    repeat_days: null,
    exclusions: ["group_care"],
  } as const;
  it("accepts a stricter or equal setting", () => {
    expect(
      loosenedField({ ...state, exclusions: [], due_amount: 48 }, { ...state, exclusions: ["group_care"] }),
    ).toBeNull();
    expect(
      loosenedField({ ...state, due_amount: 3, due_unit: "days", exclusions: [] }, { ...state, exclusions: [] }),
    ).toBeNull();
  });
  it("names the field that loosens it", () => {
    expect(loosenedField({ ...state, due_amount: 96, exclusions: [] }, { ...state, exclusions: [] })?.field).toBe(
      "dueAmount",
    );
    expect(
      loosenedField({ ...state, due_amount: 4, due_unit: "days", exclusions: [] }, { ...state, exclusions: [] })?.field,
    ).toBe("dueAmount");
    expect(
      loosenedField(
        { ...state, due_direction: "before", due_amount: 7, due_unit: "days", exclusions: [] },
        { ...state, due_direction: "before", due_amount: 14, due_unit: "days", exclusions: [] },
      )?.field,
    ).toBe("dueAmount");
    expect(
      loosenedField({ ...state, exclusions: ["group_care", "expedited_tpr"] }, { ...state, exclusions: ["group_care"] })
        ?.field,
    ).toBe("exclusions");
    expect(
      loosenedField({ ...state, repeat_days: 60, exclusions: [] }, { ...state, repeat_days: 30, exclusions: [] })
        ?.field,
    ).toBe("repeatDays");
  });
});
