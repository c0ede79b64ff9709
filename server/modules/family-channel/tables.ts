import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

type CreatedAt = ColumnType<Date, never, never>;

/** The families' agreement that opens the channel (migration 0800). */
export interface FamilyAgreementTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  birth_parent_person_id: string;
  household_id: string;
  agreed_on: CalendarDay;
  caregiver_agreed: boolean;
  parent_agreed: boolean;
  note: string | null;
  recorded_by: string;
  paused_at: Date | null;
  paused_by: string | null;
  pause_reason: string | null;
  ended_on: CalendarDay | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

/** A relayed message (append-only). */
export interface FamilyMessageTable {
  id: Generated<string>;
  agreement_id: string;
  child_id: string;
  site_id: string;
  sender_user_id: string;
  sender_side: "caregiver" | "birth_parent";
  body: string;
  file_id: string | null;
  created_at: CreatedAt;
}

/** A case-plan task (migration 0801). */
export interface CasePlanTaskTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  kind: "service" | "visit" | "class";
  title: string;
  due_on: CalendarDay | null;
  shared_with_parent: boolean;
  status: Generated<"not_started" | "in_progress" | "done">;
  created_by: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface CasePlanTaskUpdateTable {
  id: Generated<string>;
  task_id: string;
  user_id: string;
  status: "not_started" | "in_progress" | "done";
  note: string | null;
  created_at: CreatedAt;
}

declare module "../../db/database.js" {
  interface Database {
    family_agreement: FamilyAgreementTable;
    family_message: FamilyMessageTable;
    case_plan_task: CasePlanTaskTable;
    case_plan_task_update: CasePlanTaskUpdateTable;
  }
}
