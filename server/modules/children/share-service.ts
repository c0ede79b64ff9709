import { type Kysely, sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import { placementRepository } from "./placement-repository.js";
import type { ShareCreate, ShareView } from "./share-schema.js";
import "../../platform/access/tables.js";

/** A share lasts at most this many days: access beyond assignment is for a while, then reviewed again. */
const MAX_SHARE_DAYS = 366;

// Shares start and end on the database's calendar day, the same day the
// 'shared' scope compares with (child-scope.ts), so the service and every
// scoped query agree on whether a share holds.
const databaseToday = (db: Kysely<Database>) =>
  sql<{ day: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS day`.execute(db).then((r) => r.rows[0].day);

function sharesOf(db: Kysely<Database>, childId: string) {
  return db
    .selectFrom("child_share as s")
    .innerJoin("user_account as u", "u.id", "s.shared_with_user_id")
    .innerJoin("person as p", "p.id", "u.person_id")
    .innerJoin("user_account as gu", "gu.id", "s.created_by")
    .innerJoin("person as gp", "gp.id", "gu.person_id")
    .leftJoin("user_account as ru", "ru.id", "s.revoked_by")
    .leftJoin("person as rp", "rp.id", "ru.person_id")
    .select([
      "s.id",
      "s.shared_with_user_id",
      "u.email",
      "p.given_name",
      "p.family_name",
      "s.reason",
      "s.starts_on",
      "s.ends_on",
      "s.created_at",
      "s.revoked_at",
      "gp.given_name as granted_given",
      "gp.family_name as granted_family",
      "rp.given_name as revoked_given",
      "rp.family_name as revoked_family",
    ])
    .where("s.child_id", "=", childId);
}

type ShareRow = Awaited<ReturnType<ReturnType<typeof sharesOf>["execute"]>>[number];

function toView(row: ShareRow, today: string): ShareView {
  return {
    id: row.id,
    userId: row.shared_with_user_id,
    name: `${row.given_name} ${row.family_name}`,
    email: row.email,
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.revoked_at ? "revoked" : row.ends_on < today ? "ended" : "active",
    grantedByName: `${row.granted_given} ${row.granted_family}`,
    grantedAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    revokedByName: row.revoked_given ? `${row.revoked_given} ${row.revoked_family}` : null,
  };
}

const invalid = (field: string, messageKey: string, params: Record<string, string> = {}) =>
  new AppError("validation", "error.validation", {}, [{ field, messageKey, params }]);

/**
 * Access separate from assignment: staff who may share a child's record
 * (child:share, in their scope) let a named user of the child's site read it
 * for a stated reason until a date. Grants, revocations and every read
 * through a share are audited; the share ends by itself after its last day.
 */
export function shareService(db: Kysely<Database>) {
  async function onChild<T>(
    actor: Actor,
    childId: string,
    work: (trx: Transaction<Database>, siteId: string, today: string) => Promise<T>,
  ) {
    requireAccess(actor, "child:share");
    return db.transaction().execute(async (trx) => {
      const child = await placementRepository(trx).childFor(actor, "child:share", childId, true);
      if (!child) throw new AppError("not_found");
      return work(trx, child.site_id, await databaseToday(trx));
    });
  }

  return {
    list(actor: Actor, childId: string) {
      return onChild(actor, childId, async (trx, siteId, today) => {
        const rows = await sharesOf(trx, childId).orderBy("s.created_at", "desc").execute();
        await recordAudit(trx, actor, {
          action: "child.share.list",
          entityType: "child",
          entityId: childId,
          siteId,
          outcome: "success",
        });
        return { shares: rows.map((r) => toView(r, today)) };
      });
    },

    grant(actor: Actor, childId: string, input: z.infer<typeof ShareCreate>) {
      return onChild(actor, childId, async (trx, siteId, today) => {
        if (input.endsOn < today) throw invalid("endsOn", "share.ends_before_today");
        const latest = addCalendarDays(today, MAX_SHARE_DAYS);
        if (input.endsOn > latest) throw invalid("endsOn", "share.too_long", { latest });
        // A user of the child's site: an active account holding a current role there.
        const user = await trx
          .selectFrom("user_account as u")
          .innerJoin("role_grant as g", "g.user_id", "u.id")
          .select("u.id")
          .where((eb) => eb(eb.fn("lower", ["u.email"]), "=", input.email.toLowerCase()))
          .where("u.status", "=", "active")
          .where("g.site_id", "=", siteId)
          .where("g.starts_on", "<=", today)
          .where((eb) => eb.or([eb("g.ends_on", "is", null), eb("g.ends_on", ">=", today)]))
          .executeTakeFirst();
        if (!user) throw invalid("email", "share.user_unknown");
        if (user.id === actor.userId) throw invalid("email", "share.not_yourself");
        const open = await trx
          .selectFrom("child_share")
          .select("ends_on")
          .where("child_id", "=", childId)
          .where("shared_with_user_id", "=", user.id)
          .where("revoked_at", "is", null)
          .where("ends_on", ">=", today)
          .executeTakeFirst();
        if (open) throw new AppError("conflict", "share.already_active", { endsOn: open.ends_on });
        const share = await trx
          .insertInto("child_share")
          .values({
            child_id: childId,
            site_id: siteId,
            shared_with_user_id: user.id,
            reason: input.reason,
            starts_on: today,
            ends_on: input.endsOn,
            created_by: actor.userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "child.share.grant",
          entityType: "child",
          entityId: childId,
          siteId,
          purpose: input.reason,
          outcome: "success",
        });
        return toView(await sharesOf(trx, childId).where("s.id", "=", share.id).executeTakeFirstOrThrow(), today);
      });
    },

    revoke(actor: Actor, childId: string, shareId: string) {
      return onChild(actor, childId, async (trx, siteId, today) => {
        const share = await trx
          .selectFrom("child_share")
          .selectAll()
          .where("id", "=", shareId)
          .where("child_id", "=", childId)
          .forUpdate()
          .executeTakeFirst();
        if (!share) throw new AppError("not_found");
        if (share.revoked_at) throw new AppError("conflict", "share.already_revoked");
        if (share.ends_on < today) throw new AppError("conflict", "share.already_ended");
        await trx
          .updateTable("child_share")
          .set({ revoked_at: new Date(), revoked_by: actor.userId })
          .where("id", "=", shareId)
          .execute();
        await recordAudit(trx, actor, {
          action: "child.share.revoke",
          entityType: "child",
          entityId: childId,
          siteId,
          purpose: share.reason,
          outcome: "success",
        });
        return toView(await sharesOf(trx, childId).where("s.id", "=", shareId).executeTakeFirstOrThrow(), today);
      });
    },
  };
}
