/**
 * Integer calendar arithmetic for the hot loop. days.ts does the same with
 * `Date` objects, which is clear but allocates; over 3 M children × 12
 * periods that dominates the run. These functions give the same answers
 * (calendar.test.ts checks them day by day against days.ts) using the civil
 * date algorithms of H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (public domain), proleptic Gregorian, days since 1970-01-01.
 *
 * A civil date is packed into one small integer: (year * 16 + month) * 32 + day,
 * so `packed & 511` is month-and-day and compares like (month, day).
 */

/** A day later than every real day: "no exit yet", "no 18th birthday known". */
export const OPEN = 2_147_483_647;

export function packedCivil(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return (y * 16 + m) * 32 + d;
}

export function yearOf(packed: number): number {
  return packed >> 9;
}

export function monthOf(packed: number): number {
  return (packed >> 5) & 15;
}

export function dateOf(packed: number): number {
  return packed & 31;
}

export function dayFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (((153 * mp + 2) / 5) | 0) + date - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_LENGTH[month];
}

/** days.ts addMonths: the same date `months` later, the 31st of a shorter month becoming its last day. */
export function addMonthsFast(day: number, months: number): number {
  const p = packedCivil(day);
  const m0 = monthOf(p) - 1 + months;
  const year = yearOf(p) + Math.floor(m0 / 12);
  const month = m0 - Math.floor(m0 / 12) * 12 + 1;
  return dayFromCivil(year, month, Math.min(dateOf(p), monthLength(year, month)));
}

/**
 * The 18th birthday, as addYears(birth, 18) gives it: a 29 February birth
 * turns 18 on 28 February in a common year. That is what the CB syntax ports
 * do (T-SQL DATEADD(YEAR, 18, dob) in POC's maltreatment_in_care.sql), so the
 * "discharged on the 18th birthday" rule (DD General Data Notes) uses it.
 */
export function eighteenthBirthday(birthPacked: number): number {
  const year = yearOf(birthPacked) + 18;
  const month = monthOf(birthPacked);
  return dayFromCivil(year, month, Math.min(dateOf(birthPacked), monthLength(year, month)));
}

/**
 * The first day on which days.ts ageOn says the child is `years` old: the
 * birthday, or 1 March for a 29 February birth in a common year (ageOn
 * compares month and date, so 28 February is still the year before).
 */
export function birthdayReached(birthPacked: number, years: number): number {
  const year = yearOf(birthPacked) + years;
  const month = monthOf(birthPacked);
  const date = dateOf(birthPacked);
  if (month === 2 && date === 29 && !isLeap(year)) return dayFromCivil(year, 3, 1);
  return dayFromCivil(year, month, date);
}

/**
 * AFCARS report period of a day: "A" = 1 Oct – 31 Mar, "B" = 1 Apr – 30 Sep
 * (research/metrics.md §1.1). Numbered so that 21A (Oct 2020 – Mar 2021) is
 * 2 × 2021 and 21B is 2 × 2021 + 1.
 */
export function afcarsHalfYear(day: number): number {
  const p = packedCivil(day);
  const month = monthOf(p);
  const year = yearOf(p);
  if (month >= 10) return 2 * (year + 1);
  return month <= 3 ? 2 * year : 2 * year + 1;
}
