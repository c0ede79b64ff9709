import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { ConcernStatus, ConcernTopic, RaiserRole } from "./concern-tables.js";
import "./concern-tables.js";

const concernColumns = [
  "c.id",
  "c.site_id",
  "c.topic",
  "c.body",
  "c.share_name",
  "c.status",
  "c.created_at",
  "c.acknowledged_at",
  "c.response",
  "c.responded_at",
  "c.close_note",
  "c.closed_at",
  "c.raiser_role",
  "c.version",
] as const;

/**
 * All SQL of concerns. Every read is scoped by who asks: the raiser by their own account, the coordinator by the
 * sites they manage, so a forgotten check returns nothing rather than everything.
 */
export function concernRepository(db: Kysely<Database>) {
  return {
    /** The concerns the account raised, newest first. */
    raisedBy(userId: string) {
      return db
        .selectFrom("concern as c")
        .select(concernColumns)
        .where("c.raised_by_user_id", "=", userId)
        .orderBy("c.created_at", "desc")
        .execute();
    },

    insert(values: {
      site_id: string;
      raised_by_user_id: string;
      raiser_role: RaiserRole;
      topic: ConcernTopic;
      body: string;
      share_name: boolean;
      created_at: Date;
    }) {
      return db.insertInto("concern").values(values).returning("id").executeTakeFirstOrThrow();
    },

    /**
     * The concerns of a site, open ones first and oldest first among them. The raiser's name is selected only
     * where they chose to share it: a withheld name never leaves the database.
     */
    ofSite(siteId: string) {
      return db
        .selectFrom("concern as c")
        .innerJoin("user_account as u", "u.id", "c.raised_by_user_id")
        .innerJoin("person as p", "p.id", "u.person_id")
        .select(concernColumns)
        .select(
          sql<string | null>`CASE WHEN c.share_name THEN p.given_name || ' ' || p.family_name END`.as("raiser_name"),
        )
        .where("c.site_id", "=", siteId)
        .orderBy(sql`CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END`)
        .orderBy("c.created_at")
        .execute();
    },

    /** One concern of one of `siteIds`, locked for its next step; undefined out of reach. */
    forStep(concernId: string, siteIds: string[]) {
      return db
        .selectFrom("concern as c")
        .select(concernColumns)
        .where("c.id", "=", concernId)
        .where("c.site_id", "in", siteIds)
        .forUpdate()
        .executeTakeFirst();
    },

    async step(
      concernId: string,
      version: number,
      values: {
        status: ConcernStatus;
        acknowledged_at?: Date;
        response?: string;
        responded_at?: Date;
        close_note?: string;
        closed_at?: Date;
        handled_by_user_id: string;
      },
    ) {
      const result = await db
        .updateTable("concern")
        .set({ ...values, version: version + 1 })
        .where("id", "=", concernId)
        .where("version", "=", version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The report line of the site (its own first, else its state's). */
    reportLine(stateCode: string, siteId: string) {
      return db
        .selectFrom("abuse_report_line")
        .select(["phone", "name_en", "name_es", "source_url", "checked_on"])
        .where("state_code", "=", stateCode)
        .where((eb) => eb.or([eb("site_id", "=", siteId), eb("site_id", "is", null)]))
        .orderBy(sql`CASE WHEN site_id IS NULL THEN 1 ELSE 0 END`)
        .orderBy("checked_on", "desc")
        .limit(1)
        .executeTakeFirst();
    },
  };
}

export type ConcernRow = Awaited<ReturnType<ReturnType<typeof concernRepository>["raisedBy"]>>[number];
