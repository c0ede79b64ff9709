import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

export const practices = [
  "comfort_call",
  "icebreaker",
  "planned_move_notice",
  "emergency_move_notice",
  "health_education_summary",
  "medication_handover",
  "cft_meeting",
  "sibling_visit",
  "hearing_caregiver_notice",
  "caregiver_court_report",
] as const;
export type Practice = (typeof practices)[number];

export const ruleTriggers = [
  "any_placement",
  "initial_placement",
  "later_placement",
  "planned_move",
  "emergency_move",
  "siblings_separated",
  "hearing",
] as const;
export type RuleTrigger = (typeof ruleTriggers)[number];

export const exclusionCodes = [
  "expedited_tpr",
  "parent_incarcerated",
  "placed_with_relatives",
  "group_care",
  "contrary_to_safety",
] as const;
export type ExclusionCode = (typeof exclusionCodes)[number];

/** hours: an instant; days: calendar days; business_days: days that are neither weekend nor the state's court holiday. */
export const dueUnits = ["hours", "days", "business_days"] as const;
export type DueUnit = (typeof dueUnits)[number];

export interface PracticeRuleTable {
  id: Generated<string>;
  state_code: string;
  practice: Practice;
  trigger: RuleTrigger;
  applies_to: Generated<"all" | "icwa" | "non_icwa">;
  due_amount: number;
  due_unit: DueUnit;
  due_direction: Generated<"after" | "before">;
  repeat_days: number | null;
  exclusions: Generated<ExclusionCode[]>;
  /** Null when the sources do not establish the start date (effective_note says so). */
  effective_from: CalendarDay | null;
  effective_to: CalendarDay | null;
  effective_note: string | null;
  effective_note_es: string | null;
  /** state = state law or regulation; site = a site's own QPI setting; guidance = network or federal guidance. */
  layer: Generated<"state" | "site" | "guidance">;
  source_url: string;
  source_note: string;
  /** The source note in Spanish (a translation of source_note); null when none was given. */
  source_note_es: string | null;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
  version: Generated<number>;
}

/** A day a state's courts are closed (migration 0760), with the source it was read from. */
export interface CourtHolidayTable {
  state_code: string;
  day: CalendarDay;
  name_en: string;
  name_es: string;
  source_url: string;
  source_note: string;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    practice_rule: PracticeRuleTable;
    court_holiday: CourtHolidayTable;
  }
}
