/** The bundle's column names; an AFCARS import names its elements instead. */
export type Column =
  | "child_id"
  | "site"
  | "state"
  | "birth_date"
  | "sex"
  | "race_ethnicity"
  | "sibling_group"
  | "removal_date"
  | "exit_date"
  | "exit_reason"
  | "start_date"
  | "end_date"
  | "setting"
  | "change_kind"
  | "home_id"
  | "report_date"
  | "incident_date"
  | "disposition"
  | "kind"
  | "inquiry_date"
  | "approved_date"
  | "closed_date"
  | "closure_reason";

/** The COPY target each file's rows stream into (tables of migration 0300). */
export { HOME_TARGET } from "./import-keys.js";
export const CHILD_TARGET =
  "outcome_child (child_key, area_id, birth_day, sibling_group, batch_id, source, sex, race, external_id)";
export const EPISODE_TARGET =
  "outcome_episode (child_key, area_id, removal_day, exit_day, exit_reason, reported_placements)";
export const PLACEMENT_TARGET =
  "outcome_placement (child_key, area_id, removal_day, start_day, end_day, home_key, setting, change_kind)";
export const REPORT_TARGET = "outcome_maltreatment_report (child_key, area_id, report_day, incident_day, disposition)";
