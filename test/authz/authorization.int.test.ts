import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { callPolicy, expectationOf, mismatch, type SignedInActor, signInActors } from "./calls.js";
import { policyTable, preparePolicyWorld, publicRoutes } from "./policy-table.js";
import { type PolicyTarget, type Relation, type RoutePolicy, relationsFor } from "./policy-types.js";
import {
  type ChildFacts,
  loadActorFacts,
  loadChildFacts,
  loadStaffAndHomes,
  mintChild,
  mintCourtOrder,
  mintDraft,
  mintFamily,
  mintHearing,
  mintPlannedMove,
  mintShare,
  mintSpecFor,
  pickTarget,
} from "./world.js";

// The authorization policy table (test/authz/policies/*.ts, kept apart from the
// code it checks) against the running app: every entry × every role × every
// relation the entry's target kind has, with a real record of the test world
// as the target, expecting the status and the exact top-level fields. Then the
// meta-test: every route the app registers has an entry, and every entry a route.
let database: TestDatabase;
let app: App;
let actors: SignedInActor[];
let spareSessions: SignedInActor[];
let children: ChildFacts[];
let staff: Awaited<ReturnType<typeof loadStaffAndHomes>>;
const registered = new Set<string>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  await preparePolicyWorld(database.db);
  app = await buildTestApp(database.db, database.kind, {
    onRoute: (route) => {
      for (const method of [route.method].flat()) if (method !== "HEAD") registered.add(`${method} ${route.url}`);
    },
  });
  const facts = await loadActorFacts(database.db);
  actors = await signInActors(app, facts);
  spareSessions = await signInActors(app, facts, 11);
  children = await loadChildFacts(database.db);
  staff = await loadStaffAndHomes(database.db);
  // The policy says a birth parent sees no caregiver contact for their own child: make the
  // home of that child one whose caregiver has not consented (consent is tested on its own).
  const parent = actors.find((a) => a.role === "birth_parent")!;
  const ownChild = pickTarget(parent, "own", children);
  if (ownChild?.householdId)
    await database.db
      .updateTable("household")
      .set({ contact_shared_with_birth_parents: false })
      .where("id", "=", ownChild.householdId)
      .execute();
  // Seeding the world and signing in every actor (scrypt) takes about a minute alone, several on a busy machine.
}, 600_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The target of one call: a world record with the relation, or a minted one when the call changes things. */
async function targetFor(
  policy: RoutePolicy,
  actor: SignedInActor,
  relation: Relation,
): Promise<PolicyTarget | string> {
  const otherSite = staff.workers.find((w) => w.site_id !== actor.siteId)!.site_id;
  if (policy.target === "none") {
    // A route about an intake draft gets a real draft of the actor's site by another worker: a draft is its
    // author's alone, so it must answer as one that does not exist.
    if (!policy.route.includes(":draftId")) return { siteId: actor.siteId };
    return { siteId: actor.siteId, draftId: await mintDraft(database.db, actor.siteId, actor.userId) };
  }
  if (policy.target === "site") return { siteId: relation === "other_site" ? otherSite : actor.siteId };
  // The people around the target, when the call links one of them to a new account (an invitation).
  const withFamily = async (
    target: PolicyTarget & { childId: string },
    freshChild: boolean,
    householdId: string | null,
  ): Promise<PolicyTarget> =>
    policy.mintsFamily
      ? {
          ...target,
          people: await mintFamily(
            database.db,
            { id: target.childId, siteId: target.siteId },
            { ownHome: freshChild && !(householdId !== null && actor.households.has(householdId)) },
          ),
        }
      : target;
  if (policy.mutates) {
    const spec = mintSpecFor(actor, relation, children, staff);
    if (spec) {
      const minted = await mintChild(database.db, spec);
      const target: PolicyTarget & { childId: string } = {
        siteId: minted.siteId,
        childId: minted.id,
        episodeId: minted.episodeId,
        teamMemberId: minted.teamMemberId,
      };
      if (policy.route.includes(":shareId")) {
        // Shared with a user of the child's site who is not the caller.
        const sharedWith = await database.db
          .selectFrom("role_grant")
          .select("user_id")
          .where("site_id", "=", minted.siteId)
          .where("user_id", "!=", actor.userId)
          .orderBy("user_id")
          .executeTakeFirstOrThrow();
        target.shareId = await mintShare(database.db, minted, sharedWith.user_id, actor.userId);
      }
      if (policy.route.includes(":hearingId")) {
        const withReport = policy.route.endsWith("/receipt") || policy.route.endsWith("/amendments");
        target.hearingId = await mintHearing(database.db, minted, withReport ? actor.userId : undefined);
      }
      if (policy.route.includes(":orderId")) target.courtOrderId = await mintCourtOrder(database.db, minted);
      if (policy.route.includes("/partnership-plan/"))
        target.templateId = (
          await database.db
            .selectFrom("partnership_template")
            .select("id")
            .where("site_id", "=", minted.siteId)
            .orderBy("version", "desc")
            .executeTakeFirst()
        )?.id;
      if (policy.route.includes(":placementId"))
        target.placementId = await mintPlannedMove(database.db, { ...minted, householdId: spec.householdId ?? null });
      return withFamily(target, true, spec.householdId);
    }
  }
  const child = pickTarget(actor, relation, children);
  if (child) return withFamily({ siteId: child.siteId, childId: child.id }, false, child.householdId);
  const spec = mintSpecFor(actor, relation, children, staff);
  if (!spec) return `no child of the test world has the relation ${relation} to the ${actor.role}`;
  const minted = await mintChild(database.db, spec);
  return withFamily({ siteId: minted.siteId, childId: minted.id }, true, spec.householdId);
}

