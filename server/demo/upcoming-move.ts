import type { Transaction } from "kysely";
import type { Database } from "../db/database.js";
import { createPlacementTasks } from "../modules/children/index.js";
import { addCalendarDays } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./demo-network.js";

/** Days from the demo's day to the planned move: far enough that the 14-day notice is due about now. */
const AHEAD_DAYS = 16;

/**
 * One planned move still to come, on the demo caseworker's caseload: a child in a resource family moves to a
 * relative's home in a little over two weeks, with a transition plan. The child's page shows the resource family as
 * the current placement and the move as upcoming until its day; the move's notice task is on the worklist. Written
 * the way the move form writes it (the open placement ends the day the new one starts, tasks by the same rules).
 */
export async function seedUpcomingMove(trx: Transaction<Database>, net: DemoNetwork, email: string) {
  const user = net.users.find((u) => u.email === email);
  if (!user) return null;
  const asOf = net.placements.reduce((max, p) => (p.start_date > max ? p.start_date : max), "0000-00-00");
  const caseload = new Set(
    net.teamMembers.filter((m) => m.person_id === user.person_id && m.ends_on === null).map((m) => m.child_id),
  );
  const homes = new Map(net.households.map((h) => [h.id, h]));
  const current = net.placements
    .filter(
      (p) =>
        caseload.has(p.child_id) &&
        p.end_date === null &&
        p.setting === "nonrelative_family_home" &&
        p.start_date <= addCalendarDays(asOf, -30),
    )
    .sort((a, b) => a.child_id.localeCompare(b.child_id))[0];
  if (!current) return null;
  const relative = net.households.find(
    (h) => h.site_id === current.site_id && h.kind === "relative" && h.approved_on && !h.closed_on,
  );
  const site = net.sites.find((s) => s.id === current.site_id)!;
  const child = net.children.find((c) => c.id === current.child_id)!;
  if (!relative || !homes.get(current.household_id ?? "")) return null;
  const moveDay = addCalendarDays(asOf, AHEAD_DAYS);
  await trx
    .updateTable("placement")
    .set((eb) => ({ end_date: moveDay, version: eb("version", "+", 1) }))
    .where("id", "=", current.id)
    .execute();
  const placement = await trx
    .insertInto("placement")
    .values({
      episode_id: current.episode_id,
      child_id: current.child_id,
      site_id: current.site_id,
      household_id: relative.id,
      setting: "relative_family_home",
      start_date: moveDay,
      started_at: null,
      end_date: null,
      change_kind: "planned",
      change_requested_by: "agency",
      change_reason: "move_to_relative",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const steps = [
    { description: "Visit at the relative's home with the caseworker", on: addCalendarDays(asOf, 4) },
    { description: "Weekend overnight at the relative's home", on: addCalendarDays(asOf, 10) },
    { description: "School transport arranged from the new address", on: addCalendarDays(asOf, 14) },
  ];
  await trx
    .insertInto("transition_plan")
    .values({ placement_id: placement.id, steps: JSON.stringify(steps), created_by: user.id })
    .execute();
  await createPlacementTasks(trx, {
    placementId: placement.id,
    childId: current.child_id,
    siteId: current.site_id,
    stateCode: site.state_code,
    timeZone: site.time_zone,
    icwa: child.icwa ?? false,
    householdId: relative.id,
    setting: "relative_family_home",
    startDate: moveDay,
    startedAt: null,
    changeKind: "planned",
    exclusions: [],
  });
  return { childId: current.child_id, moveDay };
}
