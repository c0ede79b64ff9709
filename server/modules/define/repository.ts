import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { StatementKind } from "./tables.js";
import "./tables.js";

/** All SQL of the define module. Public reads see adopted versions only, never a draft. */
export function defineRepository(db: Kysely<Database>) {
  return {
    /** The latest adopted version of each kind of the site's statements, adopted on or before `today`. */
    async adoptedStatements(siteId: string, today: string) {
      const rows = await db
        .selectFrom("site_statement")
        .select(["kind", "version", "body_en", "body_es", "adopted_on", "participants"])
        .where("site_id", "=", siteId)
        .where("adopted_on", "is not", null)
        .where("adopted_on", "<=", today)
        .orderBy("version", "desc")
        .execute();
      const latest = new Map<StatementKind, (typeof rows)[number]>();
      for (const row of rows) if (!latest.has(row.kind)) latest.set(row.kind, row);
      return latest;
    },
  };
}
