import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { emailOfPerson, personOf, siteOf } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// The partnership plan of a placement: the caregiver and a case-management representative each sign the exact
// version they were shown; a newer version never alters a signed plan; nobody else reaches it.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CAREGIVER = "caregiver@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function as(email: string) {
  if (!sessions.has(email)) sessions.set(email, await signIn(app, email));
  return sessions.get(email)!;
}
const get = async (email: string, url: string) =>
  app.inject({ method: "GET", url, headers: (await as(email)).headers() });
const post = async (email: string, url: string, payload: object, lang = "en") =>
  app.inject({ method: "POST", url, payload, headers: (await as(email)).headers({ "accept-language": lang }) });

/** The demo caregiver's child placed with them now, and that child's caseworker. */
function caregiversChild() {
  const home = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
  const placement = world.placements.find((p) => p.household_id === home && p.end_date == null)!;
  const worker = world.teamMembers.find(
    (m) => m.child_id === placement.child_id && m.role === "caseworker" && m.ends_on == null,
  )!.person_id;
  return { childId: placement.child_id, placementId: placement.id, caseworker: emailOfPerson(world, worker) };
}

const signatures = (placementId: string) =>
  database.db.selectFrom("partnership_signature").selectAll().where("placement_id", "=", placementId).execute();

describe("the partnership plan signed at a placement", () => {
  it("is shown to the caregiver and the caseworker, in Spanish too, and signed by each on the version shown", async () => {
    const { childId, placementId, caseworker } = caregiversChild();
    const url = `/api/children/${childId}/partnership-plan`;
    const forCaregiver = (await get(CAREGIVER, url)).json();
    expect(forCaregiver.placementId).toBe(placementId);
    expect(forCaregiver.template.layer).toBe("site");
    expect(forCaregiver.template.commitments.length).toBeGreaterThan(5);
    expect(forCaregiver.maySignAs).toBe("caregiver");
    // Both languages side by side, the page shows the reader's.
    expect(forCaregiver.template.title.es).toMatch(/Plan de colaboración/);
    expect(forCaregiver.template.commitments.every((c: { es: string | null }) => c.es)).toBe(true);
    expect(forCaregiver.template.translationMissing).toBe(false);
    expect((await get(caseworker, url)).json().maySignAs).toBe("agency");

    // Bad input stores nothing: no agreement, a name too short.
    const refused = await post(CAREGIVER, `${url}/signatures`, {
      templateId: forCaregiver.template.id,
      typedName: "A",
      agree: false,
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["agree", "typedName"]);
    expect(await signatures(placementId)).toEqual([]);

    const signed = await post(CAREGIVER, `${url}/signatures`, {
      templateId: forCaregiver.template.id,
      typedName: "Pat Caregiver",
      agree: true,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ party: "caregiver", textSha256: forCaregiver.template.textSha256 });
    const again = await post(CAREGIVER, `${url}/signatures`, {
      templateId: forCaregiver.template.id,
      typedName: "Pat Caregiver",
      agree: true,
    });
    expect(again.statusCode).toBe(409);
    const byWorker = await post(caseworker, `${url}/signatures`, {
      templateId: forCaregiver.template.id,
      typedName: "Case Worker",
      agree: true,
    });
    expect(byWorker.statusCode, byWorker.body).toBe(201);
    const plan = (await get(caseworker, url)).json();
    expect(plan.signatures.map((s: { party: string; matches: boolean }) => [s.party, s.matches])).toEqual([
      ["caregiver", true],
      ["agency", true],
    ]);
    expect(plan.maySignAs).toBeNull();
    // Both reads and both signatures are in the audit log.
    const audited = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "partnership.sign")
      .where("entity_id", "=", placementId)
      .execute();
    expect(audited).toHaveLength(2);
  });

  it("a newer version never alters a signed plan; signing a superseded version is refused and nothing stored", async () => {
    const { childId, placementId, caseworker } = caregiversChild();
    const url = `/api/children/${childId}/partnership-plan`;
    const before = (await get(caseworker, url)).json();
    const site = siteOf(world, "CA-FRESNO");
    const old = await database.db
      .selectFrom("partnership_template")
      .selectAll()
      .where("id", "=", before.template.id)
      .executeTakeFirstOrThrow();
    // A version is never changed in place…
    await expect(
      database.db.updateTable("partnership_template").set({ title_en: "Changed" }).where("id", "=", old.id).execute(),
    ).rejects.toThrow();
    // …a new one is written, in force from today.
    await database.db
      .insertInto("partnership_template")
      .values({
        state_code: old.state_code,
        site_id: site.id,
        version: 2,
        effective_from: "2026-01-01",
        title_en: "Fresno County partnership plan, second edition",
        title_es: null,
        commitments: JSON.stringify([{ party: "caregiver", en: "A new commitment.", es: null }]),
        source_note: "Test version",
      })
      .execute();
    const after = (await get(caseworker, url)).json();
    expect(after.template.id).toBe(before.template.id);
    expect(after.template.textSha256).toBe(before.template.textSha256);
    expect(after.signatures.every((s: { matches: boolean }) => s.matches)).toBe(true);

    // Another child of the site, placed with nobody's signature: version 2 is the plan, Spanish is missing.
    const other = world.placements.find(
      (p) => p.household_id !== null && p.end_date == null && p.site_id === site.id && p.id !== placementId,
    )!;
    const otherWorker = emailOfPerson(
      world,
      world.teamMembers.find((m) => m.child_id === other.child_id && m.role === "caseworker" && m.ends_on == null)!
        .person_id,
    );
    const otherUrl = `/api/children/${other.child_id}/partnership-plan`;
    const fresh = (await get(otherWorker, otherUrl)).json();
    expect(fresh.template.version).toBe(2);
    expect(fresh.template.translationMissing).toBe(true);
    const stale = await post(otherWorker, `${otherUrl}/signatures`, {
      templateId: before.template.id,
      typedName: "Case Worker",
      agree: true,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/version 2/);
    expect(await signatures(other.id)).toEqual([]);
  });

  it("is out of reach (404) for a caregiver of another home and for staff of another site", async () => {
    const { childId } = caregiversChild();
    const url = `/api/children/${childId}/partnership-plan`;
    // The demo caregiver, asking for a child placed in another home of the same site.
    const home = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
    const elsewhere = world.placements.find(
      (p) =>
        p.end_date == null &&
        p.household_id !== null &&
        p.household_id !== home &&
        p.site_id === siteOf(world, "CA-FRESNO").id,
    )!;
    const theirs = `/api/children/${elsewhere.child_id}/partnership-plan`;
    expect((await get(CAREGIVER, theirs)).statusCode).toBe(404);
    expect(
      (
        await post(CAREGIVER, `${theirs}/signatures`, {
          templateId: crypto.randomUUID(),
          typedName: "X Y",
          agree: true,
        })
      ).statusCode,
    ).toBe(404);
    const floridaWorker = "caseworker@fl-c13.demo.qpi.example";
    expect((await get(floridaWorker, url)).statusCode).toBe(404);
    expect(
      (
        await post(floridaWorker, `${url}/signatures`, {
          templateId: crypto.randomUUID(),
          typedName: "X Y",
          agree: true,
        })
      ).statusCode,
    ).toBe(404);
  });
});
