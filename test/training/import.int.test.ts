import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { fieldMessage } from "../../server/platform/i18n/locale.js";
import { siteOf } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// A site's own library from CSV: the coordinator uploads a file, every row is checked (a bad row names the row and
// the column by its label, and nothing is imported), previews the good file, imports it, and caregivers find it.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let coordinator: SignedIn;
let caregiver: SignedIn;
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  coordinator = await signIn(app, "coordinator@demo.qpi.example");
  caregiver = await signIn(app, "caregiver@demo.qpi.example");
}, 240_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (who: SignedIn, url: string, csv: string) =>
  app.inject({
    method: "POST",
    url,
    headers: who.headers(),
    payload: { siteId: siteOf(world, "CA-FRESNO").id, csv },
  });
const items = async () =>
  Number(
    (
      await database.db
        .selectFrom("training_item")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("training CSV import", () => {
  it("a file with a bad row: each problem names the row and the column by its label; nothing is imported", async () => {
    const before = await items();
    for (const url of ["/api/training/import/preview", "/api/training/import"]) {
      const response = await post(coordinator, url, fixture("site-library-bad-row.csv"));
      expect(response.statusCode, response.body).toBe(400);
      const messages = (response.json().error.fields as { message: string }[]).map((f) => f.message);
      expect(messages).toContain("Row 4: Oldest age must not be below the youngest age.");
      expect(messages).toContain("Row 4: Credit hours must be a number from 0 to 40.");
      expect(messages.length).toBe(2);
    }
    const spanish = fieldMessage("es", {
      field: "csv.credit_hours",
      messageKey: "training.csv.hours",
      params: { row: 4 },
    });
    expect(spanish).toBe("Fila 4: Horas de crédito debe ser un número de 0 a 40.");
    expect(await items()).toBe(before);
  });

  it("a good file: preview, import every row into the site's library, then a caregiver there finds it", async () => {
    const preview = await post(coordinator, "/api/training/import/preview", fixture("site-library.csv"));
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().items.map((i: { code: string; row: number }) => [i.code, i.row])).toEqual([
      ["FRESNO-CAR-SEATS", 2],
      ["FRESNO-LIBRARY-CARD", 3],
    ]);
    const before = await items();
    const imported = await post(coordinator, "/api/training/import", fixture("site-library.csv"));
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().imported).toBe(2);
    expect(await items()).toBe(before + 2);
    const stored = await database.db
      .selectFrom("training_item")
      .select(["site_id", "body_en"])
      .where("code", "=", "FRESNO-CAR-SEATS")
      .executeTakeFirstOrThrow();
    expect(stored.site_id).toBe(siteOf(world, "CA-FRESNO").id);
    expect(stored.body_en.split("\n")).toHaveLength(3);
    const audit = await database.db.selectFrom("audit_event").select("action").where("action", "=", "training.import");
    expect((await audit.execute()).length).toBe(1);

    const found = await app.inject({
      method: "GET",
      url: `/api/training/search?q=${encodeURIComponent("car seat for the baby")}`,
      headers: caregiver.headers(),
    });
    expect(found.json().results.map((r: { code: string }) => r.code)).toContain("FRESNO-CAR-SEATS");

    const again = await post(coordinator, "/api/training/import", fixture("site-library.csv"));
    expect(again.statusCode).toBe(400);
    expect(again.body).toMatch(/Row 2: Code FRESNO-CAR-SEATS is already in the library/);
  });

  it("a caregiver may not import (403)", async () => {
    expect((await post(caregiver, "/api/training/import", fixture("site-library.csv"))).statusCode).toBe(403);
  });
});
