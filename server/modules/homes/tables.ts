import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

type CreatedAt = ColumnType<Date, never, never>;

export const stages = [
  "inquiry",
  "orientation",
  "application",
  "background_checks",
  "training",
  "home_assessment",
  "psychosocial",
  "written_report",
  "approved",
  "withdrawn",
  "denied",
  "closed",
] as const;
export type Stage = (typeof stages)[number];

export interface HouseholdResidentTable {
  id: Generated<string>;
  household_id: string;
  role: "applicant" | "co_applicant" | "adult" | "child";
  given_name: string;
  family_name: string;
  birth_year: number | null;
  relationship: string | null;
  created_at: CreatedAt;
}

export interface HouseholdStageEventTable {
  id: Generated<string>;
  household_id: string;
  site_id: string;
  stage: Stage;
  entered_on: CalendarDay;
  reason_code: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface HouseholdBackgroundCheckTable {
  id: Generated<string>;
  household_id: string;
  subject: string;
  kind: "live_scan" | "child_abuse_index" | "dmv";
  status: "requested" | "cleared" | "exemption_needed" | "exemption_granted" | "not_cleared";
  requested_on: CalendarDay;
  completed_on: CalendarDay | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface HouseholdContactConsentTable {
  id: Generated<string>;
  household_id: string;
  site_id: string;
  shared: boolean;
  recorded_by: string;
  recorded_as: "caregiver" | "staff_on_behalf";
  note: string | null;
  recorded_at: Generated<Date>;
}

export interface RfaRuleTable {
  id: Generated<string>;
  state_code: string;
  code: "approval_days" | "pre_approval_training_hours" | "cpr_first_aid_days_after_approval" | "annual_training_hours";
  value: ColumnType<string, number, number>;
  effective_from: CalendarDay;
  effective_to: CalendarDay | null;
  source_url: string;
  source_note: string;
}

export interface HouseholdTaskTable {
  id: Generated<string>;
  household_id: string;
  site_id: string;
  rule_id: string;
  kind: "approval_due" | "cpr_first_aid_due";
  due_on: CalendarDay;
  status: Generated<"open" | "done" | "cancelled">;
  closed_on: CalendarDay | null;
  created_at: CreatedAt;
}

export interface HouseholdClosureReasonTable {
  code: string;
  requires_note: boolean;
  offered: boolean;
  sort_order: number;
}

export interface RfaExitReasonTable {
  code: string;
  outcome: "withdrawn" | "denied";
  requires_note: boolean;
  sort_order: number;
}

export interface PublicFormKeyTable {
  id: number;
  secret: string;
}

export interface PublicInquiryLogTable {
  id: Generated<string>;
  site_id: string;
  address_hash: string;
  submitted_at: Date;
}

declare module "../../db/database.js" {
  interface HouseholdTable {
    email: string | null;
    languages: Generated<string[]>;
    approval_type: "resource_family" | "kin" | "ffa_certified" | "emergency_relative" | null;
    pref_age_min: number | null;
    pref_age_max: number | null;
    pref_sibling_groups: Generated<boolean>;
    pref_needs: Generated<string[]>;
    availability: Generated<"available" | "on_hold" | "full">;
    availability_confirmed_on: CalendarDay | null;
    stage: Stage | null;
    recruitment_source: string | null;
    application_on: CalendarDay | null;
    training_hours: ColumnType<string, number | undefined, number>;
    closure_note: string | null;
    exit_reason: string | null;
    availability_asked_on: CalendarDay | null;
  }
  interface Database {
    household_resident: HouseholdResidentTable;
    household_stage_event: HouseholdStageEventTable;
    household_background_check: HouseholdBackgroundCheckTable;
    household_contact_consent: HouseholdContactConsentTable;
    rfa_rule: RfaRuleTable;
    household_task: HouseholdTaskTable;
    household_closure_reason: HouseholdClosureReasonTable;
    rfa_exit_reason: RfaExitReasonTable;
    public_form_key: PublicFormKeyTable;
    public_inquiry_log: PublicInquiryLogTable;
  }
}

export interface PostalCodeCentroidTable {
  postal_code: string;
  latitude: number;
  longitude: number;
  source: Generated<string>;
}
declare module "../../db/database.js" {
  interface Database {
    postal_code_centroid: PostalCodeCentroidTable;
  }
}

export interface RfaDocumentRequirementTable {
  id: Generated<string>;
  state_code: string;
  code: string;
  provided_by: "applicant" | "worker";
  blocks_approval: boolean;
  sort_order: number;
  effective_from: CalendarDay;
  effective_to: CalendarDay | null;
  source_url: string;
  source_note: string;
}

export interface HouseholdDocumentTable {
  id: Generated<string>;
  household_id: string;
  site_id: string;
  requirement_id: string;
  file_id: string;
  uploaded_by: string;
  uploaded_as: "applicant" | "worker";
  status: Generated<"submitted" | "accepted" | "rejected">;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_reason: string | null;
  created_at: CreatedAt;
}

export interface RfaAttestationTable {
  id: Generated<string>;
  code: string;
  version: number;
  state_code: string | null;
  text_en: string;
  text_es: string;
  effective_from: CalendarDay;
  effective_to: CalendarDay | null;
  source_note: string;
}

export interface HouseholdSignatureTable {
  id: Generated<string>;
  household_id: string;
  site_id: string;
  attestation_id: string;
  signer_user_id: string;
  typed_name: string;
  locale: "en" | "es";
  text_sha256: string;
  signed_at: Date;
}

declare module "../../db/database.js" {
  interface Database {
    rfa_document_requirement: RfaDocumentRequirementTable;
    household_document: HouseholdDocumentTable;
    rfa_attestation: RfaAttestationTable;
    household_signature: HouseholdSignatureTable;
  }
}
