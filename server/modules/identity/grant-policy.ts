import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { type Actor, actorDay } from "../../platform/access/actor.js";
import { grantReachesBeyond, prospectiveActor } from "../../platform/access/grant-reach.js";
import { isPermission, type Permission } from "../../platform/access/permissions.js";
import { hasPermission } from "../../platform/access/require-access.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { networkDirectory, type PersonSummary } from "../network/index.js";
import { identityRepository } from "./repository.js";

/** Scopes that reach beyond the site where the role is held (migration 0340). */
const BEYOND_SITE = new Set(["state", "network"]);

/**
 * The one check of every path that grants a role (an invitation, a resent
 * invitation). A grant of `role` at `siteId` to `personId` (or to a new person)
 * by `actor` is allowed only when:
 *
 *  1. one of the actor's roles at the site may grant the role (role_grantable) — else 403;
 *  2. a role that reaches beyond one site (a 'state' or 'network' scope) is granted
 *     by a network administrator (network:administer) — else 403;
 *  3. the person is of the site — else 404;
 *  4. every child the new grant would reach, with any permission the role holds
 *     (a youth: themself; a birth parent: their children; a caregiver: the children
 *     placed in their home; staff: the children whose team they are on), is one the
 *     actor reads with child:read — else 404, as a record out of reach answers.
 *
 * The caller has already required `user:invite` at the site.
 */
export async function checkGrant(
  db: Kysely<Database>,
  actor: Actor,
  grant: { role: string; siteId: string; personId: string | null },
): Promise<{ person: PersonSummary | null }> {
  const repository = identityRepository(db);
  if (!(await repository.roleExists(grant.role)))
    throw invalid([{ field: "role", messageKey: "validation.unknown_role", params: { role: grant.role } }]);
  const notGrantable = new AppError("forbidden", "error.role_not_grantable", { role: grant.role });
  const granterRoles = [...new Set(actor.grants.filter((g) => g.siteId === grant.siteId).map((g) => g.role))];
  if (!(await repository.isGrantableBy(granterRoles, grant.role))) throw notGrantable;
  const permissions = await repository.permissionsOfRole(grant.role);
  if (permissions.some((p) => BEYOND_SITE.has(p.scope)) && !hasPermission(actor, "network:administer"))
    throw notGrantable;
  let person: PersonSummary | null = null;
  if (grant.personId) {
    person = (await networkDirectory(db).person(grant.personId)) ?? null;
    if (!person || person.siteId !== grant.siteId) throw notFound();
  }
  const grantee = prospectiveActor(
    { personId: person?.id ?? null, role: grant.role, siteId: grant.siteId },
    permissions.filter((p): p is typeof p & { permission: Permission } => isPermission(p.permission)),
    actorDay(actor, grant.siteId),
  );
  if (await grantReachesBeyond(db, actor, grantee)) throw notFound();
  return { person };
}