describe("the authorization policy table holds against the app", () => {
  it("for every route, every role and every relation — and without a session", async () => {
    const failures: string[] = [];
    let calls = 0;
    const anyChild = children.find((c) => c.siteId === actors[0].siteId)!;
    // Reads first; then calls that change things, each on its own target; sign-out last, on spare sessions.
    const ordered = [
      ...policyTable.filter((p) => !p.mutates),
      ...policyTable.filter((p) => p.mutates && !p.endsSession),
      ...policyTable.filter((p) => p.endsSession),
    ];
    for (const policy of ordered) {
      const anonymous = await callPolicy(
        app,
        policy,
        { siteId: anyChild.siteId, childId: anyChild.id },
        { headers: {}, address: "10.9.9.9" },
      );
      calls++;
      const name = policy.variant ? `${policy.route} (${policy.variant})` : policy.route;
      if (anonymous.statusCode !== policy.anonymous)
        failures.push(`${name} anonymous: ${anonymous.statusCode} ≠ ${policy.anonymous}`);
      for (const [i, actor] of actors.entries()) {
        const session = policy.endsSession ? spareSessions[i].session : actor.session;
        for (const relation of relationsFor[policy.target]) {
          const target = await targetFor(policy, actor, relation);
          if (typeof target === "string") {
            failures.push(`${name} ${actor.role}/${relation}: ${target}`);
            continue;
          }
          // Records of the route's own module a child minted for the call lacks (an agreement, a task).
          if (policy.prepareTarget) await policy.prepareTarget(database.db, target);
          const response = await callPolicy(app, policy, target, {
            headers: session.headers(),
            address: actor.address,
          });
          calls++;
          const wrong = mismatch(response, expectationOf(policy, actor.role, relation));
          if (wrong) failures.push(`${name} ${actor.role}/${relation}: ${wrong}   (${policy.file})`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(policyTable.length * actors.length);
  });

  it("every route the app registers has exactly one entry, and every entry names a registered route", () => {
    // A route may have further entries, each naming its variant; (route, variant) is unique.
    const entries = policyTable.filter((p) => p.variant === undefined).map((p) => p.route);
    const keys = policyTable.map((p) => `${p.route} ${p.variant ?? ""}`);
    const duplicated = keys.filter((key, i) => keys.indexOf(key) !== i);
    const variantsWithoutEntry = policyTable
      .filter((p) => p.variant !== undefined && !entries.includes(p.route))
      .map((p) => p.route);
    const withoutEntry = [...registered].filter((route) => !entries.includes(route) && !(route in publicRoutes)).sort();
    const withoutRoute = entries.filter((route) => !registered.has(route)).sort();
    const staleAllowance = Object.keys(publicRoutes).filter((route) => !registered.has(route));
    expect({ withoutEntry, withoutRoute, duplicated, staleAllowance, variantsWithoutEntry }).toEqual({
      withoutEntry: [],
      withoutRoute: [],
      duplicated: [],
      staleAllowance: [],
      variantsWithoutEntry: [],
    });
    expect(registered.size).toBeGreaterThan(30);
  });
});
