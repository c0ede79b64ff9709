import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, siteOf, todayAt } from "./practice-fixtures.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let author: SignedIn;
let colleague: SignedIn;
let colleagueId: string;
let siteId: string;

const CW = "caseworker@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  author = await signIn(app, CW);
  siteId = siteOf(world, "CA-FRESNO").id;
  const authorId = world.users.find((u) => u.email === CW)!.id;
  const other = world.roleGrants.find(
    (g) => g.role_code === "caseworker" && g.site_id === siteId && g.user_id !== authorId,
  )!;
  colleagueId = other.user_id;
  colleague = await signIn(app, world.users.find((u) => u.id === colleagueId)!.email);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const send = (who: SignedIn, method: "POST" | "PUT" | "GET", url: string, payload?: unknown) =>
  app.inject({ method, url, headers: who.headers(), ...(payload ? { payload: payload as object } : {}) });

/** A draft with the child and removal typed, at the placement step. */
async function halfTypedDraft() {
  const removalDate = addCalendarDays(todayAt(world, "CA-FRESNO"), -3);
  const draft = (await send(author, "POST", "/api/intake/drafts", { siteId })).json();
  const answers = {
    child: {
      caseNumber: `HO-${Math.random().toString(36).slice(2, 9)}`,
      givenName: "Tomas",
      familyName: "Handed",
      birthDate: "2014-07-01",
      sex: "male",
      languages: ["es"],
    },
    removal: { removalDate, removalReason: "neglect", legalAuthority: "court_ordered" },
  };
  const saved = await send(author, "PUT", `/api/intake/drafts/${draft.id}`, {
    step: "placement",
    answers,
    version: draft.version,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return { ...(saved.json() as { id: string; version: number }), removalDate, answers };
}

describe("handing an intake draft to another worker", () => {
  it("offers the site's workers who record intakes, never the author or anyone else", async () => {
    const draft = await halfTypedDraft();
    const view = (await send(author, "GET", `/api/intake/drafts/${draft.id}`)).json();
    const offered = view.handoverTo.map((w: { userId: string }) => w.userId) as string[];
    expect(offered).toContain(colleagueId);
    expect(offered).not.toContain(world.users.find((u) => u.email === CW)!.id);
    // Everyone offered holds a role granting child:write at the draft's site (the permission rows decide).
    const writers = await database.db
      .selectFrom("role_grant as g")
      .innerJoin("role_permission as rp", "rp.role_code", "g.role_code")
      .select("g.user_id")
      .where("g.site_id", "=", siteId)
      .where("rp.permission_code", "=", "child:write")
      .execute();
    const allowed = new Set(writers.map((w) => w.user_id));
    for (const id of offered) expect(allowed.has(id), id).toBe(true);
  });

  it("refuses a recipient who is not a worker of the site, and a stale version; the draft stays the author's", async () => {
    const draft = await halfTypedDraft();
    const elsewhere = world.roleGrants.find((g) => g.role_code === "caseworker" && g.site_id !== siteId)!;
    const wrong = await send(author, "POST", `/api/intake/drafts/${draft.id}/handover`, {
      toUserId: elsewhere.user_id,
      version: draft.version,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      { field: "toUserId", message: "Hand to: Choose a worker of this site who records intakes." },
    ]);
    const stale = await send(author, "POST", `/api/intake/drafts/${draft.id}/handover`, {
      toUserId: colleagueId,
      version: draft.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await send(author, "GET", `/api/intake/drafts/${draft.id}`)).statusCode).toBe(200);
    expect((await send(colleague, "GET", `/api/intake/drafts/${draft.id}`)).statusCode).toBe(404);
  });

  it("moves the draft to the colleague, who finishes it; the author no longer sees it; audited", async () => {
    const draft = await halfTypedDraft();
    // The colleague cannot hand the author's draft (it is not theirs: 404).
    const notTheirs = await send(colleague, "POST", `/api/intake/drafts/${draft.id}/handover`, {
      toUserId: colleagueId,
      version: draft.version,
    });
    expect(notTheirs.statusCode).toBe(404);

    const handed = await send(author, "POST", `/api/intake/drafts/${draft.id}/handover`, {
      toUserId: colleagueId,
      version: draft.version,
      note: "Going off shift",
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ id: draft.id, heldBy: { userId: colleagueId } });

    expect((await send(author, "GET", `/api/intake/drafts/${draft.id}`)).statusCode).toBe(404);
    const authorList = (await send(author, "GET", "/api/intake/drafts")).json();
    expect(authorList.drafts.map((d: { id: string }) => d.id)).not.toContain(draft.id);
    const theirList = (await send(colleague, "GET", "/api/intake/drafts")).json();
    expect(theirList.drafts.map((d: { id: string }) => d.id)).toContain(draft.id);

    // The colleague carries on from the step it was at, with every answer typed so far.
    const read = (await send(colleague, "GET", `/api/intake/drafts/${draft.id}`)).json();
    expect(read.step).toBe("placement");
    expect(read.answers).toEqual(draft.answers);
    const answers = {
      ...draft.answers,
      placement: {
        householdId: familyHome(world, "CA-FRESNO").id,
        setting: "nonrelative_family_home",
        startDate: draft.removalDate,
      },
    };
    const saved = await send(colleague, "PUT", `/api/intake/drafts/${draft.id}`, {
      step: "review",
      answers,
      version: read.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const done = await send(colleague, "POST", `/api/intake/drafts/${draft.id}/finish`);
    expect(done.statusCode, done.body).toBe(201);

    const audit = await database.db
      .selectFrom("audit_event")
      .select(["actor_user_id", "purpose", "site_id"])
      .where("action", "=", "intake.draft.handover")
      .where("entity_id", "=", draft.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_user_id: world.users.find((u) => u.email === CW)!.id,
        purpose: `handed to ${colleagueId}: Going off shift`,
        site_id: siteId,
      },
    ]);
    const row = await database.db
      .selectFrom("intake_draft")
      .select(["created_by", "held_by", "completed_at"])
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    expect(row.created_by).toBe(world.users.find((u) => u.email === CW)!.id);
    expect(row.held_by).toBe(colleagueId);
    expect(row.completed_at).not.toBeNull();
  });
});
