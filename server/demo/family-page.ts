import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { addCalendarDays, zonedDay } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./generate-network.js";

/**
 * What the demo birth parent's "My child" page shows: their child (the one
 * placed with the demo caregiver) has a review hearing ahead, so the page has
 * a next court date to show. Nothing is added when one is already set.
 */
export async function seedDemoFamilyPage(db: Kysely<Database>, net: DemoNetwork) {
  const parent = net.users.find((u) => u.email === "parent@demo.qpi.example");
  if (!parent) return;
  const children = net.childRelations.filter((r) => r.person_id === parent.person_id).map((r) => r.child_id);
  for (const childId of children) {
    const child = await db
      .selectFrom("child")
      .innerJoin("site", "site.id", "child.site_id")
      .select(["child.id", "child.site_id", "site.time_zone"])
      .where("child.id", "=", childId)
      .executeTakeFirst();
    if (!child) continue;
    const today = zonedDay(new Date(), child.time_zone);
    const ahead = await db
      .selectFrom("court_hearing")
      .select("id")
      .where("child_id", "=", child.id)
      .where("hearing_on", ">=", today)
      .executeTakeFirst();
    if (ahead) continue;
    await db
      .insertInto("court_hearing")
      .values({
        child_id: child.id,
        site_id: child.site_id,
        hearing_on: addCalendarDays(today, 17),
        hearing_type: "review",
        department: "Dept. 12",
      })
      .execute();
  }
}
