import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

let database: TestDatabase;
let app: App;
const signed: Record<string, SignedIn> = {};
const CA = "caseworker@demo.qpi.example";
const MN = "caseworker@mn-hennepin.demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [CA, MN]) signed[email] = await signIn(app, email);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Rule = {
  practice: string;
  layer: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  effectiveNote: string | null;
  effectiveNoteEs: string | null;
  sourceNote: string;
};
const rulesOf = async (email: string, state: string) =>
  (await app.inject({ method: "GET", url: `/api/rules?state=${state}`, headers: signed[email].headers() })).json()
    .rules as Rule[];

describe("rule layers and honest effective dates", () => {
  it("stores no placeholder dates: an unknown start date is null and says so in both languages", async () => {
    const placeholders = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM practice_rule WHERE effective_from = '2000-01-01'`.execute(database.db);
    expect(placeholders.rows[0].n).toBe(0);
    const unknown = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM practice_rule WHERE effective_from IS NULL AND effective_note IS NULL`.execute(
      database.db,
    );
    expect(unknown.rows[0].n).toBe(0);
    const ca = await rulesOf(CA, "CA");
    const before2019 = ca.find((r) => r.practice === "planned_move_notice" && r.effectiveTo === "2018-12-31");
    expect(before2019?.effectiveFrom).toBeNull();
    expect(before2019?.effectiveNote).toMatch(/not established/);
    expect(before2019?.effectiveNoteEs).toMatch(/no establecida/);
  });

  it("refuses a rule with neither a start date nor a note saying it is not established", async () => {
    await expect(
      sql`INSERT INTO practice_rule (state_code, practice, trigger, due_amount, due_unit, effective_from, source_url, source_note)
          VALUES ('CA', 'medication_handover', 'initial_placement', 2, 'days', NULL, 'https://example.org/x', 'No date, no note')`.execute(
        database.db,
      ),
    ).rejects.toThrow();
  });

  it("labels the demo county's own settings as site settings, state law as state, guidance as guidance", async () => {
    const ca = await rulesOf(CA, "CA");
    const layerOf = (rules: Rule[], practice: string) => [
      ...new Set(rules.filter((r) => r.practice === practice).map((r) => r.layer)),
    ];
    for (const practice of ["comfort_call", "icebreaker", "hearing_caregiver_notice", "caregiver_court_report"])
      expect(layerOf(ca, practice)).toEqual(["site"]);
    expect(layerOf(ca, "planned_move_notice")).toEqual(["state"]);
    const mn = await rulesOf(MN, "MN");
    expect(layerOf(mn, "sibling_visit")).toEqual(["guidance"]);
    expect(layerOf(mn, "comfort_call")).toEqual(["state"]);
    // Minnesota's 30-day rule is the out-of-home placement plan of Minn. Stat. 260C.212.
    const plan = mn.find((r) => r.practice === "health_education_summary");
    expect(plan?.sourceNote).toMatch(/^Out-of-home placement plan \(Minn\. Stat\. 260C\.212\)/);
  });
});
