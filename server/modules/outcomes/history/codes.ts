/**
 * The codes of the outcome histories. Settings and exit reasons use the
 * legacy AFCARS codes (Technical Bulletin #1: element 41 CURPLSET and element
 * 58 DISREASN) so an AFCARS file maps one to one and the platform's own words
 * map onto them; see ../../../../README.md "Outcomes" for the CSV spelling.
 */

/** AFCARS element 41, current placement setting. */
export const Setting = {
  preAdoptiveHome: 1,
  relativeFamilyHome: 2,
  nonrelativeFamilyHome: 3,
  groupHome: 4,
  institution: 5,
  supervisedIndependentLiving: 6,
  runaway: 7,
  trialHomeVisit: 8,
} as const;
export type SettingCode = (typeof Setting)[keyof typeof Setting];

/**
 * A placement whose setting the source does not tell: a legacy AFCARS file
 * shows only the current placement, so an earlier one whose dates NUMPLEP
 * pins down is written with this code (outcomes/import/afcars-import.ts).
 * Never in a CSV bundle or the platform's records.
 */
export const UNKNOWN_SETTING = 0;

/**
 * The platform's placement.setting words, in code order: code c is settingNames[c − 1]; UNKNOWN_SETTING has no word.
 */
export const settingNames = [
  "pre_adoptive_home",
  "relative_family_home",
  "nonrelative_family_home",
  "group_home",
  "institution",
  "supervised_independent_living",
  "runaway",
  "trial_home_visit",
] as const;
export type SettingName = (typeof settingNames)[number];

/**
 * Group homes and institutions: congregate care (CB 2015, "A National Look at the Use of Congregate Care"). An unknown
 * setting is not.
 */
export function isCongregate(setting: number): boolean {
  return setting === Setting.groupHome || setting === Setting.institution;
}

/** AFCARS element 58, reason for discharge. 0: none recorded (open episode, or an exit missing its reason). */
export const ExitReason = {
  none: 0,
  reunification: 1,
  relative: 2,
  adoption: 3,
  emancipation: 4,
  guardianship: 5,
  transfer: 6,
  runaway: 7,
  death: 8,
} as const;
export type ExitReasonCode = (typeof ExitReason)[keyof typeof ExitReason];

/** The platform's removal_episode.exit_reason words, code 1 to 8. */
export const exitReasonNames = [
  "reunification",
  "relative",
  "adoption",
  "emancipation",
  "guardianship",
  "transfer",
  "runaway",
  "death",
] as const;
export type ExitReasonName = (typeof exitReasonNames)[number];

/** Permanency exits (CFSR R4 DD): reunification, living with other relatives, guardianship, adoption. */
export function isPermanencyExit(reason: number): boolean {
  return (
    reason === ExitReason.reunification ||
    reason === ExitReason.relative ||
    reason === ExitReason.guardianship ||
    reason === ExitReason.adoption
  );
}

/** Exits that start the re-entry clock (R4 P4): adoption is left out (79 FR 22608). */
export function isReentryCohortExit(reason: number): boolean {
  return reason === ExitReason.reunification || reason === ExitReason.relative || reason === ExitReason.guardianship;
}

/** How the child came to a placement (the platform records it; AFCARS does not, so imports may leave it unknown). */
export const ChangeKind = { initial: 0, planned: 1, emergency: 2, unplanned: 3, unknown: 9 } as const;
export type ChangeKindCode = (typeof ChangeKind)[keyof typeof ChangeKind];
export const changeKindNames = ["initial", "planned", "emergency", "unplanned"] as const;

/** AFCARS element 7 (1 male, 2 female); 0 unknown. */
export const Sex = { unknown: 0, male: 1, female: 2 } as const;
export const sexNames = ["unknown", "male", "female"] as const;

/** Race/ethnicity as the platform records it (AFCARS elements 8–9 folded: Hispanic of any race is 'hispanic'). */
export const raceNames = [
  "unknown",
  "american_indian_alaska_native",
  "asian",
  "black",
  "native_hawaiian_pacific_islander",
  "white",
  "two_or_more",
  "hispanic",
] as const;
export type RaceName = (typeof raceNames)[number];

/** Why a resource family home closed (the platform's household.closure_reason), code 1 to 7; 0 open. */
export const homeClosureNames = [
  "adopted",
  "guardianship",
  "family_request",
  "moved",
  "agency_decision",
  "transferred",
  "other",
] as const;
