import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import "../../platform/access/tables.js";

/** A child's record shares; the child-access gate has already scoped the child. */
export function shareRepository(db: Kysely<Database>) {
  const columns = [
    "id",
    "shared_with_user_id",
    "reason",
    "starts_on",
    "ends_on",
    "created_at",
    "created_by",
    "revoked_at",
    "revoked_by",
  ] as const;
  return {
    /** Every share of the child, newest first (also ended and revoked ones). */
    sharesOf(childId: string) {
      return db
        .selectFrom("child_share")
        .select(columns)
        .where("child_id", "=", childId)
        .orderBy("created_at", "desc")
        .execute();
    },

    share(childId: string, shareId: string) {
      return db
        .selectFrom("child_share")
        .select(columns)
        .where("child_id", "=", childId)
        .where("id", "=", shareId)
        .executeTakeFirstOrThrow();
    },

    lockShare(childId: string, shareId: string) {
      return db
        .selectFrom("child_share")
        .selectAll()
        .where("id", "=", shareId)
        .where("child_id", "=", childId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** The user's share of this child that still holds on `day`, if any. */
    openShare(childId: string, userId: string, day: string) {
      return db
        .selectFrom("child_share")
        .select("ends_on")
        .where("child_id", "=", childId)
        .where("shared_with_user_id", "=", userId)
        .where("revoked_at", "is", null)
        .where("ends_on", ">=", day)
        .executeTakeFirst();
    },

    async insertShare(values: {
      childId: string;
      siteId: string;
      userId: string;
      reason: string;
      startsOn: string;
      endsOn: string;
      createdBy: string;
    }) {
      const row = await db
        .insertInto("child_share")
        .values({
          child_id: values.childId,
          site_id: values.siteId,
          shared_with_user_id: values.userId,
          reason: values.reason,
          starts_on: values.startsOn,
          ends_on: values.endsOn,
          created_by: values.createdBy,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async revoke(shareId: string, at: Date, by: string) {
      await db.updateTable("child_share").set({ revoked_at: at, revoked_by: by }).where("id", "=", shareId).execute();
    },
  };
}
