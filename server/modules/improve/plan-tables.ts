import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

export type BarrierSource = "focus_group" | "survey" | "concern" | "data";
export type ActionStatus = "not_started" | "in_progress" | "done";

/** The steering committee or a work group of a site (migration 0782). */
export interface WorkGroupTable {
  id: Generated<string>;
  site_id: string;
  kind: "steering_committee" | "work_group";
  name: string;
  created_at: ColumnType<Date, never, never>;
}

/** A barrier a site found, where it came from and the measures it should move (migration 0782). */
export interface BarrierTable {
  id: Generated<string>;
  site_id: string;
  title: string;
  source: BarrierSource;
  concern_id: string | null;
  survey_id: string | null;
  work_group_id: string | null;
  measure_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<"open" | "resolved", "open" | "resolved" | undefined, "open" | "resolved">;
  raised_on: CalendarDay;
  resolved_on: CalendarDay | null;
  created_at: ColumnType<Date, never, never>;
  version: ColumnType<number, number | undefined, number>;
}

/** An action item of a barrier: owner, work group, due date, status (migration 0782). */
export interface ActionItemTable {
  id: Generated<string>;
  site_id: string;
  barrier_id: string;
  work_group_id: string | null;
  title: string;
  owner: string;
  due_on: CalendarDay;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  done_on: CalendarDay | null;
  created_at: ColumnType<Date, never, never>;
  version: ColumnType<number, number | undefined, number>;
}

declare module "../../db/database.js" {
  interface Database {
    work_group: WorkGroupTable;
    barrier: BarrierTable;
    action_item: ActionItemTable;
  }
}
