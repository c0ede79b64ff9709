import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { historiesForOutcomes } from "../../server/modules/children/index.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedDay, zonedInstant } from "../../server/platform/rules/zoned-time.js";
import { buildClockedApp } from "../identity/support.js";
import { type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, newChild, siteOf } from "./practice-fixtures.js";

// A planned move recorded for a later day is not where the child lives: until the move's day (the site's calendar
// day, from the app's clock) the child's page, the children list, the caregiver's address and the outcomes
// projection all keep the placement in force; from that day on they show the new one.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let clock = new Date();

const CW = "caseworker@demo.qpi.example";
const SITE = "CA-FRESNO";
const PACIFIC = "America/Los_Angeles";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, () => clock);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The caseworker, signed in at `instant` (a fresh session each time the clock jumps). */
async function caseworkerAt(instant: Date) {
  clock = instant;
  return signIn(app, CW);
}
const get = (who: SignedIn, url: string) => app.inject({ method: "GET", url, headers: who.headers() });
const post = (who: SignedIn, url: string, payload: object, lang = "en") =>
  app.inject({ method: "POST", url, headers: who.headers({ "accept-language": lang }), payload });

function otherHome(firstId: string) {
  const site = siteOf(world, SITE);
  return world.households.find(
    (h) => h.site_id === site.id && h.kind === "relative" && h.approved_on && !h.closed_on && h.id !== firstId,
  )!;
}

