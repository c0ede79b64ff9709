import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";
import type { Practice } from "../../platform/rules/tables.js";
import "../../platform/rules/tables.js";
import "../../platform/jobs/tables.js";

type CreatedAt = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

export type TaskStatus = "open" | "completed" | "not_required";

export interface PracticeTaskTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  placement_id: string | null;
  hearing_id: string | null;
  rule_id: string;
  practice: Practice;
  origin_key: string;
  due_at: Date | null;
  due_on: CalendarDay | null;
  status: Generated<TaskStatus>;
  not_required_reason: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  outcome: string | null;
  content: Json<Record<string, unknown>>;
  reminded_at: Date | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface CourtHearingTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  hearing_on: CalendarDay;
  hearing_type: "detention" | "jurisdiction" | "disposition" | "review" | "permanency" | "tpr" | "other";
  department: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface CaregiverReportTable {
  id: Generated<string>;
  hearing_id: string;
  child_id: string;
  submitted_by: string;
  submitted_at: Generated<Date>;
  body: string;
  received_by: string | null;
  received_at: Date | null;
  forwarded_to_court: Generated<boolean>;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface CaregiverReportAmendmentTable {
  id: Generated<string>;
  report_id: string;
  child_id: string;
  submitted_by: string;
  submitted_at: Generated<Date>;
  body: string;
  created_at: CreatedAt;
}

export interface TransitionPlanTable {
  id: Generated<string>;
  placement_id: string;
  steps: Json<{ description: string; on: string }[]>;
  created_by: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  task_id: string | null;
  subject_key: string;
  params: Json<Record<string, string>>;
  read_at: Date | null;
  email_sent_at: Date | null;
  /** The mail job's lease on the row (migration 0430): set in a short claim, cleared when a send fails. */
  email_claimed_at: Generated<Date | null>;
  email_claim_token: Generated<string | null>;
  created_at: CreatedAt;
}

export type Allegation = "neglect" | "physical_abuse" | "sexual_abuse" | "emotional_abuse" | "exploitation" | "other";
export type ReporterRole =
  | "teacher"
  | "medical"
  | "law_enforcement"
  | "social_services"
  | "relative"
  | "neighbor"
  | "anonymous"
  | "other";

/**
 * A maltreatment report in the child's case record (migrations 0130, 0150); the reporter is field class
 * reporter_identity.
 */
export interface MaltreatmentReportTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  received_on: CalendarDay;
  /** When the maltreatment happened, if the report says; never after received_on. */
  incident_on: CalendarDay | null;
  allegation: Allegation;
  disposition: Generated<"pending" | "substantiated" | "inconclusive" | "unfounded">;
  reporter_name: string | null;
  reporter_role: ReporterRole | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

/** A court order that conditions disclosure (migration 0140). */
export interface CourtOrderTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  kind: "no_contact" | "no_contact_disclosure";
  starts_on: CalendarDay;
  ends_on: CalendarDay | null;
  created_at: CreatedAt;
  /** Migration 0520: what the order says, who recorded and who ended it, and a version for concurrent edits. */
  note: string | null;
  created_by: string | null;
  ended_by: string | null;
  ended_at: Date | null;
  version: Generated<number>;
}

/** A caseworker handover (migration 0520): the open tasks that followed the new caseworker. */
export interface CaseworkerHandoverTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  from_member_id: string;
  to_member_id: string;
  handed_over_on: CalendarDay;
  reason: string;
  task_ids: Json<string[]>;
  created_by: string;
  created_at: CreatedAt;
}

declare module "../../db/database.js" {
  interface PlacementTable {
    started_at: Date | null;
  }
  interface Database {
    practice_task: PracticeTaskTable;
    court_hearing: CourtHearingTable;
    caregiver_report: CaregiverReportTable;
    caregiver_report_amendment: CaregiverReportAmendmentTable;
    transition_plan: TransitionPlanTable;
    notification: NotificationTable;
    maltreatment_report: MaltreatmentReportTable;
    court_order: CourtOrderTable;
    caseworker_handover: CaseworkerHandoverTable;
  }
}
