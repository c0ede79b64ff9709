import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import { activeSiteUserByEmail, usersByIds } from "../identity/index.js";
import { childGate } from "./child-access.js";
import { shareRepository } from "./share-repository.js";
import type { ShareCreate, ShareView } from "./share-schema.js";
import "../../platform/access/tables.js";

/** A share lasts at most this many days: access beyond assignment is for a while, then reviewed again. */
const MAX_SHARE_DAYS = 366;

type ShareRow = Awaited<ReturnType<ReturnType<typeof shareRepository>["share"]>>;

/** The shares as the page shows them: names and emails from the identity module, status on the site's day. */
async function viewsOf(db: Kysely<Database>, rows: ShareRow[], today: string): Promise<ShareView[]> {
  const users = await usersByIds(
    db,
    rows.flatMap((r) => [r.shared_with_user_id, r.created_by, ...(r.revoked_by ? [r.revoked_by] : [])]),
  );
  const nameOf = (id: string) => users.get(id)?.name ?? "";
  return rows.map((row) => ({
    id: row.id,
    userId: row.shared_with_user_id,
    name: nameOf(row.shared_with_user_id),
    email: users.get(row.shared_with_user_id)?.email ?? "",
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.revoked_at ? "revoked" : row.ends_on < today ? "ended" : "active",
    grantedByName: nameOf(row.created_by),
    grantedAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    revokedByName: row.revoked_by ? nameOf(row.revoked_by) : null,
  }));
}

const invalid = (field: string, messageKey: string, params: Record<string, string> = {}) =>
  new AppError("validation", "error.validation", {}, [{ field, messageKey, params }]);

/**
 * Access separate from assignment: staff who may share a child's record
 * (child:share, in their scope) let a named user of the child's site read it
 * for a stated reason until a date. Grants, revocations and every read
 * through a share are audited; the share ends by itself after its last day.
 */
export function shareService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  // Shares start and end on the child's site day (the gate's `today`), in the site's time zone.
  const share = { lock: true };

  return {
    list(actor: Actor, childId: string) {
      return withChild(actor, "child:share", childId, share, async ({ trx, today, audit }) => {
        const rows = await shareRepository(trx).sharesOf(childId);
        await audit({ action: "child.share.list" });
        return { shares: await viewsOf(trx, rows, today) };
      });
    },

    grant(actor: Actor, childId: string, input: z.infer<typeof ShareCreate>) {
      return withChild(actor, "child:share", childId, share, async ({ trx, child, today, audit }) => {
        if (input.endsOn < today) throw invalid("endsOn", "share.ends_before_today");
        const latest = addCalendarDays(today, MAX_SHARE_DAYS);
        if (input.endsOn > latest) throw invalid("endsOn", "share.too_long", { latest });
        // A user of the child's site: an active account holding a current role there.
        const userId = await activeSiteUserByEmail(trx, input.email, child.site_id, today);
        if (!userId) throw invalid("email", "share.user_unknown");
        if (userId === actor.userId) throw invalid("email", "share.not_yourself");
        const repo = shareRepository(trx);
        const open = await repo.openShare(childId, userId, today);
        if (open) throw new AppError("conflict", "share.already_active", { endsOn: open.ends_on });
        const shareId = await repo.insertShare({
          childId,
          siteId: child.site_id,
          userId,
          reason: input.reason,
          startsOn: today,
          endsOn: input.endsOn,
          createdBy: actor.userId,
        });
        await audit({ action: "child.share.grant", purpose: input.reason });
        return (await viewsOf(trx, [await repo.share(childId, shareId)], today))[0];
      });
    },

    revoke(actor: Actor, childId: string, shareId: string) {
      return withChild(actor, "child:share", childId, share, async ({ trx, now, today, audit }) => {
        const repo = shareRepository(trx);
        const found = await repo.lockShare(childId, shareId);
        if (!found) throw new AppError("not_found");
        if (found.revoked_at) throw new AppError("conflict", "share.already_revoked");
        if (found.ends_on < today) throw new AppError("conflict", "share.already_ended");
        await repo.revoke(shareId, now, actor.userId);
        await audit({ action: "child.share.revoke", purpose: found.reason });
        return (await viewsOf(trx, [await repo.share(childId, shareId)], today))[0];
      });
    },
  };
}
