import { sql, type Transaction } from "kysely";
import type { Database } from "../../../db/database.js";

/**
 * The first load of an empty outcome table writes it without its indexes and
 * builds them once its file is in, in the same transaction: one sort per
 * index instead of millions of inserts. Measured at 3 M children, keeping
 * even the child_key indexes (keys in order) during the COPY cost PostgreSQL
 * 27 s of CPU against 18 s with every index built afterwards. Each build runs
 * while Node already parses the next file (its rows queue until the build is
 * done, history-loader.ts), so it adds no time of its own. A table that
 * already has rows keeps every index (a re-import must not lock readers out
 * while it runs); the importer has made sure of uniqueness either way, and
 * the rebuilt unique indexes check it again.
 */
export const outcomeRowTables = [
  "outcome_child",
  "outcome_home",
  "outcome_sibling_group",
  "outcome_episode",
  "outcome_placement",
  "outcome_maltreatment_report",
] as const;

interface SavedIndex {
  table: string;
  name: string;
  /** ALTER TABLE … ADD CONSTRAINT … for constraints, CREATE INDEX … for plain indexes. */
  restore: string;
  constraint: boolean;
}

export class DeferredIndexes {
  private constructor(private readonly saved: SavedIndex[]) {}

  /** Drops the indexes of the outcome tables that are empty now; `restore` builds them again. */
  static async dropOnEmptyTables(trx: Transaction<Database>): Promise<DeferredIndexes> {
    const empty: string[] = [];
    for (const table of outcomeRowTables) {
      const row = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS any`.execute(trx);
      if (!row.rows[0].any) empty.push(table);
    }
    if (empty.length === 0) return new DeferredIndexes([]);
    const rows = await sql<{ table: string; name: string; indexdef: string; constraint_def: string | null }>`
      SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) \
AS indexdef, pg_get_constraintdef(c.oid) AS constraint_def
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid
      WHERE t.relname IN (${sql.join(empty)})
      ORDER BY t.relname, i.relname`.execute(trx);
    const saved = rows.rows.map((r) => ({
      table: r.table,
      name: r.name,
      constraint: r.constraint_def !== null,
      restore:
        r.constraint_def !== null ? `ALTER TABLE ${r.table} ADD CONSTRAINT ${r.name} ${r.constraint_def}` : r.indexdef,
    }));
    for (const s of saved) {
      await sql
        .raw(s.constraint ? `ALTER TABLE ${s.table} DROP CONSTRAINT ${s.name}` : `DROP INDEX ${s.name}`)
        .execute(trx);
    }
    return new DeferredIndexes(saved);
  }

  get tables(): string[] {
    return [...new Set(this.saved.map((s) => s.table))];
  }

  private readonly restored = new Set<string>();

  /** Builds one table's indexes (once); the importer calls it when the table's rows are all in. */
  async restoreTable(trx: Transaction<Database>, table: string): Promise<void> {
    if (this.restored.has(table)) return;
    this.restored.add(table);
    for (const s of this.saved) if (s.table === table) await sql.raw(s.restore).execute(trx);
  }

  /** Builds every index not built yet. */
  async restore(trx: Transaction<Database>): Promise<void> {
    for (const table of this.tables) await this.restoreTable(trx, table);
  }
}
