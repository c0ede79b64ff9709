/**
 * Calendar days as integers: days since 1970-01-01. Every measure works on
 * these, so date arithmetic is integer arithmetic and nothing depends on the
 * process time zone. NO_DAY marks a missing date (open episode, unknown
 * incident date): it sorts before every real day, so `exit ?? +∞` is spelled
 * `exit === NO_DAY ? Infinity : exit` where it matters.
 */
export const NO_DAY = -2_147_483_648;

const MS_PER_DAY = 86_400_000;

export function dayOf(isoDate: string): number {
  const ms = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  return Math.round(ms / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same calendar day `months` months later; the 31st of a shorter month becomes its last day. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget)) / MS_PER_DAY);
}

export function addYears(day: number, years: number): number {
  return addMonths(day, 12 * years);
}

/** Completed years from `birthDay` to `day` (age on that day). */
export function ageOn(birthDay: number, day: number): number {
  const b = new Date(birthDay * MS_PER_DAY);
  const d = new Date(day * MS_PER_DAY);
  let years = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate()))
    years -= 1;
  return years;
}

/** Completed whole months from `from` to `to`. */
export function wholeMonths(from: number, to: number): number {
  const a = new Date(from * MS_PER_DAY);
  const b = new Date(to * MS_PER_DAY);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  return months;
}
