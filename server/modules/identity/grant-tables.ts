import type { Generated } from "kysely";

/** Which roles a role may grant (migration 0360): one row per (granter role, grantable role). */
export interface RoleGrantableTable {
  granter_role_code: string;
  grantable_role_code: string;
  created_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Database {
    role_grantable: RoleGrantableTable;
  }
}
