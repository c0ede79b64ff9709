import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedInstant } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, newChild, todayAt } from "./practice-fixtures.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let caseworker: SignedIn;

const CW = "caseworker@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  caseworker = await signIn(app, CW);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (who: SignedIn, url: string, payload: unknown, lang = "en") =>
  app.inject({ method: "POST", url, headers: who.headers({ "accept-language": lang }), payload: payload as object });
const get = (who: SignedIn, url: string) => app.inject({ method: "GET", url, headers: who.headers() });

async function counts(childId: string) {
  const [p, e, t] = await Promise.all([
    database.db
      .selectFrom("placement")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("child_id", "=", childId)
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom("removal_episode")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("child_id", "=", childId)
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom("practice_task")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("child_id", "=", childId)
      .executeTakeFirstOrThrow(),
  ]);
  return { placements: Number(p.n), episodes: Number(e.n), tasks: Number(t.n) };
}

/** A CA child removed `daysAgo` days ago into a resource family. */
async function childInCare(daysAgo = 20, options: { icwa?: boolean } = {}) {
  const { childId } = await newChild(database.db, world, "CA-FRESNO", CW, options);
  const today = todayAt(world, "CA-FRESNO");
  const removalDate = addCalendarDays(today, -daysAgo);
  const res = await post(caseworker, `/api/children/${childId}/episodes`, {
    removalDate,
    removalReason: "neglect",
    placement: {
      householdId: familyHome(world, "CA-FRESNO").id,
      setting: "nonrelative_family_home",
      startDate: removalDate,
      startTime: "18:30",
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { childId, removalDate, today, episodeId: res.json().episodeId as string, firstPlacement: res.json() };
}

describe("removal episodes and placements", () => {
  it("records a removal with its first placement and the tasks California's rules require", async () => {
    const { childId, removalDate, firstPlacement } = await childInCare(3);
    const practices = firstPlacement.tasks.map((t: { practice: string }) => t.practice).sort();
    expect(practices).toEqual([
      "cft_meeting",
      "comfort_call",
      "health_education_summary",
      "icebreaker",
      "medication_handover",
      "partnership_plan",
    ]);
    const tasks = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as {
      practice: string;
      dueAt: string | null;
      dueOn: string | null;
    }[];
    const comfort = tasks.find((t) => t.practice === "comfort_call")!;
    // 72 hours from 18:30 Pacific time on the placement day: an instant.
    expect(comfort.dueAt).toBe(
      new Date(zonedInstant(removalDate, "18:30", "America/Los_Angeles").getTime() + 72 * 3_600_000).toISOString(),
    );
    // Calendar-day deadlines: 30 days (health & education passport), 60 days (CFT, non-ICWA), 14 days (icebreaker).
    expect(tasks.find((t) => t.practice === "health_education_summary")!.dueOn).toBe(addCalendarDays(removalDate, 30));
    expect(tasks.find((t) => t.practice === "cft_meeting")!.dueOn).toBe(addCalendarDays(removalDate, 60));
    expect(tasks.find((t) => t.practice === "icebreaker")!.dueOn).toBe(addCalendarDays(removalDate, 14));
    const history = (await get(caseworker, `/api/children/${childId}/placements`)).json();
    expect(history.episodes).toHaveLength(1);
    expect(history.episodes[0].placements[0]).toMatchObject({
      changeKind: "initial",
      startDate: removalDate,
      endDate: null,
    });
  });

  it("gives ICWA cases a Child and Family Team meeting in 30 days instead of 60", async () => {
    const { childId, removalDate } = await childInCare(2, { icwa: true });
    const tasks = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as {
      practice: string;
      dueOn: string;
    }[];
    expect(tasks.filter((t) => t.practice === "cft_meeting").map((t) => t.dueOn)).toEqual([
      addCalendarDays(removalDate, 30),
    ]);
  });

  it(`an emergency move closes the old placement and opens the new \
one atomically, with 48-hour passport and meds tasks`, async () => {
    const { childId, today, firstPlacement } = await childInCare(20);
    const res = await post(caseworker, `/api/children/${childId}/placements`, {
      householdId: familyHome(world, "CA-FRESNO", "relative").id,
      setting: "relative_family_home",
      startDate: today,
      startTime: "09:00",
      changeKind: "emergency",
      requestedBy: "caregiver",
      reason: "caregiver_requested_removal",
    });
    expect(res.statusCode, res.body).toBe(201);
    const history = (await get(caseworker, `/api/children/${childId}/placements`)).json();
    const [newer, older] = history.episodes[0].placements;
    expect(older).toMatchObject({ id: firstPlacement.placementId, endDate: today });
    expect(newer).toMatchObject({
      startDate: today,
      endDate: null,
      changeKind: "emergency",
      requestedBy: "caregiver",
      reason: "caregiver_requested_removal",
    });
    const practices = res
      .json()
      .tasks.map((t: { practice: string }) => t.practice)
      .sort();
    expect(practices).toEqual(["comfort_call", "health_education_summary", "icebreaker", "medication_handover"]);
  });

  it("a planned move with 14 days' notice: notice due today, transition plan kept", async () => {
    const { childId, today } = await childInCare(40);
    const moveDay = addCalendarDays(today, 14);
    const res = await post(caseworker, `/api/children/${childId}/placements`, {
      householdId: familyHome(world, "CA-FRESNO", "relative").id,
      setting: "relative_family_home",
      startDate: moveDay,
      changeKind: "planned",
      requestedBy: "agency",
      reason: "move_to_relative",
      transitionSteps: [
        { description: "Visit at the relative's home", on: addCalendarDays(today, 5) },
        { description: "Overnight stay", on: addCalendarDays(today, 10) },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const tasks = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as {
      id: string;
      practice: string;
      dueOn: string;
      version: number;
      overdue: boolean;
    }[];
    const notice = tasks.find((t) => t.practice === "planned_move_notice")!;
    expect(notice.dueOn).toBe(today);
    expect(notice.overdue).toBe(false);
    const done = await post(caseworker, `/api/tasks/${notice.id}/complete`, {
      version: notice.version,
      details: {
        outcome: "sent",
        sentOn: today,
        recipients: { caregiver: true, birthParents: true, childAttorney: true },
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: "completed",
      onTime: true,
      outcome: "sent",
      details: { recipients: { caregiver: true, birthParents: true, childAttorney: true } },
    });
    const history = (await get(caseworker, `/api/children/${childId}/placements`)).json();
    expect(history.episodes[0].placements[0].transitionSteps).toHaveLength(2);
  });

  it("exits care: the open placement and the episode end on the exit day", async () => {
    const { childId, episodeId, today } = await childInCare(30);
    const res = await post(caseworker, `/api/children/${childId}/episodes/${episodeId}/exit`, {
      exitDate: today,
      exitReason: "reunification",
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = (await get(caseworker, `/api/children/${childId}/placements`)).json();
    expect(history.episodes[0]).toMatchObject({ exitDate: today, exitReason: "reunification" });
    expect(history.episodes[0].placements[0].endDate).toBe(today);
  });
});

describe("bad input changes nothing and says what is wrong", () => {
  it("an overlapping placement (a move on or before the current placement's start) is a 409", async () => {
    const { childId, removalDate } = await childInCare(10);
    const before = await counts(childId);
    const res = await post(caseworker, `/api/children/${childId}/placements`, {
      householdId: null,
      setting: "runaway",
      startDate: removalDate,
      changeKind: "unplanned",
      requestedBy: "child",
      reason: "runaway",
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      `The new placement would overlap the current placement, which started on ${removalDate}. A move must ` +
        `start after that day.`,
    );
    expect(await counts(childId)).toEqual(before);
  });

  it("a move dated before the removal is a 400 naming the removal date, in Spanish too", async () => {
    const { childId, removalDate } = await childInCare(10);
    const before = await counts(childId);
    // The signed-in user's own language decides; switch the account to Spanish for this request.
    await database.db.updateTable("user_account").set({ preferred_language: "es" }).where("email", "=", CW).execute();
    const res = await post(
      caseworker,
      `/api/children/${childId}/placements`,
      {
        householdId: null,
        setting: "runaway",
        startDate: addCalendarDays(removalDate, -1),
        changeKind: "unplanned",
        requestedBy: "child",
        reason: "runaway",
      },
      "es",
    );
    await database.db.updateTable("user_account").set({ preferred_language: "en" }).where("email", "=", CW).execute();
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      {
        field: "startDate",
        message: `Fecha de inicio: La colocación no puede empezar antes de la remoción del ${removalDate}.`,
      },
    ]);
    expect(await counts(childId)).toEqual(before);
  });

  it("a first placement before its removal date is a 400", async () => {
    const { childId } = await newChild(database.db, world, "CA-FRESNO", CW);
    const today = todayAt(world, "CA-FRESNO");
    const res = await post(caseworker, `/api/children/${childId}/episodes`, {
      removalDate: today,
      removalReason: "neglect",
      placement: { householdId: null, setting: "runaway", startDate: addCalendarDays(today, -1) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe("placement.startDate");
    expect(await counts(childId)).toEqual({ placements: 0, episodes: 0, tasks: 0 });
  });

  it("a second open placement (a new removal while in care) is a 409", async () => {
    const { childId, today } = await childInCare(10);
    const before = await counts(childId);
    const res = await post(caseworker, `/api/children/${childId}/episodes`, {
      removalDate: today,
      removalReason: "neglect",
      placement: { householdId: null, setting: "runaway", startDate: today },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      "This child already has an open placement. Record a move instead of a second placement.",
    );
    expect(await counts(childId)).toEqual(before);
  });

  it("the database's own fences answer with the same specific messages (second open placement, overlap)", async () => {
    const { childId, episodeId, removalDate } = await childInCare(10);
    const site = world.sites.find((s) => s.code === "CA-FRESNO")!;
    const { mapDatabaseError } = await import("../../server/modules/children/database-errors.js");
    const attempt = (startDate: string, endDate: string | null) =>
      database.db
        .insertInto("placement")
        .values({
          episode_id: episodeId,
          child_id: childId,
          site_id: site.id,
          household_id: null,
          setting: "runaway",
          start_date: startDate,
          end_date: endDate,
          change_kind: "unplanned",
          change_requested_by: null,
          change_reason: null,
          started_at: null,
        })
        .execute()
        .then(
          () => null,
          (e: unknown) => {
            try {
              mapDatabaseError(e);
            } catch (mapped) {
              return mapped as { status: number; messageKey: string };
            }
          },
        );
    // Two open placements always overlap, so PostgreSQL reports the exclusion constraint first; either way a 409.
    expect(await attempt(addCalendarDays(removalDate, 5), null)).toMatchObject({
      status: 409,
      messageKey: "practice.placement.overlaps",
    });
    expect(await attempt(addCalendarDays(removalDate, 1), addCalendarDays(removalDate, 3))).toMatchObject({
      status: 409,
      messageKey: "practice.placement.overlaps",
    });
  });

  it("an exit before the entry is a 400; nothing changes", async () => {
    const { childId, episodeId, removalDate } = await childInCare(10);
    const res = await post(caseworker, `/api/children/${childId}/episodes/${episodeId}/exit`, {
      exitDate: addCalendarDays(removalDate, -1),
      exitReason: "reunification",
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: "exitDate", message: `The exit date cannot be before the removal date (${removalDate}).` },
    ]);
    const history = (await get(caseworker, `/api/children/${childId}/placements`)).json();
    expect(history.episodes[0]).toMatchObject({ exitDate: null, version: 1 });
    expect(history.episodes[0].placements[0].endDate).toBeNull();
  });

  it("a task completed twice is a 409; bad details are a 400 naming the field", async () => {
    const { childId } = await childInCare(1);
    const tasks = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as {
      id: string;
      practice: string;
      version: number;
    }[];
    const comfort = tasks.find((t) => t.practice === "comfort_call")!;
    const bad = await post(caseworker, `/api/tasks/${comfort.id}/complete`, {
      version: comfort.version,
      details: { outcome: "maybe" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { field: "details.outcome", message: "What happened: choose one of the outcomes." },
    ]);
    const ok = await post(caseworker, `/api/tasks/${comfort.id}/complete`, {
      version: comfort.version,
      details: { outcome: "held", notes: "Mother shared bedtime routine." },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await post(caseworker, `/api/tasks/${comfort.id}/complete`, {
      version: comfort.version + 1,
      details: { outcome: "declined" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe("This task was already completed.");
    const row = await database.db
      .selectFrom("practice_task")
      .select(["outcome", "version"])
      .where("id", "=", comfort.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: "held", version: comfort.version + 1 });
  });

  it("a stale version is a 409 and another site's child is a 404", async () => {
    const { childId } = await childInCare(1);
    const tasks = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as {
      id: string;
      practice: string;
      version: number;
    }[];
    const meds = tasks.find((t) => t.practice === "medication_handover")!;
    expect(
      (
        await post(caseworker, `/api/tasks/${meds.id}/complete`, {
          version: meds.version + 7,
          details: { outcome: "handed_over" },
        })
      ).statusCode,
    ).toBe(409);
    const floridaWorker = await signIn(app, "caseworker@fl-c13.demo.qpi.example");
    expect(
      (
        await post(floridaWorker, `/api/tasks/${meds.id}/complete`, {
          version: meds.version,
          details: { outcome: "handed_over" },
        })
      ).statusCode,
    ).toBe(404);
    expect((await get(floridaWorker, `/api/children/${childId}/tasks`)).statusCode).toBe(404);
    expect((await get(floridaWorker, `/api/children/${childId}/placements`)).statusCode).toBe(404);
  });
});

describe("the child's team with dates", () => {
  it("adds an attorney and a CASA from a date, ends a membership, and refuses an end before the start", async () => {
    const { childId, today } = await childInCare(5);
    const attorney = await post(caseworker, `/api/children/${childId}/team`, {
      role: "attorney",
      startsOn: today,
      person: { givenName: "Dana", familyName: "Ortiz", email: "dana.ortiz@example.org" },
    });
    expect(attorney.statusCode, attorney.body).toBe(201);
    const casa = await post(caseworker, `/api/children/${childId}/team`, {
      role: "casa",
      startsOn: today,
      person: { givenName: "Lee", familyName: "Park" },
    });
    expect(casa.statusCode).toBe(201);
    const again = await post(caseworker, `/api/children/${childId}/team`, {
      role: "attorney",
      startsOn: today,
      personId: attorney.json().personId,
    });
    expect(again.statusCode).toBe(409);
    const both = await post(caseworker, `/api/children/${childId}/team`, { role: "casa", startsOn: today });
    expect(both.statusCode).toBe(400);
    const early = await post(caseworker, `/api/children/${childId}/team/${casa.json().id}/end`, {
      endsOn: addCalendarDays(today, -1),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toEqual([{ field: "endsOn", message: `End date must be on or after ${today}.` }]);
    const ended = await post(caseworker, `/api/children/${childId}/team/${casa.json().id}/end`, { endsOn: today });
    expect(ended.json()).toMatchObject({ role: "casa", endsOn: today });
    const history = (await get(caseworker, `/api/children/${childId}/placements`)).json();
    expect(
      history.team
        .filter((m: { endsOn: string | null }) => m.endsOn === null)
        .map((m: { role: string; name: string }) => `${m.role}:${m.name}`),
    ).toContain("attorney:Dana Ortiz");
  });
});

describe("the child's record", () => {
  const fields = {
    givenName: "Maya",
    familyName: "Reyes",
    preferredName: null,
    birthDate: "2016-02-29",
    sex: "female",
    languages: ["es", "en"],
    icwa: true,
    tribalAffiliation: "Table Mountain Rancheria",
    school: "Roosevelt Elementary",
    schoolOfOrigin: "Lincoln Elementary",
  };

  it(`intake creates the child on the recording caseworker's \
team; a correction needs the current version`, async () => {
    const site = world.sites.find((s) => s.code === "CA-FRESNO")!;
    const created = await post(caseworker, "/api/children", { siteId: site.id, caseNumber: "FR-INTAKE-1", ...fields });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...fields, caseNumber: "FR-INTAKE-1", version: 1 });
    const childId = created.json().id;
    expect((await get(caseworker, `/api/children/${childId}`)).statusCode).toBe(200);
    const duplicate = await post(caseworker, "/api/children", {
      siteId: site.id,
      caseNumber: "FR-INTAKE-1",
      ...fields,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe("Case number FR-INTAKE-1 is already used at this site.");
    const put = (version: number) =>
      app.inject({
        method: "PUT",
        url: `/api/children/${childId}/record`,
        headers: caseworker.headers(),
        payload: { version, ...fields, school: "Fresno High" },
      });
    const updated = await put(1);
    expect(updated.json()).toMatchObject({ school: "Fresno High", version: 2 });
    expect((await put(1)).statusCode).toBe(409);
    // Another site's intake is not this caseworker's to make.
    const florida = world.sites.find((s) => s.code === "FL-C13")!;
    expect(
      (await post(caseworker, "/api/children", { siteId: florida.id, caseNumber: "X-1", ...fields })).statusCode,
    ).toBe(404);
  });

  it("links birth parents and siblings; a sibling link is made both ways so groups stay derived", async () => {
    const { childId } = await childInCare(3);
    const { childId: siblingId, personId: siblingPerson } = await newChild(database.db, world, "CA-FRESNO", CW);
    const parent = await post(caseworker, `/api/children/${childId}/relations`, {
      kind: "birth_parent",
      person: { givenName: "Rosa", familyName: "Reyes" },
    });
    expect(parent.statusCode, parent.body).toBe(201);
    expect(
      (await post(caseworker, `/api/children/${childId}/relations`, { kind: "sibling_half", personId: siblingPerson }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post(caseworker, `/api/children/${childId}/relations`, { kind: "sibling_half", personId: siblingPerson }))
        .statusCode,
    ).toBe(409);
    const back = await database.db
      .selectFrom("child_relation")
      .select("kind")
      .where("child_id", "=", siblingId)
      .execute();
    expect(back).toEqual([{ kind: "sibling_half" }]);
  });
});
