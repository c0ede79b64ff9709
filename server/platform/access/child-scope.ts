import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/database.js";
import { type Actor, actorDay, type HeldPermission, type HeldScope } from "./actor.js";
import type { Permission } from "./permissions.js";
import { heldPermissions } from "./require-access.js";
import "./tables.js";

type ChildEb = ExpressionBuilder<Database & { child: Database["child"] }, "child">;

const NO_UNIT = "00000000-0000-0000-0000-000000000000";

/**
 * Whether one held permission reaches the row of `child`:
 *
 *  site      every child of the grant's site
 *  unit      children whose current caseworker works in the grant's unit
 *  assigned  children whose team the actor is on now
 *  own       caregiver: children placed in their home now (access ends with
 *            the placement); birth parent: their own child; youth: themselves
 *  shared    children shared with the actor now (child_share: not revoked,
 *            today within starts_on … ends_on)
 *
 * "Now" and "today" are the grant's site calendar day at the request's instant
 * (actor.siteDays), passed as a parameter: never the database's current_date,
 * which is the server's zone (UTC), up to 8 hours off in California.
 */
function reaches(
  eb: ChildEb,
  actor: Actor,
  p: Pick<HeldPermission, "scope" | "siteId" | "unitId">,
): Expression<SqlBool> {
  const today = actorDay(actor, p.siteId);
  const atSite = eb("child.site_id", "=", p.siteId);
  switch (p.scope) {
    case "site":
      return atSite;
    case "unit":
      return eb.and([
        atSite,
        eb.exists(
          eb
            .selectFrom("child_team_member as ctm")
            .innerJoin("user_account as ua", "ua.person_id", "ctm.person_id")
            .innerJoin("role_grant as rg", "rg.user_id", "ua.id")
            .select(sql`1`.as("one"))
            .whereRef("ctm.child_id", "=", "child.id")
            .where("ctm.role", "=", "caseworker")
            .where("ctm.ends_on", "is", null)
            .where("rg.unit_id", "=", p.unitId ?? NO_UNIT),
        ),
      ]);
    case "assigned":
      return eb.and([
        atSite,
        eb.exists(
          eb
            .selectFrom("child_team_member as ctm")
            .select(sql`1`.as("one"))
            .whereRef("ctm.child_id", "=", "child.id")
            .where("ctm.person_id", "=", actor.personId)
            .where("ctm.starts_on", "<=", today)
            .where((w) => w.or([w("ctm.ends_on", "is", null), w("ctm.ends_on", ">=", today)])),
        ),
      ]);
    case "shared":
      return eb.and([
        atSite,
        eb.exists(
          eb
            .selectFrom("child_share as cs")
            .select(sql`1`.as("one"))
            .whereRef("cs.child_id", "=", "child.id")
            .where("cs.shared_with_user_id", "=", actor.userId)
            .where("cs.revoked_at", "is", null)
            .where("cs.starts_on", "<=", today)
            .where("cs.ends_on", ">=", today),
        ),
      ]);
    case "own": {
      const roles = new Set(actor.grants.filter((g) => g.siteId === p.siteId).map((g) => g.role));
      const own: Expression<SqlBool>[] = [];
      if (roles.has("youth")) own.push(eb("child.person_id", "=", actor.personId));
      if (roles.has("birth_parent"))
        own.push(
          eb.exists(
            eb
              .selectFrom("child_relation as cr")
              .select(sql`1`.as("one"))
              .whereRef("cr.child_id", "=", "child.id")
              .where("cr.person_id", "=", actor.personId)
              .where("cr.kind", "in", ["birth_parent", "legal_guardian"]),
          ),
        );
      if (roles.has("caregiver"))
        own.push(
          eb.exists(
            eb
              .selectFrom("placement as pl")
              .innerJoin("household_member as hm", "hm.household_id", "pl.household_id")
              .select(sql`1`.as("one"))
              .whereRef("pl.child_id", "=", "child.id")
              .where("hm.person_id", "=", actor.personId)
              .where("pl.start_date", "<=", today)
              .where((w) => w.or([w("pl.end_date", "is", null), w("pl.end_date", ">", today)])),
          ),
        );
      return own.length ? eb.and([atSite, eb.or(own)]) : eb.val(false);
    }
    default:
      return sql<SqlBool>`false`;
  }
}

function anyOf(
  eb: ChildEb,
  actor: Actor,
  held: Pick<HeldPermission, "scope" | "siteId" | "unitId">[],
): Expression<SqlBool> {
  const distinct = [...new Map(held.map((p) => [`${p.scope}|${p.siteId}|${p.unitId}`, p])).values()];
  return distinct.length ? eb.or(distinct.map((p) => reaches(eb, actor, p))) : sql<SqlBool>`false`;
}

/**
 * The children an actor may reach with a permission, as a WHERE clause on
 * `child`. Repositories add it to every query, so a service that forgot its
 * check still returns nothing outside the actor's reach. No permission → FALSE.
 */
export function childScope(actor: Actor, permission: Permission) {
  return (eb: ChildEb): Expression<SqlBool> => anyOf(eb, actor, heldPermissions(actor, permission));
}

/**
 * Whether the actor reaches `child` through `scope` — with `permission`, or
 * with any permission they hold (the field-class rules ask which scopes a
 * record was reached through).
 */
export function childReachedThrough(actor: Actor, scope: HeldScope, permission?: Permission) {
  const held = actor.permissions.filter(
    (p) => p.scope === scope && (permission === undefined || p.permission === permission),
  );
  return (eb: ChildEb): Expression<SqlBool> => anyOf(eb, actor, held);
}
