import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { addCalendarDays, zonedDay } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./generate-network.js";

/**
 * The demo caregiver's training this year: two tip sheets read and attested in recent weeks, so the home page's
 * hours card and the library show progress against California's annual hours (the items are the catalogue's).
 */
export async function seedDemoTrainingCompletions(db: Kysely<Database>, net: DemoNetwork) {
  const caregiver = net.users.find((u) => u.email === "caregiver@demo.qpi.example");
  if (!caregiver) return;
  const grant = net.roleGrants.find((g) => g.user_id === caregiver.id && g.role_code === "caregiver");
  const site = net.sites.find((s) => s.id === grant?.site_id);
  if (!site) return;
  const today = zonedDay(new Date(), site.time_zone);
  const items = await db
    .selectFrom("training_item")
    .select(["id", "code", "credit_hours"])
    .where("code", "in", ["TS-ATT-NEWCHILD", "TS-CC-COMFORT"])
    .execute();
  const rows = items
    .map((item, i) => ({ item, day: addCalendarDays(today, -(10 + 7 * i)) }))
    .filter(({ day }) => day.slice(0, 4) === today.slice(0, 4))
    .map(({ item, day }) => ({
      person_id: caregiver.person_id,
      site_id: site.id,
      item_id: item.id,
      method: "attested" as const,
      hours: Number(item.credit_hours),
      completed_on: day,
      completed_year: Number(day.slice(0, 4)),
    }));
  if (rows.length > 0) await db.insertInto("training_completion").values(rows).execute();
}
