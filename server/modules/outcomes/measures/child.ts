import type { HistoryColumns } from "../history/columns.js";
import { NO_DAY } from "../history/days.js";
import { birthdayReached, eighteenthBirthday, OPEN, packedCivil } from "./calendar.js";
import { UNKNOWN_AGE } from "./tallies.js";

/**
 * The child the pass is on: its scalars, read once and reused for every
 * period (one instance per run, overwritten per child — nothing allocated).
 */
export class CurrentChild {
  index = 0;
  birthKnown = false;
  birthPacked = 0;
  /**
   * The day the CFSR frame discharges the child (DD General Data Notes: "children
   * who turn 18 while in care are considered to have discharged … on their 18th
   * birthday"); OPEN when the birth date is unknown (QPI measures then apply no
   * age cut-off; CFSR indicators leave the child out).
   */
  eighteenth = OPEN;
  firstEpisode = 0;
  endEpisode = 0;
  firstReport = 0;
  endReport = 0;
  race = 0;
  sex = 0;
  site = 0;
  siblingGroup = -1;
  /** The days the child turns 1, 6, 11 and 17 (days.ts ageOn): CB's age groups begin there. */
  private turns1 = OPEN;
  private turns6 = OPEN;
  private turns11 = OPEN;
  private turns17 = OPEN;

  load(cols: HistoryColumns, c: number): void {
    this.index = c;
    const birth = cols.birthDay[c];
    this.birthKnown = birth !== NO_DAY;
    if (this.birthKnown) {
      this.birthPacked = packedCivil(birth);
      this.eighteenth = eighteenthBirthday(this.birthPacked);
      this.turns1 = birthdayReached(this.birthPacked, 1);
      this.turns6 = birthdayReached(this.birthPacked, 6);
      this.turns11 = birthdayReached(this.birthPacked, 11);
      this.turns17 = birthdayReached(this.birthPacked, 17);
    } else {
      this.eighteenth = OPEN;
    }
    this.firstEpisode = cols.episodeStart[c];
    this.endEpisode = cols.episodeStart[c + 1];
    this.firstReport = cols.reportStart[c];
    this.endReport = cols.reportStart[c + 1];
    // Codes outside the lists (codes.ts raceNames, sexNames) count as unknown.
    const race = cols.race[c];
    const sex = cols.sex[c];
    this.race = race < 8 ? race : 0;
    this.sex = sex < 3 ? sex : 0;
    this.site = cols.site[c];
    this.siblingGroup = cols.siblingGroup[c];
  }

  /** Age-group cell on `day` (tallies.ts ageGroupOfAge, by comparisons); UNKNOWN_AGE without a birth date. */
  ageGroupOn(day: number): number {
    if (!this.birthKnown) return UNKNOWN_AGE;
    if (day < this.turns6) return day < this.turns1 ? 0 : 1;
    if (day < this.turns11) return 2;
    return day < this.turns17 ? 3 : 4;
  }
}

/**
 * The day care ends for the measures: the recorded exit or the 18th
 * birthday, whichever is first (OPEN while in care). The child is in care on
 * day d when removal ≤ d < endOfCare: the removal day is a day in care, the
 * exit day is not (DD fn 4: "enter … one day and exit the next … 1 day").
 */
export function endOfCare(cols: HistoryColumns, e: number, eighteenth: number): number {
  const exit = cols.exitDay[e];
  const end = exit === NO_DAY ? OPEN : exit;
  return end < eighteenth ? end : eighteenth;
}

/**
 * A recorded exit before the 18th birthday to reunification, a relative,
 * guardianship or adoption (DD; codes.ts isPermanencyExit). An exit on or after
 * the 18th birthday is an aging-out discharge, never permanency (DD General Data Notes).
 */
export function exitsToPermanency(cols: HistoryColumns, e: number, eighteenth: number): boolean {
  const exit = cols.exitDay[e];
  if (exit === NO_DAY || exit >= eighteenth) return false;
  const reason = cols.exitReason[e];
  return reason === 1 || reason === 2 || reason === 3 || reason === 5;
}

/**
 * "Children who do not have a discharge reason" (DD, P1–P3): a recorded exit
 * without a reason — unless it came on or after the 18th birthday, which the
 * CFSR frame has already made the discharge (a known one: aging out).
 */
export function lacksDischargeReason(cols: HistoryColumns, e: number, eighteenth: number): boolean {
  const exit = cols.exitDay[e];
  return exit !== NO_DAY && exit < eighteenth && cols.exitReason[e] === 0;
}
