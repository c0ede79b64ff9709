/**
 * Calendar days and instants in a site's time zone, without a library:
 * Intl tells us the zone's wall clock for an instant, and we solve for the
 * instant whose wall clock is the one we want (two passes cover DST edges).
 */
// Building a DateTimeFormat costs far more than using one (every signed-in request asks for its sites' days):
// one per zone, kept for the life of the process (a network has a handful of zones).
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  return format;
}

function wallClockMs(instant: Date, timeZone: string): number {
  const parts = formatIn(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The instant at which the wall clock in `timeZone` reads `day` `time` ("HH:MM"). */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const target = Date.parse(`${day}T${time}:00Z`);
  let guess = target;
  for (let i = 0; i < 2; i++) guess += target - wallClockMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The calendar day an instant falls on in `timeZone`. */
export function zonedDay(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 10);
}

/** The wall-clock time ("HH:MM") of an instant in `timeZone`. */
export function zonedTime(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(11, 16);
}

export function addCalendarDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
