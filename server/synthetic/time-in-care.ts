import { ExitReason } from "../modules/outcomes/index.js";
import { timeInCare } from "./calibration.js";
import type { SeededRandom } from "./random.js";

const YEAR = 365.25;

/** CB's age groups (calibration.ts): 0–3 months, 4–11 months, 1–5, 6–10, 11–16, 17. */
export function ageGroupOf(ageDays: number): number {
  if (ageDays < 121) return 0;
  if (ageDays < YEAR) return 1;
  if (ageDays < 6 * YEAR) return 2;
  if (ageDays < 11 * YEAR) return 3;
  if (ageDays < 17 * YEAR) return 4;
  return 5;
}

export interface EpisodeOutcome {
  /** The day the unit leaves care (may be after the as-of day: then the episode is open in the data). */
  exitDay: number;
  exitReason: number;
}

/**
 * When and why a placement unit (one child or siblings living together) leaves
 * care. Competing risks: a permanency hazard piecewise by year in care and age
 * group, small hazards of transfer, running away and death, and the youngest
 * member's day of aging out (18th birthday, or later in extended foster care).
 */
export function drawEpisodeOutcome(
  random: SeededRandom,
  removalDay: number,
  youngestAgeDays: number,
  youngestLeavesDay: number,
  permanencyEffect: number,
): EpisodeOutcome {
  if (random.chance(timeInCare.shortStayShare)) {
    const days = random.int(1, 7);
    const reason = random.chance(0.85)
      ? ExitReason.reunification
      : random.chance(0.7)
        ? ExitReason.relative
        : ExitReason.transfer;
    return capAtAgingOut(removalDay + days, reason, youngestLeavesDay);
  }
  const group = ageGroupOf(youngestAgeDays);
  const multipliers = timeInCare.ageMultiplier[group];
  const frailty = random.chance(timeInCare.slowCaseShare)
    ? timeInCare.slowCaseHazard
    : (1 - timeInCare.slowCaseShare * timeInCare.slowCaseHazard) / (1 - timeInCare.slowCaseShare);
  const rates = timeInCare.permanencyPerDay.map((r, segment) => r * multipliers[segment] * permanencyEffect * frailty);
  const permanent = piecewiseExponential(random, rates);
  const transfer = random.exponential(1 / timeInCare.transferPerDay);
  const runaway = youngestAgeDays >= 12 * YEAR ? random.exponential(1 / timeInCare.runawayExitPerDay) : Infinity;
  const death = random.exponential(1 / timeInCare.deathPerDay);
  const first = Math.min(permanent, transfer, runaway, death);
  const days = Math.max(8, Math.round(first));
  let reason: number;
  if (first === permanent) reason = permanencyReason(random, days, (youngestAgeDays + days) / YEAR);
  else if (first === transfer) reason = ExitReason.transfer;
  else if (first === runaway) reason = ExitReason.runaway;
  else reason = ExitReason.death;
  return capAtAgingOut(removalDay + days, reason, youngestLeavesDay);
}

function capAtAgingOut(exitDay: number, exitReason: number, leavesDay: number): EpisodeOutcome {
  return exitDay >= leavesDay ? { exitDay: leavesDay, exitReason: ExitReason.emancipation } : { exitDay, exitReason };
}

/** Time to an event whose rate per day is rates[0] in the first year, rates[1] in the second, rates[2] after. */
function piecewiseExponential(random: SeededRandom, rates: readonly number[]): number {
  let budget = random.exponential(1);
  for (let segment = 0; segment < rates.length - 1; segment++) {
    const capacity = rates[segment] * 365;
    if (budget < capacity) return segment * 365 + budget / rates[segment];
    budget -= capacity;
  }
  return (rates.length - 1) * 365 + budget / rates[rates.length - 1];
}

/**
 * Which permanency: adoption needs parental rights terminated, so it appears
 * after the first ~9 months and grows with time, more for young children;
 * guardianship grows with time and age; the rest is reunification and living
 * with other relatives [assumed; tuned so the exit mix is AFCARS-like].
 */
function permanencyReason(random: SeededRandom, days: number, ageYears: number): number {
  const adoptionByTime = days < 240 ? 0 : Math.min(0.75, (0.75 * (days - 240)) / 540);
  const adoptionByAge = ageYears < 6 ? 1.15 : ageYears < 10 ? 0.9 : ageYears < 13 ? 0.55 : 0.2;
  const adoption = adoptionByTime * adoptionByAge;
  const guardianship = (0.07 + 0.09 * Math.min(1, days / 730)) * (ageYears >= 10 ? 1.7 : 1);
  const relative = 0.08;
  const reunification = Math.max(0.05, 1 - adoption - guardianship - relative);
  let r = random.next() * (adoption + guardianship + relative + reunification);
  if ((r -= reunification) < 0) return ExitReason.reunification;
  if ((r -= adoption) < 0) return ExitReason.adoption;
  if ((r -= guardianship) < 0) return ExitReason.guardianship;
  return ExitReason.relative;
}
