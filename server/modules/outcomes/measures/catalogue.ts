/**
 * Every measure the outcomes engine computes: what it counts, its unit, which
 * direction is good and the national figure to compare with. The national
 * figures are CB's Round 4 national performance (research/metrics.md §0,
 * data/national_table.md); QPI measures have none published.
 * Definitions in words live in the web app's catalogs (en, es), keyed by id.
 */
export const measureIds = [
  // CFSR Round 4 statewide data indicators (observed performance)
  "maltreatment_in_care", // S1
  "recurrence", // S2
  "permanency_12m_entries", // P1
  "permanency_12m_12_23", // P2
  "permanency_12m_24_plus", // P3
  "reentry_12m", // P4
  "placement_stability", // W1
  // QPI measures
  "unplanned_moves",
  "congregate_point_in_time",
  "congregate_days",
  "first_placement_congregate",
  "siblings_all_together",
  "siblings_some_together",
  "reunification_12m",
  "median_length_of_stay",
  "entries",
  "exits",
  "in_care_end",
  "homes_approved",
  "homes_closed",
  "home_retention_1y",
  "time_to_approval",
] as const;
export type MeasureId = (typeof measureIds)[number];

export type MeasureUnit = "percent" | "per_1000_days" | "per_100000_days" | "days" | "count";
export type GoodDirection = "higher" | "lower" | "none";

export interface MeasureInfo {
  id: MeasureId;
  family: "cfsr" | "qpi" | "context" | "homes";
  unit: MeasureUnit;
  good: GoodDirection;
  /** CB national performance, Round 4, where one exists. */
  national?: { value: number; source: string };
  /** The age the breakdown by age group uses. */
  ageBasis: "entry" | "first_day" | "exit" | "victimization" | "last_day" | "none";
}

const NATIONAL_SOURCE = "CB CFSR Round 4 national performance (data profiles 2024–2025; research/metrics.md §0)";

export const measureCatalogue: Record<MeasureId, MeasureInfo> = {
  maltreatment_in_care: {
    id: "maltreatment_in_care",
    family: "cfsr",
    unit: "per_100000_days",
    good: "lower",
    national: { value: 9.07, source: NATIONAL_SOURCE },
    ageBasis: "entry",
  },
  recurrence: {
    id: "recurrence",
    family: "cfsr",
    unit: "percent",
    good: "lower",
    national: { value: 9.7, source: NATIONAL_SOURCE },
    ageBasis: "victimization",
  },
  permanency_12m_entries: {
    id: "permanency_12m_entries",
    family: "cfsr",
    unit: "percent",
    good: "higher",
    national: { value: 35.2, source: NATIONAL_SOURCE },
    ageBasis: "entry",
  },
  permanency_12m_12_23: {
    id: "permanency_12m_12_23",
    family: "cfsr",
    unit: "percent",
    good: "higher",
    national: { value: 43.8, source: NATIONAL_SOURCE },
    ageBasis: "first_day",
  },
  permanency_12m_24_plus: {
    id: "permanency_12m_24_plus",
    family: "cfsr",
    unit: "percent",
    good: "higher",
    national: { value: 37.3, source: NATIONAL_SOURCE },
    ageBasis: "first_day",
  },
  reentry_12m: {
    id: "reentry_12m",
    family: "cfsr",
    unit: "percent",
    good: "lower",
    national: { value: 5.6, source: NATIONAL_SOURCE },
    ageBasis: "exit",
  },
  placement_stability: {
    id: "placement_stability",
    family: "cfsr",
    unit: "per_1000_days",
    good: "lower",
    national: { value: 4.48, source: NATIONAL_SOURCE },
    ageBasis: "entry",
  },
  unplanned_moves: { id: "unplanned_moves", family: "qpi", unit: "per_1000_days", good: "lower", ageBasis: "entry" },
  congregate_point_in_time: {
    id: "congregate_point_in_time",
    family: "qpi",
    unit: "percent",
    good: "lower",
    ageBasis: "last_day",
  },
  // "entry": age at entry, or on the first day for children already in care — as S1 (congregate.ts).
  congregate_days: { id: "congregate_days", family: "qpi", unit: "percent", good: "lower", ageBasis: "entry" },
  first_placement_congregate: {
    id: "first_placement_congregate",
    family: "qpi",
    unit: "percent",
    good: "lower",
    ageBasis: "entry",
  },
  siblings_all_together: {
    id: "siblings_all_together",
    family: "qpi",
    unit: "percent",
    good: "higher",
    ageBasis: "last_day",
  },
  siblings_some_together: {
    id: "siblings_some_together",
    family: "qpi",
    unit: "percent",
    good: "higher",
    ageBasis: "last_day",
  },
  reunification_12m: { id: "reunification_12m", family: "qpi", unit: "percent", good: "higher", ageBasis: "entry" },
  median_length_of_stay: { id: "median_length_of_stay", family: "qpi", unit: "days", good: "lower", ageBasis: "exit" },
  entries: { id: "entries", family: "context", unit: "count", good: "none", ageBasis: "entry" },
  exits: { id: "exits", family: "context", unit: "count", good: "none", ageBasis: "exit" },
  in_care_end: { id: "in_care_end", family: "context", unit: "count", good: "none", ageBasis: "last_day" },
  homes_approved: { id: "homes_approved", family: "homes", unit: "count", good: "higher", ageBasis: "none" },
  homes_closed: { id: "homes_closed", family: "homes", unit: "count", good: "lower", ageBasis: "none" },
  home_retention_1y: { id: "home_retention_1y", family: "homes", unit: "percent", good: "higher", ageBasis: "none" },
  time_to_approval: { id: "time_to_approval", family: "homes", unit: "days", good: "lower", ageBasis: "none" },
};
