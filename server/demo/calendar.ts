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

const MS_PER_DAY = 86_400_000;

/** A "YYYY-MM-DD" day as an integer (days since 1970-01-01), for arithmetic on many days. */
export function dayOf(isoDate: string): number {
  const ms = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  return Math.round(ms / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
