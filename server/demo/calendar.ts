import { zonedDay } from "../platform/rules/zoned-time.js";

/** Calendar-day arithmetic on "YYYY-MM-DD" strings, in UTC so no time zone shifts a day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + 1 year is 1 March, as most statutes count a birthday.
  return target.toISOString().slice(0, 10);
}

/**
 * The demo's "today": the earliest calendar day among the zones of its sites at `now`, so that nothing the demo
 * records (a placement starting today, say) lies in a site's future in the evening hours west of UTC.
 */
export function earliestDayIn(timeZones: readonly string[], now: Date): string {
  return timeZones.map((zone) => zonedDay(now, zone)).reduce(minDay);
}

export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}
