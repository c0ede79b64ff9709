import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childReach, purposeOfRead } from "../../platform/access/child-reach.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { childrenRepository } from "./repository.js";
import type { ChildListItem } from "./schema.js";

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof childrenRepository>["findOne"]>>>;

function toListItem(row: Row): ChildListItem {
  return {
    id: row.id,
    siteId: row.site_id,
    caseNumber: row.case_number,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    birthDate: row.birth_date,
    inCare: row.setting !== null,
    currentSetting: row.setting,
    placedSince: row.start_date,
  };
}

export function childrenService(db: Kysely<Database>) {
  return {
    async list(actor: Actor, query: { q?: string; limit: number; offset: number }) {
      requireAccess(actor, "child:list");
      return db.transaction().execute(async (trx) => {
        const { rows, total } = await childrenRepository(trx).list(actor, query);
        await recordAudit(trx, actor, {
          action: "child.list",
          entityType: "child",
          entityId:
            rows
              .map((r) => r.id)
              .join(",")
              .slice(0, 4000) || null,
          fieldClasses: ["identity"],
          outcome: "success",
        });
        return { children: rows.map(toListItem), total };
      });
    },

    /**
     * The children among `childIds` the actor may read — the children behind
     * an outcome figure, for staff who may open them. Runs in the caller's
     * transaction when given one, so the caller's audit and this one commit together.
     */
    async readMany(actor: Actor, childIds: string[], purpose: string): Promise<ChildListItem[]> {
      requireAccess(actor, "child:read");
      const read = async (trx: Kysely<Database>) => {
        const rows = await childrenRepository(trx).findMany(actor, "child:read", childIds);
        await recordAudit(trx, actor, {
          action: "child.read_many",
          entityType: "child",
          entityId:
            rows
              .map((r) => r.id)
              .join(",")
              .slice(0, 4000) || null,
          fieldClasses: ["identity"],
          purpose,
          outcome: "success",
        });
        return rows.map(toListItem);
      };
      return db.isTransaction ? read(db) : db.transaction().execute(read);
    },

    async get(actor: Actor, childId: string): Promise<ChildListItem> {
      requireAccess(actor, "child:read");
      const found = await db.transaction().execute(async (trx) => {
        const row = await childrenRepository(trx).findOne(actor, "child:read", childId);
        if (row) {
          await recordAudit(trx, actor, {
            action: "child.read",
            entityType: "child",
            entityId: childId,
            siteId: row.site_id,
            fieldClasses: ["identity", "placement"],
            purpose: purposeOfRead(await childReach(trx, actor, childId)),
            outcome: "success",
          });
        }
        return row;
      });
      if (found) return toListItem(found);
      // Outside the actor's reach, or not there at all: the same 404 (the error handler audits the denial).
      throw new AppError("not_found");
    },
  };
}
