import type { Generated } from "kysely";

/** Mail kept when no SMTP server is configured (embedded and development mode), so its links can be followed. */
export interface OutboundEmailTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Database {
    outbound_email: OutboundEmailTable;
  }
}
