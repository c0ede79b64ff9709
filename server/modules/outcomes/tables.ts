import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

type CreatedAt = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

/** Who wrote an analytic row: the platform's own records or an import (CSV bundle, AFCARS). */
export const RowSource = { platform: 1, import: 2 } as const;
export type RowSourceCode = (typeof RowSource)[keyof typeof RowSource];

/** outcome_home.kind: 0 known only from a placement; recruitment counts 1 and 2. */
export const HomeKind = { unlisted: 0, resourceFamily: 1, relative: 2, facility: 3 } as const;

export interface OutcomeAreaTable {
  id: Generated<number>;
  code: string;
  name: string;
  state_code: string;
  site_id: string | null;
  source: "platform" | "import";
  refreshed_at: Date | null;
  /** Children with rows in the area, every source (kept by the writers, migration 0302). */
  children: Generated<number>;
  /** The data version of the last write to the area's histories (migration 0440; its snapshot must carry it). */
  history_version: Generated<string>;
  created_at: CreatedAt;
}

/** One area's columnar snapshot (migration 0440, snapshot/format.ts). */
export interface OutcomeHistorySnapshotTable {
  area_id: number;
  history_version: string | number;
  format: number;
  children: number;
  episodes: number;
  placements: number;
  reports: number;
  homes: number;
  sha256: Uint8Array;
  body: Uint8Array;
  written_at: Generated<Date>;
}

export interface FileCounts {
  read: number;
  written: number;
  rejected: number;
}

export interface OutcomeImportBatchTable {
  id: Generated<number>;
  format: "csv_bundle" | "afcars";
  bundle_sha256: string;
  site_id: string | null;
  actor_user_id: string | null;
  system: string | null;
  status: "running" | "completed" | "failed";
  counts: Json<Record<string, FileCounts>>;
  rejected_count: number;
  error: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  created_at: CreatedAt;
}

export interface OutcomeImportRejectTable {
  batch_id: number;
  seq: number;
  file: string;
  line: number;
  column_name: string | null;
  reason: string;
  created_at: CreatedAt;
}

export interface OutcomeChildTable {
  child_key: Generated<number>;
  area_id: number;
  birth_day: CalendarDay | null;
  sibling_group: number | null;
  batch_id: number | null;
  source: RowSourceCode;
  sex: number;
  race: number;
  external_id: string;
}

export interface OutcomeEpisodeTable {
  child_key: number;
  area_id: number;
  removal_day: CalendarDay;
  exit_day: CalendarDay | null;
  exit_reason: number;
  reported_placements: number | null;
}

export interface OutcomePlacementTable {
  child_key: number;
  area_id: number;
  removal_day: CalendarDay;
  start_day: CalendarDay;
  end_day: CalendarDay | null;
  home_key: number | null;
  setting: number;
  change_kind: number;
}

export interface OutcomeMaltreatmentReportTable {
  child_key: number;
  area_id: number;
  report_day: CalendarDay;
  incident_day: CalendarDay | null;
  disposition: number;
}

export interface OutcomeHomeTable {
  home_key: Generated<number>;
  area_id: number;
  inquiry_day: CalendarDay | null;
  approved_day: CalendarDay | null;
  closed_day: CalendarDay | null;
  batch_id: number | null;
  source: RowSourceCode;
  kind: number;
  closure_reason: number;
  external_id: string;
}

export interface OutcomeSiblingGroupTable {
  group_key: Generated<number>;
  area_id: number;
  source: RowSourceCode;
  external_id: string;
}

declare module "../../db/database.js" {
  interface Database {
    outcome_area: OutcomeAreaTable;
    outcome_import_batch: OutcomeImportBatchTable;
    outcome_import_reject: OutcomeImportRejectTable;
    outcome_child: OutcomeChildTable;
    outcome_episode: OutcomeEpisodeTable;
    outcome_placement: OutcomePlacementTable;
    outcome_maltreatment_report: OutcomeMaltreatmentReportTable;
    outcome_home: OutcomeHomeTable;
    outcome_sibling_group: OutcomeSiblingGroupTable;
    outcome_history_snapshot: OutcomeHistorySnapshotTable;
  }
}
