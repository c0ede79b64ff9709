import type { ColumnType, Generated } from "kysely";

export interface ScheduledJobTable {
  name: string;
  interval_secs: number;
  next_run_at: Date;
  last_run_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}

export interface JobRunTable {
  job_name: string;
  slot: Date;
  runner: string;
  started_at: Generated<Date>;
  finished_at: Date | null;
  result: unknown;
}

declare module "../../db/database.js" {
  interface Database {
    scheduled_job: ScheduledJobTable;
    job_run: JobRunTable;
  }
}
