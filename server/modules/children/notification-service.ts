import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import "./tables.js";

/** The signed-in user's reminders: how many are unread, and marking one read. Only one's own; another's is 404. */
export function notificationService(db: Kysely<Database>, clock: () => Date) {
  return {
    async unreadCount(userId: string) {
      const row = await db
        .selectFrom("notification")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    markRead(actor: Actor, notificationId: string) {
      return db.transaction().execute(async (trx) => {
        // The owner is part of the match: someone else's notification is as absent as one that does not exist.
        const row = await trx
          .updateTable("notification")
          .set((eb) => ({ read_at: eb.fn.coalesce("read_at", eb.val(clock())) }))
          .where("id", "=", notificationId)
          .where("user_id", "=", actor.userId)
          .returning(["id", "read_at"])
          .executeTakeFirst();
        if (!row) throw new AppError("not_found");
        await recordAudit(trx, actor, {
          action: "notification.read",
          entityType: "notification",
          entityId: row.id,
          outcome: "success",
        });
        return { id: row.id, readAt: new Date(row.read_at as Date).toISOString() };
      });
    },
  };
}
