import type { MeasureOptions } from "./types.js";

/**
 * The engine's readings of the points the CFSR Round 4 data dictionary (DD,
 * Aug 2022) leaves open (research/metrics.md §1.7 Q1–Q5 and others). Each
 * default is argued here; the alternatives let a site reproduce another
 * reading and see the difference.
 */
export const defaultMeasureOptions: Readonly<MeasureOptions> = {
  // Q1. "Within 12 months of entering" is read as before the anniversary: the
  // CB SPSS syntax as ported by POC counts whole months < 12
  // (perm_entries_reentry.sql, loslatremmocat 1–2), so an exit on the
  // anniversary is outside. The MS R package reads ≤ start + 1 year.
  permanencyAnniversaryCounts: false,
  // Q2. The DD's P4 denominator is a number of *children* who exited, so a
  // child counts once, with the period's first qualifying exit.
  reentryExits: "first",
  // Q3. "Within 14 days of the initial report" is inclusive: a report 14
  // days later is the same episode of maltreatment; 15 days is a recurrence.
  recurrenceWindowInclusive: true,
  // Full histories are the point of the platform; the AFCARS artefact is an
  // option for reconciling with CB's published figures (metrics.md §1.6).
  afcarsSnapshotEmulation: false,
  // The same reading as Q1 for every "within 12 months of" in the DD.
  reentryAnniversaryCounts: false,
  recurrenceAnniversaryCounts: false,
  // DD fn 4 counts whole days: the child is in care on the removal day, not
  // on the exit day. A child still in care on the period's last day was in
  // care that day too, so a whole year is 365 days — which is also what the
  // CB syntax gives for children in care all year (POC adds the day back
  // only for them: "cb_syntax").
  periodEndDay: "counted",
  // CB computes S1 and W1 from the AFCARS files of the period itself
  // (metrics.md §1.3 "data window": 21A–21B), so an episode still open at
  // the period's end is not "complete" and is kept even if it later turns
  // out shorter than 8 days — the POC port says so explicitly ("short but
  // ongoing episodes … we want to keep").
  shortEpisodeSeenAt: "period_end",
  // Q5. Calendar months (days.ts wholeMonths): what "12 months in care"
  // means to a caseworker, and what the DD's month wording suggests.
  monthsInCare: "calendar",
  // NCANDS-based dedup in the CB syntax (as ported by POC) compares each
  // victim record with the child's previous one, whatever happened to it.
  duplicateReportsAgainst: "any_prior",
  // The CB syntax (as ported by POC) tests the incident date against
  // removal + 7 days, the same window as the report date.
  incidentInFirstWeekExcluded: true,
  // QPI's recruitment and retention aim is about resource families recruited
  // for children generally; relative homes are approved for one child and
  // close when that child leaves, which would swamp retention.
  homesIncludeKin: false,
};

export function resolveOptions(options: Partial<MeasureOptions> = {}): MeasureOptions {
  return { ...defaultMeasureOptions, ...options };
}
