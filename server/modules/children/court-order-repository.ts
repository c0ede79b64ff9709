import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { CourtOrderTable } from "./tables.js";
import "./tables.js";

const columns = [
  "id",
  "kind",
  "starts_on",
  "ends_on",
  "note",
  "created_by",
  "created_at",
  "ended_by",
  "ended_at",
  "version",
] as const;

/** Court orders of one child; the child-access gate has already scoped the child. */
export function courtOrderRepository(db: Kysely<Database>) {
  return {
    ordersOf(childId: string) {
      return db
        .selectFrom("court_order")
        .select(columns)
        .where("child_id", "=", childId)
        .orderBy("starts_on", "desc")
        .orderBy("created_at", "desc")
        .execute();
    },

    one(childId: string, orderId: string) {
      return db
        .selectFrom("court_order")
        .select(columns)
        .where("child_id", "=", childId)
        .where("id", "=", orderId)
        .executeTakeFirstOrThrow();
    },

    lock(childId: string, orderId: string) {
      return db
        .selectFrom("court_order")
        .select(columns)
        .where("child_id", "=", childId)
        .where("id", "=", orderId)
        .forUpdate()
        .executeTakeFirst();
    },

    async insert(values: {
      childId: string;
      siteId: string;
      kind: CourtOrderTable["kind"];
      startsOn: string;
      endsOn: string | null;
      note: string | null;
      createdBy: string;
    }) {
      const row = await db
        .insertInto("court_order")
        .values({
          child_id: values.childId,
          site_id: values.siteId,
          kind: values.kind,
          starts_on: values.startsOn,
          ends_on: values.endsOn,
          note: values.note,
          created_by: values.createdBy,
          ended_by: null,
          ended_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async end(orderId: string, values: { endsOn: string; at: Date; by: string }) {
      await db
        .updateTable("court_order")
        .set((eb) => ({
          ends_on: values.endsOn,
          ended_at: values.at,
          ended_by: values.by,
          version: eb("version", "+", 1),
        }))
        .where("id", "=", orderId)
        .execute();
    },
  };
}
