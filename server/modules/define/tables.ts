import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

export type StatementKind = "brand_statement" | "caregiver_promises";

/** A version of a site's brand statement or promises to caregivers (migration 0681). */
export interface SiteStatementTable {
  id: Generated<string>;
  site_id: string;
  kind: StatementKind;
  version: number;
  body_en: string;
  body_es: string | null;
  adopted_on: CalendarDay | null;
  participants: string | null;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    site_statement: SiteStatementTable;
  }
}
