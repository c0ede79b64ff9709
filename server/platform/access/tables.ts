import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

/** A child's record shared with a named user for a reason until a date (migration 0120). */
export interface ChildShareTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  shared_with_user_id: string;
  reason: string;
  starts_on: CalendarDay;
  ends_on: CalendarDay;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** The version of what every actor depends on (role permissions, time zones, security policies; migration 0400). */
export interface AccessEpochTable {
  only_row: ColumnType<boolean, never, never>;
  version: ColumnType<number, never, never>;
  changed_at: ColumnType<Date, never, never>;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    child_share: ChildShareTable;
    access_epoch: AccessEpochTable;
  }
}
