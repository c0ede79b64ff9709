import type { Transaction } from "kysely";
import type { Database } from "../db/database.js";
import { createHearingTasks, createPlacementTasks } from "../modules/children/index.js";
import { addCalendarDays, zonedInstant } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./demo-network.js";
import { Random } from "./random.js";

/** How far back the demo has practice tasks: placements of the last four months. */
const WINDOW_DAYS = 120;

const outcomeOf: Record<string, Record<string, unknown>> = {
  comfort_call: { outcome: "held", notes: "Parent shared routines and favourite foods." },
  icebreaker: {
    outcome: "held",
    participants: ["Birth parent", "Resource parent", "Caseworker"],
    coParentingAgreement: true,
  },
  planned_move_notice: { outcome: "sent", recipients: { caregiver: true, birthParents: true, childAttorney: true } },
  emergency_move_notice: { outcome: "sent", recipients: { caregiver: true, birthParents: true, childAttorney: true } },
  health_education_summary: { outcome: "delivered" },
  medication_handover: { outcome: "handed_over" },
  cft_meeting: { outcome: "held", participants: ["Youth", "Caregiver", "Parent"] },
  sibling_visit: { outcome: "held" },
  hearing_caregiver_notice: { outcome: "sent" },
  caregiver_court_report: { outcome: "received_and_forwarded" },
  // The demo's history records older plans as signed; a live task is completed by the two signatures.
  partnership_plan: { outcome: "signed" },
};

/**
 * Practice tasks for the demo's recent placements, made by the same code and
 * rules as live placements, then completed the way sites really do: most on
 * time, some late, some still open (overdue or due soon), so worklists and
 * timeliness figures have something true to show.
 */
export async function seedPracticeHistory(trx: Transaction<Database>, net: DemoNetwork, seed = 4) {
  const random = new Random(seed);
  await attachDemoSiteSettings(trx, net);
  const asOf = net.placements.reduce((max, p) => (p.start_date > max ? p.start_date : max), "0000-00-00");
  const since = addCalendarDays(asOf, -WINDOW_DAYS);
  const sites = new Map(net.sites.map((s) => [s.id, s]));
  const children = new Map(net.children.map((c) => [c.id, c]));
  const caseworkerUser = new Map<string, string>();
  const userOfPerson = new Map(net.users.map((u) => [u.person_id, u.id]));
  for (const m of net.teamMembers)
    if (m.role === "caseworker" && m.ends_on == null) caseworkerUser.set(m.child_id, userOfPerson.get(m.person_id)!);
  const recent = net.placements
    .filter((p) => p.start_date >= since)
    .sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
  let tasks = 0;
  for (const p of recent) {
    const site = sites.get(p.site_id)!;
    const child = children.get(p.child_id)!;
    const startedAt = zonedInstant(
      p.start_date as string,
      `${String(random.int(8, 19)).padStart(2, "0")}:${random.pick(["00", "15", "30", "45"])}`,
      site.time_zone,
    );
    await trx.updateTable("placement").set({ started_at: startedAt }).where("id", "=", p.id).execute();
    const created = await createPlacementTasks(trx, {
      placementId: p.id,
      childId: p.child_id,
      siteId: p.site_id,
      stateCode: site.state_code,
      timeZone: site.time_zone,
      icwa: Boolean(child.icwa),
      householdId: p.household_id ?? null,
      setting: p.setting,
      startDate: p.start_date as string,
      startedAt,
      changeKind: p.change_kind,
      exclusions: random.chance(0.05) ? ["parent_incarcerated"] : [],
    });
    tasks += created.length;
    await completeSome(
      trx,
      random,
      created.filter((t) => t.status === "open").map((t) => t.id),
      caseworkerUser.get(p.child_id) ?? null,
      asOf,
    );
  }
  // Upcoming court hearings for some children in care, with the caregiver's notice and report due before them.
  const inCare = net.placements.filter((p) => p.end_date == null && p.household_id);
  for (const p of inCare.filter(() => random.chance(0.15))) {
    const site = sites.get(p.site_id)!;
    const hearingOn = addCalendarDays(asOf, random.int(5, 45));
    const hearing = await trx
      .insertInto("court_hearing")
      .values({
        child_id: p.child_id,
        site_id: p.site_id,
        hearing_on: hearingOn,
        hearing_type: random.pick(["review", "permanency", "disposition"] as const),
        department: `Dept. ${random.int(1, 30)}`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createHearingTasks(trx, {
      id: hearing.id,
      childId: p.child_id,
      siteId: p.site_id,
      stateCode: site.state_code,
      timeZone: site.time_zone,
      icwa: Boolean(children.get(p.child_id)!.icwa),
      hearingOn,
      createdOn: addCalendarDays(hearingOn, -50),
    });
    tasks += created.length;
    await completeSome(
      trx,
      random,
      created.filter((t) => t.practice === "hearing_caregiver_notice").map((t) => t.id),
      caseworkerUser.get(p.child_id) ?? null,
      asOf,
    );
  }
  // Reminders for deadlines already past were sent when they came due; the scheduler reminds only what comes due from
  // now.
  await trx
    .updateTable("practice_task")
    .set({ reminded_at: new Date(`${asOf}T00:00:00Z`) })
    .where("status", "=", "open")
    .where((eb) => eb.or([eb("due_on", "<", asOf), eb("due_at", "<", new Date(`${asOf}T00:00:00Z`))]))
    .execute();
  return { tasks };
}

/**
 * The demo county settings the first rule sets stored without a site (CA comfort call, icebreaker, hearing notice
 * and court report; FL hearing notice) become the demo site's own settings when the state has one demo site, so its
 * coordinator edits them and no other site of the state follows them.
 */
async function attachDemoSiteSettings(trx: Transaction<Database>, net: DemoNetwork) {
  for (const site of net.sites) {
    if (net.sites.filter((s) => s.state_code === site.state_code).length !== 1) continue;
    await trx
      .updateTable("practice_rule")
      .set({ site_id: site.id })
      .where("state_code", "=", site.state_code)
      .where("layer", "=", "site")
      .where("site_id", "is", null)
      .execute();
  }
}

async function completeSome(
  trx: Transaction<Database>,
  random: Random,
  taskIds: string[],
  userId: string | null,
  asOf: string,
) {
  if (!userId || taskIds.length === 0) return;
  const rows = await trx
    .selectFrom("practice_task")
    .select(["id", "practice", "due_at", "due_on"])
    .where("id", "in", taskIds)
    .execute();
  const now = Date.parse(`${asOf}T20:00:00Z`);
  for (const task of rows) {
    const due = task.due_at ? new Date(task.due_at).getTime() : Date.parse(`${task.due_on}T18:00:00Z`);
    // Calibrated to what QPI sites report: most practices on time, a fifth late, some forgotten.
    const fate = random.weighted({ on_time: 62, late: 18, open: 20 });
    if (fate === "open") continue;
    const lead = fate === "on_time" ? -random.int(1, 48) * 3_600_000 : random.int(6, 24 * 9) * 3_600_000;
    const completedAt = due + lead;
    if (completedAt > now) continue;
    await trx
      .updateTable("practice_task")
      .set({
        status: "completed",
        completed_at: new Date(completedAt),
        completed_by: userId,
        outcome: String(outcomeOf[task.practice].outcome),
        content: JSON.stringify({ ...outcomeOf[task.practice], outcome: undefined }),
      })
      .where("id", "=", task.id)
      .execute();
  }
}
