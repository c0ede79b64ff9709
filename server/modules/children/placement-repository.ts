import type { Insertable, Kysely } from "kysely";
import type { Database, PlacementTable, RemovalEpisodeTable } from "../../db/database.js";
import "./tables.js";

/** Episodes, placements, the team and relations of one child; the child-access gate has already scoped the child. */
export function placementRepository(db: Kysely<Database>) {
  return {
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
          "placement.version",
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
        .select(["id", "name", "kind", "city", "license_number", "availability", "availability_confirmed_on"])
        .where("site_id", "=", siteId)
        .where("approved_on", "is not", null)
        .where("closed_on", "is", null)
        .orderBy("name")
        .execute();
    },

    household(siteId: string, householdId: string) {
      return db
        .selectFrom("household")
        .select(["id", "kind", "name"])
        .where("id", "=", householdId)
        .where("site_id", "=", siteId)
        .where("closed_on", "is", null)
        .executeTakeFirst();
    },

    /**
     * The household the child lives in on `day` (the placement in force then, not a planned move recorded for a
     * later day), with what the caregiver consented to share.
     */
    currentHome(childId: string, day: string) {
      return db
        .selectFrom("placement as p")
        .innerJoin("household as h", "h.id", "p.household_id")
        .select([
          "h.id",
          "h.name",
          "h.address_line1",
          "h.city",
          "h.postal_code",
          "h.phone",
          "h.contact_shared_with_birth_parents",
        ])
        .where("p.child_id", "=", childId)
        .where("p.start_date", "<=", day)
        .where((eb) => eb.or([eb("p.end_date", "is", null), eb("p.end_date", ">", day)]))
        .executeTakeFirst();
    },

    /** Whether a court order forbids disclosing the caregiver's contact on `day`. */
    async noContactOrderOn(childId: string, day: string) {
      const order = await db
        .selectFrom("court_order")
        .select("id")
        .where("child_id", "=", childId)
        .where("kind", "in", ["no_contact", "no_contact_disclosure"])
        .where("starts_on", "<=", day)
        .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", day)]))
        .limit(1)
        .executeTakeFirst();
      return order !== undefined;
    },

    insertEpisode(values: Insertable<RemovalEpisodeTable>) {
      return db.insertInto("removal_episode").values(values).returning(["id"]).executeTakeFirstOrThrow();
    },

    insertPlacement(values: Insertable<PlacementTable>) {
      return db.insertInto("placement").values(values).returning(["id"]).executeTakeFirstOrThrow();
    },

    /** Ends a placement on `endDate` (a move or an exit from care). */
    async endPlacement(placementId: string, endDate: string) {
      await db
        .updateTable("placement")
        .set((eb) => ({ end_date: endDate, version: eb("version", "+", 1) }))
        .where("id", "=", placementId)
        .execute();
    },

    async exitEpisode(episodeId: string, exitDate: string, exitReason: RemovalEpisodeTable["exit_reason"]) {
      await db
        .updateTable("removal_episode")
        .set((eb) => ({ exit_date: exitDate, exit_reason: exitReason, version: eb("version", "+", 1) }))
        .where("id", "=", episodeId)
        .execute();
    },

    async insertTransitionPlan(placementId: string, steps: unknown, createdBy: string) {
      await db
        .insertInto("transition_plan")
        .values({ placement_id: placementId, steps: JSON.stringify(steps), created_by: createdBy })
        .execute();
    },
  };
}
