import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import "./tables.js";
import type { Permission } from "../../platform/access/permissions.js";

/** Episodes, placements, the team and relations of one child; every read is scoped to the actor. */
export function placementRepository(db: Kysely<Database>) {
  return {
    /** The child with the facts placement rules need, if the actor reaches it with `permission`; locks the row when writing. */
    async childFor(actor: Actor, permission: Permission, childId: string, lock = false) {
      let q = db
        .selectFrom("child")
        .innerJoin("site", "site.id", "child.site_id")
        .innerJoin("person", "person.id", "child.person_id")
        .select([
          "child.id",
          "child.site_id",
          "child.icwa",
          "site.state_code",
          "site.time_zone",
          "person.given_name",
          "person.family_name",
        ])
        .where(childScope(actor, permission))
        .where("child.id", "=", childId);
      if (lock) q = q.forUpdate("child");
      return q.executeTakeFirst();
    },

    episodes(childId: string) {
      return db
        .selectFrom("removal_episode")
        .selectAll()
        .where("child_id", "=", childId)
        .orderBy("removal_date", "desc")
        .execute();
    },

    placements(childId: string) {
      return db
        .selectFrom("placement")
        .leftJoin("household", "household.id", "placement.household_id")
        .leftJoin("transition_plan", "transition_plan.placement_id", "placement.id")
        .select([
          "placement.id",
          "placement.episode_id",
          "placement.household_id",
          "household.name as household_name",
          "placement.setting",
          "placement.start_date",
          "placement.end_date",
          "placement.change_kind",
          "placement.change_requested_by",
          "placement.change_reason",
          "transition_plan.steps",
        ])
        .where("placement.child_id", "=", childId)
        .orderBy("placement.start_date", "desc")
        .execute();
    },

    openPlacement(childId: string) {
      return db
        .selectFrom("placement")
        .selectAll()
        .where("child_id", "=", childId)
        .where("end_date", "is", null)
        .executeTakeFirst();
    },

    lastPlacement(childId: string) {
      return db
        .selectFrom("placement")
        .selectAll()
        .where("child_id", "=", childId)
        .orderBy("start_date", "desc")
        .limit(1)
        .executeTakeFirst();
    },

    team(childId: string) {
      return db
        .selectFrom("child_team_member as t")
        .innerJoin("person as p", "p.id", "t.person_id")
        .select(["t.id", "t.person_id", "t.role", "t.starts_on", "t.ends_on", "p.given_name", "p.family_name"])
        .where("t.child_id", "=", childId)
        .orderBy("t.starts_on", "desc")
        .execute();
    },

    relations(childId: string) {
      return db
        .selectFrom("child_relation as r")
        .innerJoin("person as p", "p.id", "r.person_id")
        .select(["r.person_id", "r.kind", "p.given_name", "p.family_name"])
        .where("r.child_id", "=", childId)
        .orderBy("r.kind")
        .execute();
    },

    /** Approved, open households and facilities of the site, to place a child in. */
    households(siteId: string) {
      return db
        .selectFrom("household")
        .select(["id", "name", "kind"])
        .where("site_id", "=", siteId)
        .where("approved_on", "is not", null)
        .where("closed_on", "is", null)
        .orderBy("name")
        .execute();
    },

    household(siteId: string, householdId: string) {
      return db
        .selectFrom("household")
        .select(["id", "kind"])
        .where("id", "=", householdId)
        .where("site_id", "=", siteId)
        .where("closed_on", "is", null)
        .executeTakeFirst();
    },

    today(timeZone: string) {
      return sql<{ day: string }>`SELECT to_char((now() AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day`
        .execute(db)
        .then((r) => r.rows[0].day);
    },
  };
}
