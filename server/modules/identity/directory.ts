import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";

/** A user as other modules may name them: the person's name and the sign-in email. */
export interface DirectoryEntry {
  name: string;
  email: string;
}

/**
 * The names and emails of users, by id. Other modules show who did something
 * (granted a share, sent a report, completed a task) through this, never by
 * reading the account tables themselves.
 */
export async function usersByIds(db: Kysely<Database>, userIds: readonly string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map<string, DirectoryEntry>();
  const rows = await db
    .selectFrom("user_account as u")
    .innerJoin("person as p", "p.id", "u.person_id")
    .select(["u.id", "u.email", "p.given_name", "p.family_name"])
    .where("u.id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: `${r.given_name} ${r.family_name}`, email: r.email }]));
}

/** The active user with this email (any case) who holds a role at the site on `day`, if any. */
export async function activeSiteUserByEmail(db: Kysely<Database>, email: string, siteId: string, day: string) {
  const row = await db
    .selectFrom("user_account as u")
    .innerJoin("role_grant as g", "g.user_id", "u.id")
    .select("u.id")
    .where((eb) => eb(eb.fn("lower", ["u.email"]), "=", email.toLowerCase()))
    .where("u.status", "=", "active")
    .where("g.site_id", "=", siteId)
    .where("g.starts_on", "<=", day)
    .where((eb) => eb.or([eb("g.ends_on", "is", null), eb("g.ends_on", ">=", day)]))
    .executeTakeFirst();
  return row?.id;
}

/** Where and in which language to email users, by id. */
export async function mailboxesOf(db: Kysely<Database>, userIds: readonly string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map<string, { email: string; language: string }>();
  const rows = await db
    .selectFrom("user_account")
    .select(["id", "email", "preferred_language"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { email: r.email, language: r.preferred_language }]));
}

/** The people holding `role` at the site on `day` with an active account (a handover's new caseworker), by name. */
export async function activeSiteStaffWithRole(db: Kysely<Database>, siteId: string, role: string, day: string) {
  const rows = await db
    .selectFrom("user_account as u")
    .innerJoin("role_grant as g", "g.user_id", "u.id")
    .innerJoin("person as p", "p.id", "u.person_id")
    .select(["u.person_id", "p.given_name", "p.family_name"])
    .distinct()
    .where("u.status", "=", "active")
    .where("g.site_id", "=", siteId)
    .where("g.role_code", "=", role)
    .where("g.starts_on", "<=", day)
    .where((eb) => eb.or([eb("g.ends_on", "is", null), eb("g.ends_on", ">=", day)]))
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .execute();
  return rows.map((r) => ({ personId: r.person_id, name: `${r.given_name} ${r.family_name}` }));
}

/**
 * The active users who, on `day`, hold a role at the site that grants `permission` (read from the permission
 * rows, never a list of roles here): who an intake draft can be handed to.
 */
export async function activeSiteStaffWithPermission(
  db: Kysely<Database>,
  siteId: string,
  permission: string,
  day: string,
) {
  const rows = await db
    .selectFrom("user_account as u")
    .innerJoin("role_grant as g", "g.user_id", "u.id")
    .innerJoin("role_permission as rp", "rp.role_code", "g.role_code")
    .innerJoin("person as p", "p.id", "u.person_id")
    .select(["u.id", "p.given_name", "p.family_name"])
    .distinct()
    .where("u.status", "=", "active")
    .where("g.site_id", "=", siteId)
    .where("rp.permission_code", "=", permission)
    .where("g.starts_on", "<=", day)
    .where((eb) => eb.or([eb("g.ends_on", "is", null), eb("g.ends_on", ">=", day)]))
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("u.id")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: `${r.given_name} ${r.family_name}` }));
}

/** Whether each person has an account, and its status ("invited", "active", "disabled"), by person id. */
export async function accountsOfPersons(db: Kysely<Database>, personIds: readonly string[]) {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("user_account")
    .select(["person_id", "status"])
    .where("person_id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.status as string]));
}

/** The active accounts of people, with where and in which language to email them (a relayed message's notice). */
export async function activeMailboxesOfPersons(db: Kysely<Database>, personIds: readonly string[]) {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("user_account")
    .select(["id", "person_id", "email", "preferred_language"])
    .where("person_id", "in", ids)
    .where("status", "=", "active")
    .orderBy("email")
    .execute();
  return rows.map((r) => ({ userId: r.id, personId: r.person_id, email: r.email, language: r.preferred_language }));
}
