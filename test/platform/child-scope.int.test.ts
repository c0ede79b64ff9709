import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, HeldScope } from "../../server/platform/access/actor.js";
import { childScope } from "../../server/platform/access/child-scope.js";
import { type ActorFacts, loadActorFacts, loadStaffAndHomes, type MintSpec, mintChild } from "../authz/world.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// childScope, one scope at a time: an actor holding child:read through exactly one scope, and children minted with
// exactly the ties that scope is about (and the near misses it must not reach). A failure names the scope that broke.
let database: TestDatabase;
let actors: ActorFacts[];
let staff: Awaited<ReturnType<typeof loadStaffAndHomes>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  actors = await loadActorFacts(database.db);
  staff = await loadStaffAndHomes(database.db);
}, 180_000);
afterAll(async () => {
  await database?.close();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const factsOf = (role: ActorFacts["role"]) => actors.find((a) => a.role === role)!;

/** An actor holding child:read through `scope` only (at the facts' site and unit), with `roles` granted there. */
function actorWith(facts: ActorFacts, scope: HeldScope, roles: string[] = [facts.role]): Actor {
  return {
    kind: "user",
    userId: facts.userId,
    personId: facts.personId,
    displayName: facts.email,
    email: facts.email,
    locale: "en",
    grants: roles.map((role) => ({ role, siteId: facts.siteId, unitId: facts.unitId })),
    permissions: [{ permission: "child:read", scope, siteId: facts.siteId, unitId: facts.unitId }],
    // The site's day is the day these tests count from (day(0)); site-day.int.test.ts covers the zones.
    siteDays: { [facts.siteId]: day(0) },
    ip: null,
    requestId: null,
  };
}

/** A child in care at `siteId` (default: the actor's) whose caseworker is someone other than the actor. */
async function mint(facts: ActorFacts, spec: Partial<MintSpec> = {}) {
  const siteId = spec.siteId ?? facts.siteId;
  const worker = staff.workers.find((w) => w.site_id === siteId && w.person_id !== facts.personId)!;
  const home = staff.homes.find((h) => h.site_id === siteId && !facts.households.has(h.id))!;
  return mintChild(database.db, { siteId, caseworkerPersonId: worker.person_id, householdId: home.id, ...spec });
}

/** Which of `children` the actor reaches with child:read, by the name given to each. */
async function reached(actor: Actor, children: Record<string, { id: string }>): Promise<string[]> {
  const ids = Object.values(children).map((c) => c.id);
  const rows = await database.db
    .selectFrom("child")
    .select("child.id")
    .where(childScope(actor, "child:read"))
    .where("child.id", "in", ids)
    .execute();
  const hit = new Set(rows.map((r) => r.id));
  return Object.entries(children)
    .filter(([, c]) => hit.has(c.id))
    .map(([name]) => name)
    .sort();
}

const otherSiteOf = (facts: ActorFacts) => staff.workers.find((w) => w.site_id !== facts.siteId)!.site_id;

describe("childScope", () => {
  it("site: every child of the grant's site, none of another", async () => {
    const facts = factsOf("qpi_coordinator");
    const children = { atSite: await mint(facts), otherSite: await mint(facts, { siteId: otherSiteOf(facts) }) };
    expect(await reached(actorWith(facts, "site"), children)).toEqual(["atSite"]);
  });

  it("unit: children whose current caseworker works in the grant's unit", async () => {
    const facts = factsOf("supervisor");
    const inUnit = staff.workers.find((w) => w.site_id === facts.siteId && w.unit_id === facts.unitId)!;
    const otherUnit = staff.workers.find((w) => w.site_id === facts.siteId && w.unit_id !== facts.unitId)!;
    const children = {
      unitCaseload: await mint(facts, { caseworkerPersonId: inUnit.person_id }),
      otherUnitCaseload: await mint(facts, { caseworkerPersonId: otherUnit.person_id }),
      caseworkerLeft: await mint(facts, { caseworkerPersonId: inUnit.person_id }),
    };
    await database.db
      .updateTable("child_team_member")
      .set({ ends_on: day(-1) })
      .where("child_id", "=", children.caseworkerLeft.id)
      .execute();
    expect(await reached(actorWith(facts, "unit"), children)).toEqual(["unitCaseload"]);
  });

  it("assigned (own caseload and team): children whose team the actor is on today", async () => {
    const facts = factsOf("caseworker");
    const children = {
      onTeam: await mint(facts, { caseworkerPersonId: facts.personId }),
      notOnTeam: await mint(facts),
      leftYesterday: await mint(facts, { caseworkerPersonId: facts.personId }),
      joinsTomorrow: await mint(facts, { caseworkerPersonId: facts.personId }),
    };
    const membership = (id: string) =>
      database.db.updateTable("child_team_member").where("child_id", "=", id).where("person_id", "=", facts.personId);
    await membership(children.leftYesterday.id)
      .set({ starts_on: day(-30), ends_on: day(-1) })
      .execute();
    await membership(children.joinsTomorrow.id)
      .set({ starts_on: day(1) })
      .execute();
    expect(await reached(actorWith(facts, "assigned"), children)).toEqual(["onTeam"]);
  });

  it("shared: children shared with the actor today, not revoked, not another user's share", async () => {
    const facts = factsOf("rfa_worker");
    const grantor = factsOf("caseworker");
    const children = {
      shared: await mint(facts),
      revoked: await mint(facts),
      expired: await mint(facts),
      notYet: await mint(facts),
      sharedWithSomeoneElse: await mint(facts),
      notShared: await mint(facts),
    };
    const share = (childId: string, changes: Record<string, unknown> = {}) =>
      database.db
        .insertInto("child_share")
        .values({
          child_id: childId,
          site_id: facts.siteId,
          shared_with_user_id: facts.userId,
          reason: "Scope test",
          starts_on: day(-2),
          ends_on: day(2),
          created_by: grantor.userId,
          ...changes,
        })
        .execute();
    await share(children.shared.id);
    await share(children.revoked.id, { revoked_at: sql`now()`, revoked_by: grantor.userId });
    await share(children.expired.id, { starts_on: day(-10), ends_on: day(-1) });
    await share(children.notYet.id, { starts_on: day(1), ends_on: day(5) });
    await share(children.sharedWithSomeoneElse.id, { shared_with_user_id: grantor.userId });
    expect(await reached(actorWith(facts, "shared"), children)).toEqual(["shared"]);
  });

  it("own, youth: the youth's own record only", async () => {
    const facts = factsOf("youth");
    const children = { self: await mint(facts), anotherChild: await mint(facts) };
    const youth = { ...actorWith(facts, "own"), personId: children.self.personId };
    expect(await reached(youth, children)).toEqual(["self"]);
  });

  it(`own, birth parent: their child (as birth parent or legal \
guardian), not a child they are otherwise related to`, async () => {
    const facts = factsOf("birth_parent");
    const children = {
      birthChild: await mint(facts, { parentPersonId: facts.personId }),
      guardianOf: await mint(facts),
      relativeOf: await mint(facts),
      unrelated: await mint(facts),
    };
    await database.db
      .insertInto("child_relation")
      .values([
        { child_id: children.guardianOf.id, person_id: facts.personId, kind: "legal_guardian" },
        { child_id: children.relativeOf.id, person_id: facts.personId, kind: "relative" },
      ])
      .execute();
    expect(await reached(actorWith(facts, "own"), children)).toEqual(["birthChild", "guardianOf"]);
  });

  it("own, caregiver: children placed in their home now; access ends with the placement", async () => {
    const facts = factsOf("caregiver");
    const home = [...facts.households][0];
    const children = {
      placedHere: await mint(facts, { householdId: home }),
      movedOut: await mint(facts, { householdId: home }),
      placedElsewhere: await mint(facts),
    };
    await database.db
      .updateTable("placement")
      .set({ end_date: day(0) })
      .where("child_id", "=", children.movedOut.id)
      .execute();
    expect(await reached(actorWith(facts, "own"), children)).toEqual(["placedHere"]);
  });

  it("own, for a role without a family tie: nothing", async () => {
    const facts = factsOf("caseworker");
    const children = { ownCaseload: await mint(facts, { caseworkerPersonId: facts.personId }) };
    expect(await reached(actorWith(facts, "own"), children)).toEqual([]);
  });

  it("without the permission: nothing, even at the actor's own site", async () => {
    const facts = factsOf("qpi_coordinator");
    const children = { atSite: await mint(facts) };
    const none = { ...actorWith(facts, "site"), permissions: [] };
    expect(await reached(none, children)).toEqual([]);
  });
});
