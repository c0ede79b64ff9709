import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "./actor.js";
import { heldPermissions } from "./require-access.js";

type ChildEb = ExpressionBuilder<Database & { child: Database["child"] }, "child">;

/**
 * The children an actor may reach with a permission, as a WHERE clause on
 * `child`. Repositories add it to every query, so a service that forgot its
 * check still returns nothing outside the actor's reach. No permission → FALSE.
 *
 *  site      every child of the grant's site
 *  unit      children whose current caseworker works in the grant's unit
 *  assigned  children whose team the actor is on now
 *  own       caregiver: children placed in their home now (access ends with
 *            the placement); birth parent: their own child; youth: themselves
 */
export function childScope(actor: Actor, permission: string) {
  return (eb: ChildEb): Expression<SqlBool> => {
    const today = sql<string>`current_date`;
    const held = heldPermissions(actor, permission);
    const roleOf = (siteId: string) => new Set(actor.grants.filter((g) => g.siteId === siteId).map((g) => g.role));
    const clauses: Expression<SqlBool>[] = held.map((p) => {
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
                .where("rg.unit_id", "=", p.unitId ?? "00000000-0000-0000-0000-000000000000"),
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
        case "own": {
          const roles = roleOf(p.siteId);
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
        // Aggregate-only scopes (migration 0340, outcomes): they never reach a child record.
        case "state":
        case "network":
          return eb.val(false);
      }
    });
    return clauses.length ? eb.or(clauses) : sql<SqlBool>`false`;
  };
}
