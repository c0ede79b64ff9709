import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { ActionStatus, BarrierSource } from "./plan-tables.js";
import "./plan-tables.js";
import "./concern-tables.js";
import "./survey-tables.js";

/** All SQL of barriers, work groups and action items; every read names the site (or sites) it may reach. */
export function planRepository(db: Kysely<Database>) {
  return {
    workGroups(siteId: string) {
      return db
        .selectFrom("work_group")
        .select(["id", "name", "kind"])
        .where("site_id", "=", siteId)
        .orderBy("kind")
        .orderBy("name")
        .execute();
    },
    barriers(siteId: string) {
      return db
        .selectFrom("barrier")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("status")
        .orderBy("raised_on")
        .execute();
    },
    actionItems(siteId: string) {
      return db.selectFrom("action_item").selectAll().where("site_id", "=", siteId).orderBy("due_on").execute();
    },
    insertWorkGroup(values: { site_id: string; name: string; kind: "steering_committee" | "work_group" }) {
      return db.insertInto("work_group").values(values).returning("id").executeTakeFirstOrThrow();
    },
    insertBarrier(values: {
      site_id: string;
      title: string;
      source: BarrierSource;
      concern_id: string | null;
      survey_id: string | null;
      work_group_id: string | null;
      measure_ids: string[];
      raised_on: string;
    }) {
      return db.insertInto("barrier").values(values).returning("id").executeTakeFirstOrThrow();
    },
    insertActionItem(values: {
      site_id: string;
      barrier_id: string;
      work_group_id: string | null;
      title: string;
      owner: string;
      due_on: string;
    }) {
      return db.insertInto("action_item").values(values).returning("id").executeTakeFirstOrThrow();
    },
    /** Do these records belong to the site? (A barrier never links another site's concern, survey or group.) */
    async ofSite(siteId: string, ids: { concernId?: string; surveyId?: string; workGroupId?: string }) {
      const checks = await Promise.all([
        ids.concernId
          ? db
              .selectFrom("concern")
              .select("id")
              .where("id", "=", ids.concernId)
              .where("site_id", "=", siteId)
              .executeTakeFirst()
          : true,
        ids.surveyId
          ? db
              .selectFrom("survey")
              .select("id")
              .where("id", "=", ids.surveyId)
              .where("site_id", "=", siteId)
              .executeTakeFirst()
          : true,
        ids.workGroupId
          ? db
              .selectFrom("work_group")
              .select("id")
              .where("id", "=", ids.workGroupId)
              .where("site_id", "=", siteId)
              .executeTakeFirst()
          : true,
      ]);
      return checks.every(Boolean);
    },
    barrierIn(barrierId: string, siteIds: string[]) {
      return db
        .selectFrom("barrier")
        .selectAll()
        .where("id", "=", barrierId)
        .where("site_id", "in", siteIds)
        .forUpdate()
        .executeTakeFirst();
    },
    actionItemIn(actionItemId: string, siteIds: string[]) {
      return db
        .selectFrom("action_item")
        .selectAll()
        .where("id", "=", actionItemId)
        .where("site_id", "in", siteIds)
        .forUpdate()
        .executeTakeFirst();
    },
    async setBarrierStatus(id: string, version: number, status: "open" | "resolved", resolvedOn: string | null) {
      const r = await db
        .updateTable("barrier")
        .set({ status, resolved_on: resolvedOn, version: version + 1 })
        .where("id", "=", id)
        .where("version", "=", version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async setActionStatus(id: string, version: number, status: ActionStatus, doneOn: string | null) {
      const r = await db
        .updateTable("action_item")
        .set({ status, done_on: doneOn, version: version + 1 })
        .where("id", "=", id)
        .where("version", "=", version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
