import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import { usersByIds } from "../identity/index.js";
import { childGate } from "./child-access.js";
import { courtOrderRepository } from "./court-order-repository.js";
import type { CourtOrderCreate, CourtOrderEnd, CourtOrderView } from "./court-order-schema.js";

type OrderRow = Awaited<ReturnType<ReturnType<typeof courtOrderRepository>["one"]>>;

/** An order is recorded at most this far ahead of the day it starts to hold. */
const MAX_DAYS_AHEAD = 366;

const invalid = (field: string, messageKey: string, params: Record<string, string> = {}) =>
  new AppError("validation", "error.validation", {}, [{ field, messageKey, params }]);

const statusOn = (row: Pick<OrderRow, "starts_on" | "ends_on">, today: string): CourtOrderView["status"] =>
  row.starts_on > today ? "upcoming" : row.ends_on !== null && row.ends_on < today ? "ended" : "active";

async function viewsOf(db: Kysely<Database>, rows: OrderRow[], today: string): Promise<CourtOrderView[]> {
  const users = await usersByIds(
    db,
    rows.flatMap((r) => [r.created_by, r.ended_by].filter((id): id is string => id !== null)),
  );
  const nameOf = (id: string | null) => (id ? (users.get(id)?.name ?? null) : null);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    note: row.note,
    status: statusOn(row, today),
    recordedByName: nameOf(row.created_by),
    recordedAt: new Date(row.created_at).toISOString(),
    endedByName: nameOf(row.ended_by),
    version: row.version,
  }));
}

/**
 * Court orders that condition what the child's record discloses (a no-contact
 * or non-disclosure order keeps the caregiver's address and phone from the
 * birth parents while it holds; disclosure.ts reads them). Staff who may write
 * the child's record (child:write, in their scope) see, record and end them;
 * each is audited in the same transaction.
 */
export function courtOrderService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true, fieldClasses: ["court_order"] };

  return {
    list(actor: Actor, childId: string) {
      return withChild(actor, "child:write", childId, { fieldClasses: ["court_order"] }, async (c) => {
        const orders = await viewsOf(c.trx, await courtOrderRepository(c.trx).ordersOf(childId), c.today);
        await c.audit({ action: "court_order.list" });
        return {
          orders,
          effect: { caregiverContactHiddenFromBirthParents: orders.some((o) => o.status === "active") },
        };
      });
    },

    record(actor: Actor, childId: string, input: z.infer<typeof CourtOrderCreate>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const latest = addCalendarDays(today, MAX_DAYS_AHEAD);
        if (input.startsOn > latest) throw invalid("startsOn", "court_order.starts_too_late", { latest });
        if (input.endsOn !== undefined && input.endsOn < input.startsOn)
          throw invalid("endsOn", "court_order.ends_before_start", { startsOn: input.startsOn });
        const repo = courtOrderRepository(trx);
        const id = await repo.insert({
          childId,
          siteId: child.site_id,
          kind: input.kind,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
          note: input.note ? input.note : null,
          createdBy: actor.userId,
        });
        // The child is the audit row's subject, so the order shows in the record's access log.
        await audit({ action: "court_order.record" });
        return (await viewsOf(trx, [await repo.one(childId, id)], today))[0];
      });
    },

    end(actor: Actor, childId: string, orderId: string, input: z.infer<typeof CourtOrderEnd>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, now, today, audit }) => {
        const repo = courtOrderRepository(trx);
        const order = await repo.lock(childId, orderId);
        if (!order) throw new AppError("not_found");
        if (order.version !== input.version) throw new AppError("conflict", "court_order.stale");
        if (statusOn(order, today) === "ended") throw new AppError("conflict", "court_order.already_ended");
        if (input.endsOn < order.starts_on)
          throw invalid("endsOn", "court_order.ends_before_start", { startsOn: order.starts_on });
        // Ending shortens an order; a later last day would be a new order of the court.
        if (order.ends_on !== null && input.endsOn > order.ends_on)
          throw invalid("endsOn", "court_order.ends_after_end", { endsOn: order.ends_on });
        if (input.endsOn > addCalendarDays(today, MAX_DAYS_AHEAD))
          throw invalid("endsOn", "court_order.ends_too_late", { latest: addCalendarDays(today, MAX_DAYS_AHEAD) });
        await repo.end(orderId, { endsOn: input.endsOn, at: now, by: actor.userId });
        await audit({ action: "court_order.end" });
        return (await viewsOf(trx, [await repo.one(childId, orderId)], today))[0];
      });
    },
  };
}
