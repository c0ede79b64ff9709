import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";

/** The one password of every demo account. Printed at start; never use a demo database for real data. */
export const DEMO_PASSWORD = "qpi-demo-2026";

export const DEMO_DOMAIN = "demo.qpi.example";

const roleOrder = [
  "caseworker",
  "supervisor",
  "rfa_worker",
  "qpi_coordinator",
  "site_admin",
  "analyst",
  "state_analyst",
  "network_analyst",
  "caregiver",
  "birth_parent",
  "youth",
];

/**
 * One sign-in per demo account (the demo domain only, not the generated staff of its sub-domains), each once, in
 * role order: read from the database so it is right whatever seeded it.
 */
export async function demoSignIns(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("user_account")
    .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
    .innerJoin("site", "site.id", "role_grant.site_id")
    .select(["user_account.email", "role_grant.role_code", "site.name as site_name"])
    .where("user_account.email", "like", `%@${DEMO_DOMAIN}`)
    .execute();
  const rank = (role: string) => (roleOrder.includes(role) ? roleOrder.indexOf(role) : roleOrder.length);
  const sorted = rows.sort((a, b) => rank(a.role_code) - rank(b.role_code) || a.email.localeCompare(b.email));
  const seen = new Set<string>();
  return sorted.filter((row) => !seen.has(row.email) && Boolean(seen.add(row.email)));
}

export async function printDemoSignIns(db: Kysely<Database>) {
  const rows = await demoSignIns(db);
  if (rows.length === 0) return;
  console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}) — fictional people, demo data only:`);
  for (const row of rows) console.log(`  ${row.role_code.padEnd(16)} ${row.email.padEnd(34)} ${row.site_name}`);
  console.log("");
}
