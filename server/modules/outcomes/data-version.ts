import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";

/**
 * The outcome histories' data version (migration 0420). Every writer of the history tables bumps it in its own
 * transaction, so the new version becomes visible exactly when the new rows do; readers key cached computations on it.
 */
export async function bumpDataVersion(trx: Transaction<Database>): Promise<number> {
  const { rows } = await sql<{ version: string }>`
    UPDATE outcome_data_version SET version = version + 1, changed_at = now() WHERE id = 1
    RETURNING version`.execute(trx);
  return Number(rows[0].version);
}

/** The version the next read sees (0 before any write). */
export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ version: string }>`SELECT version FROM outcome_data_version WHERE id = 1`.execute(db);
  return rows.length ? Number(rows[0].version) : 0;
}
