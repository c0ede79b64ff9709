import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import esMessages from "../../server/modules/training/messages.es.json" with { type: "json" };
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { catalogueQuestions } from "./search-quality-catalogue.js";

/**
 * The seeded catalogue as the migrations leave it (issue 16): at least 150 network-wide items, every tip sheet
 * written in English and in Spanish, and every topic of the taxonomy with at least three items to offer.
 */

// The taxonomy the issue names, plus the topics caregivers ask about most (kin, siblings, court, aging out …).
const taxonomy = [
  "attachment",
  "trauma",
  "infants",
  "adolescents",
  "behaviour",
  "education",
  "medication",
  "normalcy",
  "birth_parents",
  "comfort_calls",
  "transitions",
  "visitation",
  "identity",
  "lgbtq",
  "self_care",
  "kinship",
  "siblings",
  "court",
  "aging_out",
  "substance_exposed",
  "grief",
  "sleep",
  "food",
  "runaway",
  "phones",
];

// Words any paragraph of Spanish prose uses and English prose does not (a copied English body would fail).
const spanishWords = /\b(el|la|los|las|que|de|su|para|con|una?)\b/gi;
const englishWords = /\b(the|and|you|your|with|for|to|of)\b/gi;

let database: TestDatabase;
let app: App;
let caregiver: SignedIn;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  caregiver = await signIn(app, "caregiver@demo.qpi.example");
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const items = () =>
  database.db
    .selectFrom("training_item")
    .select([
      "code",
      "format",
      "topic_code",
      "site_id",
      "age_min",
      "age_max",
      "credit_hours",
      "title_en",
      "title_es",
      "summary_en",
      "summary_es",
      "body_en",
      "body_es",
    ])
    .execute();

describe("seeded training catalogue", () => {
  it("holds at least 150 network-wide items", async () => {
    const all = await items();
    const networkWide = all.filter((item) => item.site_id === null);
    console.log(`training catalogue: ${all.length} items, ${networkWide.length} network-wide`);
    expect(networkWide.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((item) => item.code)).size).toBe(all.length);
  });

  it("has every tip sheet in English and in Spanish, with full text in both", async () => {
    const tipSheets = (await items()).filter((item) => item.format === "tip_sheet");
    expect(tipSheets.length).toBeGreaterThanOrEqual(100);
    const problems: string[] = [];
    for (const item of tipSheets) {
      for (const [field, text] of Object.entries({
        title_en: item.title_en,
        title_es: item.title_es,
        summary_en: item.summary_en,
        summary_es: item.summary_es,
      })) {
        if (text.trim().length < 10) problems.push(`${item.code}: ${field} is empty or too short`);
      }
      if (item.body_en.split("\n").filter((line) => line.trim()).length < 3)
        problems.push(`${item.code}: English body has fewer than 3 paragraphs`);
      if (item.body_es.split("\n").filter((line) => line.trim()).length < 3)
        problems.push(`${item.code}: Spanish body has fewer than 3 paragraphs`);
      if (item.body_es === item.body_en || item.title_es === item.title_en)
        problems.push(`${item.code}: Spanish text is a copy of the English`);
      const es = item.body_es.match(spanishWords)?.length ?? 0;
      const en = item.body_es.match(englishWords)?.length ?? 0;
      if (es <= en) problems.push(`${item.code}: body_es does not read as Spanish (${es} vs ${en})`);
      const enInEn = item.body_en.match(englishWords)?.length ?? 0;
      const esInEn = item.body_en.match(spanishWords)?.length ?? 0;
      if (enInEn <= esInEn) problems.push(`${item.code}: body_en does not read as English`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every topic of the taxonomy at least three items", async () => {
    const topics = await database.db.selectFrom("training_topic").select(["code", "name_en", "name_es"]).execute();
    expect(topics.map((topic) => topic.code)).toEqual(expect.arrayContaining(taxonomy));
    for (const topic of topics) {
      expect(topic.name_en.length, topic.code).toBeGreaterThan(2);
      expect(topic.name_es.length, topic.code).toBeGreaterThan(2);
    }
    const counts = await database.db
      .selectFrom("training_topic")
      .leftJoin("training_item", "training_item.topic_code", "training_topic.code")
      .select(["training_topic.code", sql<number>`count(training_item.id)::int`.as("items")])
      .groupBy("training_topic.code")
      .execute();
    const thin = counts.filter((row) => Number(row.items) < 3).map((row) => `${row.code}: ${row.items}`);
    console.log(
      `items per topic: ${counts
        .map((row) => `${row.code} ${row.items}`)
        .sort()
        .join(", ")}`,
    );
    expect(thin).toEqual([]);
  });

  it("says how long every video, podcast, webinar and course lasts, and links no video to an invented page", async () => {
    const others = (await items()).filter((item) => item.format !== "tip_sheet");
    for (const item of others) {
      // The length opens the text (not the title, where "3 hours" would answer "my 3 year old …").
      expect(item.body_en, item.code).toMatch(/^Length: \d+ (minutes|hours)\.\n/);
      expect(item.body_es, item.code).toMatch(/^Duración: \d+ (minutos|horas)\.\n/);
      expect(Number(item.credit_hours), item.code).toBeGreaterThan(0);
      if (item.format === "video" || item.format === "podcast") {
        // A recorded item names where to find it; the only addresses allowed are ones the research recorded.
        const urls = (item.body_en.match(/https:\/\/[^\s,)]+/g) ?? []).map((url) => url.replace(/\.$/, ""));
        expect(urls.length, item.code).toBeGreaterThan(0);
        for (const url of urls) expect(knownRecordingPages, item.code).toContain(url);
      } else {
        // Sessions are the site's own: the outline says the site adds the dates and registration.
        expect(item.body_en, item.code).toMatch(/Your QPI coordinator adds the date/);
      }
    }
  });

  it("gives every item a sensible age range and credit", async () => {
    for (const item of await items()) {
      expect(item.age_min, item.code).toBeLessThanOrEqual(item.age_max);
      expect(Number(item.credit_hours), item.code).toBeLessThanOrEqual(3);
    }
  });
});

