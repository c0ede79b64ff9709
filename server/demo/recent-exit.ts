import type { Transaction } from "kysely";
import type { Database } from "../db/database.js";
import { createPlacementTasks } from "../modules/children/index.js";
import { addCalendarDays } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./demo-network.js";

/** Days before the demo's day: a reunification three weeks ago; a stay that ended in the spring and a return. */
const EXITED_DAYS_AGO = 21;
const FIRST_REMOVAL_DAYS_AGO = 420;
const WENT_HOME_DAYS_AGO = 190;
const RETURNED_DAYS_AGO = 12;

/**
 * The end and the start of care on the demo caseworker's caseload, written the way the exit and return-to-care
 * forms write them: one child went home to their parents three weeks ago (the placement and the episode end that
 * day, open tasks close as not applicable), and another, reunified last spring, came back into care twelve days ago
 * (a new removal episode with its first placement and the rule set's tasks). Without them the demo shows no recent
 * exit, no re-entry, and no child the caseworker could record a return for.
 */
export async function seedRecentExitAndReturn(trx: Transaction<Database>, net: DemoNetwork, email: string) {
  const user = net.users.find((u) => u.email === email);
  if (!user) return null;
  const asOf = net.placements.reduce((max, p) => (p.start_date > max ? p.start_date : max), "0000-00-00");
  const caseload = new Set(
    net.teamMembers.filter((m) => m.person_id === user.person_id && m.ends_on === null).map((m) => m.child_id),
  );
  const planned = new Set(
    (await trx.selectFrom("placement").select("child_id").where("start_date", ">", asOf).execute()).map(
      (p) => p.child_id,
    ),
  );
  // Settled in a family home for two months, with nothing planned: a child who can go home.
  const home = net.placements
    .filter(
      (p) =>
        caseload.has(p.child_id) &&
        !planned.has(p.child_id) &&
        p.end_date === null &&
        p.household_id !== null &&
        p.setting === "nonrelative_family_home" &&
        p.start_date <= addCalendarDays(asOf, -60),
    )
    .sort((a, b) => a.child_id.localeCompare(b.child_id))[0];
  if (!home) return null;

  async function exit(placement: typeof home, exitDate: string) {
    await trx
      .updateTable("placement")
      .set((eb) => ({ end_date: exitDate, version: eb("version", "+", 1) }))
      .where("id", "=", placement.id)
      .execute();
    await trx
      .updateTable("removal_episode")
      .set((eb) => ({ exit_date: exitDate, exit_reason: "reunification", version: eb("version", "+", 1) }))
      .where("id", "=", placement.episode_id)
      .execute();
    await trx
      .updateTable("practice_task")
      .set((eb) => ({ status: "not_required", not_required_reason: "placement_ended", version: eb("version", "+", 1) }))
      .where("child_id", "=", placement.child_id)
      .where("status", "=", "open")
      .execute();
  }

  await exit(home, addCalendarDays(asOf, -EXITED_DAYS_AGO));

  // A child reunified in the spring who came back twelve days ago: a new child of the caseload with both
  // episodes, so no history the generator wrote is changed.
  const site = net.sites.find((s) => s.id === home.site_id)!;
  const caseworker = net.teamMembers.find((m) => m.child_id === home.child_id && m.role === "caseworker")!;
  const person = await trx
    .insertInto("person")
    .values({
      site_id: site.id,
      given_name: "Mateo",
      family_name: "Villanueva",
      preferred_name: null,
      birth_date: addCalendarDays(asOf, -9 * 365),
      sex: "male",
      email: null,
      phone: null,
      address_line1: null,
      city: null,
      postal_code: null,
      preferred_language: "es",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const child = await trx
    .insertInto("child")
    .values({ person_id: person.id, site_id: site.id, case_number: `${site.code}-RE-0001` })
    .returning(["id", "icwa"])
    .executeTakeFirstOrThrow();
  const firstRemoval = addCalendarDays(asOf, -FIRST_REMOVAL_DAYS_AGO);
  const wentHome = addCalendarDays(asOf, -WENT_HOME_DAYS_AGO);
  const returnedOn = addCalendarDays(asOf, -RETURNED_DAYS_AGO);
  const first = await trx
    .insertInto("removal_episode")
    .values({
      child_id: child.id,
      site_id: site.id,
      removal_date: firstRemoval,
      removal_reason: "neglect",
      legal_authority: "court_ordered",
      exit_date: wentHome,
      exit_reason: "reunification",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const again = await trx
    .insertInto("removal_episode")
    .values({
      child_id: child.id,
      site_id: site.id,
      removal_date: returnedOn,
      removal_reason: "neglect",
      legal_authority: "court_ordered",
      exit_date: null,
      exit_reason: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Back to the home the child knows, the most common wish on a return.
  const stay = {
    child_id: child.id,
    site_id: site.id,
    household_id: home.household_id ?? null,
    setting: "nonrelative_family_home" as const,
    started_at: null,
    change_kind: "initial" as const,
    change_requested_by: null,
    change_reason: null,
  };
  await trx
    .insertInto("placement")
    .values({ ...stay, episode_id: first.id, start_date: firstRemoval, end_date: wentHome })
    .execute();
  const placement = await trx
    .insertInto("placement")
    .values({ ...stay, episode_id: again.id, start_date: returnedOn, end_date: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("child_team_member")
    .values({ child_id: child.id, person_id: caseworker.person_id, role: "caseworker", starts_on: firstRemoval })
    .execute();
  await createPlacementTasks(trx, {
    placementId: placement.id,
    childId: child.id,
    siteId: site.id,
    stateCode: site.state_code,
    timeZone: site.time_zone,
    icwa: child.icwa ?? false,
    householdId: home.household_id ?? null,
    setting: "nonrelative_family_home",
    startDate: returnedOn,
    startedAt: null,
    changeKind: "initial",
    exclusions: [],
  });
  return { exitedChildId: home.child_id, returnedChildId: child.id };
}
