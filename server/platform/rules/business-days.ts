import { addCalendarDays } from "./zoned-time.js";

/** Saturday or Sunday: a calendar day ("YYYY-MM-DD") read as a date, with no time zone involved. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The day `count` business days after `day` (before it when `count` is negative): a business day is neither a
 * Saturday, a Sunday nor one of `holidays` (the state's court holidays). The event's own day never counts, as in
 * court time computation ("exclude the first day"); zero business days is the event's day itself.
 */
export function addBusinessDays(day: string, count: number, holidays: ReadonlySet<string>): string {
  const step = count < 0 ? -1 : 1;
  let remaining = Math.abs(count);
  let current = day;
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (!isWeekend(current) && !holidays.has(current)) remaining--;
  }
  return current;
}
