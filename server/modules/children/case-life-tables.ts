import type { ColumnType, Generated } from "kysely";
import "../../db/database.js";

type CreatedAt = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

/** AFCARS element 25, manner of removal: 1 voluntary, 2 court ordered, 3 not yet determined. */
export type LegalAuthority = "voluntary" | "court_ordered" | "not_yet_determined";

/** An intake in progress, saved step by step (migration 0500). */
export interface IntakeDraftTable {
  id: Generated<string>;
  site_id: string;
  created_by: string;
  /** Who may read, save and finish it now: its author until handed to another worker (migration 0710). */
  held_by: string;
  step: "child" | "removal" | "placement" | "team" | "review";
  answers: Json<Record<string, unknown>>;
  child_id: string | null;
  completed_at: Date | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** A corrected date or setting of a placement or removal episode, with its reason (migration 0500). */
export interface RecordCorrectionTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  entity_type: "placement" | "removal_episode";
  entity_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  corrected_by: string;
  created_at: CreatedAt;
}

declare module "../../db/database.js" {
  interface RemovalEpisodeTable {
    legal_authority: ColumnType<LegalAuthority | null, LegalAuthority | null | undefined, LegalAuthority | null>;
    removal_time: ColumnType<string | null, string | null | undefined, string | null>;
  }
  interface Database {
    intake_draft: IntakeDraftTable;
    record_correction: RecordCorrectionTable;
  }
}
