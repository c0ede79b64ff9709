import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { addCalendarDays, zonedDay } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./generate-network.js";

/**
 * The demo's court orders and the family case the demo roles share.
 *
 * - The demo caseworker carries the case of the demo birth parent's child (the
 *   child placed with the demo caregiver), so each demo role opens the same
 *   child; that caregiver has recorded consent to share address and phone
 *   with the birth parents, so the parent sees them until a court order says
 *   otherwise (try it: record a no-contact order as the caseworker).
 * - Another child of the demo caseworker has a non-disclosure order in force,
 *   so the court-orders section shows an active order and its effect.
 */
export async function seedDemoCourtOrders(db: Kysely<Database>, net: DemoNetwork) {
  const userOf = (email: string) => net.users.find((u) => u.email === email);
  const caseworker = userOf("caseworker@demo.qpi.example");
  const parent = userOf("parent@demo.qpi.example");
  const caregiver = userOf("caregiver@demo.qpi.example");
  if (!caseworker || !parent || !caregiver) return;
  const site = net.sites.find((s) => net.roleGrants.some((g) => g.user_id === caseworker.id && g.site_id === s.id));
  if (!site) return;
  const today = zonedDay(new Date(), site.time_zone);
  const home = net.householdMembers.find((m) => m.person_id === caregiver.person_id)?.household_id;
  const familyChild = net.childRelations.find(
    (r) =>
      r.person_id === parent.person_id &&
      net.placements.some((p) => p.child_id === r.child_id && p.end_date == null && p.household_id === home),
  )?.child_id;
  await db.transaction().execute(async (trx) => {
    if (familyChild && home) {
      await trx
        .updateTable("child_team_member")
        .set({ person_id: caseworker.person_id })
        .where("child_id", "=", familyChild)
        .where("role", "=", "caseworker")
        .where("ends_on", "is", null)
        .execute();
      await trx
        .updateTable("household")
        .set({ contact_shared_with_birth_parents: true })
        .where("id", "=", home)
        .execute();
    }
    const caseload = net.teamMembers
      .filter((m) => m.person_id === caseworker.person_id && m.role === "caseworker" && m.ends_on == null)
      .map((m) => m.child_id)
      .filter((id) => id !== familyChild && net.placements.some((p) => p.child_id === id && p.end_date == null));
    const ordered = caseload.sort()[0];
    if (!ordered) return;
    await trx
      .insertInto("court_order")
      .values({
        child_id: ordered,
        site_id: site.id,
        kind: "no_contact_disclosure",
        starts_on: addCalendarDays(today, -21),
        ends_on: null,
        note: "Juvenile court, review hearing: the caregiver's address and phone are not to be disclosed to the parents.",
        created_by: caseworker.id,
        ended_by: null,
        ended_at: null,
      })
      .execute();
  });
}
