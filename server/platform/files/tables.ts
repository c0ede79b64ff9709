import type { ColumnType, Generated } from "kysely";

/** A stored file (migration 0620): the bytes after the type check and metadata removal. */
export interface StoredFileTable {
  id: Generated<string>;
  site_id: string;
  uploaded_by: string;
  content_type: "image/jpeg" | "image/png" | "application/pdf";
  byte_size: number;
  sha256: string;
  file_name: string;
  content: Buffer;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    stored_file: StoredFileTable;
  }
}
