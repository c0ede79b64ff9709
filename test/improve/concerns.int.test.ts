import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Concerns: a caregiver, birth parent or youth raises one from their own page; the site's QPI coordinator
// acknowledges, answers and closes it; the raiser reads status and answer; nobody else reads it; a withheld name
// never reaches staff; each read and step is audited in its transaction; bad input changes nothing.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CAREGIVER = "caregiver@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const YOUTH = "youth@demo.qpi.example";
const COORDINATOR = "coordinator@demo.qpi.example";
const CASEWORKER = "caseworker@demo.qpi.example";
let otherCoordinator: string;
let fresno: string;

const as = (email: string) => sessions.get(email)!;
const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: as(email).headers() });
const post = (email: string, url: string, payload: unknown) =>
  app.inject({ method: "POST", url, payload: payload as object, headers: as(email).headers() });
const auditCount = async (action: string) =>
  Number(
    (
      await database.db
        .selectFrom("audit_event")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("action", "=", action)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  fresno = world.sites.find((s) => s.code === "CA-FRESNO")!.id;
  const coordinatorEmail = await database.db
    .selectFrom("user_account as u")
    .innerJoin("role_grant as g", "g.user_id", "u.id")
    .select("u.email")
    .where("g.role_code", "=", "qpi_coordinator")
    .where("g.site_id", "!=", fresno)
    .orderBy("u.email")
    .executeTakeFirstOrThrow();
  otherCoordinator = coordinatorEmail.email;
  // The birth parent reads the platform in Spanish (their account's language).
  await database.db.updateTable("user_account").set({ preferred_language: "es" }).where("email", "=", PARENT).execute();
  for (const email of [CAREGIVER, PARENT, YOUTH, COORDINATOR, CASEWORKER, otherCoordinator])
    sessions.set(email, await signIn(app, email));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("concerns", () => {
  let concernId: string;

  it("lets a caregiver raise a concern and read it back, with the generic abuse instruction where no line is on record", async () => {
    const before = await auditCount("concern.raise");
    const raised = await post(CAREGIVER, "/api/improve/my-concerns", {
      concernTopic: "communication",
      concern: "Nobody told me the visit on Friday was cancelled until we were already there.",
      shareName: false,
    });
    expect(raised.statusCode).toBe(201);
    concernId = raised.json().id;
    expect(raised.json().status).toBe("open");
    expect(await auditCount("concern.raise")).toBe(before + 1);
    const mine = (await get(CAREGIVER, "/api/improve/my-concerns")).json();
    expect(mine.concerns.map((c: { id: string }) => c.id)).toContain(concernId);
    // California has no statewide line on record: the page gives the generic instruction (null here).
    expect(mine.reportLine).toBeNull();
  });

  it("shows the jurisdiction's abuse report line when one is on record", async () => {
    await database.db
      .insertInto("abuse_report_line")
      .values({
        state_code: "CA",
        site_id: fresno,
        phone: "(559) 555-0100",
        name_en: "Test county line",
        name_es: "Línea de prueba del condado",
        checked_on: "2026-06-01",
        source_url: "https://example.org/test-line",
      })
      .execute();
    const mine = (await get(YOUTH, "/api/improve/my-concerns")).json();
    expect(mine.reportLine).toMatchObject({ phone: "(559) 555-0100", name: "Test county line" });
    await database.db.deleteFrom("abuse_report_line").where("site_id", "=", fresno).execute();
  });

  it("lets a youth and a birth parent raise one too, and nobody reads another's", async () => {
    const youth = await post(YOUTH, "/api/improve/my-concerns", {
      concernTopic: "practice",
      concern: "I was not asked where I wanted to go to school this year.",
      shareName: true,
    });
    expect(youth.statusCode).toBe(201);
    const parent = await post(PARENT, "/api/improve/my-concerns", {
      concernTopic: "barrier",
      concern: "Family time is only during my work hours and I cannot change my shift.",
      shareName: true,
    });
    expect(parent.statusCode).toBe(201);
    const caregiverSees = (await get(CAREGIVER, "/api/improve/my-concerns"))
      .json()
      .concerns.map((c: { id: string }) => c.id);
    expect(caregiverSees).not.toContain(youth.json().id);
    expect(caregiverSees).not.toContain(parent.json().id);
    // Staff other than the coordinator, and another site's coordinator, do not reach the site's concerns.
    expect((await get(CASEWORKER, `/api/improve/sites/${fresno}/concerns`)).statusCode).toBe(403);
    expect((await get(otherCoordinator, `/api/improve/sites/${fresno}/concerns`)).statusCode).toBe(404);
    expect((await get(COORDINATOR, "/api/improve/my-concerns")).statusCode).toBe(403);
  });

  it("gives the coordinator the site's concerns with a withheld name never sent", async () => {
    const before = await auditCount("concern.list");
    const res = await get(COORDINATOR, `/api/improve/sites/${fresno}/concerns`);
    expect(res.statusCode).toBe(200);
    expect(await auditCount("concern.list")).toBe(before + 1);
    const list = res.json().concerns as { id: string; raiserName: string | null; raiserRole: string }[];
    const anonymous = list.find((c) => c.id === concernId)!;
    expect(anonymous.raiserName).toBeNull();
    expect(anonymous.raiserRole).toBe("caregiver");
    const caregiver = world.persons.find((p) => p.id === world.users.find((u) => u.email === CAREGIVER)!.person_id)!;
    expect(res.body).not.toContain(caregiver.family_name);
    expect(list.find((c) => c.raiserRole === "youth")!.raiserName).toBeTruthy();
  });

  it("walks a concern through acknowledge, answer and close; the raiser reads the answer", async () => {
    const url = `/api/improve/concerns/${concernId}/steps`;
    const ack = await post(COORDINATOR, url, { concernStep: "acknowledge", version: 1 });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ status: "acknowledged", version: 2 });
    // A stale version is refused and changes nothing.
    expect((await post(COORDINATOR, url, { concernStep: "respond", concernReply: "x", version: 1 })).statusCode).toBe(
      409,
    );
    // Closing before answering is out of order.
    expect((await post(COORDINATOR, url, { concernStep: "close", concernReply: "done", version: 2 })).statusCode).toBe(
      409,
    );
    const answer = "Thank you. Visit changes will now be texted to both families the same day.";
    expect(
      (await post(COORDINATOR, url, { concernStep: "respond", concernReply: answer, version: 2 })).statusCode,
    ).toBe(200);
    const mine = (await get(CAREGIVER, "/api/improve/my-concerns"))
      .json()
      .concerns.find((c: { id: string }) => c.id === concernId);
    expect(mine).toMatchObject({ status: "responded", response: answer });
    const closed = await post(COORDINATOR, url, {
      concernStep: "close",
      concernReply: "Practice changed.",
      version: 3,
    });
    expect(closed.json().status).toBe("closed");
    const after = (await get(CAREGIVER, "/api/improve/my-concerns"))
      .json()
      .concerns.find((c: { id: string }) => c.id === concernId);
    expect(after).toMatchObject({ status: "closed", closeNote: "Practice changed." });
    expect(await auditCount("concern.close")).toBe(1);
    // Another site's coordinator cannot take a step on it.
    expect((await post(otherCoordinator, url, { concernStep: "acknowledge", version: 4 })).statusCode).toBe(404);
  });

  it("refuses bad input naming the field in the user's language, storing nothing", async () => {
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom("concern")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const short = await post(PARENT, "/api/improve/my-concerns", {
      concernTopic: "other",
      concern: "mal",
      shareName: true,
    });
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toMatch(/Su inquietud/);
    const answerless = await post(CAREGIVER, "/api/improve/my-concerns", {
      concernTopic: "other",
      concern: "A long enough concern text.",
    });
    expect(answerless.statusCode).toBe(400);
    expect(await count()).toBe(before);
    // An answer without text is refused before anything changes.
    const open = (await get(COORDINATOR, `/api/improve/sites/${fresno}/concerns`))
      .json()
      .concerns.find((c: { status: string }) => c.status === "open");
    const noText = await post(COORDINATOR, `/api/improve/concerns/${open.id}/steps`, {
      concernStep: "respond",
      version: open.version,
    });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.fields[0].field).toBe("concernReply");
  });
});
