import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import type { Permission } from "../../platform/access/permissions.js";
import "../../platform/files/tables.js";
import type { HealthSummaryContent } from "./schema.js";
import "./tables.js";

/** All of the caregiver module's SQL; every read of a child starts from the actor's scope for the permission. */
export function caregiverRepository(db: Kysely<Database>) {
  return {
    /** The child, if the actor reaches it with `permission` (undefined otherwise: 404). */
    childInScope(actor: Actor, permission: Permission, childId: string) {
      return db
        .selectFrom("child")
        .innerJoin("person", "person.id", "child.person_id")
        .innerJoin("site", "site.id", "child.site_id")
        .select([
          "child.id",
          "child.site_id",
          "child.languages",
          "child.tribal_affiliation",
          "site.time_zone",
          "person.given_name",
          "person.family_name",
          "person.preferred_name",
          "person.birth_date",
        ])
        .where(childScope(actor, permission))
        .where("child.id", "=", childId)
        .executeTakeFirst();
    },

    /**
     * The placement in force on `today` of the child in a home the actor lives in: the caregiver's own tie to the
     * child, checked on top of the scope (so a person who is also a birth parent elsewhere reaches nothing here by it).
     * Access ends the day the placement ends.
     */
    placementInMyHome(personId: string, childId: string, today: string) {
      return db
        .selectFrom("placement as pl")
        .innerJoin("household_member as hm", "hm.household_id", "pl.household_id")
        .select(["pl.id", "pl.start_date", "pl.household_id"])
        .where("pl.child_id", "=", childId)
        .where("hm.person_id", "=", personId)
        .where("pl.start_date", "<=", today)
        .where((w) => w.or([w("pl.end_date", "is", null), w("pl.end_date", ">", today)]))
        .executeTakeFirst();
    },

    /** The children placed now in the actor's homes, at each of the actor's sites' day. */
    async myChildren(actor: Actor, permission: Permission) {
      const days = Object.entries(actor.siteDays);
      if (days.length === 0) return [];
      const dayOf = sql<string>`(case child.site_id ${sql.join(
        days.map(([siteId, day]) => sql`when ${siteId}::uuid then ${day}::date`),
        sql` `,
      )} end)`;
      return db
        .selectFrom("child")
        .innerJoin("person", "person.id", "child.person_id")
        .innerJoin("placement as pl", "pl.child_id", "child.id")
        .innerJoin("household_member as hm", "hm.household_id", "pl.household_id")
        .select([
          "child.id",
          "person.given_name",
          "person.family_name",
          "person.preferred_name",
          "person.birth_date",
          "pl.start_date",
        ])
        .where(childScope(actor, permission))
        .where("hm.person_id", "=", actor.personId)
        .where("pl.start_date", "<=", dayOf)
        .where((w) => w.or([w("pl.end_date", "is", null), w("pl.end_date", ">", dayOf)]))
        .orderBy("person.given_name")
        .orderBy("child.id")
        .execute();
    },

    /** Whether the person is on the child's record as its birth parent or legal guardian. */
    async isBirthParentOf(personId: string, childId: string): Promise<boolean> {
      const row = await db
        .selectFrom("child_relation")
        .select("id")
        .where("child_id", "=", childId)
        .where("person_id", "=", personId)
        .where("kind", "in", ["birth_parent", "legal_guardian"])
        .executeTakeFirst();
      return row !== undefined;
    },

    latestSummary(childId: string) {
      return db
        .selectFrom("child_health_summary")
        .select(["version", "content", "updated_at"])
        .where("child_id", "=", childId)
        .orderBy("version", "desc")
        .limit(1)
        .executeTakeFirst();
    },

    summaryHistory(childId: string) {
      return db
        .selectFrom("child_health_summary as s")
        .innerJoin("user_account as ua", "ua.id", "s.updated_by")
        .innerJoin("person as p", "p.id", "ua.person_id")
        .select(["s.version", "s.updated_at", "p.given_name", "p.family_name"])
        .where("s.child_id", "=", childId)
        .orderBy("s.version", "desc")
        .execute();
    },

    insertSummary(row: {
      childId: string;
      siteId: string;
      version: number;
      content: HealthSummaryContent;
      updatedBy: string;
    }) {
      return db
        .insertInto("child_health_summary")
        .values({
          child_id: row.childId,
          site_id: row.siteId,
          version: row.version,
          content: JSON.stringify(row.content),
          updated_by: row.updatedBy,
        })
        .returning(["version", "updated_at"])
        .executeTakeFirstOrThrow();
    },

    decisions(childId: string) {
      return db
        .selectFrom("rpp_decision as d")
        .innerJoin("user_account as ua", "ua.id", "d.recorded_by")
        .innerJoin("person as p", "p.id", "ua.person_id")
        .select(["d.id", "d.kind", "d.decided_on", "d.description", "d.created_at", "p.given_name", "p.family_name"])
        .where("d.child_id", "=", childId)
        .orderBy("d.decided_on", "desc")
        .orderBy("d.created_at", "desc")
        .execute();
    },

    insertDecision(row: {
      childId: string;
      siteId: string;
      recordedBy: string;
      kind: "sleepover" | "trip" | "babysitting" | "activity" | "other";
      decidedOn: string;
      description: string;
    }) {
      return db
        .insertInto("rpp_decision")
        .values({
          child_id: row.childId,
          site_id: row.siteId,
          recorded_by: row.recordedBy,
          kind: row.kind,
          decided_on: row.decidedOn,
          description: row.description,
        })
        .returning(["id", "created_at"])
        .executeTakeFirstOrThrow();
    },

    lifeBook(childId: string, options: { sharedOnly?: boolean } = {}) {
      let q = db
        .selectFrom("life_book_item")
        .select(["id", "kind", "happened_on", "title", "note", "file_id", "shared_with_birth_parent", "version"])
        .where("child_id", "=", childId);
      if (options.sharedOnly) q = q.where("shared_with_birth_parent", "=", true);
      return q.orderBy("happened_on", "desc").orderBy("created_at", "desc").execute();
    },

    lifeBookItem(childId: string, itemId: string, lock = false) {
      let q = db
        .selectFrom("life_book_item")
        .select(["id", "kind", "happened_on", "title", "note", "file_id", "shared_with_birth_parent", "version"])
        .where("child_id", "=", childId)
        .where("id", "=", itemId);
      if (lock) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    insertLifeBookItem(row: {
      childId: string;
      siteId: string;
      createdBy: string;
      kind: "photo" | "milestone";
      happenedOn: string;
      title: string;
      note: string | null;
      fileId: string | null;
      shared: boolean;
    }) {
      return db
        .insertInto("life_book_item")
        .values({
          child_id: row.childId,
          site_id: row.siteId,
          created_by: row.createdBy,
          kind: row.kind,
          happened_on: row.happenedOn,
          title: row.title,
          note: row.note,
          file_id: row.fileId,
          shared_with_birth_parent: row.shared,
        })
        .returning(["id", "kind", "happened_on", "title", "note", "file_id", "shared_with_birth_parent", "version"])
        .executeTakeFirstOrThrow();
    },

    setShared(itemId: string, shared: boolean) {
      return db
        .updateTable("life_book_item")
        .set((eb) => ({ shared_with_birth_parent: shared, version: eb("version", "+", 1) }))
        .where("id", "=", itemId)
        .returning(["id", "kind", "happened_on", "title", "note", "file_id", "shared_with_birth_parent", "version"])
        .executeTakeFirstOrThrow();
    },
  };
}

export type LifeBookRow = NonNullable<Awaited<ReturnType<ReturnType<typeof caregiverRepository>["lifeBookItem"]>>>;
