import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, personOf, siteOf, todayAt } from "./practice-fixtures.js";

// The child's record tells the page what this actor may do on it, from their
// permissions and their reach to this child: a caseworker who reads a child
// only through a share holds child:write for their own caseload, yet is not
// offered "Record a placement change" here, because the server would refuse it.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let owner: SignedIn;
let reader: SignedIn;
let readerEmail: string;

const CW = "caseworker@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  const site = siteOf(world, "CA-FRESNO");
  readerEmail = world.users.find(
    (u) =>
      u.email !== CW &&
      world.roleGrants.some((g) => g.user_id === u.id && g.role_code === "caseworker" && g.site_id === site.id),
  )!.email;
  owner = await signIn(app, CW);
  reader = await signIn(app, readerEmail);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("abilities on a child's record", () => {
  it("offer the owner caseworker the team's actions and a share-only reader none", async () => {
    const site = siteOf(world, "CA-FRESNO");
    const child = await mintChild(database.db, {
      siteId: site.id,
      caseworkerPersonId: personOf(world, CW),
      householdId: familyHome(world, "CA-FRESNO").id,
    });
    const shared = await app.inject({
      method: "POST",
      url: `/api/children/${child.id}/shares`,
      headers: owner.headers(),
      payload: {
        email: readerEmail,
        reason: "Covering a visit",
        endsOn: addCalendarDays(todayAt(world, "CA-FRESNO"), 7),
      },
    });
    expect(shared.statusCode, shared.body).toBe(201);

    const ownerView = await app.inject({ method: "GET", url: `/api/children/${child.id}`, headers: owner.headers() });
    expect(ownerView.statusCode).toBe(200);
    expect(ownerView.json().abilities).toEqual({
      readTasks: true,
      completeTasks: true,
      recordPlacementChange: true,
      editRecord: true,
      manageTeam: true,
      readHearings: true,
      recordHearing: true,
      acknowledgeCourtReport: true,
      submitCourtReport: false,
      share: true,
      readAccessLog: false,
    });

    const readerView = await app.inject({ method: "GET", url: `/api/children/${child.id}`, headers: reader.headers() });
    expect(readerView.statusCode).toBe(200);
    const abilities = readerView.json().abilities as Record<string, boolean>;
    expect(Object.values(abilities).every((can) => can === false)).toBe(true);
    expect(Object.keys(abilities)).toEqual(Object.keys(ownerView.json().abilities));

    // What the page no longer offers is what the server refuses: a move answers 404 to the reader.
    const move = await app.inject({
      method: "POST",
      url: `/api/children/${child.id}/placements`,
      headers: reader.headers(),
      payload: {
        householdId: familyHome(world, "CA-FRESNO").id,
        setting: "nonrelative_family_home",
        startDate: todayAt(world, "CA-FRESNO"),
        changeKind: "emergency",
        requestedBy: "caregiver",
        reason: "caregiver_requested_removal",
      },
    });
    expect(move.statusCode).toBe(404);
    expect(
      (await app.inject({ method: "GET", url: `/api/children/${child.id}/tasks`, headers: reader.headers() }))
        .statusCode,
    ).toBe(404);
  });
});
