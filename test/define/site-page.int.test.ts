import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// A site's public page: anyone reads the adopted brand statement and promises without signing in; a draft never
// shows; an adopted version is never changed; a missing Spanish version is null, never filled in.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const page = (code: string) => app.inject({ method: "GET", url: `/api/public/sites/${code}/page` });
const siteId = (code: string) => world.sites.find((s) => s.code === code)!.id;

describe("a site's public page", () => {
  it("shows the latest adopted brand statement and promises without a session, never the draft", async () => {
    const res = await page("ca-fresno");
    expect(res.statusCode).toBe(200);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const body = res.json();
    expect(body.siteCode).toBe("CA-FRESNO");
    expect(body.siteName).toBe(world.sites.find((s) => s.code === "CA-FRESNO")!.name);
    // Version 3 is Fresno's draft: the public sees version 2.
    expect(body.brandStatement.version).toBe(2);
    expect(body.brandStatement.en).toMatch(/Children do best with families/);
    expect(body.brandStatement.en).not.toMatch(/Draft/);
    expect(body.brandStatement.es).toMatch(/familia/);
    expect(body.brandStatement.participants).toMatch(/focus group/);
    expect(body.caregiverPromises.version).toBe(1);
    expect(body.inquiryPath).toBe("/join/CA-FRESNO");
    // Nothing about a person or a child is on the public page.
    expect(Object.keys(body).sort()).toEqual(
      ["brandStatement", "caregiverPromises", "inquiryPath", "siteCode", "siteName"].sort(),
    );
  });

  it("says a Spanish version is missing rather than filling it in", async () => {
    const body = (await page("MN-HENNEPIN")).json();
    expect(body.caregiverPromises.es).toBeNull();
    expect(body.caregiverPromises.en).toMatch(/one working day/);
    expect(body.brandStatement.es).not.toBeNull();
  });

  it("answers 404 for a site that does not exist, and 400 for a malformed code", async () => {
    expect((await page("XX-NOWHERE")).statusCode).toBe(404);
    expect((await page("x")).statusCode).toBe(400);
  });

  it("keeps the earlier versions, and an adopted version can never be changed or removed", async () => {
    const fresno = siteId("CA-FRESNO");
    const versions = await database.db
      .selectFrom("site_statement")
      .select(["version", "adopted_on"])
      .where("site_id", "=", fresno)
      .where("kind", "=", "brand_statement")
      .orderBy("version")
      .execute();
    expect(versions.map((v) => [v.version, v.adopted_on !== null])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    await expect(
      database.db
        .updateTable("site_statement")
        .set({ body_en: "Rewritten" })
        .where("site_id", "=", fresno)
        .where("version", "=", 2)
        .execute(),
    ).rejects.toThrow(/never changed/);
    await expect(
      database.db.deleteFrom("site_statement").where("site_id", "=", fresno).where("version", "=", 1).execute(),
    ).rejects.toThrow(/never changed/);
    // A draft may still be reworded before it is adopted.
    await database.db
      .updateTable("site_statement")
      .set({ body_en: "Draft: reworded by the steering committee." })
      .where("site_id", "=", fresno)
      .where("version", "=", 3)
      .execute();
    expect((await page("CA-FRESNO")).json().brandStatement.version).toBe(2);
  });

  it("refuses an adopted version without who took part", async () => {
    await expect(
      database.db
        .insertInto("site_statement")
        .values({
          site_id: siteId("FL-C13"),
          kind: "brand_statement",
          version: 9,
          body_en: "No one took part",
          adopted_on: "2026-01-01",
          participants: null,
        })
        .execute(),
    ).rejects.toThrow();
  });
});