describe("search over the new topics", () => {
  it(`finds the new items from caregivers' questions (${catalogueQuestions.length} questions, top 5, ≥ 90 %)`, async () => {
    expect(catalogueQuestions.length).toBeGreaterThanOrEqual(40);
    const misses: string[] = [];
    for (const { q, expect: code } of catalogueQuestions) {
      const response = await app.inject({
        method: "GET",
        url: `/api/training/search?q=${encodeURIComponent(q)}`,
        headers: caregiver.headers(),
      });
      expect(response.statusCode, response.body).toBe(200);
      const top = (response.json().results as { code: string }[]).slice(0, 5).map((r) => r.code);
      if (!top.includes(code)) misses.push(`${q} → ${top.join(", ")} (wanted ${code})`);
    }
    const hitRate = (catalogueQuestions.length - misses.length) / catalogueQuestions.length;
    console.log(
      `new-topic search hit rate: ${(hitRate * 100).toFixed(1)} % (${misses.length} misses)\n${misses.join("\n")}`,
    );
    expect(hitRate).toBeGreaterThanOrEqual(0.9);
  });
});

describe("credit by format", () => {
  const attest = (code: string) =>
    app.inject({
      method: "POST",
      url: `/api/training/items/${code}/attest`,
      headers: caregiver.headers(),
      payload: { attested: true },
    });
  const completions = async () =>
    Number(
      (
        await database.db
          .selectFrom("training_completion")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("refuses a caregiver's own word for a webinar or a classroom course, storing nothing", async () => {
    const before = await completions();
    for (const code of ["CO-RPP-CLASSROOM", "WB-TRM-TRAUMA-INFORMED"]) {
      const response = await attest(code);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.body).toMatch(/staff mark your attendance/);
    }
    // The same refusal in the caregiver's Spanish (the signed-in actor's language decides; the catalogue holds both).
    expect(esMessages["training.attendance_only"]).toMatch(/el personal registra su asistencia/);
    const course = await attest("CO-ATT-FOUNDATIONS");
    expect(course.json().error.fields).toEqual([
      expect.objectContaining({ field: "itemCode", message: expect.stringMatching(/staff mark your attendance/) }),
    ]);
    expect(await completions()).toBe(before);
  });

  it("counts a watched video and a read tip sheet of the new catalogue at their credit hours", async () => {
    const before = (
      await app.inject({ method: "GET", url: "/api/training/progress", headers: caregiver.headers() })
    ).json().earnedHours as number;
    const video = await attest("VI-CC-ICEBREAKER-AECF");
    expect(video.statusCode, video.body).toBe(200);
    expect(video.json().earnedHours).toBeCloseTo(before + 0.25, 5);
    const tipSheet = await attest("TS-RPP-HOW-TO-DECIDE");
    expect(tipSheet.statusCode, tipSheet.body).toBe(200);
    expect(tipSheet.json().earnedHours).toBeCloseTo(before + 1.25, 5);
  });
});

// Recording pages the project's research found and cited (the Annie E. Casey Foundation's icebreaker toolkit).
const knownRecordingPages = [
  "https://aecf.org/blog/resources-for-holding-icebreaker-meetings-between-birth-and-foster-parents",
];
