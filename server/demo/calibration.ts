import type { ExitReason, PlacementSetting, RaceEthnicity } from "../db/database.js";
import { exitReasonMix, moveKindMix } from "../synthetic/calibration.js";

/**
 * Calibration from ../shared/data/national_table.md (federal FY data); the
 * exit-reason mix and the kinds of moves are the national generator's
 * (synthetic/calibration.ts), so both tell the same story:
 * about a third of entries reach permanency within 12 months, about 4.5
 * placement moves per 1,000 days in care, about 6 % re-enter within 12 months
 * of exiting to reunification, relative or guardianship.
 */
export const calibration = {
  // Monthly exit hazard h with 1 - (1 - h)^12 ≈ 0.35.
  monthlyExitHazard: 0.0353,
  movesPer1000Days: 4.5,
  reentryWithin12Months: 0.06,
  firstYearsOfHistory: 7,
  siblingGroupShare: 0.4,
  siblingsPlacedTogether: 0.7,
  exitReasons: exitReasonMix satisfies Partial<Record<ExitReason, number>>,
  firstSetting: {
    relative_family_home: 36,
    nonrelative_family_home: 46,
    group_home: 8,
    institution: 5,
    pre_adoptive_home: 1,
    supervised_independent_living: 0,
    runaway: 0,
    trial_home_visit: 0,
  } satisfies Record<PlacementSetting, number>,
  moveKind: moveKindMix,
  race: {
    white: 40,
    black: 22,
    hispanic: 22,
    american_indian_alaska_native: 3,
    asian: 1,
    native_hawaiian_pacific_islander: 1,
    two_or_more: 9,
    unknown: 2,
  } satisfies Record<RaceEthnicity, number>,
} as const;

export const REUNIFYING: ExitReason[] = ["reunification", "relative", "guardianship"];
