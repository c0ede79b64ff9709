import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

export type ConcernTopic = "practice" | "communication" | "barrier" | "other";
export type ConcernStatus = "open" | "acknowledged" | "responded" | "closed";
export type RaiserRole = "caregiver" | "birth_parent" | "youth";

/** A concern raised by a caregiver, birth parent or youth, handled by the site's QPI coordinator (migration 0780). */
export interface ConcernTable {
  id: Generated<string>;
  site_id: string;
  raised_by_user_id: string;
  raiser_role: RaiserRole;
  topic: ConcernTopic;
  body: string;
  share_name: boolean;
  status: ColumnType<ConcernStatus, ConcernStatus | undefined, ConcernStatus>;
  acknowledged_at: Date | null;
  response: string | null;
  responded_at: Date | null;
  close_note: string | null;
  closed_at: Date | null;
  handled_by_user_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  version: ColumnType<number, number | undefined, number>;
}

/** Where to report child abuse or neglect in a jurisdiction, with its source (migration 0780). */
export interface AbuseReportLineTable {
  id: Generated<string>;
  state_code: string;
  site_id: string | null;
  phone: string;
  name_en: string;
  name_es: string | null;
  checked_on: CalendarDay;
  source_url: string;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    concern: ConcernTable;
    abuse_report_line: AbuseReportLineTable;
  }
}
