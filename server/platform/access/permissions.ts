/**
 * Every permission code the platform knows, as seeded in the `permission`
 * table by the migrations (server/db/migrations/*.sql). Who holds which is
 * data (role_permission); the code only names them, and a misspelt name is a
 * compile error. test/platform/permissions.int.test.ts fails when this list
 * and the database's rows disagree in either direction.
 */
export const permissions = [
  // network (0004)
  "network:read",
  // children (0004, 0120, 0200)
  "child:read",
  "child:list",
  "child:write",
  "child:share",
  "rules:manage",
  // coverage of the network's rule sets (0760)
  "rules:coverage",
  "audit:read",
  "practice:read",
  "practice:complete",
  "practice:report",
  "caregiver_report:submit",
  // partnership (0680)
  "partnership:read",
  "partnership:sign",
  // caregiver (0621)
  "caregiver_home:read",
  "caregiver_home:write",
  "health_summary:write",
  "rpp_decision:read",
  // family (0640)
  "family:read",
  "youth:read",
  // messages between the families (0800)
  "family_message:send",
  "family_message:manage",
  // case-plan tasks shared with the birth parent (0801)
  "case_plan:manage",
  "case_plan:progress",
  // outcomes (0004)
  "outcomes:read",
  // identity (0004, 0100)
  "user:manage",
  "user:invite",
  "security:manage",
  "network:administer",
  // homes: resource families (0660)
  "household:read",
  "household:write",
  "household:own",
  "household:match",
  // training (0700)
  "training:read",
  "training:complete",
  "training:coordinate",
  // improve (0780, 0781, 0782)
  "concern:raise",
  "concern:manage",
  "survey:manage",
  "survey:respond",
  "improve:read",
  "improve:manage",
  "training:import",
  // field classes, read by platform/access/field-classes.ts (0005)
  "fields:caregiver_contact",
  "fields:reporter_identity",
  "fields:health",
  "fields:substance_use",
  "fields:education",
] as const;

export type Permission = (typeof permissions)[number];

/** The field-class permissions: defined by the platform itself, not by a module. */
export const platformPermissions = [
  "fields:caregiver_contact",
  "fields:reporter_identity",
  "fields:health",
  "fields:substance_use",
  "fields:education",
] as const satisfies readonly Permission[];

const known: ReadonlySet<string> = new Set(permissions);

export function isPermission(code: string): code is Permission {
  return known.has(code);
}
