import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { SMALL_CELL_MAX } from "../../server/modules/outcomes/index.js";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Surveys: the coordinator publishes one to an audience of their site; a member of that audience answers once;
// the response is stored without any account (no column can join it to one); results hide small counts; bad input
// (an empty required answer, a second response) is refused naming the field, and nothing is stored.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CAREGIVER = "caregiver@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const COORDINATOR = "coordinator@demo.qpi.example";
let otherCoordinator: string;
let fresno: string;
let today: string;
let surveyId: string;

const as = (email: string) => sessions.get(email)!;
const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: as(email).headers() });
const post = (email: string, url: string, payload: unknown) =>
  app.inject({ method: "POST", url, payload: payload as object, headers: as(email).headers() });
const responses = async () =>
  Number(
    (
      await database.db
        .selectFrom("survey_response")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("survey_id", "=", surveyId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const fullAnswers = { respect: 4, information: 2, included: 3, callback: "no", change: "Call me back." };

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  fresno = world.sites.find((s) => s.code === "CA-FRESNO")!.id;
  otherCoordinator = (
    await database.db
      .selectFrom("user_account as u")
      .innerJoin("role_grant as g", "g.user_id", "u.id")
      .select("u.email")
      .where("g.role_code", "=", "qpi_coordinator")
      .where("g.site_id", "!=", fresno)
      .orderBy("u.email")
      .executeTakeFirstOrThrow()
  ).email;
  for (const email of [CAREGIVER, PARENT, COORDINATOR, otherCoordinator]) sessions.set(email, await signIn(app, email));
  const session = await app.inject({ method: "GET", url: "/api/auth/session", headers: as(COORDINATOR).headers() });
  today = session.json().roles.find((r: { siteId: string }) => r.siteId === fresno).today;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("surveys", () => {
  it("has no column that could join a response or a receipt to the other", async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_name IN ('survey_response', 'survey_receipt') ORDER BY table_name, ordinal_position`.execute(
      database.db,
    );
    const of = (table: string) => columns.rows.filter((c) => c.table_name === table).map((c) => c.column_name);
    expect(of("survey_response")).toEqual(["id", "survey_id", "submitted_on", "answers"]);
    expect(of("survey_receipt")).toEqual(["survey_id", "user_id"]);
  });

  it("lets the coordinator publish a survey to the site's caregivers; others cannot", async () => {
    const body = { instrumentCode: "caregiver_experience", audience: "caregiver", opensOn: today, closesOn: today };
    expect((await post(CAREGIVER, `/api/improve/sites/${fresno}/surveys`, body)).statusCode).toBe(403);
    expect((await post(otherCoordinator, `/api/improve/sites/${fresno}/surveys`, body)).statusCode).toBe(404);
    const bad = await post(COORDINATOR, `/api/improve/sites/${fresno}/surveys`, { ...body, closesOn: "2020-01-01" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("closesOn");
    const res = await post(COORDINATOR, `/api/improve/sites/${fresno}/surveys`, body);
    expect(res.statusCode).toBe(201);
    surveyId = res.json().id;
    const list = (await get(COORDINATOR, `/api/improve/sites/${fresno}/surveys`)).json();
    expect(list.surveys.map((s: { id: string }) => s.id)).toContain(surveyId);
    expect(list.instruments).toHaveLength(3);
  });

  it("shows the survey to caregivers of the site only, and takes one response, stored without the account", async () => {
    const mine = (await get(CAREGIVER, "/api/improve/my-surveys")).json();
    expect(mine.surveys.find((s: { id: string }) => s.id === surveyId)).toMatchObject({ answered: false });
    expect((await get(PARENT, `/api/improve/my-surveys/${surveyId}`)).statusCode).toBe(404);
    const questions = (await get(CAREGIVER, `/api/improve/my-surveys/${surveyId}`)).json().questions;
    expect(questions.map((q: { id: string }) => q.id)).toContain("respect");

    const missing = await post(CAREGIVER, `/api/improve/my-surveys/${surveyId}/responses`, {
      surveyAnswers: { respect: 4, information: 2, callback: "no" },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0]).toMatchObject({ field: "surveyAnswers" });
    expect(missing.json().error.fields[0].message).toMatch(/Question 3/);
    expect(await responses()).toBe(0);

    const ok = await post(CAREGIVER, `/api/improve/my-surveys/${surveyId}/responses`, { surveyAnswers: fullAnswers });
    expect(ok.statusCode).toBe(201);
    const again = await post(CAREGIVER, `/api/improve/my-surveys/${surveyId}/responses`, {
      surveyAnswers: fullAnswers,
    });
    expect(again.statusCode).toBe(409);
    expect(await responses()).toBe(1);
    const stored = await database.db
      .selectFrom("survey_response")
      .selectAll()
      .where("survey_id", "=", surveyId)
      .execute();
    const caregiverId = world.users.find((u) => u.email === CAREGIVER)!.id;
    expect(JSON.stringify(stored)).not.toContain(caregiverId);
    expect((await get(CAREGIVER, "/api/improve/my-surveys")).json().surveys[0].answered).toBe(true);
  });

  it("hides counts from 1 to the small-cell threshold, and shows them once enough people answered", async () => {
    const few = (await get(COORDINATOR, `/api/improve/surveys/${surveyId}/results`)).json();
    expect(few.smallCellMax).toBe(SMALL_CELL_MAX);
    const respect = few.questions.find((q: { id: string }) => q.id === "respect");
    expect(respect.answered).toBeNull();
    expect(respect.mean).toBeNull();
    expect(respect.counts.find((c: { value: string }) => c.value === "4").count).toBeNull();
    // A zero identifies no one and is shown.
    expect(respect.counts.find((c: { value: string }) => c.value === "1").count).toBe(0);
    expect(few.questions.find((q: { id: string }) => q.id === "change").texts).toBeNull();

    // Twelve more caregivers answer 5 (written straight to the table: the accounts are not what is tested here).
    for (let i = 0; i < 12; i++)
      await database.db
        .insertInto("survey_response")
        .values({ survey_id: surveyId, submitted_on: today, answers: JSON.stringify({ ...fullAnswers, respect: 5 }) })
        .execute();
    const many = (await get(COORDINATOR, `/api/improve/surveys/${surveyId}/results`)).json();
    const after = many.questions.find((q: { id: string }) => q.id === "respect");
    expect(after.answered).toBe(13);
    // The single 4 is hidden, and the 12 fives with it: 13 − 12 would give the hidden cell away.
    expect(after.counts.find((c: { value: string }) => c.value === "4").count).toBeNull();
    expect(after.counts.find((c: { value: string }) => c.value === "5").count).toBeNull();
    expect(after.counts.find((c: { value: string }) => c.value === "3").count).toBe(0);
    // All thirteen answered "no" and nobody "yes": no small cell, nothing hidden.
    expect(many.questions.find((q: { id: string }) => q.id === "callback").counts).toEqual([
      { value: "yes", label: "Yes", count: 0 },
      { value: "no", label: "No", count: 13 },
    ]);
    expect(after.mean).toBe(4.9);
    expect(many.questions.find((q: { id: string }) => q.id === "change").texts).toHaveLength(13);
    expect((await get(otherCoordinator, `/api/improve/surveys/${surveyId}/results`)).statusCode).toBe(404);
    expect((await get(CAREGIVER, `/api/improve/surveys/${surveyId}/results`)).statusCode).toBe(403);
  });
});
