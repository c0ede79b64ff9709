import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { refreshPlatformOutcomes } from "../../server/modules/outcomes/index.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, siteOf, todayAt } from "./practice-fixtures.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let caseworker: SignedIn;
let otherUnitWorker: SignedIn;

const CW = "caseworker@demo.qpi.example";
const SUPERVISOR = "supervisor@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  caseworker = await signIn(app, CW);
  const site = siteOf(world, "CA-FRESNO");
  const supervisorUnit = world.roleGrants.find(
    (g) => g.user_id === world.users.find((u) => u.email === SUPERVISOR)!.id,
  )!.unit_id;
  const other = world.roleGrants.find(
    (g) => g.role_code === "caseworker" && g.site_id === site.id && g.unit_id !== supervisorUnit,
  )!;
  otherUnitWorker = await signIn(app, world.users.find((u) => u.id === other.user_id)!.email);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const send = (who: SignedIn, method: "POST" | "PUT" | "GET", url: string, payload?: unknown) =>
  app.inject({ method, url, headers: who.headers(), ...(payload ? { payload: payload as object } : {}) });

/** An intake typed step by step, as the guided flow saves it, with its removal `daysAgo` days ago. */
async function intake(daysAgo = 10) {
  const site = siteOf(world, "CA-FRESNO");
  const removalDate = addCalendarDays(todayAt(world, "CA-FRESNO"), -daysAgo);
  const started = await send(caseworker, "POST", "/api/intake/drafts", { siteId: site.id });
  expect(started.statusCode, started.body).toBe(201);
  let draft = started.json();
  const steps = [
    {
      step: "removal",
      answers: {
        child: {
          caseNumber: `IN-${Math.random().toString(36).slice(2, 9)}`,
          givenName: "Rosa",
          familyName: "Intake",
          birthDate: "2016-03-04",
          sex: "female",
          languages: ["es", "en"],
          icwa: false,
          school: "Lincoln Elementary",
        },
      },
    },
    {
      step: "placement",
      answers: {
        removal: { removalDate, removalTime: "17:45", removalReason: "neglect", legalAuthority: "court_ordered" },
      },
    },
    {
      step: "team",
      answers: {
        placement: {
          householdId: familyHome(world, "CA-FRESNO").id,
          setting: "nonrelative_family_home",
          startDate: removalDate,
          startTime: "19:00",
        },
      },
    },
    { step: "review", answers: { team: [{ role: "casa", givenName: "Carla", familyName: "Advocate" }] } },
  ];
  let answers = {};
  for (const s of steps) {
    answers = { ...answers, ...s.answers };
    const saved = await send(caseworker, "PUT", `/api/intake/drafts/${draft.id}`, {
      step: s.step,
      answers,
      version: draft.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    draft = saved.json();
  }
  return { draftId: draft.id as string, removalDate, answers };
}

async function finish(draftId: string) {
  const res = await send(caseworker, "POST", `/api/intake/drafts/${draftId}/finish`);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { childId: string; episodeId: string; placementId: string };
}

const history = async (childId: string) =>
  (await send(caseworker, "GET", `/api/children/${childId}/placements`)).json();
const tasksOf = async (childId: string) =>
  (await send(caseworker, "GET", `/api/children/${childId}/tasks`)).json().tasks as {
    id: string;
    practice: string;
    status: string;
    notRequiredReason: string | null;
  }[];

describe("intake", () => {
  it("keeps every step on the server: a reload reads the draft back as typed", async () => {
    const { draftId, answers } = await intake();
    // A new page load: the list of unfinished intakes and the draft itself.
    const mine = (await send(caseworker, "GET", "/api/intake/drafts")).json();
    expect(mine.drafts.map((d: { id: string }) => d.id)).toContain(draftId);
    const read = await send(caseworker, "GET", `/api/intake/drafts/${draftId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ step: "review", answers, childId: null });
    expect(read.json().households.length).toBeGreaterThan(0);
  });

  it("finishes into the child, the removal, the first placement with its practice tasks, and the team", async () => {
    const { draftId, removalDate } = await intake();
    const done = await finish(draftId);
    const h = await history(done.childId);
    expect(h.episodes).toHaveLength(1);
    expect(h.episodes[0]).toMatchObject({
      removalDate,
      removalTime: "17:45",
      legalAuthority: "court_ordered",
      exitDate: null,
    });
    expect(h.episodes[0].placements[0]).toMatchObject({ changeKind: "initial", startDate: removalDate, endDate: null });
    const roles = h.team.map((m: { role: string }) => m.role).sort();
    expect(roles).toEqual(["casa", "caseworker"]);
    // The same practice tasks an ordinary placement starts (California: comfort call and the rest).
    const practices = (await tasksOf(done.childId)).map((t) => t.practice);
    expect(practices).toContain("comfort_call");
    expect(practices).toContain("health_education_summary");
    // A finished draft is gone from the author's list and cannot be finished twice.
    expect((await send(caseworker, "GET", `/api/intake/drafts/${draftId}`)).statusCode).toBe(404);
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("entity_id", "in", [draftId, done.childId, done.episodeId])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["intake.finish", "child.create", "episode.open"]),
    );
  });

  it("refuses an unfinished intake naming the fields, and creates nothing", async () => {
    const site = siteOf(world, "CA-FRESNO");
    const draft = (await send(caseworker, "POST", "/api/intake/drafts", { siteId: site.id })).json();
    await send(caseworker, "PUT", `/api/intake/drafts/${draft.id}`, {
      step: "review",
      answers: { child: { givenName: "Only" } },
      version: draft.version,
    });
    const before = await database.db
      .selectFrom("child")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const res = await send(caseworker, "POST", `/api/intake/drafts/${draft.id}/finish`);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(["child.familyName", "child.birthDate", "removal.removalDate", "placement.setting"]),
    );
    const after = await database.db
      .selectFrom("child")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("is the author's alone: another caseworker gets 404", async () => {
    const { draftId } = await intake();
    expect((await send(otherUnitWorker, "GET", `/api/intake/drafts/${draftId}`)).statusCode).toBe(404);
    expect((await send(otherUnitWorker, "POST", `/api/intake/drafts/${draftId}/finish`)).statusCode).toBe(404);
  });
});

describe("exits and re-entry", () => {
  it("closes the placement, the episode and the open tasks as not applicable, never late; re-entry opens a new episode", async () => {
    const { draftId, removalDate } = await intake(40);
    const { childId, episodeId } = await finish(draftId);
    const today = todayAt(world, "CA-FRESNO");
    const open = (await tasksOf(childId)).filter((t) => t.status === "open");
    expect(open.length).toBeGreaterThan(0);
    const worklistBefore = (await send(caseworker, "GET", "/api/worklist?withinDays=90")).json().tasks as {
      id: string;
    }[];
    expect(worklistBefore.some((t) => open.some((o) => o.id === t.id))).toBe(true);

    // Outside the unit: the child is not there at all.
    const version = (await history(childId)).episodes[0].version;
    const exitBody = { exitDate: today, exitReason: "reunification", version };
    expect(
      (await send(otherUnitWorker, "POST", `/api/children/${childId}/episodes/${episodeId}/exit`, exitBody)).statusCode,
    ).toBe(404);

    const exit = await send(caseworker, "POST", `/api/children/${childId}/episodes/${episodeId}/exit`, exitBody);
    expect(exit.statusCode, exit.body).toBe(200);
    expect(exit.json().tasksClosed).toBe(open.length);
    const h = await history(childId);
    expect(h.episodes[0]).toMatchObject({ exitDate: today, exitReason: "reunification", afcarsDischargeCode: 1 });
    expect(h.episodes[0].placements[0].endDate).toBe(today);
    const after = await tasksOf(childId);
    for (const o of open) {
      expect(after.find((t) => t.id === o.id)).toMatchObject({
        status: "not_required",
        notRequiredReason: "placement_ended",
      });
    }
    // Not on the worklist, and not late or overdue in timeliness.
    const worklist = (await send(caseworker, "GET", "/api/worklist?withinDays=90")).json().tasks as { id: string }[];
    expect(worklist.some((t) => open.some((o) => o.id === t.id))).toBe(false);
    const overdue = await database.db
      .selectFrom("practice_task")
      .select("id")
      .where("child_id", "=", childId)
      .where("status", "=", "open")
      .execute();
    expect(overdue).toHaveLength(0);

    // Re-entry: a new removal the next day opens a second episode for the same child.
    const reentryDate = addCalendarDays(today, 0);
    const again = await send(caseworker, "POST", `/api/children/${childId}/episodes`, {
      removalDate: addCalendarDays(reentryDate, 0) === today ? today : reentryDate,
      removalReason: "neglect",
      legalAuthority: "court_ordered",
      placement: {
        householdId: familyHome(world, "CA-FRESNO").id,
        setting: "nonrelative_family_home",
        startDate: today,
      },
    });
    // Episodes never overlap: the day of the exit cannot start the next one.
    expect(again.statusCode).toBe(409);
    // Move the exit back a day by a correction, then the re-entry fits.
    const yesterday = addCalendarDays(today, -1);
    const fix = await send(caseworker, "POST", `/api/children/${childId}/corrections`, {
      entityType: "removal_episode",
      entityId: episodeId,
      version: h.episodes[0].version,
      field: "exitDate",
      value: yesterday,
      reason: "Exit typed a day late",
    });
    expect(fix.statusCode, fix.body).toBe(201);
    const reentry = await send(caseworker, "POST", `/api/children/${childId}/episodes`, {
      removalDate: today,
      removalReason: "neglect",
      placement: {
        householdId: familyHome(world, "CA-FRESNO").id,
        setting: "nonrelative_family_home",
        startDate: today,
      },
    });
    expect(reentry.statusCode, reentry.body).toBe(201);
    const two = await history(childId);
    expect(two.episodes).toHaveLength(2);
    expect(two.episodes[0]).toMatchObject({ removalDate: today, exitDate: null });
    expect(two.episodes[1]).toMatchObject({ removalDate, exitDate: yesterday, exitReason: "reunification" });

    // The outcomes projection sees the exit and the re-entry.
    await refreshPlatformOutcomes(database.db);
    const key = (
      await database.db
        .selectFrom("outcome_child")
        .select("child_key")
        .where("external_id", "=", childId)
        .executeTakeFirstOrThrow()
    ).child_key;
    const projected = await database.db
      .selectFrom("outcome_episode")
      .select(["removal_day", "exit_day", "exit_reason"])
      .where("child_key", "=", key)
      .orderBy("removal_day")
      .execute();
    expect(
      projected.map((e) => [
        String(e.removal_day).slice(0, 10),
        e.exit_day && String(e.exit_day).slice(0, 10),
        e.exit_reason,
      ]),
    ).toEqual([
      [removalDate, yesterday, 1],
      [today, null, 0],
    ]);
  });
});

describe("corrections", () => {
  it("changes the record, keeps the old value and the reason in its history, audits it, and reaches the projection", async () => {
    const { draftId, removalDate } = await intake(30);
    const { childId, placementId, episodeId } = await finish(draftId);
    const placement = (await history(childId)).episodes[0].placements[0];
    const body = {
      entityType: "placement",
      entityId: placementId,
      version: placement.version,
      field: "setting",
      value: "relative_family_home",
      reason: "",
    };
    // No reason, no correction.
    const noReason = await send(caseworker, "POST", `/api/children/${childId}/corrections`, body);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe("reason");
    // Outside the unit: 404.
    const reason = "Setting typed wrong at intake";
    expect(
      (await send(otherUnitWorker, "POST", `/api/children/${childId}/corrections`, { ...body, reason })).statusCode,
    ).toBe(404);

    const later = addCalendarDays(removalDate, 2);
    const res = await send(caseworker, "POST", `/api/children/${childId}/corrections`, {
      ...body,
      field: "startDate",
      value: later,
      reason,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ field: "startDate", oldValue: removalDate, newValue: later });
    // A stale version is refused.
    const stale = await send(caseworker, "POST", `/api/children/${childId}/corrections`, { ...body, reason });
    expect(stale.statusCode).toBe(409);
    // A date in the future is refused, naming the value.
    const future = await send(caseworker, "POST", `/api/children/${childId}/corrections`, {
      entityType: "removal_episode",
      entityId: episodeId,
      version: (await history(childId)).episodes[0].version,
      field: "removalDate",
      value: addCalendarDays(todayAt(world, "CA-FRESNO"), 5),
      reason,
    });
    expect(future.statusCode).toBe(400);

    const h = await history(childId);
    expect(h.episodes[0].placements[0].startDate).toBe(later);
    expect(h.corrections[0]).toMatchObject({
      entityId: placementId,
      field: "startDate",
      oldValue: removalDate,
      newValue: later,
      reason,
    });
    const audited = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "record.correct")
      .where("entity_id", "=", placementId)
      .execute();
    expect(audited).toHaveLength(1);

    await refreshPlatformOutcomes(database.db);
    const key = (
      await database.db
        .selectFrom("outcome_child")
        .select("child_key")
        .where("external_id", "=", childId)
        .executeTakeFirstOrThrow()
    ).child_key;
    const projected = await database.db
      .selectFrom("outcome_placement")
      .select("start_day")
      .where("child_key", "=", key)
      .executeTakeFirstOrThrow();
    expect(String(projected.start_day).slice(0, 10)).toBe(later);
  });
});
