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
  return Number((await dataVersionTag(db)).split("@")[0]);
}

/**
 * The version with the instant it was set ("version@microseconds"), for cache keys: a database restored from a
 * backup goes back to an older version number, and the writes after it reach the same numbers at other instants.
 */
export async function dataVersionTag(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ tag: string }>`
    SELECT version::text || '@' || (extract(epoch FROM changed_at) * 1000000)::bigint::text AS tag
    FROM outcome_data_version WHERE id = 1`.execute(db);
  return rows.length ? rows[0].tag : "0@0";
}