describe("a planned move for a later day", () => {
  it("leaves the current placement current until its day, shown as upcoming with its plan, then switches", async () => {
    const today = zonedDay(new Date(), PACIFIC);
    const moveDay = addCalendarDays(today, 10);
    const first = familyHome(world, SITE);
    const next = otherHome(first.id);
    const { childId } = await newChild(database.db, world, SITE, CW);
    const cw = await caseworkerAt(zonedInstant(today, "09:00", PACIFIC));
    const removalDate = addCalendarDays(today, -20);
    const opened = await post(cw, `/api/children/${childId}/episodes`, {
      removalDate,
      removalReason: "neglect",
      placement: { householdId: first.id, setting: "nonrelative_family_home", startDate: removalDate },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const moved = await post(cw, `/api/children/${childId}/placements`, {
      householdId: next.id,
      setting: "relative_family_home",
      startDate: moveDay,
      changeKind: "planned",
      requestedBy: "agency",
      reason: "move_to_relative",
      transitionSteps: [{ description: "Visit at the new home", on: addCalendarDays(today, 4) }],
    });
    expect(moved.statusCode, moved.body).toBe(201);

    // Today: the first home is current; the planned move is upcoming.
    const page = await get(cw, `/api/children/${childId}`);
    expect(page.json()).toMatchObject({
      currentSetting: "nonrelative_family_home",
      placedSince: removalDate,
      upcomingMoveOn: moveDay,
    });
    const listed = await get(cw, `/api/children?q=${encodeURIComponent(page.json().familyName)}&limit=5`);
    expect(listed.json().children).toEqual([
      expect.objectContaining({ id: childId, placedSince: removalDate, upcomingMoveOn: moveDay }),
    ]);
    const history = (await get(cw, `/api/children/${childId}/placements`)).json();
    expect(history.caregiverContact).toMatchObject({ householdId: first.id, addressLine1: first.address_line1 });
    expect(
      history.episodes[0].placements.map((p: { status: string; startDate: string }) => [p.status, p.startDate]),
    ).toEqual([
      ["upcoming", moveDay],
      ["current", removalDate],
    ]);
    expect(history.episodes[0].placements[0].transitionSteps).toEqual([
      { description: "Visit at the new home", on: addCalendarDays(today, 4) },
    ]);

    // The outcomes projection knows only what the site's day knows: one placement, still open.
    const projected = await database.db
      .transaction()
      .execute((trx) => historiesForOutcomes(trx, siteOf(world, SITE).id, clock));
    expect(projected.placements.filter((p) => p.childId === childId)).toEqual([
      expect.objectContaining({ startDate: removalDate, endDate: null }),
    ]);

    // The evening before the move (23:30 Pacific, already the move's day in UTC): still the first home.
    const eve = await caseworkerAt(zonedInstant(addCalendarDays(moveDay, -1), "23:30", PACIFIC));
    expect((await get(eve, `/api/children/${childId}`)).json()).toMatchObject({
      placedSince: removalDate,
      upcomingMoveOn: moveDay,
    });
    expect((await get(eve, `/api/children/${childId}/placements`)).json().caregiverContact.householdId).toBe(first.id);

    // The move's day: the new home is current, nothing is upcoming, and the projection counts the move.
    const day = await caseworkerAt(zonedInstant(moveDay, "00:30", PACIFIC));
    expect((await get(day, `/api/children/${childId}`)).json()).toMatchObject({
      currentSetting: "relative_family_home",
      placedSince: moveDay,
      upcomingMoveOn: null,
    });
    const after = (await get(day, `/api/children/${childId}/placements`)).json();
    expect(after.caregiverContact).toMatchObject({ householdId: next.id });
    expect(after.episodes[0].placements.map((p: { status: string }) => p.status)).toEqual(["current", "past"]);
    const projectedLater = await database.db
      .transaction()
      .execute((trx) => historiesForOutcomes(trx, siteOf(world, SITE).id, clock));
    expect(projectedLater.placements.filter((p) => p.childId === childId)).toEqual([
      expect.objectContaining({ startDate: removalDate, endDate: moveDay }),
      expect.objectContaining({ startDate: moveDay, endDate: null, changeKind: "planned" }),
    ]);
  });
});

describe("choices nobody made are refused, naming the field", () => {
  it("a move without kind of change, setting, requester or reason is a 400 naming each label, in Spanish too", async () => {
    const today = zonedDay(new Date(), PACIFIC);
    const { childId } = await newChild(database.db, world, SITE, CW);
    const cw = await caseworkerAt(new Date());
    const removalDate = addCalendarDays(today, -5);
    const opened = await post(cw, `/api/children/${childId}/episodes`, {
      removalDate,
      removalReason: "neglect",
      placement: {
        householdId: familyHome(world, SITE).id,
        setting: "nonrelative_family_home",
        startDate: removalDate,
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const count = async () =>
      (await database.db.selectFrom("placement").select("id").where("child_id", "=", childId).execute()).length;
    const bare = { householdId: null, startDate: today };
    const refused = await post(cw, `/api/children/${childId}/placements`, bare);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: "setting", message: "Setting: choose the kind of placement." },
        { field: "changeKind", message: "Kind of change: choose emergency, planned or unplanned." },
        { field: "requestedBy", message: "Who asked for it: choose who asked for the move." },
        { field: "reason", message: "Reason: choose the reason for the move." },
      ]),
    );
    // An empty choice (the form's "- Select -") is no choice either; the account's language words the message.
    await database.db.updateTable("user_account").set({ preferred_language: "es" }).where("email", "=", CW).execute();
    const spanish = await caseworkerAt(new Date());
    const empty = await post(
      spanish,
      `/api/children/${childId}/placements`,
      { ...bare, setting: "runaway", changeKind: "unplanned", requestedBy: "child", reason: "" },
      "es",
    );
    await database.db.updateTable("user_account").set({ preferred_language: "en" }).where("email", "=", CW).execute();
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ field: "reason", message: "Motivo: elija el motivo del cambio." }]);
    expect(await count()).toBe(1);
  });

  it("a task recorded without an outcome is a 400 naming 'What happened' and stays open", async () => {
    const today = zonedDay(new Date(), PACIFIC);
    const { childId } = await newChild(database.db, world, SITE, CW);
    const cw = await caseworkerAt(new Date());
    const opened = await post(cw, `/api/children/${childId}/episodes`, {
      removalDate: today,
      removalReason: "neglect",
      placement: {
        householdId: familyHome(world, SITE).id,
        setting: "nonrelative_family_home",
        startDate: today,
        changeKind: "emergency",
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const comfort = opened.json().tasks.find((t: { practice: string }) => t.practice === "comfort_call");
    const tasks = (await get(cw, `/api/children/${childId}/tasks`)).json().tasks;
    const version = tasks.find((t: { id: string }) => t.id === comfort.id).version;
    const res = await post(cw, `/api/tasks/${comfort.id}/complete`, { version, details: { notes: "Called." } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: "details.outcome", message: "What happened: choose one of the outcomes." },
    ]);
    const still = (await get(cw, `/api/children/${childId}/tasks`)).json().tasks;
    expect(still.find((t: { id: string }) => t.id === comfort.id).status).toBe("open");
  });

  it("an emergency before a planned move is refused until the move is withdrawn; withdrawing keeps the history", async () => {
    const today = zonedDay(new Date(), PACIFIC);
    const first = familyHome(world, SITE);
    const next = otherHome(first.id);
    const { childId } = await newChild(database.db, world, SITE, CW);
    const cw = await caseworkerAt(zonedInstant(today, "09:00", PACIFIC));
    const removalDate = addCalendarDays(today, -20);
    const opened = await post(cw, `/api/children/${childId}/episodes`, {
      removalDate,
      removalReason: "neglect",
      placement: { householdId: first.id, setting: "nonrelative_family_home", startDate: removalDate },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const moveDay = addCalendarDays(today, 10);
    const planned = await post(cw, `/api/children/${childId}/placements`, {
      householdId: next.id,
      setting: "relative_family_home",
      startDate: moveDay,
      changeKind: "planned",
      requestedBy: "agency",
      reason: "move_to_relative",
      transitionSteps: [{ description: "Visit at the new home", on: addCalendarDays(today, 4) }],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const plannedId = planned.json().placementId as string;
    const rows = async () =>
      database.db
        .selectFrom("placement")
        .select(["id", "start_date", "end_date"])
        .where("child_id", "=", childId)
        .orderBy("start_date")
        .execute();
    const before = await rows();

    // An emergency move tomorrow, and an exit tomorrow, would each overwrite the plan silently: both refused.
    const emergency = await post(cw, `/api/children/${childId}/placements`, {
      householdId: null,
      setting: "runaway",
      startDate: addCalendarDays(today, 1),
      changeKind: "emergency",
      requestedBy: "child",
      reason: "runaway",
    });
    expect(emergency.statusCode).toBe(400);
    expect(emergency.json().error.fields[0].field).toBe("startDate");
    expect(emergency.json().error.fields[0].message).toContain(moveDay);
    const history = (await get(cw, `/api/children/${childId}/placements`)).json();
    const episode = history.episodes[0];
    const exit = await post(cw, `/api/children/${childId}/episodes/${episode.id}/exit`, {
      exitDate: addCalendarDays(today, 1),
      exitReason: "reunification",
      version: episode.version,
    });
    expect(exit.statusCode).toBe(400);
    expect(exit.json().error.fields[0].field).toBe("exitDate");
    expect(await rows()).toEqual(before);

    // A withdrawal needs a reason and the version the worker saw; a stale one is a conflict.
    const upcoming = episode.placements.find((p: { id: string }) => p.id === plannedId);
    const noReason = await post(cw, `/api/children/${childId}/placements/${plannedId}/withdraw`, {
      version: upcoming.version,
      reason: " ",
    });
    expect(noReason.statusCode).toBe(400);
    const stale = await post(cw, `/api/children/${childId}/placements/${plannedId}/withdraw`, {
      version: upcoming.version + 1,
      reason: "The relative's home study fell through.",
    });
    expect(stale.statusCode).toBe(409);
    expect(await rows()).toEqual(before);

    const withdrawn = await post(cw, `/api/children/${childId}/placements/${plannedId}/withdraw`, {
      version: upcoming.version,
      reason: "The relative's home study fell through.",
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    // The placement in force runs on; the plan is gone from the placements, kept in the corrections with its reason.
    expect(await rows()).toEqual([{ id: before[0].id, start_date: removalDate, end_date: null }]);
    const after = (await get(cw, `/api/children/${childId}/placements`)).json();
    expect(after.corrections[0]).toMatchObject({
      entityId: plannedId,
      field: "plannedMove",
      newValue: null,
      reason: "The relative's home study fell through.",
    });
    expect(after.corrections[0].oldValue).toContain(moveDay);
    const tasks = (await get(cw, `/api/children/${childId}/tasks`)).json().tasks as {
      status: string;
      notRequiredReason: string | null;
    }[];
    expect(tasks.some((t) => t.status === "open" && t.notRequiredReason === "move_withdrawn")).toBe(false);
    const left = await database.db
      .selectFrom("practice_task")
      .select("id")
      .where("placement_id", "=", plannedId)
      .execute();
    expect(left).toEqual([]);

    // Withdrawing twice, or a placement that has started, is a conflict; the emergency now goes through.
    const again = await post(cw, `/api/children/${childId}/placements/${plannedId}/withdraw`, {
      version: 1,
      reason: "again",
    });
    expect(again.statusCode).toBe(404);
    const started = await post(cw, `/api/children/${childId}/placements/${before[0].id}/withdraw`, {
      version: 1,
      reason: "not a plan",
    });
    expect(started.statusCode).toBe(409);
    const nowEmergency = await post(cw, `/api/children/${childId}/placements`, {
      householdId: null,
      setting: "runaway",
      startDate: addCalendarDays(today, 1),
      changeKind: "emergency",
      requestedBy: "child",
      reason: "runaway",
    });
    expect(nowEmergency.statusCode, nowEmergency.body).toBe(201);
  });
});
