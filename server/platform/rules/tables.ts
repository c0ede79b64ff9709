import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

/**
 * Practice kinds, triggers, exclusions and recipients are rows (practice_kind, rule_trigger, rule_exclusion,
 * practice_recipient): codes are strings the database checks with foreign keys. The triggers below are the events
 * the placement and hearing code fires; a trigger row without code firing it starts nothing.
 */
export type Practice = string;
export type RuleTrigger = string;
export type ExclusionCode = string;
/** The shape of a vocabulary code (a row's primary key). */
export const vocabularyCode = /^[a-z][a-z0-9_]{2,59}$/;

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
  /** The site whose own setting this is (layer 'site'); null for state law, guidance and older site rows. */
  site_id: string | null;
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
}

export interface PracticeKindTable {
  code: string;
  label_en: string;
  label_es: string;
  description_en: string | null;
  description_es: string | null;
  /** Network-wide when both are null; a state's own; a site's own. */
  state_code: string | null;
  site_id: string | null;
  completion: Generated<"form" | "signatures">;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
}

export interface VocabularyTable {
  code: string;
  label_en: string;
  label_es: string;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    practice_rule: PracticeRuleTable;
    court_holiday: CourtHolidayTable;
    practice_kind: PracticeKindTable;
    rule_trigger: VocabularyTable & { allows_before: boolean };
    rule_exclusion: VocabularyTable;
    practice_recipient: VocabularyTable;
    practice_kind_recipient: { kind_code: string; recipient_code: string };
  }
}
