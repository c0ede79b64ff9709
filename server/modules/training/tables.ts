import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

type CreatedAt = ColumnType<Date, never, never>;
type Never = ColumnType<string, never, never>;

/** The maintained taxonomy of training topics (migration 0700). */
export interface TrainingTopicTable {
  code: string;
  name_en: string;
  name_es: string;
}

export interface TrainingItemTable {
  id: Generated<string>;
  code: string;
  site_id: string | null;
  format: "tip_sheet" | "video" | "podcast" | "webinar" | "course";
  topic_code: string;
  age_min: number;
  age_max: number;
  credit_hours: ColumnType<number, number | string, number | string>;
  title_en: string;
  title_es: string;
  summary_en: string;
  summary_es: string;
  body_en: string;
  body_es: string;
  search_en: Never;
  search_es: Never;
  head_en: Never;
  head_es: Never;
  created_at: CreatedAt;
}

export interface TrainingSynonymTable {
  term: string;
  expansion: string;
}

export interface TrainingHoursRuleTable {
  id: Generated<number>;
  state_code: string;
  kind: "pre_approval" | "annual";
  hours: number | null;
  effective_from: CalendarDay;
  effective_to: CalendarDay | null;
  source_url: string | null;
  note: string;
  note_es: string;
}

export interface TrainingCompletionTable {
  id: Generated<string>;
  person_id: string;
  site_id: string;
  item_id: string;
  method: "attested" | "quiz" | "attendance";
  hours: ColumnType<number, number | string, number | string>;
  completed_on: CalendarDay;
  completed_year: number;
  created_at: CreatedAt;
}

export interface TrainingSearchLogTable {
  id: Generated<number>;
  site_id: string;
  query: string;
  result_count: number;
  searched_at: CreatedAt;
}

declare module "../../db/database.js" {
  interface Database {
    training_topic: TrainingTopicTable;
    training_item: TrainingItemTable;
    training_synonym: TrainingSynonymTable;
    training_hours_rule: TrainingHoursRuleTable;
    training_completion: TrainingCompletionTable;
    training_search_log: TrainingSearchLogTable;
  }
}
