import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

type CreatedAt = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

export type Party = "caregiver" | "agency" | "birth_parent" | "youth";

/** One numbered commitment of a plan, in English and (when written) Spanish. */
export interface CommitmentText {
  party: Party;
  en: string;
  es: string | null;
}

/** A version of a state's or a site's partnership plan, never changed once written (migration 0680). */
export interface PartnershipTemplateTable {
  id: Generated<string>;
  state_code: string;
  site_id: string | null;
  version: number;
  effective_from: CalendarDay;
  title_en: string;
  title_es: string | null;
  commitments: Json<CommitmentText[]>;
  source_note: string;
  created_at: CreatedAt;
}

/** A signature of a placement's plan by the caregiver or a case-management representative (migration 0680). */
export interface PartnershipSignatureTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  placement_id: string;
  template_id: string;
  party: "caregiver" | "agency";
  signer_user_id: string;
  typed_name: string;
  text_sha256: string;
  signed_at: ColumnType<Date, Date | undefined, never>;
}

declare module "../../db/database.js" {
  interface Database {
    partnership_template: PartnershipTemplateTable;
    partnership_signature: PartnershipSignatureTable;
  }
}
