import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";
import type { HealthSummaryContent } from "./schema.js";

type CreatedAt = ColumnType<Date, never, never>;

export interface ChildHealthSummaryTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  version: number;
  content: ColumnType<HealthSummaryContent, string, never>;
  updated_by: string;
  updated_at: ColumnType<Date, never, never>;
}

export interface RppDecisionTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  recorded_by: string;
  kind: "sleepover" | "trip" | "babysitting" | "activity" | "other";
  decided_on: CalendarDay;
  description: string;
  created_at: CreatedAt;
}

export interface LifeBookItemTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  created_by: string;
  kind: "photo" | "milestone";
  happened_on: CalendarDay;
  title: string;
  note: string | null;
  file_id: string | null;
  shared_with_birth_parent: boolean;
  created_at: CreatedAt;
  version: Generated<number>;
}

declare module "../../db/database.js" {
  interface Database {
    child_health_summary: ChildHealthSummaryTable;
    rpp_decision: RppDecisionTable;
    life_book_item: LifeBookItemTable;
  }
}
