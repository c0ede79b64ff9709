import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";

const FAMILY_PRACTICES = ["icebreaker", "cft_meeting", "sibling_visit"] as const;

/** The family pages' SQL. The list is scoped to the actor; the rest runs after the child gate found the child. */
export function familyRepository(db: Kysely<Database>) {
  return {
    /** The actor's own children (family:read): id and first name only. */
    myChildren(actor: Actor) {
      return db
        .selectFrom("child")
        .innerJoin("person", "person.id", "child.person_id")
        .select([
          "child.id",
          "child.site_id",
          sql<string>`coalesce(person.preferred_name, person.given_name)`.as("first_name"),
        ])
        .where(childScope(actor, "family:read"))
        .orderBy("person.given_name")
        .orderBy("child.id")
        .execute();
    },

    upcomingHearings(childId: string, today: string) {
      return db
        .selectFrom("court_hearing")
        .select(["hearing_on", "hearing_type"])
        .where("child_id", "=", childId)
        .where("hearing_on", ">=", today)
        .orderBy("hearing_on")
        .limit(5)
        .execute();
    },

    /** Meetings and family time the parent takes part in: the icebreaker, team meetings, sibling visits. */
    familyMeetings(childId: string) {
      return db
        .selectFrom("practice_task")
        .select(["id", "practice", "status", "due_on", "due_at", "completed_at", "content"])
        .where("child_id", "=", childId)
        .where("practice", "in", [...FAMILY_PRACTICES])
        .orderBy("created_at", "desc")
        .limit(10)
        .execute();
    },

    /** The child's caseworker now, with the contact a parent uses. */
    caseworker(childId: string) {
      return db
        .selectFrom("child_team_member as ctm")
        .innerJoin("person as p", "p.id", "ctm.person_id")
        .select(["p.given_name", "p.family_name", "p.email", "p.phone"])
        .where("ctm.child_id", "=", childId)
        .where("ctm.role", "=", "caseworker")
        .where("ctm.ends_on", "is", null)
        .orderBy("ctm.starts_on", "desc")
        .limit(1)
        .executeTakeFirst();
    },
  };
}

/** The youth page's SQL: the rule in force for the state, the youth's own child record, the team. */
export function youthRepository(db: Kysely<Database>) {
  return {
    /** The youth's own record (youth:read, own scope: themself). */
    ownChild(actor: Actor) {
      return db
        .selectFrom("child")
        .select("child.id")
        .where(childScope(actor, "youth:read"))
        .orderBy("child.id")
        .limit(1)
        .executeTakeFirst();
    },

    ruleInForce(stateCode: string, day: string) {
      return db
        .selectFrom("youth_page_rule")
        .selectAll()
        .where("state_code", "=", stateCode)
        .where("effective_from", "<=", day)
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">", day)]))
        .orderBy("effective_from", "desc")
        .limit(1)
        .executeTakeFirst();
    },

    birthDate(childId: string) {
      return db
        .selectFrom("child")
        .innerJoin("person", "person.id", "child.person_id")
        .select(["person.birth_date", sql<string>`coalesce(person.preferred_name, person.given_name)`.as("first_name")])
        .where("child.id", "=", childId)
        .executeTakeFirstOrThrow();
    },

    /** The youth's team now (no supervisor: the youth reaches the people who work with them). */
    team(childId: string) {
      return db
        .selectFrom("child_team_member as ctm")
        .innerJoin("person as p", "p.id", "ctm.person_id")
        .select(["ctm.role", "p.given_name", "p.family_name", "p.email", "p.phone"])
        .where("ctm.child_id", "=", childId)
        .where("ctm.ends_on", "is", null)
        .where("ctm.role", "!=", "supervisor")
        .orderBy("ctm.role")
        .execute();
    },
  };
}
