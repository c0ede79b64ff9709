import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import { RowSource } from "./tables.js";
import "./tables.js";

/**
 * The dashboards' own reads. The histories themselves come from
 * read/read-columns.ts; the areas from read/areas.ts. Nothing here returns a
 * child's record: drill-down maps outcome keys to platform ids and hands them
 * to the children module, whose scope decides what the viewer gets.
 */
export function outcomesRepository(db: Kysely<Database>) {
  return {
    /**
     * Per area, the first removal and the latest day any episode or placement
     * records: what "data as of" and the offered periods rest on for imported
     * data, whose refresh time says when it was loaded, not what it covers.
     */
    async dataSpans(areaIds: number[]) {
      if (areaIds.length === 0) return [];
      const result = await sql<{ area_id: number; first_day: string | null; last_day: string | null }>`
        SELECT e.area_id, min(e.removal_day)::text AS first_day,
               greatest(max(e.removal_day), max(e.exit_day), max(p.last_day))::text AS last_day
        FROM outcome_episode e
        LEFT JOIN (
          SELECT area_id, greatest(max(start_day), max(end_day)) AS last_day FROM outcome_placement
          WHERE area_id IN (${sql.join(areaIds)}) GROUP BY area_id
        ) p ON p.area_id = e.area_id
        WHERE e.area_id IN (${sql.join(areaIds)})
        GROUP BY e.area_id`.execute(db);
      return result.rows;
    },

    /** The platform child ids of outcome children (projected from this platform's records); imported ones have none. */
    async platformChildIds(childKeys: number[]): Promise<string[]> {
      if (childKeys.length === 0) return [];
      const ids: string[] = [];
      // Well under PostgreSQL's 65,535 bind parameters per statement.
      for (let i = 0; i < childKeys.length; i += 20_000) {
        const rows = await db
          .selectFrom("outcome_child")
          .select("external_id")
          .where("child_key", "in", childKeys.slice(i, i + 20_000))
          .where("source", "=", RowSource.platform)
          .execute();
        ids.push(...rows.map((r) => r.external_id));
      }
      return ids;
    },
  };
}
