import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { searchQuestions } from "./search-quality.js";

let database: TestDatabase;
let app: App;
let caregiver: SignedIn;
let caseworker: SignedIn;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  caregiver = await signIn(app, "caregiver@demo.qpi.example");
  caseworker = await signIn(app, "caseworker@demo.qpi.example");
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const search = (who: SignedIn, q: string) =>
  app.inject({ method: "GET", url: `/api/training/search?q=${encodeURIComponent(q)}`, headers: who.headers() });

describe("training search", () => {
  it(`answers caregivers' questions in English and Spanish (${searchQuestions.length} questions, top 5, ≥ 90 %)`, async () => {
    expect(searchQuestions.length).toBeGreaterThanOrEqual(40);
    const misses: string[] = [];
    for (const { q, expect: code } of searchQuestions) {
      const response = await search(caregiver, q);
      expect(response.statusCode, response.body).toBe(200);
      const top = (response.json().results as { code: string }[]).slice(0, 5).map((r) => r.code);
      if (!top.includes(code)) misses.push(`${q} → ${top.join(", ")}`);
    }
    const hitRate = (searchQuestions.length - misses.length) / searchQuestions.length;
    console.log(
      `training search hit rate: ${(hitRate * 100).toFixed(1)} % (${misses.length} misses)\n${misses.join("\n")}`,
    );
    expect(hitRate).toBeGreaterThanOrEqual(0.9);
  });

  it("ranks the item for the age a question names first: a 3-year-old who will not sleep is not a sleepover", async () => {
    for (const q of ["mi hijo de 3 años no duerme", "my 3 year old won't sleep"]) {
      const codes = ((await search(caregiver, q)).json().results as { code: string }[]).map((r) => r.code);
      expect(codes[0], `${q} → ${codes.join(", ")}`).toBe("TS-INF-SLEEP");
      const sleepover = codes.indexOf("TS-RPP-SLEEPOVER");
      if (sleepover >= 0) expect(sleepover).toBeGreaterThan(codes.indexOf("TS-INF-SLEEP"));
    }
  });

  it("finds a title through trigram similarity when the words are misspelt", async () => {
    const codes = ((await search(caregiver, "tantrms")).json().results as { code: string }[]).map((r) => r.code);
    expect(codes).toContain("TS-BEH-TANTRUMS");
  });

  it("filters by age and format, and logs only the query text and the count", async () => {
    const teen = await app.inject({
      method: "GET",
      url: `/api/training/search?q=${encodeURIComponent("sleep")}&age=16`,
      headers: caregiver.headers(),
    });
    expect(teen.statusCode).toBe(200);
    expect(teen.json().results.map((r: { code: string }) => r.code)).not.toContain("TS-INF-SLEEP");
    const logged = await database.db
      .selectFrom("training_search_log")
      .selectAll()
      .where("query", "=", "sleep")
      .executeTakeFirstOrThrow();
    expect(Object.keys(logged).sort()).toEqual(["id", "query", "result_count", "searched_at", "site_id"]);
  });
});

describe("training credit", () => {
  it("attesting a tip sheet adds its hours against California's 8 annual hours, once a year", async () => {
    const before = await app.inject({ method: "GET", url: "/api/training/progress", headers: caregiver.headers() });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().requirement.hours).toBe(8);
    expect(before.json().requirement.sourceUrl).toMatch(/^https:\/\//);
    const earned = before.json().earnedHours as number;

    const attest = await app.inject({
      method: "POST",
      url: "/api/training/items/TS-MED-PSYCHOTROPIC/attest",
      headers: caregiver.headers(),
      payload: { attested: true },
    });
    expect(attest.statusCode, attest.body).toBe(200);
    expect(attest.json().earnedHours).toBe(earned + 1);
    expect(attest.json().owedHours).toBe(Math.max(0, 8 - earned - 1));

    const again = await app.inject({
      method: "POST",
      url: "/api/training/items/TS-MED-PSYCHOTROPIC/attest",
      headers: caregiver.headers(),
      payload: { attested: true },
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatch(/already recorded/);
    const after = await app.inject({ method: "GET", url: "/api/training/progress", headers: caregiver.headers() });
    expect(after.json().earnedHours).toBe(earned + 1);
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "training.complete")
      .execute();
    expect(audit.length).toBe(1);
  });

  it("refuses hours on an item without credit, an unknown item and a missing attestation, storing nothing", async () => {
    await database.db
      .insertInto("training_item")
      .values({
        code: "TEST-NO-CREDIT",
        format: "tip_sheet",
        topic_code: "self_care",
        age_min: 0,
        age_max: 21,
        credit_hours: 0,
        title_en: "Reading list",
        title_es: "Lista de lecturas",
        summary_en: "Books for caregivers.",
        summary_es: "Libros para cuidadores.",
        body_en: "A list.",
        body_es: "Una lista.",
      })
      .execute();
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom("training_completion")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const noCredit = await app.inject({
      method: "POST",
      url: "/api/training/items/TEST-NO-CREDIT/attest",
      headers: caregiver.headers(),
      payload: { attested: true },
    });
    expect(noCredit.statusCode).toBe(400);
    expect(noCredit.body).toMatch(/no credit hours/);
    const unknown = await app.inject({
      method: "POST",
      url: "/api/training/items/NOPE/attest",
      headers: caregiver.headers(),
      payload: { attested: true },
    });
    expect(unknown.statusCode).toBe(404);
    const unattested = await app.inject({
      method: "POST",
      url: "/api/training/items/TS-SELF-CARE/attest",
      headers: caregiver.headers(),
      payload: {},
    });
    expect(unattested.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it("staff search the library but record no hours of their own", async () => {
    expect((await search(caseworker, "IEP")).statusCode).toBe(200);
    const attest = await app.inject({
      method: "POST",
      url: "/api/training/items/TS-EDU-IEP/attest",
      headers: caseworker.headers(),
      payload: { attested: true },
    });
    expect(attest.statusCode).toBe(403);
  });
});
