import type { ColumnType, Generated } from "kysely";

/** A calendar day as "YYYY-MM-DD" (see engine.ts: dates are never JS Dates). */
export type CalendarDay = string;
type CreatedAt = ColumnType<Date, never, never>;

export interface NetworkStateTable {
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface SiteTable {
  id: Generated<string>;
  code: string;
  name: string;
  state_code: string;
  kind: "county" | "state_region" | "judicial_circuit" | "private_agency" | "tribe";
  time_zone: string;
  qpi_launch_date: CalendarDay | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface UnitTable {
  id: Generated<string>;
  site_id: string;
  parent_unit_id: string | null;
  name: string;
  kind: "office" | "unit";
  created_at: CreatedAt;
}

export interface PersonTable {
  id: Generated<string>;
  site_id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  birth_date: CalendarDay | null;
  sex: "female" | "male" | "unknown" | null;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  city: string | null;
  postal_code: string | null;
  preferred_language: Generated<string>;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface RoleTable {
  code: string;
  kind: "staff" | "family";
  description: string;
  created_at: CreatedAt;
}

export interface UserAccountTable {
  id: Generated<string>;
  person_id: string;
  email: string;
  password_hash: string | null;
  status: Generated<"invited" | "active" | "disabled">;
  preferred_language: Generated<"en" | "es">;
  created_at: CreatedAt;
  version: Generated<number>;
  /** Bumped by triggers whenever what the account's actor is built from changes (migration 0400). */
  access_version: ColumnType<number, never, never>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role_code: string;
  site_id: string;
  unit_id: string | null;
  starts_on: Generated<CalendarDay>;
  ends_on: CalendarDay | null;
  created_at: CreatedAt;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
  csrf_token: string;
}

export interface HouseholdTable {
  id: Generated<string>;
  site_id: string;
  name: string;
  kind: "resource_family" | "relative" | "facility";
  address_line1: string | null;
  city: string | null;
  postal_code: string | null;
  phone: string | null;
  /** The home's approval or facility licence number (migration 0540); null when not recorded. */
  license_number: string | null;
  capacity: number | null;
  inquiry_on: CalendarDay | null;
  approved_on: CalendarDay | null;
  closed_on: CalendarDay | null;
  closure_reason: string | null;
  contact_shared_with_birth_parents: Generated<boolean>;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface HouseholdMemberTable {
  household_id: string;
  person_id: string;
  role: "primary_caregiver" | "caregiver" | "adult_member" | "staff";
  created_at: CreatedAt;
}

export type RaceEthnicity =
  | "american_indian_alaska_native"
  | "asian"
  | "black"
  | "hispanic"
  | "native_hawaiian_pacific_islander"
  | "white"
  | "two_or_more"
  | "unknown";

export interface ChildTable {
  id: Generated<string>;
  person_id: string;
  site_id: string;
  case_number: string;
  race_ethnicity: Generated<RaceEthnicity>;
  languages: Generated<string[]>;
  icwa: Generated<boolean>;
  tribal_affiliation: string | null;
  school: string | null;
  school_of_origin: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export type ChildRelationKind =
  | "birth_parent"
  | "legal_guardian"
  | "relative"
  | "sibling_full"
  | "sibling_half"
  | "sibling_step";

export interface ChildRelationTable {
  id: Generated<string>;
  child_id: string;
  person_id: string;
  kind: ChildRelationKind;
  created_at: CreatedAt;
}

export type ExitReason =
  | "reunification"
  | "relative"
  | "guardianship"
  | "adoption"
  | "emancipation"
  | "transfer"
  | "runaway"
  | "death";

export interface RemovalEpisodeTable {
  id: Generated<string>;
  child_id: string;
  site_id: string;
  removal_date: CalendarDay;
  removal_reason: string;
  exit_date: CalendarDay | null;
  exit_reason: ExitReason | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export type PlacementSetting =
  | "pre_adoptive_home"
  | "relative_family_home"
  | "nonrelative_family_home"
  | "group_home"
  | "institution"
  | "supervised_independent_living"
  | "runaway"
  | "trial_home_visit";

export interface PlacementTable {
  id: Generated<string>;
  episode_id: string;
  child_id: string;
  site_id: string;
  household_id: string | null;
  setting: PlacementSetting;
  start_date: CalendarDay;
  end_date: CalendarDay | null;
  change_kind: "initial" | "planned" | "emergency" | "unplanned";
  change_requested_by: "agency" | "caregiver" | "child" | "birth_parent" | "court" | "other" | null;
  change_reason: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface ChildTeamMemberTable {
  id: Generated<string>;
  child_id: string;
  person_id: string;
  role:
    | "caseworker"
    | "supervisor"
    | "casa"
    | "guardian_ad_litem"
    | "attorney"
    | "education_rights_holder"
    | "therapist";
  starts_on: CalendarDay;
  ends_on: CalendarDay | null;
  created_at: CreatedAt;
}

/**
 * Every table, by name. Modules add their tables here as they add migrations;
 * a test compares this with information_schema.
 */
export interface Database {
  network_state: NetworkStateTable;
  site: SiteTable;
  unit: UnitTable;
  person: PersonTable;
  role: RoleTable;
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  household: HouseholdTable;
  household_member: HouseholdMemberTable;
  child: ChildTable;
  child_relation: ChildRelationTable;
  removal_episode: RemovalEpisodeTable;
  placement: PlacementTable;
  child_team_member: ChildTeamMemberTable;
}

export interface PermissionTable {
  code: string;
  description: string;
  created_at: CreatedAt;
}

/** 'state' and 'network' (migration 0340) reach aggregate outcomes only, never a child record. */
export type AccessScope = "site" | "unit" | "assigned" | "own" | "state" | "network";

export interface RolePermissionTable {
  role_code: string;
  permission_code: string;
  scope: AccessScope;
  created_at: CreatedAt;
}

export interface AuditEventTable {
  /** Insertion order (migration 0390); the sealer seals unsealed rows in this order. */
  id: Generated<number>;
  /** Gapless chain position, given by the sealer; null while the row is not yet sealed. */
  seq: ColumnType<number | null, number | null | undefined, number | null>;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  site_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** The records a list read showed (null for other rows); covered by the canonical form when set. */
  entity_ids: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  field_classes: Generated<string[]>;
  purpose: string | null;
  outcome: "success" | "denied" | "failure";
  ip: string | null;
  request_id: string | null;
  /** SHA-256 of the row's canonical form, written with the row (null on rows sealed before migration 0390). */
  row_hash: ColumnType<string | null, string | null | undefined, string | null>;
  prev_hash: ColumnType<string | null, string | null | undefined, string | null>;
  hash: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  permission: PermissionTable;
  role_permission: RolePermissionTable;
  audit_event: AuditEventTable;
}
