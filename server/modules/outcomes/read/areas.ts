import type { Kysely } from "kysely";
import type { Database } from "../../../db/database.js";
import "../tables.js";

export interface OutcomeArea {
  id: number;
  code: string;
  name: string;
  stateCode: string;
  siteId: string | null;
  source: "platform" | "import";
  refreshedAt: Date | null;
  /** Children with rows in the area (every source). */
  children: number;
}

/** Every outcome area, in id order, with its number of children (kept by the writers: recountChildren). */
export async function listAreas(db: Kysely<Database>): Promise<OutcomeArea[]> {
  const rows = await db
    .selectFrom("outcome_area")
    .select(["id", "code", "name", "state_code", "site_id", "source", "refreshed_at", "children"])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    stateCode: r.state_code,
    siteId: r.site_id,
    source: r.source,
    refreshedAt: r.refreshed_at,
    children: Number(r.children ?? 0),
  }));
}
