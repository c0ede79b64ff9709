import type { ColumnType } from "kysely";

/** The one-row record of the audit chain's end (migration 0110); moved forward with every append. */
export interface AuditChainHeadTable {
  id: ColumnType<boolean, never, never>;
  row_count: number;
  last_seq: number;
  last_hash: string;
  updated_at: ColumnType<Date, never, Date>;
}

declare module "../../db/database.js" {
  interface Database {
    audit_chain_head: AuditChainHeadTable;
  }
}
