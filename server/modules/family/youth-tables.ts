import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

/** The youth page's rule set per state (migration 0641): opening age and the bill of rights, with its source. */
export interface YouthPageRuleTable {
  id: Generated<string>;
  state_code: string;
  min_age: number;
  min_age_source: string;
  rights_en: ColumnType<string[], string, string>;
  rights_es: ColumnType<string[], string, string>;
  source_title: string;
  source_url: string;
  effective_from: CalendarDay;
  effective_to: CalendarDay | null;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    youth_page_rule: YouthPageRuleTable;
  }
}
